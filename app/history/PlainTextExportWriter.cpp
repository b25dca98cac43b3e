#include "history/PlainTextExportWriter.h"

#include "history/ExportText.h"

#include <QCoreApplication>
#include <QStringList>

namespace penpal {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("penpal::PlainTextExportWriter", text);
}

QString prefixed(const QString &text, const QString &prefix)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = line.isEmpty() ? prefix.trimmed() : prefix + line;
    return lines.join(QLatin1Char('\n'));
}

QString withoutTrailingSpace(QString s)
{
    while (!s.isEmpty() && s.back().isSpace())
        s.chop(1);
    while (s.startsWith(QLatin1Char('\n')))
        s.remove(0, 1);
    return s;
}

} // namespace

PlainTextExportWriter::PlainTextExportWriter(QIODevice *out)
    : ArchiveExporter(out)
{
}

bool PlainTextExportWriter::begin()
{
    return !failed();
}

bool PlainTextExportWriter::write(const ConversationArchive &archive)
{
    QString text = render(archive);
    if (m_written++ > 0)
        text.prepend(QStringLiteral("\n") + QString(72, QLatin1Char('=')) + QStringLiteral("\n\n"));
    return put(text);
}

bool PlainTextExportWriter::finish()
{
    return flush();
}

QString PlainTextExportWriter::render(const ConversationArchive &archive)
{
    QString out;
    const QString title = ExportText::titleOf(archive).replace(QLatin1Char('\n'), QLatin1Char(' '));
    out +=
        title + QLatin1Char('\n') + QString(qMax(3, int(title.size())), QLatin1Char('=')) + QLatin1Char('\n');
    const QString meta = ExportText::metadataLine(archive);
    if (!meta.isEmpty())
        out += meta + QLatin1Char('\n');
    out += QLatin1Char('\n');
    const QString system = withoutTrailingSpace(archive.conversation.systemPrompt);
    if (!system.isEmpty())
        out += tr("System prompt:") + QLatin1Char('\n') + prefixed(system, QStringLiteral("    ")) +
               QStringLiteral("\n\n");

    for (int index : ExportText::shownBranch(archive)) {
        const ArchivedMessage &am = archive.messages.at(index);
        const Message &m = am.message;
        out += QStringLiteral("--- %1 ---\n").arg(ExportText::messageHeading(m));
        const QString reasoning = withoutTrailingSpace(m.reasoning);
        if (!reasoning.isEmpty())
            out += tr("Reasoning:") + QLatin1Char('\n') + prefixed(reasoning, QStringLiteral("  | ")) +
                   QStringLiteral("\n\n");
        const QString content = withoutTrailingSpace(m.content);
        if (!content.isEmpty())
            out += content + QLatin1Char('\n');
        for (const Attachment &a : am.attachments)
            out += tr("Attached: %1").arg(ExportText::attachmentLine(a)) + QLatin1Char('\n');
        if (!m.errorText.isEmpty())
            out += tr("Error: %1").arg(m.errorText) + QLatin1Char('\n');
        if (m.role == Role::Assistant) {
            const QString details = ExportText::replyDetails(m);
            if (!details.isEmpty())
                out += QStringLiteral("(%1)\n").arg(details);
        }
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace penpal
