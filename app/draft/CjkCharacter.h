#pragma once

namespace penpal {

// A character of the scripts the Draft tools treat one character at a time: Han, Hiragana,
// Katakana and Hangul letters, plus the two Common-script marks that belong to them (ー, 々).
// Chinese and Japanese are written without spaces between words, so each such character is a
// word for the counts, a token for the diff, and never spell-checked (Hunspell has no CJK
// dictionaries). Not the search index's rule (SearchTokenizer::isCjk), which must stay as the
// stored index was built.
bool isCjkCharacter(char32_t cp);

} // namespace penpal
