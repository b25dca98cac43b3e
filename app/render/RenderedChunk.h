#pragma once

#include "SafeTextDocument.h"

#include <QRectF>
#include <QString>
#include <QVector>

#include <memory>

namespace penpal {

// A fenced (or indented) code block of a rendered message.
struct CodeBlockInfo {
    QString language;          // as written after the fence ("py"), empty when none
    QString canonicalLanguage; // "python"; empty when no highlighter knows the language
    QString code;              // exactly the code, lines joined with '\n' (what Copy copies)
    int chunk = -1;            // index of the chunk it is in (RenderedMessage)
    int firstPosition = 0;     // first character (chunk-local in RenderedChunk, global in RenderedMessage)
    int endPosition = 0;       // after the last character
    int firstBlock = 0;        // block numbers in the chunk document
    int lastBlock = 0;
};

// Something drawn behind a chunk's text: the box of a code or math block, a quote bar.
struct ChunkDecoration {
    enum class Kind { CodeBlock, MathBlock, Quote };
    Kind kind = Kind::CodeBlock;
    int firstBlock = 0;
    int lastBlock = 0;
    int codeIndex = -1;      // CodeBlock: index into RenderedChunk::codeBlocks
    int quoteLevel = 0;      // Quote: deepest level in the run
    QRectF rect;             // chunk-local, valid for RenderedChunk::layoutWidth
    QString label;           // CodeBlock: language name drawn in the header
    bool openTop = false;    // the box continues from the chunk above (no header, square top)
    bool openBottom = false; // the box continues into the chunk below
};

// One top-level Markdown chunk rendered into its own small document. Closed chunks are never
// rendered again; their document and layout are reused for every later frame.
struct RenderedChunk {
    QString source; // the chunk's Markdown, exactly as split from the message
    // Link reference definitions from elsewhere in the message appended before parsing (see
    // LinkDefinitions); the chunk is rendered again when they change.
    QString linkSuffix;
    std::unique_ptr<SafeTextDocument> doc;
    QVector<CodeBlockInfo> codeBlocks;
    QVector<ChunkDecoration> decorations;
    bool codeContinuation = false; // starts inside a code block begun in an earlier chunk
    bool codeContinues = false;    // ends inside a code block that the next chunk continues
    int codeEndState = 0;          // highlighter state after the last code line
    int inlineMath = 0;
    int displayMath = 0;
    int images = 0;
    // Outer block margins, collapsed with the neighbouring chunk's like QTextDocumentLayout
    // collapses adjacent blocks' margins (max of the two).
    qreal leadingMargin = 0;
    qreal trailingMargin = 0;

    // Layout cache.
    qreal layoutWidth = -1;
    qreal height = 0;
};

} // namespace penpal
