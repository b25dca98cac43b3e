#pragma once

namespace penpal {

// The "penpal" FTS5 tokenizer of the search index (schema v8). Text that is not CJK goes to
// SQLite's own unicode61 tokenizer with `remove_diacritics 2` (so words fold case and
// diacritics: "cafe" finds "Café"); every CJK character (Han, Hiragana, Katakana, Hangul,
// Bopomofo; not CJK punctuation) is a token of its own, with its own byte offsets. A CJK
// query then becomes a phrase of adjacent characters, which the index answers for one- and
// two-character queries as well.
//
// Every connection that writes messages or titles needs the tokenizer (the index follows
// them through triggers), so it is registered process-wide for every SQLite connection
// opened after install() - the Store's, an importer's, a test's raw one. Changing what it
// emits changes the index: that takes a migration that rebuilds both FTS tables.
class SearchTokenizer {
public:
    static constexpr const char *kName = "penpal";

    // Idempotent and thread-safe; false (logged) when SQLite refused the auto-extension.
    // Connections opened before the first call do not know the tokenizer.
    static bool install();

    // Whether the code point is a character the tokenizer emits on its own.
    static bool isCjk(unsigned int codePoint);
};

} // namespace penpal
