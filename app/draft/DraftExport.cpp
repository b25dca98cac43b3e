#include "draft/DraftExport.h"

#include "history/ExportText.h"
#include "history/MarkdownHtml.h"
#include "history/PdfPages.h"
#include "render/SafeTextDocument.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QMimeData>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentWriter>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

#include <functional>

namespace penpal {

namespace {

// No '<' or '&' in here: the style element must stay well-formed XML.
const char *const kHtmlStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif;
       line-height: 1.6; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }
pre { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 6px; padding: 0.6rem; overflow-x: auto; }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 0.9em; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; color: #555; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
a.remote-image { font-style: italic; }
)";

// QTextDocument's CSS subset, for the PDF.
const char *const kPdfStyle = R"(
body { font-size: 11pt; }
h1 { font-size: 18pt; }
h2 { font-size: 15pt; }
h3 { font-size: 13pt; }
pre { background-color: #f3f4f6; font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 9pt; }
code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; }
blockquote { color: #555555; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999999; padding: 3px; }
)";

// Inline styles for pasted HTML: mail clients drop <style> elements. Only tags MarkdownHtml
// itself writes are matched; text from the document is escaped, so it cannot contain them.
const QVector<QPair<QString, QString>> &inlineStyles()
{
    static const QString mono = QStringLiteral("font-family: Consolas, 'DejaVu Sans Mono', monospace;");
    static const QVector<QPair<QString, QString>> styles{
        {QStringLiteral("<pre>"),
         QStringLiteral("<pre style=\"background: #f6f8fa; border: 1px solid #e1e4e8; padding: 8px; %1\">")
             .arg(mono)},
        {QStringLiteral("<code>"), QStringLiteral("<code style=\"%1\">").arg(mono)},
        {QStringLiteral("<code class="), QStringLiteral("<code style=\"%1\" class=").arg(mono)},
        {QStringLiteral("<blockquote>"),
         QStringLiteral("<blockquote style=\"border-left: 3px solid #ccc; margin-left: 0; padding-left: "
                        "12px; color: #555;\">")},
        {QStringLiteral("<table>"), QStringLiteral("<table style=\"border-collapse: collapse;\">")},
        {QStringLiteral("<th>"), QStringLiteral("<th style=\"border: 1px solid #ccc; padding: 2px 6px;\">")},
        {QStringLiteral("<td>"), QStringLiteral("<td style=\"border: 1px solid #ccc; padding: 2px 6px;\">")},
    };
    return styles;
}

bool startsWithTitleHeading(const QString &text)
{
    const QStringList lines = text.left(4096).split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        if (line == QLatin1String("#") || line.startsWith(QLatin1String("# ")) ||
            line.startsWith(QLatin1String("#\t")))
            return true;
        // A Setext heading: the line underlined with '='.
        if (i + 1 < lines.size()) {
            const QString under = lines.at(i + 1).trimmed();
            return !under.isEmpty() && under.count(QLatin1Char('=')) == under.size();
        }
        return false;
    }
    return false;
}

QString titleOf(const DraftDocument &doc)
{
    const QString title = doc.title.simplified();
    return title.isEmpty() ? DraftExport::tr("Untitled") : title;
}

// Writes through a QSaveFile: nothing appears at `path` unless everything was written.
bool saveAtomically(const QString &path, QString *error, const std::function<bool(QSaveFile &)> &body)
{
    const auto setError = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QFileInfo info(path);
    if (path.isEmpty())
        return setError(DraftExport::tr("No file name was given."));
    if (!info.absoluteDir().exists())
        return setError(
            DraftExport::tr("Cannot save \u201c%1\u201d: the folder \u201c%2\u201d does not exist.")
                .arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())));
    if (info.isDir())
        return setError(DraftExport::tr("Cannot save \u201c%1\u201d: it is a folder.")
                            .arg(QDir::toNativeSeparators(info.absoluteFilePath())));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return setError(
            DraftExport::tr("Cannot save \u201c%1\u201d: %2").arg(info.fileName(), file.errorString()));
    if (!body(file)) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return setError(DraftExport::tr("Cannot write \u201c%1\u201d: %2").arg(info.fileName(), reason));
    }
    if (!file.commit())
        return setError(
            DraftExport::tr("Cannot save \u201c%1\u201d: %2").arg(info.fileName(), file.errorString()));
    return true;
}

bool writeUtf8(QSaveFile &file, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return file.write(bytes) == bytes.size();
}

