#include "MarkdownRenderer.h"

#include "CodeHighlighter.h"
#include "ImagePlaceholder.h"
#include "LinkPolicy.h"
#include "MarkdownPreprocessor.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextFrame>
#include <QTextTable>

#include <algorithm>

namespace penpal {

namespace {

// Qt 6.4's importer reads a fence's language as Latin-1 although md4c hands over UTF-8.
QString repairLanguage(const QString &language)
{
    bool high = false;
    for (QChar c : language) {
        if (c.unicode() >= 0x100)
            return language;
        high = high || c.unicode() >= 0x80;
    }
    if (!high)
        return language;
    const QString utf8 = QString::fromUtf8(language.toLatin1());
    return utf8.contains(QChar::ReplacementCharacter) ? language : utf8;
}

QStringList mathFamilies()
{
    return {QStringLiteral("STIX Two Math"),   QStringLiteral("Latin Modern Math"),
            QStringLiteral("Cambria Math"),    QStringLiteral("DejaVu Serif"),
            QStringLiteral("Times New Roman"), QStringLiteral("serif")};
}

struct Range {
    int start;
    int end;
};

} // namespace

MarkdownRenderer::MarkdownRenderer()
    : MarkdownRenderer(QGuiApplication::font())
{
}

MarkdownRenderer::MarkdownRenderer(const QFont &font, const RenderTheme &theme)
    : m_font(font)
    , m_theme(theme)
{
    initFonts();
}

void MarkdownRenderer::initFonts()
{
    m_monoFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (m_font.pointSizeF() > 0)
        m_monoFont.setPointSizeF(m_font.pointSizeF());
    else if (m_font.pixelSize() > 0)
        m_monoFont.setPixelSize(m_font.pixelSize());
    m_mathFont = m_font;
    m_mathFont.setFamilies(mathFamilies());
    m_mathFont.setStyleHint(QFont::Serif);
    m_mathFont.setItalic(true);
    m_labelFont = m_font;
    if (m_font.pointSizeF() > 0)
        m_labelFont.setPointSizeF(m_font.pointSizeF() * 0.85);
}

qreal MarkdownRenderer::codeHeaderHeight() const
{
    return QFontMetricsF(m_labelFont).height() + 4;
}

qreal MarkdownRenderer::blockGap() const
{
    // The importer's paragraph margin (pointSize * 2 / 3), so code boxes sit like paragraphs.
    return m_font.pointSize() > 0 ? m_font.pointSize() * 2 / 3 : 6;
}

std::unique_ptr<SafeTextDocument> MarkdownRenderer::newDocument() const
{
    auto doc = std::make_unique<SafeTextDocument>();
    doc->setDefaultFont(m_font);
    doc->setDocumentMargin(0);
    QTextOption option = doc->defaultTextOption();
    // Long URLs, hashes and 10,000-character tokens must wrap rather than run off the edge.
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc->setDefaultTextOption(option);
    return doc;
}

std::unique_ptr<RenderedChunk> MarkdownRenderer::renderPlainText(const QString &text) const
{
    auto chunk = std::make_unique<RenderedChunk>();
    chunk->source = text;
    chunk->doc = newDocument();
    chunk->doc->setPlainText(text);
    return chunk;
}

std::unique_ptr<RenderedChunk> MarkdownRenderer::renderMarkdown(const QString &markdown,
                                                                const CodePiece &piece) const
{
    auto chunk = std::make_unique<RenderedChunk>();
    chunk->source = markdown;
    chunk->codeContinuation = !piece.fenceLine.isEmpty();
    chunk->codeContinues = piece.continues;
    // A piece inside a code block is parsed under the block's own fence line, so md4c sees code.
    const MarkdownPreprocessor::Result pre = MarkdownPreprocessor::process(
        chunk->codeContinuation ? piece.fenceLine + QLatin1Char('\n') + markdown : markdown);
    chunk->doc = newDocument();
    chunk->doc->setSafeMarkdown(pre.text);

    QTextCursor batch(chunk->doc.get());
    batch.beginEditBlock();
    styleCodeAndMathBlocks(*chunk, piece);
    styleQuotes(*chunk);
    styleTables(*chunk);
    styleImages(*chunk);
    styleInlineSpans(*chunk); // last: it removes marker characters, moving positions
    if (pre.fences > 0)
        scrubFenceTags(*chunk);
    batch.endEditBlock();

    chunk->leadingMargin = chunk->doc->firstBlock().blockFormat().topMargin();
    chunk->trailingMargin = chunk->doc->lastBlock().blockFormat().bottomMargin();
    return chunk;
}

void MarkdownRenderer::styleCodeAndMathBlocks(RenderedChunk &chunk, const CodePiece &piece) const
{
    QTextDocument *doc = chunk.doc.get();
    QTextCursor cursor(doc);
    QVector<HighlightToken> tokens;
    const qreal gap = blockGap();
    const qreal header = codeHeaderHeight();

    for (QTextBlock first = doc->begin(); first.isValid();) {
        const QTextBlockFormat format = first.blockFormat();
        if (!format.hasProperty(QTextFormat::BlockCodeLanguage)) {
            first = first.next();
            continue;
        }
        // One code block = consecutive lines with the same (ordinal-tagged) language.
        const QString tagged = format.stringProperty(QTextFormat::BlockCodeLanguage);
        const bool fenced = format.hasProperty(QTextFormat::BlockCodeFence);
        QTextBlock last = first;
        for (QTextBlock next = first.next(); next.isValid(); next = next.next()) {
            const QTextBlockFormat f = next.blockFormat();
            if (!f.hasProperty(QTextFormat::BlockCodeLanguage) ||
                f.stringProperty(QTextFormat::BlockCodeLanguage) != tagged ||
                f.hasProperty(QTextFormat::BlockCodeFence) != fenced)
                break;
            last = next;
        }

        const QString language = MarkdownPreprocessor::untagLanguage(repairLanguage(tagged));
        const bool math = language == MarkdownPreprocessor::mathLanguage();
        // Pieces of one long code block join seamlessly: no header or margin where they meet.
        const bool openTop = chunk.codeContinuation && first.position() == 0;
        const bool openBottom = chunk.codeContinues && !last.next().isValid();
        const int codeIndex = math ? -1 : int(chunk.codeBlocks.size());
        QStringList lines;
        for (QTextBlock b = first;; b = b.next()) {
            QTextBlockFormat bf = b.blockFormat();
            if (math) {
                bf.clearProperty(QTextFormat::BlockCodeLanguage);
                bf.clearProperty(QTextFormat::BlockCodeFence);
                bf.setProperty(MathBlockProperty, true);
                bf.setAlignment(Qt::AlignHCenter);
            } else {
                bf.setProperty(QTextFormat::BlockCodeLanguage, language);
                bf.setProperty(CodeBlockIndexProperty, codeIndex);
            }
            bf.setNonBreakableLines(false); // wrap: a chat row has no horizontal scroll bar
            bf.setLeftMargin(bf.leftMargin() + CodePadding);
            bf.setRightMargin(bf.rightMargin() + CodePadding);
            bf.setTopMargin(b == first && !openTop ? gap + (math ? 0 : header) + CodeVPadding : 0);
            bf.setBottomMargin(b == last && !openBottom ? gap + CodeVPadding : 0);
            cursor.setPosition(b.position());
            cursor.setBlockFormat(bf);
            if (math && b.length() > 1) {
                QTextCharFormat cf;
                cf.setFontFamilies(m_mathFont.families());
                cf.setFontStyleHint(QFont::Serif);
                cf.setFontFixedPitch(false);
                cf.setFontItalic(true);
                cf.setForeground(m_theme.mathText);
                cursor.setPosition(b.position() + b.length() - 1, QTextCursor::KeepAnchor);
                cursor.mergeCharFormat(cf);
            }
            lines.append(b.text());
            if (b == last)
                break;
        }

        ChunkDecoration decoration;
        decoration.firstBlock = first.blockNumber();
        decoration.lastBlock = last.blockNumber();
        decoration.openTop = openTop;
        decoration.openBottom = openBottom;
        if (math) {
            decoration.kind = ChunkDecoration::Kind::MathBlock;
            ++chunk.displayMath;
        } else {
            const std::shared_ptr<const CodeHighlighter> highlighter = CodeHighlighter::forLanguage(language);
            if (highlighter) {
                int state = openTop ? piece.startState : 0;
                for (QTextBlock b = first;; b = b.next()) {
                    tokens.clear();
                    state = highlighter->highlightLine(b.text(), state, &tokens);
                    for (const HighlightToken &t : std::as_const(tokens)) {
                        QTextCharFormat cf;
                        cf.setForeground(m_theme.syntaxColor(t.kind));
                        if (t.kind == TokenKind::Comment)
                            cf.setFontItalic(true);
                        else if (t.kind == TokenKind::Heading)
                            cf.setFontWeight(QFont::Bold);
                        cursor.setPosition(b.position() + t.start);
                        cursor.setPosition(b.position() + t.start + t.length, QTextCursor::KeepAnchor);
                        cursor.mergeCharFormat(cf);
                    }
                    if (b == last)
                        break;
                }
                chunk.codeEndState = state;
            }
            CodeBlockInfo info;
            info.language = language;
            info.canonicalLanguage = highlighter ? highlighter->language() : QString();
            info.code = lines.join(QLatin1Char('\n'));
            info.firstPosition = first.position();
            info.endPosition = last.position() + last.length() - 1;
            info.firstBlock = decoration.firstBlock;
            info.lastBlock = decoration.lastBlock;
            chunk.codeBlocks.append(info);
            decoration.kind = ChunkDecoration::Kind::CodeBlock;
            decoration.codeIndex = codeIndex;
            decoration.label = highlighter ? CodeHighlighter::displayName(info.canonicalLanguage) : language;
        }
        chunk.decorations.append(decoration);
        first = last.next();
    }
}

void MarkdownRenderer::styleQuotes(RenderedChunk &chunk) const
{
    QTextDocument *doc = chunk.doc.get();
    for (QTextBlock first = doc->begin(); first.isValid();) {
        int level = first.blockFormat().intProperty(QTextFormat::BlockQuoteLevel);
        if (level <= 0 || doc->frameAt(first.position()) != doc->rootFrame()) {
            first = first.next();
            continue;
        }
        QTextBlock last = first;
        for (QTextBlock next = first.next(); next.isValid(); next = next.next()) {
            const int l = next.blockFormat().intProperty(QTextFormat::BlockQuoteLevel);
            if (l <= 0)
                break;
            level = qMax(level, l);
            last = next;
        }
        ChunkDecoration decoration;
        decoration.kind = ChunkDecoration::Kind::Quote;
        decoration.firstBlock = first.blockNumber();
        decoration.lastBlock = last.blockNumber();
        decoration.quoteLevel = level;
        chunk.decorations.append(decoration);
        first = last.next();
    }
}

void MarkdownRenderer::styleTables(RenderedChunk &chunk) const
{
    QVector<QTextFrame *> frames = chunk.doc->rootFrame()->childFrames();
    while (!frames.isEmpty()) {
        QTextFrame *frame = frames.takeFirst();
        frames += frame->childFrames();
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table)
            continue;
        QTextTableFormat format = table->format();
        format.setBorder(1);
        format.setBorderBrush(m_theme.tableBorder);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setBorderCollapse(true);
        format.setCellSpacing(0);
        format.setCellPadding(4);
        table->setFormat(format);
    }
}

