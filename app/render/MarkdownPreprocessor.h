#pragma once

#include <QString>
#include <QStringView>

namespace penpal {

// Rewrites one Markdown chunk before md4c sees it, for the two things md4c in Qt 6.4 cannot do:
//
// 1. Math. `$…$`, `$$…$$`, `\(…\)` and `\[…\]` outside code become code spans (inline) or fenced
//    blocks (display) carrying private markers, so their content is never taken for Markdown
//    (`$a_1 * b_2$` must not turn into emphasis). The renderer finds the markers and styles
//    those spans as math instead of code. Currency is left alone: the opening `$` must not be
//    followed by a blank, the closing one not preceded by a blank nor followed by a digit.
// 2. Telling code blocks apart. Every fence's language gets an ordinal tag, because Qt gives
//    two adjacent code blocks with the same language identical block formats.
//
// Pure: the same chunk text always gives the same output.
class MarkdownPreprocessor {
public:
    static constexpr char16_t InlineMathBegin = 0xE000; // first character of a math code span
    static constexpr char16_t InlineMathEnd = 0xE001;   // last character of a math code span
    static constexpr char16_t FenceTag = 0x0002;        // "lang\x02<n>": ordinal of the fence
    static QString mathLanguage() { return QStringLiteral("\x01math"); } // display math fences

    struct Result {
        QString text;
        int inlineMath = 0;
        int displayMath = 0;
        int fences = 0; // fences tagged (display math included)
    };

    static Result process(QStringView chunk);

    // "py\x023" -> "py" (and *ordinal = 3); a language without a tag is returned as is.
    static QString untagLanguage(const QString &tagged, int *ordinal = nullptr);
};

} // namespace penpal