// The document as laid-out rich text, for PDF and ODT.
void fillDocument(QTextDocument &textDoc, const DraftDocument &doc)
{
    textDoc.setMetaInformation(QTextDocument::DocumentTitle, titleOf(doc));
    textDoc.setHtml(MarkdownHtml::fragment(DraftExport::markdown(doc), 0));
}

bool writePdf(QSaveFile &file, const DraftDocument &doc)
{
    QPdfWriter pdf(&file);
    PdfPages::setUp(pdf);
    pdf.setTitle(titleOf(doc));
    SafeTextDocument textDoc;
    PdfPages::prepare(textDoc, pdf);
    textDoc.setDefaultStyleSheet(QString::fromUtf8(kPdfStyle));
    fillDocument(textDoc, doc);
    QPainter painter;
    if (!painter.begin(&pdf))
        return false;
    int pages = 0;
    const bool painted = PdfPages::paint(textDoc, pdf, painter, &pages);
    return painter.end() && painted;
}

// The HTML import marks headings with a relative size and code with a fixed-pitch hint, and
// Qt's ODF writer keeps neither: headings and code get explicit fonts so that they survive.
void spellOutFonts(QTextDocument &textDoc)
{
    static const qreal headingSizes[] = {20, 16, 14, 12, 11, 11};
    QTextCharFormat mono;
    mono.setFontFamilies(QStringList{QStringLiteral("Liberation Mono"), QStringLiteral("DejaVu Sans Mono"),
                                     QStringLiteral("monospace")});
    mono.setFontFixedPitch(true);
    // What the ODF writer reads (the first family only).
    mono.setProperty(QTextFormat::FontFamily, QStringLiteral("Liberation Mono"));
    struct Range {
        int from;
        int to;
        QTextCharFormat format;
    };
    QVector<Range> ranges;
    for (QTextBlock b = textDoc.begin(); b.isValid(); b = b.next()) {
        const QTextBlockFormat bf = b.blockFormat();
        const int end = b.position() + b.length() - 1;
        if (bf.headingLevel() > 0) {
            QTextCharFormat heading;
            heading.setFontPointSize(headingSizes[qBound(1, bf.headingLevel(), 6) - 1]);
            heading.setFontWeight(QFont::Bold);
            ranges.append({b.position(), end, heading});
        }
        if (bf.nonBreakableLines() || bf.hasProperty(QTextFormat::BlockCodeFence)) {
            ranges.append({b.position(), end, mono});
            continue;
        }
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.isValid() && f.charFormat().fontFixedPitch())
                ranges.append({f.position(), f.position() + f.length(), mono});
        }
    }
    QTextCursor cursor(&textDoc);
    for (const Range &r : ranges) {
        cursor.setPosition(r.from);
        cursor.setPosition(r.to, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(r.format);
    }
}

bool writeOdt(QSaveFile &file, const DraftDocument &doc)
{
    SafeTextDocument textDoc;
    fillDocument(textDoc, doc);
    spellOutFonts(textDoc);
    // The ODF writer's QZipWriter closes its device when done, which QSaveFile forbids: the
    // archive is made in memory and then written out.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QTextDocumentWriter writer(&buffer, "odf");
    if (!writer.write(&textDoc))
        return false;
    return file.write(buffer.data()) == buffer.data().size();
}

// --- plain text ---------------------------------------------------------------------------

class PlainWriter {
public:
    QStringList paragraphs;