void MarkdownRenderer::styleImages(RenderedChunk &chunk) const
{
    QTextDocument *doc = chunk.doc.get();
    struct Image {
        int position;
        int length;
        QTextCharFormat format;
    };
    QVector<Image> images;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().isImageFormat())
                images.append({it.fragment().position(), it.fragment().length(), it.fragment().charFormat()});
        }
    }
    if (images.isEmpty())
        return;
    QTextCursor cursor(doc);
    for (const Image &image : std::as_const(images)) {
        const QString url = image.format.toImageFormat().name();
        const QString alt = image.format.stringProperty(QTextFormat::ImageAltText);
        QTextCharFormat placeholder;
        placeholder.setObjectType(ImagePlaceholder::ObjectType);
        placeholder.setProperty(ImagePlaceholder::UrlProperty, url);
        placeholder.setProperty(ImagePlaceholder::AltTextProperty, alt);
        placeholder.setProperty(ImagePlaceholder::LabelProperty,
                                ImagePlaceholder::labelFor(LinkPolicy::imageHost(QUrl(url)), alt));
        placeholder.setToolTip(url);
        if (image.format.isAnchor()) {
            placeholder.setAnchor(true);
            placeholder.setAnchorHref(image.format.anchorHref());
        }
        cursor.setPosition(image.position);
        cursor.setPosition(image.position + image.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(placeholder);
        chunk.images += image.length;
    }
    auto *handler = new ImagePlaceholder(doc);
    handler->setColors(m_theme.placeholderText, m_theme.placeholderBackground, m_theme.placeholderBorder);
    handler->setCache(m_images);
    doc->documentLayout()->registerHandler(ImagePlaceholder::ObjectType, handler);
}

