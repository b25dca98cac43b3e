#pragma once

// Shared by the fuzz targets: a check that stays on where Q_ASSERT is compiled out, and the
// UTF-16 validity the stream decoders promise for their deltas.
#include <QString>

#include <cstdio>
#include <cstdlib>

inline void fuzzCheck(bool condition, const char *subject, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "%s invariant broken: %s\n", subject, what);
        std::abort();
    }
}

// No unpaired surrogate anywhere.
inline bool isValidUtf16(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return false;
    }
    return true;
}
