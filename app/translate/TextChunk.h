#pragma once

#include <QString>
#include <QVector>

namespace penpal {

// One piece of a document to translate: the range [start, end) of the source text. Chunks
// of one document are in order, touch each other and cover the whole text, so a translation
// is put together as  leading + translated(text) + trailing  for each chunk in turn, and the
// document's blank lines and indentation between chunks survive unchanged.
struct TextChunk {
    int start = 0;
    int end = 0;
    QString leading;  // whitespace before `text` (blank lines between paragraphs)
    QString text;     // what is sent to the model
    QString trailing; // whitespace after `text`
    // A single unit (a code block, or one word/sentence that cannot be cut) larger than the
    // budget: sent whole, because cutting it would change its meaning.
    bool oversized = false;
};

using TextChunks = QVector<TextChunk>;

} // namespace penpal
