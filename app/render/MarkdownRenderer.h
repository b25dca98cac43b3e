#pragma once

#include "RenderTheme.h"
#include "RenderedChunk.h"

#include <QFont>
#include <QTextFormat>

class QPainter;

namespace penpal {

class ImageCache;

// Turns one Markdown chunk into a styled document: md4c (through QTextDocument::setMarkdown,
// GitHub dialect, raw HTML off) parses it, then code blocks get their box, wrapping and syntax
// colours, math spans and blocks their own style, links the theme colour, and images become
// placeholders. The result depends only on the chunk text and this renderer's style, which is
// what makes streamed and one-shot rendering identical. Immutable once shared (RenderedMessage
// holds it through a shared_ptr to const); build a new one to change font or theme.
class MarkdownRenderer {
public:
    MarkdownRenderer();
    explicit MarkdownRenderer(const QFont &font, const RenderTheme &theme = RenderTheme::light());

    const QFont &font() const { return m_font; }
    const QFont &monoFont() const { return m_monoFont; }
    const QFont &mathFont() const { return m_mathFont; }
    const QFont &labelFont() const { return m_labelFont; }
    const RenderTheme &theme() const { return m_theme; }
    // Images the user loaded (see ImageCache); set before rendering, it must outlive every
    // document rendered from now on.
    void setImageCache(const ImageCache *cache) { m_images = cache; }
    const ImageCache *imageCache() const { return m_images; }

    // For a piece of a long code block (see MarkdownChunk): the block's fence line when the
    // chunk starts inside the block, whether the block goes on in the next chunk, and the
    // highlighter state the previous piece ended in.
    struct CodePiece {
        QString fenceLine;
        bool continues = false;
        int startState = 0;
    };

    std::unique_ptr<RenderedChunk> renderMarkdown(const QString &chunk) const;
    std::unique_ptr<RenderedChunk> renderMarkdown(const QString &chunk, const CodePiece &piece) const;
    std::unique_ptr<RenderedChunk> renderPlainText(const QString &text) const;

    // Lays the chunk out at `width` (no-op when already done) and places its decorations.
    void layoutChunk(RenderedChunk &chunk, qreal width) const;
    // Paints the chunk's decorations; the painter's origin is the chunk's top left.
    void drawDecorations(QPainter *painter, const RenderedChunk &chunk) const;

    // Block property markers left in rendered documents (for views and tests).
    static constexpr int CodeBlockIndexProperty = QTextFormat::UserProperty + 1; // int, on code lines
    static constexpr int MathBlockProperty = QTextFormat::UserProperty + 2;      // bool, on display math
    static constexpr int InlineMathProperty = QTextFormat::UserProperty + 3;     // bool, on math spans

    qreal codeHeaderHeight() const;
    static constexpr qreal CodePadding = 8;  // inside a code box, left and right
    static constexpr qreal CodeVPadding = 4; // inside a code box, above and below the code

private:
    void initFonts();
    std::unique_ptr<SafeTextDocument> newDocument() const;
    void styleCodeAndMathBlocks(RenderedChunk &chunk, const CodePiece &piece) const;
    void styleQuotes(RenderedChunk &chunk) const;
    void styleTables(RenderedChunk &chunk) const;
    void styleInlineSpans(RenderedChunk &chunk) const;
    void styleImages(RenderedChunk &chunk) const;
    void scrubFenceTags(RenderedChunk &chunk) const;
    qreal blockGap() const;

    QFont m_font;
    QFont m_monoFont;
    QFont m_mathFont;
    QFont m_labelFont;
    RenderTheme m_theme;
    const ImageCache *m_images = nullptr;
};

} // namespace penpal