    void frame(QTextFrame *frame)
    {
        for (auto it = frame->begin(); !it.atEnd(); ++it) {
            if (QTextFrame *child = it.currentFrame()) {
                m_inCode = false;
                if (auto *table = qobject_cast<QTextTable *>(child))
                    writeTable(table);
                else
                    this->frame(child);
            } else {
                block(it.currentBlock());
            }
        }
    }

private:
    void block(const QTextBlock &b)
    {
        const QTextBlockFormat fmt = b.blockFormat();
        const bool isCode = fmt.hasProperty(QTextFormat::BlockCodeFence) || fmt.nonBreakableLines();
        const int quote = fmt.property(QTextFormat::BlockQuoteLevel).toInt();
        const QString quotePrefix =
            quote > 0 ? QString(quote, QLatin1Char('>')) + QLatin1Char(' ') : QString();
        QTextList *list = isCode ? nullptr : b.textList();

        if (isCode) {
            // A code block is one paragraph of lines indented by four spaces.
            QString line = quotePrefix + QStringLiteral("    ") + b.text();
            while (line.endsWith(QLatin1Char(' ')))
                line.chop(1);
            if (m_inCode && !paragraphs.isEmpty())
                paragraphs.last() += QLatin1Char('\n') + line;
            else
                paragraphs.append(line);
            m_inCode = true;
            m_inList = false;
            return;
        }
        m_inCode = false;

        if (fmt.hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth)) {
            paragraphs.append(QString(24, QChar(0x2500)));
            m_inList = false;
            return;
        }
        const QString text = inlineText(b);
        if (list) {
            const int indent = qMax(0, list->format().indent() - 1);
            QString marker;
            if (fmt.marker() == QTextBlockFormat::MarkerType::Checked)
                marker = QStringLiteral("\u2611");
            else if (fmt.marker() == QTextBlockFormat::MarkerType::Unchecked)
                marker = QStringLiteral("\u2610");
            else if (isOrdered(list))
                marker = QString::number(list->itemNumber(b) + 1) + QLatin1Char('.');
            else
                marker = QStringLiteral("\u2022");
            const QString line =
                quotePrefix + QString(indent * 3, QLatin1Char(' ')) + marker + QLatin1Char(' ') + text;
            // Items of a list (and of the lists nested in it) follow each other without blank
            // lines; the next list at the outer level is a paragraph of its own.
            const bool sameList = m_inList && (indent > 0 || list == m_outerList);
            if (indent == 0)
                m_outerList = list;
            if (sameList && !paragraphs.isEmpty())
                paragraphs.last() += QLatin1Char('\n') + line;
            else
                paragraphs.append(line);
            m_inList = true;
            return;
        }
        m_inList = false;
        if (text.trimmed().isEmpty())
            return;
        QString prefixed = text;
        if (!quotePrefix.isEmpty())
            prefixed =
                quotePrefix + QString(text).replace(QLatin1Char('\n'), QLatin1Char('\n') + quotePrefix);
        paragraphs.append(prefixed);
    }

    void writeTable(QTextTable *table)
    {
        QStringList rows;
        for (int row = 0; row < table->rows(); ++row) {
            QStringList cells;
            for (int column = 0; column < table->columns(); ++column) {
                const QTextTableCell cell = table->cellAt(row, column);
                if (cell.row() != row || cell.column() != column)
                    continue;
                QStringList parts;
                for (auto it = cell.begin(); !it.atEnd(); ++it) {
                    if (it.currentBlock().isValid())
                        parts.append(inlineText(it.currentBlock()));
                }
                cells.append(parts.join(QLatin1Char(' ')));
            }
            rows.append(cells.join(QLatin1Char('\t')));
        }
        paragraphs.append(rows.join(QLatin1Char('\n')));
        m_inList = false;
    }

    static bool isOrdered(QTextList *list)
    {
        const auto style = list->format().style();
        return style == QTextListFormat::ListDecimal || style == QTextListFormat::ListLowerAlpha ||
               style == QTextListFormat::ListUpperAlpha || style == QTextListFormat::ListLowerRoman ||
               style == QTextListFormat::ListUpperRoman;
    }

    // The block's text; a link whose text is not its address is followed by "(address)".
    static QString inlineText(const QTextBlock &b)
    {
        QString text;
        QString openHref;
        QString linkText;
        const auto closeLink = [&]() {
            if (!openHref.isEmpty() && linkText.trimmed() != openHref &&
                !openHref.startsWith(QLatin1Char('#')))
                text += QStringLiteral(" (") + openHref + QLatin1Char(')');
            openHref.clear();
            linkText.clear();
        };
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            const QTextCharFormat cf = fragment.charFormat();
            const QString href = cf.isImageFormat() ? QString() : cf.anchorHref();
            if (href != openHref)
                closeLink();
            QString piece = fragment.text();
            if (cf.isImageFormat()) {
                const QString alt = cf.property(QTextFormat::ImageAltText).toString();
                piece = alt.isEmpty() ? QString() : QStringLiteral("[%1]").arg(alt);
            }
            piece.remove(QChar::ObjectReplacementCharacter);
            piece.replace(QChar::LineSeparator, QLatin1Char('\n'));
            piece.replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
            openHref = href;
            linkText += piece;
            text += piece;
        }
        closeLink();
        return text;
    }

    bool m_inCode = false;
    bool m_inList = false;
    QTextList *m_outerList = nullptr;
};

} // namespace

QVector<DraftExport::Format> DraftExport::formats()
{
    return {Format::Markdown, Format::Html, Format::Pdf, Format::Odt, Format::PlainText};
}

