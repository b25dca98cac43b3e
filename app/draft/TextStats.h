#pragma once

#include <QString>

namespace penpal {

// Counts for the Draft status line. Pure. A word is a run of letters/digits (apostrophes and
// hyphens inside count as part of it) in spaced scripts; every CJK character (Han, Hiragana,
// Katakana, Hangul syllables) counts as one word. Markdown markup (#, *, `, list markers, link
// targets) is not counted as words.
struct TextStats {
    int words = 0;
    int characters = 0;           // user-perceived characters (grapheme clusters), spaces included
    int charactersNoSpaces = 0;
    int cjkCharacters = 0;        // of `words`, how many are CJK characters
    int readingSeconds = 0;       // ~230 words a minute for spaced scripts, ~400 CJK characters a minute

    static TextStats of(const QString &text);
};

} // namespace penpal