void MarkdownRenderer::styleInlineSpans(RenderedChunk &chunk) const
{
    QTextDocument *doc = chunk.doc.get();
    QVector<Range> math;
    QVector<int> markers;
    QVector<Range> code;
    QVector<Range> links;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        int open = -1;
        for (int i = 0; i < text.size(); ++i) {
            const char16_t u = text.at(i).unicode();
            if (u == MarkdownPreprocessor::InlineMathBegin) {
                open = i;
                markers.append(block.position() + i);
            } else if (u == MarkdownPreprocessor::InlineMathEnd) {
                if (open >= 0)
                    math.append({block.position() + open + 1, block.position() + i});
                open = -1;
                markers.append(block.position() + i);
            }
        }
        if (block.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage))
            continue;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            const QTextCharFormat cf = f.charFormat();
            if (cf.isAnchor())
                links.append({f.position(), f.position() + f.length()});
            if (cf.fontFixedPitch())
                code.append({f.position(), f.position() + f.length()});
        }
    }

    QTextCursor cursor(doc);
    auto apply = [&cursor](const QVector<Range> &ranges, const QTextCharFormat &format) {
        for (const Range &r : ranges) {
            cursor.setPosition(r.start);
            cursor.setPosition(r.end, QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(format);
        }
    };
    QTextCharFormat codeFormat;
    codeFormat.setBackground(m_theme.inlineCodeBackground);
    apply(code, codeFormat);
    QTextCharFormat linkFormat;
    linkFormat.setForeground(m_theme.link);
    linkFormat.setFontUnderline(true);
    apply(links, linkFormat);
    QTextCharFormat mathFormat;
    mathFormat.setFontFamilies(m_mathFont.families());
    mathFormat.setFontStyleHint(QFont::Serif);
    mathFormat.setFontFixedPitch(false);
    mathFormat.setFontItalic(true);
    mathFormat.setBackground(m_theme.mathBackground);
    mathFormat.setForeground(m_theme.mathText);
    mathFormat.setProperty(InlineMathProperty, true);
    apply(math, mathFormat);
    chunk.inlineMath = int(math.size());

    // In table cells the preprocessor escaped '|' in math ("\\|") so md4c would not split the
    // cell there; md4c keeps the backslash inside the code span, so drop it again.
    for (const Range &r : std::as_const(math)) {
        if (!qobject_cast<QTextTable *>(doc->frameAt(r.start)))
            continue;
        const QString text = doc->findBlock(r.start).text();
        const int blockStart = doc->findBlock(r.start).position();
        for (int p = r.start; p + 1 < r.end; ++p) {
            if (text.at(p - blockStart) == QLatin1Char('\\') &&
                text.at(p - blockStart + 1) == QLatin1Char('|')) {
                markers.append(p);
                ++p;
            }
        }
    }
    std::sort(markers.begin(), markers.end());

    // Markers go last, back to front, so the positions collected above stay right.
    for (auto it = markers.crbegin(); it != markers.crend(); ++it) {
        cursor.setPosition(*it);
        cursor.deleteChar();
    }
}

