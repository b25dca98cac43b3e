#pragma once

#include "MarkdownLine.h"

#include <QString>
#include <QVector>

namespace penpal {

// A top-level piece of a Markdown text: text().mid(start, length). Never ends with the newline.
struct MarkdownChunk {
    qsizetype start = 0;
    qsizetype length = 0;
    bool closed = false; // appending text can never change this chunk
    // A long fenced code block at the left margin is cut into pieces of CodePieceLines lines, so
    // that streaming a long file re-renders only its last piece. A piece after the first has no
    // fence line of its own: fenceStart/fenceLength locate the block's opening fence line.
    qsizetype fenceStart = -1;
    qsizetype fenceLength = 0;
    bool codeContinues = false; // the chunk ends inside a code block that the next chunk continues
    bool operator==(const MarkdownChunk &o) const
    {
        return start == o.start && length == o.length && closed == o.closed && fenceStart == o.fenceStart &&
               fenceLength == o.fenceLength && codeContinues == o.codeContinues;
    }
};

// Splits Markdown into top-level chunks at blank lines outside fenced code, incrementally: text
// appended later is scanned once, and chunks already closed never move. Not a Markdown parser —
// the chunks are parsed by Qt's md4c importer — only the boundary scanner that lets a streaming
// reply re-parse its open tail instead of the whole message.
//
// A blank line ends a chunk unless the next non-blank line clearly continues it: an indented
// line (list item content, indented code), a list item when the chunk has list items (a loose
// list stays one list), a '|' row after a table row, a '>' line after a quote line. Joining is
// always safe (the joined text is parsed as one); splitting is what must be right.
//
// Inside a fenced block at the left margin, a new chunk ("piece") starts every CodePieceLines
// lines; such a block can never be inside a list or quote, so pieces render as plain code.
//
// A chunk is closed once the first line after its blank lines is known not to continue it.
// The last chunk is therefore never closed while the text ends there, even after a blank line:
// "- a\n\n" may still become the loose list "- a\n\n- b".
class MarkdownBlockSplitter {
public:
    static constexpr int CodePieceLines = 32;

    // Replaces the text. When `text` starts with the current text only the new part is scanned
    // (returns true); otherwise everything is rescanned (returns false).
    bool setText(const QString &text);
    void append(QStringView more);
    void clear();

    const QString &text() const { return m_text; }
    const QVector<MarkdownChunk> &chunks() const { return m_chunks; }
    int closedCount() const { return m_closedCount; }
    QStringView chunkText(int index) const;

    // One-shot split of a whole text.
    static QVector<MarkdownChunk> split(const QString &text);

private:
    void scanCompleteLines();
    void processLine(qsizetype lineStart, qsizetype lineEnd);
    bool continuesChunk(QStringView line) const;
    bool mayContinueChunk(QChar firstChar) const;
    void startChunk(qsizetype lineStart);
    MarkdownChunk currentChunk(bool closed) const;
    void extendChunk(QStringView line, qsizetype lineEnd);
    void rebuildChunkList();

    QString m_text;
    qsizetype m_scanPos = 0; // start of the first line not yet processed (incomplete tail)

    // Scanner state after the complete lines. m_chunks starts with the m_committed chunks
    // closed by complete lines; the entries after them are derived from the incomplete tail and
    // rebuilt on every change (so the vector is never copied as a whole).
    int m_committed = 0;
    bool m_chunkOpen = false;
    qsizetype m_chunkStart = 0;
    qsizetype m_chunkEnd = 0;
    bool m_blankSeen = false; // blank line(s) after the current chunk, outside a fence
    bool m_inFence = false;
    MarkdownLine::Fence m_fence;
    bool m_cuttableFence = false; // the open fence is at the left margin: it may be cut in pieces
    qsizetype m_fenceLineStart = 0;
    qsizetype m_fenceLineLength = 0;
    int m_pieceLines = 0;          // code lines in the current piece
    bool m_pieceContinues = false; // the current chunk is a piece after the first
    bool m_chunkHasList = false;
    bool m_lastLineTable = false;
    bool m_lastLineQuote = false;

    QVector<MarkdownChunk> m_chunks;
    int m_closedCount = 0;
};

} // namespace penpal
