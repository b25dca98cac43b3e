#include "history/PdfExportWriter.h"

#include "history/ExportText.h"
#include "history/HtmlExportWriter.h"
#include "history/PdfPages.h"
#include "render/SafeTextDocument.h"

#include <QAbstractTextDocumentLayout>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QUrl>

namespace penpal {

namespace {

// QTextDocument's CSS subset; class names are those HtmlExportWriter::article() writes.
const char *const kPdfStyle = R"(
h1 { font-size: 16pt; }
h2 { font-size: 11pt; color: #444444; margin-top: 14px; }
p.meta, p.details, p.caption { color: #666666; font-size: 8pt; }
p.summary { font-weight: bold; color: #555555; }
.plain { white-space: pre-wrap; }
pre { background-color: #f3f4f6; font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 8pt; }
code { font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace; }
blockquote { color: #555555; }
div.reasoning { color: #555555; margin-left: 16px; }
p.error { color: #aa0000; }
)";

// Attached pictures are scaled down to this width (at 96 dpi: about 13 cm) before layout.
constexpr int kMaxImageWidth = 480;

// QTextDocument knows no <figure> or <details> and would run them into the text around
// them; paper has nothing to fold anyway. Only tags the article itself wrote are replaced:
// text from messages is escaped, so it cannot contain them.
QString forTextDocument(QString html)
{
    static const QVector<QPair<QString, QString>> replacements{
        {QStringLiteral("<figure>"), QStringLiteral("<div>")},
        {QStringLiteral("</figure>"), QStringLiteral("</div>")},
        {QStringLiteral("<figcaption>"), QStringLiteral("<p class=\"caption\">")},
        {QStringLiteral("</figcaption>"), QStringLiteral("</p>")},
        {QStringLiteral("<details class=\"reasoning\">"), QStringLiteral("<div class=\"reasoning\">")},
        {QStringLiteral("<details class=\"file\">"), QStringLiteral("<div class=\"file\">")},
        {QStringLiteral("</details>"), QStringLiteral("</div>")},
        {QStringLiteral("<summary>"), QStringLiteral("<p class=\"summary\">")},
        {QStringLiteral("</summary>"), QStringLiteral("</p>")},
    };
    for (const auto &r : replacements)
        html.replace(r.first, r.second);
    return html;
}

} // namespace

PdfExportWriter::PdfExportWriter(QIODevice *out)
    : ArchiveExporter(out)
{
}

PdfExportWriter::~PdfExportWriter()
{
    if (m_painter && m_painter->isActive())
        m_painter->end();
}

bool PdfExportWriter::begin()
{
    if (m_pdf)
        return fail(QStringLiteral("The export was already started."));
    if (!device() || !device()->isWritable())
        return fail(QStringLiteral("The file is not open for writing."));
    m_pdf = std::make_unique<QPdfWriter>(device());
    PdfPages::setUp(*m_pdf);
    m_painter = std::make_unique<QPainter>();
    if (!m_painter->begin(m_pdf.get()))
        return fail(QStringLiteral("Cannot start the PDF file."));
    return true;
}

bool PdfExportWriter::write(const ConversationArchive &archive)
{
    if (!m_painter || !m_painter->isActive())
        return fail(QStringLiteral("The export is not open."));
    if (failed())
        return false;
    if (m_pages == 0)
        m_pdf->setTitle(ExportText::titleOf(archive));

    SafeTextDocument doc;
    PdfPages::prepare(doc, *m_pdf);
    doc.setDefaultStyleSheet(QString::fromUtf8(kPdfStyle));
    // Attached images are handed to the document as resources; remote images never get here
    // (the markup only links to them) and SafeTextDocument would not load them anyway.
    int imageCount = 0;
    const auto imageSource = [&doc, &imageCount](const Attachment &a) {
        const QString name = QStringLiteral("penpal-attachment:%1").arg(++imageCount);
        QImage image = QImage::fromData(a.data);
        if (image.width() > kMaxImageWidth)
            image = image.scaledToWidth(kMaxImageWidth, Qt::SmoothTransformation);
        doc.addResource(QTextDocument::ImageResource, QUrl(name), image);
        return name;
    };
    doc.setHtml(forTextDocument(HtmlExportWriter::article(archive, imageSource)));

    if (!PdfPages::paint(doc, *m_pdf, *m_painter, &m_pages))
        return fail(QStringLiteral("Cannot add a page to the PDF file."));
    return true;
}

bool PdfExportWriter::finish()
{
    if (!m_painter || !m_painter->isActive())
        return fail(QStringLiteral("The export is not open."));
    // A PDF needs at least one page; an empty export gets a blank one.
    if (!m_painter->end())
        return fail(QStringLiteral("Cannot finish the PDF file."));
    return flush();
}

} // namespace penpal
