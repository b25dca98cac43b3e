#include "RenderedMessage.h"

#include "DocumentDump.h"
#include "MarkdownRenderer.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextLayout>

#include <algorithm>

namespace penpal {

namespace {

// How far a chunk's decorations (code box headers) reach above its first line / below its end.
qreal overhangAbove(const RenderedChunk &chunk)
{
    qreal top = 0;
    for (const ChunkDecoration &d : chunk.decorations)
        top = qMin(top, d.rect.top());
    return -top;
}

qreal extentBelow(const RenderedChunk &chunk)
{
    qreal bottom = chunk.height;
    for (const ChunkDecoration &d : chunk.decorations)
        bottom = qMax(bottom, d.rect.bottom());
    return bottom;
}

// Plain text of a chunk's range, images replaced by their alt text.
QString plainText(const QTextDocument &doc, int from, int to)
{
    QTextCursor cursor(const_cast<QTextDocument *>(&doc));
    cursor.setPosition(from);
    cursor.setPosition(to, QTextCursor::KeepAnchor);
    QString text = cursor.selection().toPlainText();
    if (!text.contains(QChar::ObjectReplacementCharacter))
        return text;
    QVector<ImageReference> images = LinkPolicy::images(doc);
    images.erase(
        std::remove_if(images.begin(), images.end(),
                       [&](const ImageReference &r) { return r.position < from || r.position >= to; }),
        images.end());
    QString result;
    int next = 0;
    for (QChar c : std::as_const(text)) {
        if (c == QChar::ObjectReplacementCharacter && next < images.size())
            result += images.at(next++).altText;
        else
            result += c;
    }
    return result;
}

} // namespace

RenderedMessage::RenderedMessage(std::shared_ptr<const MarkdownRenderer> renderer, Format format)
    : m_renderer(std::move(renderer))
    , m_format(format)
{
}

RenderedMessage::~RenderedMessage() = default;

void RenderedMessage::setRenderer(std::shared_ptr<const MarkdownRenderer> renderer)
{
    m_renderer = std::move(renderer);
    m_chunks.clear();
    m_knownGood = 0;
    m_definitionsScanned = 0;
    m_renderValid = false;
}

const QString &RenderedMessage::text() const
{
    return m_format == Format::PlainText ? m_plainText : m_splitter.text();
}

void RenderedMessage::setText(const QString &text)
{
    if (m_format == Format::PlainText) {
        if (text.size() == m_plainText.size() && text == m_plainText)
            return;
        m_plainText = text;
        m_renderValid = false;
        return;
    }
    if (text.size() == m_splitter.text().size() && text == m_splitter.text())
        return;
    if (!m_splitter.setText(text)) {
        m_knownGood = 0; // an edit: compare every chunk
        m_definitionsScanned = 0;
        ++m_stats.rescans;
    }
    m_renderValid = false;
}

void RenderedMessage::append(QStringView more)
{
    if (more.isEmpty())
        return;
    if (m_format == Format::PlainText)
        m_plainText.append(more);
    else
        m_splitter.append(more); // an extension by construction: scans only `more`
    m_renderValid = false;
}

void RenderedMessage::ensureRendered() const
{
    if (m_renderValid)
        return;
    m_renderValid = true;
    if (m_format == Format::PlainText) {
        m_chunks.clear();
        m_chunks.push_back(m_renderer->renderPlainText(m_plainText));
        ++m_stats.chunksRendered;
        m_stats.charsRendered += m_plainText.size();
        recomputeBases(0);
        m_layoutDirtyFrom = 0;
        return;
    }
    // Chunks that were closed when we last rendered cannot have changed if only text was
    // appended since: they are not even compared. Later ones are reused when their text is
    // the same.
    const bool definitionsChanged = updateDefinitions();
    const int count = int(m_splitter.chunks().size());
    const int comparable = std::min<int>(count, int(m_chunks.size()));
    int firstDirty = std::min(m_knownGood, comparable);
    auto same = [this](int i) {
        const RenderedChunk &r = *m_chunks[size_t(i)];
        const MarkdownChunk &c = m_splitter.chunks().at(i);
        return r.codeContinues == c.codeContinues && r.codeContinuation == (c.fenceStart >= 0) &&
               r.source == m_splitter.chunkText(i) && r.linkSuffix == linkSuffix(i);
    };
    while (firstDirty < comparable && same(firstDirty))
        ++firstDirty;
    // A definition that arrived (or changed) later changes how earlier, closed chunks that
    // refer to it look: only those are rendered again.
    int firstRedone = firstDirty;
    if (definitionsChanged) {
        for (int i = 0; i < firstDirty; ++i) {
            if (m_chunks[size_t(i)]->linkSuffix != linkSuffix(i)) {
                m_chunks[size_t(i)] = renderChunk(i);
                firstRedone = std::min(firstRedone, i);
            }
        }
    }
    renderFrom(firstDirty);
    if (firstRedone < firstDirty) {
        recomputeBases(firstRedone);
        m_layoutDirtyFrom = std::min(m_layoutDirtyFrom, firstRedone);
    }
    m_knownGood = m_splitter.closedCount();
}

bool RenderedMessage::updateDefinitions() const
{
    const int count = int(m_splitter.chunks().size());
    const int closed = std::min(m_splitter.closedCount(), count);
    m_definitionsScanned = std::min(m_definitionsScanned, closed);
    m_chunkDefinitions.resize(count);
    for (int i = m_definitionsScanned; i < count; ++i)
        m_chunkDefinitions[i] = LinkDefinitions::scan(m_splitter.chunkText(i));
    m_definitionsScanned = closed;
    QVector<LinkDefinition> all;
    for (const auto &defs : std::as_const(m_chunkDefinitions))
        all += defs;
    if (all == m_definitions)
        return false;
    m_definitions = std::move(all);
    return true;
}

QString RenderedMessage::linkSuffix(int index) const
{
    const MarkdownChunk &c = m_splitter.chunks().at(index);
    if (c.fenceStart >= 0 || c.codeContinues)
        return {}; // a piece of a code block
    return LinkDefinitions::suffixFor(m_splitter.chunkText(index), m_definitions);
}

std::unique_ptr<RenderedChunk> RenderedMessage::renderChunk(int i) const
{
    const MarkdownChunk &c = m_splitter.chunks().at(i);
    const QString source = m_splitter.chunkText(i).toString();
    const QString suffix = linkSuffix(i);
    MarkdownRenderer::CodePiece piece;
    piece.continues = c.codeContinues;
    if (c.fenceStart >= 0) {
        piece.fenceLine = m_splitter.text().mid(c.fenceStart, c.fenceLength);
        piece.startState = i > 0 ? m_chunks[size_t(i - 1)]->codeEndState : 0;
    }
    auto chunk = m_renderer->renderMarkdown(suffix.isEmpty() ? source : source + suffix, piece);
    chunk->source = source;
    chunk->linkSuffix = suffix;
    ++m_stats.chunksRendered;
    m_stats.charsRendered += source.size();
    return chunk;
}

void RenderedMessage::renderFrom(int firstDirty) const
{
    const int count = int(m_splitter.chunks().size());
    m_chunks.resize(size_t(firstDirty));
    for (int i = firstDirty; i < count; ++i)
        m_chunks.push_back(renderChunk(i));
    recomputeBases(firstDirty);
    m_layoutDirtyFrom = std::min(m_layoutDirtyFrom, firstDirty);
}

void RenderedMessage::recomputeBases(int from) const
{
    const int n = int(m_chunks.size());
    m_bases.resize(n);
    for (int i = std::max(from, 0); i < n; ++i)
        m_bases[i] = i == 0 ? 0 : m_bases[i - 1] + m_chunks[size_t(i - 1)]->doc->characterCount();
}

int RenderedMessage::chunkCount() const
{
    ensureRendered();
    return int(m_chunks.size());
}

const RenderedChunk &RenderedMessage::chunk(int index) const
{
    ensureRendered();
    return *m_chunks.at(size_t(index));
}

qreal RenderedMessage::chunkTop(int index) const
{
    ensureLayout();
    return m_tops.at(index);
}

int RenderedMessage::chunkBase(int index) const
{
    ensureRendered();
    return m_bases.at(index);
}

const RenderedMessage::Stats &RenderedMessage::stats() const
{
    ensureRendered();
    return m_stats;
}

QSizeF RenderedMessage::size(qreal width)
{
    if (width != m_width) {
        m_width = width;
        m_layoutDirtyFrom = 0;
    }
    ensureLayout();
    return {m_width, m_height};
}

void RenderedMessage::ensureLayout() const
{
    ensureRendered();
    const int n = int(m_chunks.size());
    m_tops.resize(n);
    if (m_width <= 0 || m_layoutDirtyFrom >= n) {
        if (n == 0)
            m_height = 0;
        m_layoutDirtyFrom = std::min(m_layoutDirtyFrom, n);
        return;
    }
    for (int i = m_layoutDirtyFrom; i < n; ++i) {
        RenderedChunk &c = *m_chunks[size_t(i)];
        if (c.layoutWidth != m_width) {
            m_renderer->layoutChunk(c, m_width);
            ++m_stats.chunksLaidOut;
        }
        if (i == 0) {
            m_tops[i] = overhangAbove(c);
        } else {
            const RenderedChunk &p = *m_chunks[size_t(i - 1)];
            m_tops[i] = m_tops[i - 1] + p.height + std::max(p.trailingMargin, c.leadingMargin);
        }
    }
    m_layoutDirtyFrom = n;
    m_height = m_tops[n - 1] + extentBelow(*m_chunks.back());
}

bool RenderedMessage::imageChanged(const QString &url)
{
    ensureRendered();
    bool found = false;
    for (int i = 0; i < int(m_chunks.size()); ++i) {
        RenderedChunk &c = *m_chunks[size_t(i)];
        if (c.images == 0)
            continue;
        const QVector<ImageReference> refs = LinkPolicy::images(*c.doc);
        if (std::none_of(refs.begin(), refs.end(), [&](const ImageReference &r) { return r.url == url; }))
            continue;
        // The object's intrinsic size changed: the document must ask for it again.
        c.doc->markContentsDirty(0, c.doc->characterCount());
        c.layoutWidth = -1;
        m_layoutDirtyFrom = std::min(m_layoutDirtyFrom, i);
        found = true;
    }
    return found;
}

int RenderedMessage::chunkAt(qreal y) const
{
    ensureLayout();
    if (m_chunks.empty())
        return -1;
    const auto it = std::upper_bound(m_tops.cbegin(), m_tops.cend(), y);
    return std::max(0, int(it - m_tops.cbegin()) - 1);
}

int RenderedMessage::chunkForPosition(int position) const
{
    ensureRendered();
    if (m_chunks.empty())
        return -1;
    const auto it = std::upper_bound(m_bases.cbegin(), m_bases.cend(), position);
    return std::max(0, int(it - m_bases.cbegin()) - 1);
}

void RenderedMessage::draw(QPainter *painter, const QRectF &clip, const PaintContext &context) const
{
    ensureLayout();
    if (m_chunks.empty() || m_width <= 0)
        return;
    const bool clipped = clip.isValid();
    const int first = clipped ? chunkAt(clip.top()) : 0;
    const bool selecting = context.selectionStart < context.selectionEnd;
    for (int i = first; i < int(m_chunks.size()); ++i) {
        if (clipped && m_tops[i] - overhangAbove(*m_chunks[size_t(i)]) > clip.bottom())
            break;
        const RenderedChunk &c = *m_chunks[size_t(i)];
        painter->save();
        painter->translate(0, m_tops[i]);
        m_renderer->drawDecorations(painter, c);
        QAbstractTextDocumentLayout::PaintContext pc;
        pc.palette = context.palette;
        if (clipped)
            pc.clip = clip.translated(0, -m_tops[i]);
        if (selecting) {
            const int count = c.doc->characterCount();
            const int from = std::max(context.selectionStart - m_bases[i], 0);
            const int to = std::min(context.selectionEnd - m_bases[i], count - 1);
            if (from < to) {
                QAbstractTextDocumentLayout::Selection selection;
                selection.cursor = QTextCursor(c.doc.get());
                selection.cursor.setPosition(from);
                selection.cursor.setPosition(to, QTextCursor::KeepAnchor);
                selection.format.setBackground(context.palette.brush(QPalette::Highlight));
                selection.format.setForeground(context.palette.brush(QPalette::HighlightedText));
                pc.selections.append(selection);
            }
        }
        c.doc->documentLayout()->draw(painter, pc);
        painter->restore();
    }
}

int RenderedMessage::hitTest(const QPointF &point, Qt::HitTestAccuracy accuracy) const
{
    const int k = chunkAt(point.y());
    if (k < 0 || m_width <= 0)
        return -1;
    const int local =
        m_chunks[size_t(k)]->doc->documentLayout()->hitTest(point - QPointF(0, m_tops[k]), accuracy);
    return local < 0 ? -1 : m_bases[k] + local;
}

QString RenderedMessage::anchorAt(const QPointF &point) const
{
    const int k = chunkAt(point.y());
    if (k < 0 || m_width <= 0)
        return {};
    return m_chunks[size_t(k)]->doc->documentLayout()->anchorAt(point - QPointF(0, m_tops[k]));
}

int RenderedMessage::logicalCodeIndex(int chunk, int local) const
{
    // Pieces of one long code block count once: a chunk that continues the previous chunk's
    // last code block adds its first block to that one.
    int before = 0;
    for (int i = 0; i < chunk; ++i) {
        const RenderedChunk &c = *m_chunks[size_t(i)];
        before += int(c.codeBlocks.size()) - (c.codeContinuation && !c.codeBlocks.isEmpty() ? 1 : 0);
    }
    return before + local - (m_chunks[size_t(chunk)]->codeContinuation ? 1 : 0);
}

int RenderedMessage::codeBlockAt(const QPointF &point) const
{
    const int k = chunkAt(point.y());
    if (k < 0 || m_width <= 0)
        return -1;
    // A code box's header reaches into the gap above its chunk: look at the next chunk too.
    for (int i = k; i <= std::min(k + 1, int(m_chunks.size()) - 1); ++i) {
        for (const ChunkDecoration &d : m_chunks[size_t(i)]->decorations) {
            if (d.kind == ChunkDecoration::Kind::CodeBlock && d.rect.translated(0, m_tops[i]).contains(point))
                return logicalCodeIndex(i, d.codeIndex);
        }
    }
    return -1;
}

int RenderedMessage::imageAt(const QPointF &point) const
{
    const int k = chunkAt(point.y());
    if (k < 0 || m_width <= 0)
        return -1;
    const RenderedChunk &c = *m_chunks[size_t(k)];
    const QPointF local = point - QPointF(0, m_tops[k]);
    const int pos = c.doc->documentLayout()->hitTest(local, Qt::ExactHit);
    if (pos < 0 || c.images == 0)
        return -1;
    int before = 0;
    for (int i = 0; i < k; ++i)
        before += m_chunks[size_t(i)]->images;
    const QVector<ImageReference> images = LinkPolicy::images(*c.doc);
    for (int i = 0; i < images.size(); ++i) {
        const int at = images.at(i).position;
        if (at != pos && at != pos - 1)
            continue;
        // The hit position is a cursor position: make sure the point is on the object itself.
        const QTextBlock block = c.doc->findBlock(at);
        const QTextLine line = block.layout()->lineForTextPosition(at - block.position());
        const QPointF origin = c.doc->documentLayout()->blockBoundingRect(block).topLeft();
        const qreal x0 = origin.x() + line.cursorToX(at - block.position());
        const qreal x1 = origin.x() + line.cursorToX(at - block.position() + 1);
        if (local.x() >= std::min(x0, x1) && local.x() <= std::max(x0, x1))
            return before + i;
    }
    return -1;
}

QRectF RenderedMessage::codeBlockRect(int index) const
{
    ensureLayout();
    QRectF rect;
    for (int i = 0; i < int(m_chunks.size()); ++i) {
        for (const ChunkDecoration &d : m_chunks[size_t(i)]->decorations) {
            if (d.kind == ChunkDecoration::Kind::CodeBlock && logicalCodeIndex(i, d.codeIndex) == index)
                rect |= d.rect.translated(0, m_tops[i]);
        }
    }
    return rect;
}

QRectF RenderedMessage::cursorRect(int position) const
{
    ensureLayout();
    const int k = chunkForPosition(position);
    if (k < 0 || m_width <= 0)
        return {};
    const RenderedChunk &c = *m_chunks[size_t(k)];
    const int local = std::clamp(position - m_bases[k], 0, c.doc->characterCount() - 1);
    const QTextBlock block = c.doc->findBlock(local);
    QTextLayout *layout = block.layout();
    const QTextLine line = layout->lineForTextPosition(local - block.position());
    if (!line.isValid())
        return {};
    const QPointF origin = c.doc->documentLayout()->blockBoundingRect(block).topLeft(); // line x is relative
    return QRectF(origin.x() + line.cursorToX(local - block.position()), origin.y() + line.y() + m_tops[k], 1,
                  line.height());
}

QVector<CodeBlockInfo> RenderedMessage::codeBlocks() const
{
    ensureRendered();
    QVector<CodeBlockInfo> blocks;
    for (int i = 0; i < int(m_chunks.size()); ++i) {
        const RenderedChunk &c = *m_chunks[size_t(i)];
        for (int j = 0; j < c.codeBlocks.size(); ++j) {
            CodeBlockInfo info = c.codeBlocks.at(j);
            info.firstPosition += m_bases[i];
            info.endPosition += m_bases[i];
            if (j == 0 && c.codeContinuation && !blocks.isEmpty()) {
                // The next piece of the previous chunk's last block.
                CodeBlockInfo &open = blocks.last();
                open.code += QLatin1Char('\n') + info.code;
                open.endPosition = info.endPosition;
                continue;
            }
            info.chunk = i;
            blocks.append(info);
        }
    }
    return blocks;
}

QVector<ImageReference> RenderedMessage::images() const
{
    ensureRendered();
    QVector<ImageReference> all;
    for (int i = 0; i < int(m_chunks.size()); ++i) {
        if (m_chunks[size_t(i)]->images == 0)
            continue;
        for (ImageReference ref : LinkPolicy::images(*m_chunks[size_t(i)]->doc)) {
            ref.position += m_bases[i];
            all.append(ref);
        }
    }
    return all;
}

int RenderedMessage::positionCount() const
{
    ensureRendered();
    return m_chunks.empty() ? 0 : m_bases.last() + m_chunks.back()->doc->characterCount();
}

QString RenderedMessage::selectedText(int from, int to) const
{
    ensureRendered();
    if (from > to)
        std::swap(from, to);
    QStringList parts;
    const int first = std::max(chunkForPosition(from), 0);
    for (int i = first; i < int(m_chunks.size()) && m_bases[i] < to; ++i) {
        const QTextDocument &doc = *m_chunks[size_t(i)]->doc;
        const int a = std::max(from - m_bases[i], 0);
        const int b = std::min(to - m_bases[i], doc.characterCount() - 1);
        if (a < b)
            parts.append(plainText(doc, a, b));
    }
    return parts.join(QLatin1Char('\n'));
}

QString RenderedMessage::toPlainText() const
{
    return selectedText(0, positionCount());
}

QString RenderedMessage::dump() const
{
    ensureRendered();
    QString out;
    for (int i = 0; i < int(m_chunks.size()); ++i) {
        out += QStringLiteral("=== chunk %1 ===\n").arg(i);
        out += DocumentDump::dump(*m_chunks[size_t(i)]->doc);
    }
    return out;
}

} // namespace penpal
