#include "chat/TokenEstimate.h"

#include <limits>

namespace penpal {

bool TokenEstimate::isCjk(char32_t c)
{
    return (c >= 0x1100 && c <= 0x11FF)       // Hangul Jamo
           || (c >= 0x2E80 && c <= 0x2FDF)    // CJK radicals, Kangxi radicals
           || (c >= 0x3000 && c <= 0x30FF)    // CJK symbols and punctuation, Hiragana, Katakana
           || (c >= 0x3100 && c <= 0x31FF)    // Bopomofo, Hangul compatibility Jamo, ...
           || (c >= 0x3400 && c <= 0x4DBF)    // CJK extension A
           || (c >= 0x4E00 && c <= 0x9FFF)    // CJK unified ideographs
           || (c >= 0xAC00 && c <= 0xD7AF)    // Hangul syllables
           || (c >= 0xF900 && c <= 0xFAFF)    // CJK compatibility ideographs
           || (c >= 0xFF00 && c <= 0xFFEF)    // half-width and full-width forms
           || (c >= 0x20000 && c <= 0x3134F); // CJK extensions B to G
}

int TokenEstimate::of(const QString &text)
{
    qint64 cjk = 0;
    qint64 other = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i).unicode(), text.at(i + 1).unicode());
            ++i;
        }
        if (isCjk(c))
            ++cjk;
        else
            ++other;
    }
    const qint64 tokens = cjk + (other + 3) / 4; // ceil(other / 4)
    return int(qMin<qint64>(tokens, std::numeric_limits<int>::max()));
}

} // namespace penpal