void MarkdownRenderer::scrubFenceTags(RenderedChunk &chunk) const
{
    // A tagged fence line md4c did not take for a fence (inside an indented code block, say)
    // would show its "\x02<n>" tag: remove it.
    QTextCursor cursor(chunk.doc.get());
    for (QTextBlock block = chunk.doc->begin(); block.isValid(); block = block.next()) {
        const QString text = block.text();
        for (int i = int(text.size()) - 1; i >= 0; --i) {
            if (text.at(i) != QChar(MarkdownPreprocessor::FenceTag) && text.at(i) != QChar(0x0001))
                continue;
            int end = i + 1;
            while (text.at(i) == QChar(MarkdownPreprocessor::FenceTag) && end < text.size() &&
                   text.at(end).isDigit())
                ++end;
            cursor.setPosition(block.position() + i);
            cursor.setPosition(block.position() + end, QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        }
    }
}

void MarkdownRenderer::layoutChunk(RenderedChunk &chunk, qreal width) const
{
    if (chunk.layoutWidth == width)
        return;
    QTextDocument *doc = chunk.doc.get();
    doc->setTextWidth(width);
    chunk.height = doc->size().height();
    chunk.layoutWidth = width;
    if (chunk.decorations.isEmpty())
        return;
    QAbstractTextDocumentLayout *layout = doc->documentLayout();
    const qreal header = codeHeaderHeight();
    for (ChunkDecoration &d : chunk.decorations) {
        // blockBoundingRect() places the layout; the lines inside it are indented by the block's
        // margins, which the layout's own bounding rect includes.
        const QTextBlock firstBlock = doc->findBlockByNumber(d.firstBlock);
        const QTextBlock lastBlock = doc->findBlockByNumber(d.lastBlock);
        const QRectF first =
            firstBlock.layout()->boundingRect().translated(layout->blockBoundingRect(firstBlock).topLeft());
        const QRectF last =
            lastBlock.layout()->boundingRect().translated(layout->blockBoundingRect(lastBlock).topLeft());
        switch (d.kind) {
        case ChunkDecoration::Kind::CodeBlock:
        case ChunkDecoration::Kind::MathBlock: {
            const qreal top = d.openTop ? first.top()
                                        : first.top() - CodeVPadding -
                                              (d.kind == ChunkDecoration::Kind::CodeBlock ? header : 0);
            const qreal bottom = d.openBottom ? last.bottom() : last.bottom() + CodeVPadding;
            d.rect = QRectF(QPointF(first.left() - CodePadding, top),
                            QPointF(qMax(first.right(), last.right()) + CodePadding, bottom));
            break;
        }
        case ChunkDecoration::Kind::Quote:
            d.rect = QRectF(QPointF(0, first.top()), QPointF(40.0 * d.quoteLevel, last.bottom()));
            break;
        }
    }
}

void MarkdownRenderer::drawDecorations(QPainter *painter, const RenderedChunk &chunk) const
{
    for (const ChunkDecoration &d : chunk.decorations) {
        switch (d.kind) {
        case ChunkDecoration::Kind::CodeBlock: {
            painter->setPen(QPen(m_theme.codeBorder, 1));
            painter->setBrush(m_theme.codeBackground);
            if (d.openTop || d.openBottom) {
                // One box over several chunks: draw it taller and clip, so the joins have no
                // rounded corners or horizontal border lines.
                painter->save();
                painter->setClipRect(d.rect, Qt::IntersectClip);
                painter->drawRoundedRect(
                    d.rect.adjusted(0.5, d.openTop ? -10 : 0.5, -0.5, d.openBottom ? 10 : -0.5), 6, 6);
                painter->restore();
            } else {
                painter->drawRoundedRect(d.rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
            }
            if (!d.label.isEmpty() && !d.openTop) {
                painter->setFont(m_labelFont);
                painter->setPen(m_theme.codeLabel);
                const QRectF labelRect(d.rect.left() + CodePadding, d.rect.top() + 2,
                                       d.rect.width() - 2 * CodePadding, codeHeaderHeight());
                painter->drawText(
                    labelRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetricsF(m_labelFont).elidedText(d.label, Qt::ElideRight, labelRect.width()));
            }
            break;
        }
        case ChunkDecoration::Kind::MathBlock:
            painter->setPen(Qt::NoPen);
            painter->setBrush(m_theme.mathBackground);
            painter->drawRoundedRect(d.rect, 6, 6);
            break;
        case ChunkDecoration::Kind::Quote:
            for (int level = 1; level <= d.quoteLevel; ++level)
                painter->fillRect(QRectF(40.0 * (level - 1) + 14, d.rect.top(), 3, d.rect.height()),
                                  m_theme.quoteBar);
            break;
        }
    }
}

} // namespace penpal
