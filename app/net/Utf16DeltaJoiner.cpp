#include "net/Utf16DeltaJoiner.h"

namespace penpal {

QString Utf16DeltaJoiner::join(qint64 key, QString text)
{
    if (const QChar held = m_held.take(key); !held.isNull())
        text.prepend(held);
    if (!text.isEmpty() && text.back().isHighSurrogate()) {
        m_held.insert(key, text.back());
        text.chop(1);
    }
    replaceLoneSurrogates(text);
    return text;
}

void Utf16DeltaJoiner::replaceLoneSurrogates(QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (text.at(i).isSurrogate())
            text[i] = QChar(QChar::ReplacementCharacter);
    }
}

} // namespace penpal
