#include "history/MarkdownExportWriter.h"

#include "history/ExportText.h"

#include <QCoreApplication>
#include <QStringList>

namespace penpal {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("penpal::MarkdownExportWriter", text);
}

QString quoted(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line;
    return lines.join(QLatin1Char('\n'));
}

// A title or file name inside Markdown: a leading '#' or list marker and HTML-looking text
// must stay text.
QString inlineText(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('<'), QStringLiteral("\\<"));
    text.replace(QLatin1Char('*'), QStringLiteral("\\*"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    text.replace(QLatin1Char('`'), QStringLiteral("\\`"));
    text.replace(QLatin1Char('['), QStringLiteral("\\["));
    return text;
}

} // namespace

MarkdownExportWriter::MarkdownExportWriter(QIODevice *out)
    : ArchiveExporter(out)
{
}

bool MarkdownExportWriter::begin()
{
    return !failed();
}

bool MarkdownExportWriter::write(const ConversationArchive &archive)
{
    QString text = render(archive);
    if (m_written++ > 0)
        text.prepend(QStringLiteral("\n---\n\n"));
    return put(text);
}

bool MarkdownExportWriter::finish()
{
    return flush();
}

QString MarkdownExportWriter::render(const ConversationArchive &archive)
{
    QString out;
    out += QStringLiteral("# %1\n\n").arg(inlineText(ExportText::titleOf(archive)));
    const QString meta = ExportText::metadataLine(archive);
    if (!meta.isEmpty())
        out += inlineText(meta) + QStringLiteral("\n\n");
    const QString system = archive.conversation.systemPrompt.trimmed();
    if (!system.isEmpty())
        out += quoted(QStringLiteral("**%1** ").arg(tr("System prompt:")) + system) + QStringLiteral("\n\n");

    for (int index : ExportText::shownBranch(archive)) {
        const ArchivedMessage &am = archive.messages.at(index);
        const Message &m = am.message;
        out += QStringLiteral("## %1\n\n").arg(inlineText(ExportText::messageHeading(m)));
        if (!m.reasoning.trimmed().isEmpty()) {
            // <details> folds it away where Markdown viewers allow HTML; the quote marks it as
            // apart from the answer everywhere else.
            out += QStringLiteral("<details>\n<summary>%1</summary>\n\n").arg(tr("Reasoning"));
            out += quoted(ExportText::closeOpenFence(m.reasoning.trimmed()));
            out += QStringLiteral("\n\n</details>\n\n");
        }
        // Only blank lines around the text go: leading spaces may be an indented code block.
        QString content = m.content;
        while (!content.isEmpty() && content.back().isSpace())
            content.chop(1);
        while (content.startsWith(QLatin1Char('\n')))
            content.remove(0, 1);
        if (!content.isEmpty())
            out += ExportText::closeOpenFence(content) + QStringLiteral("\n\n");
        if (!am.attachments.isEmpty()) {
            out += QStringLiteral("**%1**\n\n").arg(tr("Attachments:"));
            for (const Attachment &a : am.attachments)
                out += QStringLiteral("- %1\n").arg(inlineText(ExportText::attachmentLine(a)));
            out += QLatin1Char('\n');
        }
        if (!m.errorText.isEmpty())
            out +=
                quoted(QStringLiteral("**%1** %2").arg(tr("Error:"), m.errorText)) + QStringLiteral("\n\n");
        if (m.role == Role::Assistant) {
            const QString details = ExportText::replyDetails(m);
            if (!details.isEmpty())
                out += QStringLiteral("*%1*\n\n").arg(inlineText(details));
        }
    }
    return out;
}

} // namespace penpal
