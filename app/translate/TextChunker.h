#pragma once

#include "translate/TextChunk.h"

#include <QString>

namespace penpal {

// Splits a document into chunks that each fit a token budget, for translating long texts in
// parallel. Pure: text in, chunks out.
//
// Boundaries are chosen from the largest unit that fits: whole paragraphs (blocks separated by
// blank lines) are packed together; a paragraph over the budget is cut between sentences
// (QTextBoundaryFinder, so 。！？ end Chinese and Japanese sentences without any space); a
// sentence over the budget between words, or for scripts without spaces between grapheme
// clusters. Fenced code blocks (``` or ~~~) are never cut, not even when larger than the
// budget. Costs are TokenEstimate's.
class TextChunker {
public:
    static TextChunks split(const QString &text, int budgetTokens);

    // The budget for a model with `contextTokens` of context: the request carries the chunk,
    // its neighbouring paragraph as context and instructions, and the answer is about as long
    // as the chunk (longer for some language pairs), so a chunk gets a fraction of it.
    static int budgetForContext(int contextTokens);
};

} // namespace penpal
