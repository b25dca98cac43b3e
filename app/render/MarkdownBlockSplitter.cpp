#include "MarkdownBlockSplitter.h"

namespace penpal {

namespace {
bool isSpaceOrTab(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}
} // namespace

bool MarkdownBlockSplitter::setText(const QString &text)
{
    if (text.size() >= m_text.size() && QStringView(text).startsWith(m_text)) {
        // Shares the new string's data; only what follows the last complete line is scanned.
        m_text = text;
        scanCompleteLines();
        rebuildChunkList();
        return true;
    }
    clear();
    m_text = text;
    scanCompleteLines();
    rebuildChunkList();
    return false;
}

void MarkdownBlockSplitter::append(QStringView more)
{
    m_text.append(more);
    scanCompleteLines();
    rebuildChunkList();
}

void MarkdownBlockSplitter::clear()
{
    *this = MarkdownBlockSplitter();
}

QStringView MarkdownBlockSplitter::chunkText(int index) const
{
    const MarkdownChunk &c = m_chunks.at(index);
    return QStringView(m_text).mid(c.start, c.length);
}

QVector<MarkdownChunk> MarkdownBlockSplitter::split(const QString &text)
{
    MarkdownBlockSplitter splitter;
    splitter.setText(text);
    return splitter.chunks();
}

void MarkdownBlockSplitter::scanCompleteLines()
{
    m_chunks.resize(m_committed); // drop the entries derived from the old tail
    // Decisions are only taken on complete lines, so a line that arrives in pieces is judged
    // once, the same way as when the whole text arrives at once.
    for (;;) {
        const qsizetype newline = m_text.indexOf(QLatin1Char('\n'), m_scanPos);
        if (newline < 0)
            return;
        processLine(m_scanPos, newline);
        m_scanPos = newline + 1;
    }
}

bool MarkdownBlockSplitter::continuesChunk(QStringView line) const
{
    if (line.isEmpty() || !mayContinueChunk(line.at(0)))
        return false;
    const QChar first = line.at(0);
    if (isSpaceOrTab(first) || first == QLatin1Char('|') || first == QLatin1Char('>'))
        return true;
    return MarkdownLine::listMarkerLength(line) > 0; // mayContinueChunk() checked m_chunkHasList
}

bool MarkdownBlockSplitter::mayContinueChunk(QChar first) const
{
    if (isSpaceOrTab(first))
        return true;
    if (first == QLatin1Char('|'))
        return m_lastLineTable;
    if (first == QLatin1Char('>'))
        return m_lastLineQuote;
    if (first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+') ||
        (first.unicode() < 128 && first.isDigit()))
        return m_chunkHasList;
    return false;
}

MarkdownChunk MarkdownBlockSplitter::currentChunk(bool closed) const
{
    MarkdownChunk c{m_chunkStart, m_chunkEnd - m_chunkStart, closed};
    if (m_pieceContinues) {
        c.fenceStart = m_fenceLineStart;
        c.fenceLength = m_fenceLineLength;
    }
    return c;
}

void MarkdownBlockSplitter::startChunk(qsizetype lineStart)
{
    m_chunkOpen = true;
    m_pieceContinues = false;
    m_chunkStart = lineStart;
    m_chunkEnd = lineStart;
    m_blankSeen = false;
    m_chunkHasList = false;
    m_lastLineTable = false;
    m_lastLineQuote = false;
}

void MarkdownBlockSplitter::extendChunk(QStringView line, qsizetype lineEnd)
{
    m_chunkEnd = lineEnd;
    m_blankSeen = false;
    if (MarkdownLine::isListItem(line))
        m_chunkHasList = true;
    const QStringView trimmed = line.trimmed();
    m_lastLineQuote = trimmed.startsWith(QLatin1Char('>'));
    m_lastLineTable = trimmed.startsWith(QLatin1Char('|'));
}

void MarkdownBlockSplitter::processLine(qsizetype lineStart, qsizetype lineEnd)
{
    const QStringView line = QStringView(m_text).mid(lineStart, lineEnd - lineStart);
    if (m_inFence) {
        // Everything up to the closing fence belongs to the chunk, blank lines included.
        if (MarkdownLine::isFenceClose(line, m_fence)) {
            m_inFence = false;
        } else if (m_cuttableFence && m_pieceLines >= CodePieceLines) {
            MarkdownChunk piece = currentChunk(true);
            piece.codeContinues = true;
            m_chunks.append(piece);
            ++m_committed;
            m_chunkStart = lineStart;
            m_pieceContinues = true;
            m_pieceLines = 0;
        }
        ++m_pieceLines;
        m_chunkEnd = lineEnd;
        return;
    }
    if (MarkdownLine::isBlank(line)) {
        if (m_chunkOpen)
            m_blankSeen = true;
        return;
    }
    if (!m_chunkOpen) {
        startChunk(lineStart);
    } else if (m_blankSeen && !continuesChunk(line)) {
        m_chunks.append(currentChunk(true));
        ++m_committed;
        startChunk(lineStart);
    }
    extendChunk(line, lineEnd);
    if (MarkdownLine::parseFenceOpen(line, &m_fence)) {
        m_inFence = true;
        // At the left margin a fence cannot be inside a list item or quote.
        m_cuttableFence = m_fence.markerStart == 0;
        m_fenceLineStart = lineStart;
        m_fenceLineLength = lineEnd - lineStart;
        m_pieceLines = 0;
    }
}

void MarkdownBlockSplitter::rebuildChunkList()
{
    m_chunks.resize(m_committed);
    m_closedCount = m_committed;
    const qsizetype end = m_text.size();
    const QStringView tail = QStringView(m_text).mid(m_scanPos);
    if (!m_chunkOpen) {
        if (!MarkdownLine::isBlank(tail))
            m_chunks.append({m_scanPos, end - m_scanPos, false});
        return;
    }
    MarkdownChunk current = currentChunk(false);
    if (tail.isEmpty() || (!m_inFence && MarkdownLine::isBlank(tail))) {
        m_chunks.append(current);
        return;
    }
    if (m_inFence || !m_blankSeen) {
        current.length = end - m_chunkStart; // the incomplete line belongs to this chunk
        m_chunks.append(current);
        return;
    }
    // After blank lines: the incomplete line's first character may already show that it
    // cannot continue the chunk (a letter, '#', '`', ...). Then the chunk is closed now — the
    // complete line will be judged the same way.
    if (!mayContinueChunk(tail.at(0))) {
        current.closed = true;
        m_chunks.append(current);
        ++m_closedCount;
        m_chunks.append({m_scanPos, end - m_scanPos, false});
        return;
    }
    // Undecided: show it joined (a loose list in the making renders as one list).
    current.length = end - m_chunkStart;
    m_chunks.append(current);
}

} // namespace penpal
