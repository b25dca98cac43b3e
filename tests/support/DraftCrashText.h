#pragma once

#include <QString>

namespace penpal::test {

// The text the draft autosave crash child saves: the first `length` characters of a fixed,
// mixed-script Markdown text (BMP only, so any cut is a whole character). Parent and child
// build it the same way, so the parent knows what every acknowledged save held.
inline QString draftCrashText(int length)
{
    QString text;
    text.reserve(length + 64);
    for (int line = 0; text.size() < length; ++line)
        text += QStringLiteral("- Zeile %1: Grüße aus dem Entwurf, 草稿自动保存 autosave.\n").arg(line);
    text.truncate(length);
    return text;
}

// How long the child's n-th save (0-based) is.
inline int draftCrashLength(int step)
{
    return 2000 + step * 1500;
}

} // namespace penpal::test
