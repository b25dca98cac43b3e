#pragma once

#include <QString>

namespace penpal {

// A tokenizer-free guess at how many tokens a text costs, good enough for a context limit:
// about four characters per token for alphabetic scripts, one token per CJK character
// (Han, kana, Hangul, CJK punctuation and full-width forms), as BPE vocabularies of the
// common models roughly do. Counts Unicode code points, so an emoji is one character.
class TokenEstimate {
public:
    static int of(const QString &text);
    static bool isCjk(char32_t codePoint);
};

} // namespace penpal
