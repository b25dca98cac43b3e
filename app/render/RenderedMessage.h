#pragma once

#include "LinkDefinitions.h"
#include "LinkPolicy.h"
#include "MarkdownBlockSplitter.h"
#include "RenderedChunk.h"

#include <QPalette>
#include <QSizeF>

#include <memory>
#include <vector>

class QPainter;

namespace penpal {

class MarkdownRenderer;

// A message rendered for painting: a list of chunk documents ("block list") stacked
// vertically, updated incrementally while the message streams.
//
// setText() and append() only record the text; rendering happens when something needs it
// (size(), draw(), hit testing, ...), so a frame that received 16 tokens renders once. Text
// that extends the old text re-renders only from the first chunk that was not closed; closed
// chunks keep their document and layout. Any other edit re-renders from the first chunk whose
// text changed. Because a chunk's rendering depends only on its text, the result is the same
// whatever pieces the text arrived in.
//
// Positions: every chunk document contributes characterCount() positions, so a global position
// is (sum of the earlier chunks' counts) + position in the chunk. Text selection, hit testing
// and code block ranges all use these.
class RenderedMessage {
public:
    enum class Format { Markdown, PlainText };

    struct PaintContext {
        QPalette palette;        // Text for plain text; Highlight/HighlightedText for the selection
        int selectionStart = -1; // global positions; empty when start >= end
        int selectionEnd = -1;
    };

    struct Stats {
        qint64 chunksRendered = 0; // chunk parses (md4c runs) since construction
        qint64 charsRendered = 0;  // their total length
        qint64 chunksLaidOut = 0;  // chunk layouts
        qint64 rescans = 0;        // setText() calls that were not an extension
    };

    explicit RenderedMessage(std::shared_ptr<const MarkdownRenderer> renderer,
                             Format format = Format::Markdown);
    ~RenderedMessage();
    RenderedMessage(const RenderedMessage &) = delete;
    RenderedMessage &operator=(const RenderedMessage &) = delete;

    // Re-renders everything with another style (font, theme).
    void setRenderer(std::shared_ptr<const MarkdownRenderer> renderer);
    const std::shared_ptr<const MarkdownRenderer> &renderer() const { return m_renderer; }
    Format format() const { return m_format; }

    void setText(const QString &text);
    void append(QStringView more);
    const QString &text() const;

    // Layout at a width; cheap when nothing changed. Coordinates below are message coordinates
    // with (0,0) at the top left of the text, valid for the last width given.
    QSizeF size(qreal width);
    qreal width() const { return m_width; }
    void draw(QPainter *painter, const QRectF &clip, const PaintContext &context) const;

    int hitTest(const QPointF &point, Qt::HitTestAccuracy accuracy = Qt::FuzzyHit) const; // -1: none
    QString anchorAt(const QPointF &point) const; // href of the link there, or empty
    int codeBlockAt(const QPointF &point) const;  // index into codeBlocks(), or -1
    int imageAt(const QPointF &point) const;      // index into images(), or -1
    QRectF codeBlockRect(int index) const;        // the code box (header strip at its top)
    QRectF cursorRect(int position) const;        // a caret at a global position

    // Positions global, in document order; a long block cut into pieces (chunks) is one entry,
    // with `chunk` its first chunk.
    QVector<CodeBlockInfo> codeBlocks() const;
    QVector<ImageReference> images() const; // positions global
    // An image of `url` was loaded (or its state changed): chunks showing it are laid out
    // again. True when this message shows that image.
    bool imageChanged(const QString &url);
    int positionCount() const;
    QString selectedText(int from, int to) const; // plain text between two global positions
    QString toPlainText() const;

    int chunkCount() const;
    const RenderedChunk &chunk(int index) const;
    int chunkAt(qreal y) const;
    qreal chunkTop(int index) const;
    int chunkBase(int index) const;
    int closedChunkCount() const { return m_splitter.closedCount(); }
    const Stats &stats() const;

    // A structural dump of every chunk document (text, block/char/list/table formats): two
    // messages render alike exactly when their dumps are equal.
    QString dump() const;

private:
    void ensureRendered() const;
    void renderFrom(int firstDirty) const;
    std::unique_ptr<RenderedChunk> renderChunk(int index) const;
    bool updateDefinitions() const; // true when the message's definitions changed
    QString linkSuffix(int index) const;
    void recomputeBases(int from) const;
    void ensureLayout() const;
    int chunkForPosition(int position) const;
    int logicalCodeIndex(int chunk, int local) const;

    std::shared_ptr<const MarkdownRenderer> m_renderer;
    Format m_format;
    MarkdownBlockSplitter m_splitter; // owns the Markdown text (one copy, appended in place)
    QString m_plainText;              // the text in PlainText format

    // Rendering and layout state, brought up to date lazily (hence mutable: painting and hit
    // testing are const and may be the first to need it).
    mutable std::vector<std::unique_ptr<RenderedChunk>> m_chunks;
    mutable QVector<int> m_bases;
    mutable bool m_renderValid = true;
    mutable int m_knownGood = 0; // leading rendered chunks known to still match the text
    // Link reference definitions of each chunk (closed chunks are scanned once) and of the
    // whole message, in text order.
    mutable QVector<QVector<LinkDefinition>> m_chunkDefinitions;
    mutable int m_definitionsScanned = 0; // leading chunks whose definitions are final
    mutable QVector<LinkDefinition> m_definitions;
    qreal m_width = -1;
    mutable QVector<qreal> m_tops;
    mutable int m_layoutDirtyFrom = 0;
    mutable qreal m_height = 0;
    mutable Stats m_stats;
};

} // namespace penpal
