#include "history/HtmlExportWriter.h"

#include "history/ExportText.h"
#include "history/MarkdownHtml.h"

#include <QCoreApplication>

namespace penpal {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("penpal::HtmlExportWriter", text);
}

// No '<' or '&' in here: the style element must stay well-formed XML.
const char *const kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; line-height: 1.5;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; background: #fff; }
article.conversation { margin-bottom: 4rem; }
article.conversation + article.conversation { border-top: 2px solid #ccc; padding-top: 2rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
p.meta { color: #666; font-size: 0.9rem; margin-top: 0; }
section.message { border: 1px solid #e2e2e6; border-radius: 8px; padding: 0.6rem 1rem; margin: 1rem 0; }
section.user { background: #f4f6fb; }
section.system, div.system { background: #fbf8ef; }
div.system { border-left: 3px solid #d8c88a; padding: 0.5rem 1rem; margin: 1rem 0; }
h2.role { font-size: 0.95rem; margin: 0 0 0.4rem 0; color: #444; }
.plain { white-space: pre-wrap; overflow-wrap: anywhere; }
details.reasoning { color: #555; border-left: 3px solid #ccc; padding-left: 0.8rem; margin: 0.4rem 0; }
pre { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 6px; padding: 0.6rem; overflow-x: auto; }
code { font-family: ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", monospace; font-size: 0.9em; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; color: #555; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
figure { margin: 0.5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption, p.details, ul.attachments { color: #666; font-size: 0.85rem; }
p.error { color: #a00; }
a.remote-image { font-style: italic; }
)";

// Image types every browser shows inline; anything else (say SVG) is only listed.
bool inlineImageType(const QString &mime)
{
    return mime == QLatin1String("image/png") || mime == QLatin1String("image/jpeg") ||
           mime == QLatin1String("image/gif") || mime == QLatin1String("image/webp");
}

QString roleClass(Role role)
{
    return roleToString(role); // "user", "assistant", "system"
}

QString attachmentHtml(const Attachment &a, const HtmlExportWriter::ImageSource &imageSource)
{
    const QString caption = MarkdownHtml::escape(ExportText::attachmentLine(a));
    if (a.isImage() && inlineImageType(a.mimeType)) {
        const QString source =
            imageSource
                ? imageSource(a)
                : QStringLiteral("data:%1;base64,%2").arg(a.mimeType, QString::fromLatin1(a.data.toBase64()));
        return QStringLiteral("<figure><img src=\"%1\" alt=\"%2\"/><figcaption>%3</figcaption></figure>\n")
            .arg(MarkdownHtml::escape(source), MarkdownHtml::escape(a.fileName), caption);
    }
    if (!a.isImage()) {
        return QStringLiteral(
                   "<details class=\"file\"><summary>%1</summary><pre class=\"plain\">%2</pre></details>\n")
            .arg(caption, MarkdownHtml::plain(QString::fromUtf8(a.data)));
    }
    return QStringLiteral("<p class=\"details\">%1</p>\n").arg(caption);
}

} // namespace

HtmlExportWriter::HtmlExportWriter(QIODevice *out)
    : ArchiveExporter(out)
{
}

bool HtmlExportWriter::begin()
{
    m_begun = true;
    return !failed();
}

bool HtmlExportWriter::writeHead(const QString &title)
{
    m_headWritten = true;
    QString head;
    head += QStringLiteral("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n");
    head += QStringLiteral("<meta charset=\"utf-8\"/>\n");
    head += QStringLiteral("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    head += QStringLiteral("<meta name=\"generator\" content=\"%1\"/>\n")
                .arg(MarkdownHtml::escape(ExportText::generator()));
    head += QStringLiteral("<title>%1</title>\n").arg(MarkdownHtml::escape(title));
    head += QStringLiteral("<style>") + QString::fromUtf8(kStyle) + QStringLiteral("</style>\n");
    head += QStringLiteral("</head>\n<body>\n");
    return put(head);
}

bool HtmlExportWriter::write(const ConversationArchive &archive)
{
    if (!m_begun)
        return fail(QStringLiteral("The export is not open."));
    // The page title names the first conversation; a file of several still opens on it.
    if (!m_headWritten && !writeHead(ExportText::titleOf(archive)))
        return false;
    return put(article(archive));
}

bool HtmlExportWriter::finish()
{
    if (!m_headWritten && !writeHead(tr("Penpal export")))
        return false;
    return put(QStringLiteral("</body>\n</html>\n")) && flush();
}

QString HtmlExportWriter::article(const ConversationArchive &archive, const ImageSource &imageSource)
{
    QString html;
    html += QStringLiteral("<article class=\"conversation\">\n");
    html += QStringLiteral("<h1>%1</h1>\n").arg(MarkdownHtml::escape(ExportText::titleOf(archive)));
    const QString meta = ExportText::metadataLine(archive);
    if (!meta.isEmpty())
        html += QStringLiteral("<p class=\"meta\">%1</p>\n").arg(MarkdownHtml::escape(meta));
    const QString system = archive.conversation.systemPrompt.trimmed();
    if (!system.isEmpty())
        html +=
            QStringLiteral("<div class=\"system\"><strong>%1</strong><div class=\"plain\">%2</div></div>\n")
                .arg(MarkdownHtml::escape(tr("System prompt")), MarkdownHtml::plain(system));

    for (int index : ExportText::shownBranch(archive)) {
        const ArchivedMessage &am = archive.messages.at(index);
        const Message &m = am.message;
        html += QStringLiteral("<section class=\"message %1\">\n").arg(roleClass(m.role));
        html += QStringLiteral("<h2 class=\"role\">%1</h2>\n")
                    .arg(MarkdownHtml::escape(ExportText::messageHeading(m)));
        if (!m.reasoning.trimmed().isEmpty())
            html +=
                QStringLiteral("<details class=\"reasoning\"><summary>%1</summary><div "
                               "class=\"plain\">%2</div></details>\n")
                    .arg(MarkdownHtml::escape(tr("Reasoning")), MarkdownHtml::plain(m.reasoning.trimmed()));
        // As in the chat: replies are Markdown, prompts are shown as typed.
        if (m.role == Role::Assistant)
            html +=
                QStringLiteral("<div class=\"content\">\n%1</div>\n").arg(MarkdownHtml::fragment(m.content));
        else
            html += QStringLiteral("<div class=\"content plain\">%1</div>\n")
                        .arg(MarkdownHtml::plain(m.content.trimmed()));
        for (const Attachment &a : am.attachments)
            html += attachmentHtml(a, imageSource);
        if (!m.errorText.isEmpty())
            html += QStringLiteral("<p class=\"error\">%1</p>\n").arg(MarkdownHtml::plain(m.errorText));
        if (m.role == Role::Assistant) {
            const QString details = ExportText::replyDetails(m);
            if (!details.isEmpty())
                html += QStringLiteral("<p class=\"details\">%1</p>\n").arg(MarkdownHtml::escape(details));
        }
        html += QStringLiteral("</section>\n");
    }
    html += QStringLiteral("</article>\n");
    return html;
}

} // namespace penpal