QString DraftExport::suffix(Format f)
{
    switch (f) {
    case Format::Markdown:
        return QStringLiteral("md");
    case Format::Html:
        return QStringLiteral("html");
    case Format::Pdf:
        return QStringLiteral("pdf");
    case Format::Odt:
        return QStringLiteral("odt");
    case Format::PlainText:
        return QStringLiteral("txt");
    }
    return QStringLiteral("txt");
}

QString DraftExport::name(Format f)
{
    switch (f) {
    case Format::Markdown:
        return tr("Markdown");
    case Format::Html:
        return tr("Web page (HTML)");
    case Format::Pdf:
        return tr("PDF");
    case Format::Odt:
        return tr("OpenDocument text (ODT)");
    case Format::PlainText:
        return tr("Plain text");
    }
    return QString();
}

QString DraftExport::fileFilter(Format f)
{
    return QStringLiteral("%1 (*.%2)").arg(name(f), suffix(f));
}

std::optional<DraftExport::Format> DraftExport::fromSuffix(const QString &suffix)
{
    QString s = suffix.trimmed().toLower();
    if (s.startsWith(QLatin1Char('.')))
        s.remove(0, 1);
    if (s == QLatin1String("md") || s == QLatin1String("markdown") || s == QLatin1String("mkd"))
        return Format::Markdown;
    if (s == QLatin1String("html") || s == QLatin1String("htm") || s == QLatin1String("xhtml"))
        return Format::Html;
    if (s == QLatin1String("pdf"))
        return Format::Pdf;
    if (s == QLatin1String("odt"))
        return Format::Odt;
    if (s == QLatin1String("txt") || s == QLatin1String("text"))
        return Format::PlainText;
    return std::nullopt;
}

QString DraftExport::markdown(const DraftDocument &doc)
{
    const QString title = doc.title.simplified();
    if (title.isEmpty() || startsWithTitleHeading(doc.content))
        return doc.content;
    return QStringLiteral("# ") + title + QStringLiteral("\n\n") + doc.content;
}

QString DraftExport::html(const DraftDocument &doc)
{
    QString out;
    out += QStringLiteral("<!DOCTYPE html>\n");
    const QString language = MarkdownHtml::escape(doc.language.trimmed());
    if (language.isEmpty())
        out += QStringLiteral("<html xmlns=\"http://www.w3.org/1999/xhtml\">\n");
    else
        out += QStringLiteral("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%1\" xml:lang=\"%1\">\n")
                   .arg(language);
    out += QStringLiteral("<head>\n<meta charset=\"utf-8\"/>\n");
    out += QStringLiteral("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    out += QStringLiteral("<meta name=\"generator\" content=\"%1\"/>\n")
               .arg(MarkdownHtml::escape(ExportText::generator()));
    out += QStringLiteral("<title>%1</title>\n").arg(MarkdownHtml::escape(titleOf(doc)));
    out += QStringLiteral("<style>") + QString::fromUtf8(kHtmlStyle) + QStringLiteral("</style>\n");
    out += QStringLiteral("</head>\n<body>\n<article class=\"draft\">\n");
    out += MarkdownHtml::fragment(markdown(doc), 0);
    out += QStringLiteral("</article>\n</body>\n</html>\n");
    return out;
}

QString DraftExport::plainText(const QString &markdown)
{
    SafeTextDocument doc;
    doc.setSafeMarkdown(markdown);
    PlainWriter writer;
    writer.frame(doc.rootFrame());
    QString text = writer.paragraphs.join(QStringLiteral("\n\n"));
    return text.isEmpty() ? text : text + QLatin1Char('\n');
}

bool DraftExport::write(const DraftDocument &doc, Format f, const QString &path, QString *error)
{
    return saveAtomically(path, error, [&doc, f](QSaveFile &file) {
        switch (f) {
        case Format::Markdown:
            return writeUtf8(file, markdown(doc));
        case Format::Html:
            return writeUtf8(file, html(doc));
        case Format::Pdf:
            return writePdf(file, doc);
        case Format::Odt:
            return writeOdt(file, doc);
        case Format::PlainText:
            return writeUtf8(file, plainText(markdown(doc)));
        }
        return false;
    });
}

QMimeData *DraftExport::richTextMime(const QString &markdown)
{
    QString html = MarkdownHtml::fragment(markdown, 0);
    for (const auto &style : inlineStyles())
        html.replace(style.first, style.second);
    auto *mime = new QMimeData;
    mime->setHtml(QStringLiteral("<meta charset=\"utf-8\"/>\n") + html);
    mime->setText(markdown);
    return mime;
}

} // namespace penpal
