#include "history/ExportText.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSet>
#include <QStringList>

namespace penpal {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("penpal::ExportText", text);
}

// A fence line: up to three spaces, then three or more backticks or tildes. Returns the fence
// character and run length, or a null char when the line is not one.
QChar fenceOf(QStringView line, int *length, bool *onlyFence)
{
    int i = 0;
    while (i < line.size() && i < 3 && line.at(i) == QLatin1Char(' '))
        ++i;
    if (i >= line.size())
        return {};
    const QChar c = line.at(i);
    if (c != QLatin1Char('`') && c != QLatin1Char('~'))
        return {};
    int n = 0;
    while (i + n < line.size() && line.at(i + n) == c)
        ++n;
    if (n < 3)
        return {};
    *length = n;
    *onlyFence = line.mid(i + n).trimmed().isEmpty();
    return c;
}

} // namespace

QVector<int> ExportText::shownBranch(const ConversationArchive &archive)
{
    QVector<int> path;
    const QVector<ArchivedMessage> &messages = archive.messages;
    if (messages.isEmpty())
        return path;
    QHash<qint64, int> indexOf;
    for (int i = 0; i < messages.size(); ++i)
        indexOf.insert(messages.at(i).message.id, i);
    int leaf = indexOf.value(archive.conversation.currentLeafId, -1);
    if (leaf < 0) {
        // As Store::thread(): without a current leaf the newest message ends the thread.
        leaf = 0;
        for (int i = 1; i < messages.size(); ++i) {
            const Message &m = messages.at(i).message;
            const Message &best = messages.at(leaf).message;
            if (m.created > best.created || (m.created == best.created && m.id > best.id))
                leaf = i;
        }
    }
    QSet<int> seen;
    for (int i = leaf; i >= 0 && !seen.contains(i); i = indexOf.value(messages.at(i).message.parentId, -1)) {
        seen.insert(i);
        path.prepend(i);
    }
    return path;
}

QString ExportText::roleLabel(Role role)
{
    switch (role) {
    case Role::User:
        return tr("You");
    case Role::Assistant:
        return tr("Assistant");
    case Role::System:
        return tr("System");
    }
    return tr("You");
}

QString ExportText::messageHeading(const Message &m)
{
    if (m.role == Role::Assistant && !m.model.isEmpty())
        return QStringLiteral("%1 (%2)").arg(roleLabel(m.role), m.model);
    return roleLabel(m.role);
}

QString ExportText::metadataLine(const ConversationArchive &archive)
{
    const Conversation &c = archive.conversation;
    QStringList parts;
    if (c.created.isValid())
        parts << tr("Created %1").arg(displayTime(c.created));
    if (c.updated.isValid())
        parts << tr("Updated %1").arg(displayTime(c.updated));
    if (!c.model.isEmpty())
        parts << tr("Model: %1").arg(c.model);
    if (!archive.tags.isEmpty())
        parts << tr("Tags: %1").arg(archive.tags.join(QStringLiteral(", ")));
    if (c.archived)
        parts << tr("Archived");
    return parts.join(QStringLiteral(" · "));
}

QString ExportText::replyDetails(const Message &m)
{
    QStringList parts;
    if (m.usage.totalTokens >= 0)
        parts << tr("%1 tokens").arg(QLocale::c().toString(m.usage.totalTokens));
    else if (m.usage.completionTokens >= 0)
        parts << tr("%1 tokens").arg(QLocale::c().toString(m.usage.completionTokens));
    if (m.usage.reasoningTokens > 0)
        parts << tr("%1 reasoning tokens").arg(QLocale::c().toString(m.usage.reasoningTokens));
    if (m.durationMs >= 0)
        parts << tr("%1 s").arg(QString::number(double(m.durationMs) / 1000.0, 'f', 1));
    switch (m.state) {
    case MessageState::Streaming:
    case MessageState::Interrupted:
        parts << tr("interrupted");
        break;
    case MessageState::Failed:
        parts << tr("failed");
        break;
    case MessageState::Complete:
        if (m.finishReason == QLatin1String("length"))
            parts << tr("cut off at the length limit");
        break;
    }
    return parts.join(QStringLiteral(" · "));
}

QString ExportText::attachmentLine(const Attachment &a)
{
    return QStringLiteral("%1 (%2, %3)").arg(a.fileName, a.mimeType, humanSize(a.data.size()));
}

QString ExportText::displayTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC")
                       : QString();
}

QString ExportText::isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString ExportText::humanSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString ExportText::titleOf(const ConversationArchive &archive)
{
    const QString title = archive.conversation.title.trimmed();
    return title.isEmpty() ? tr("Untitled conversation") : title;
}

QString ExportText::generator()
{
    return QStringLiteral("Penpal %1").arg(QStringLiteral(PENPAL_VERSION));
}

QString ExportText::closeOpenFence(const QString &markdown)
{
    QChar open;
    int openLength = 0;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        int length = 0;
        bool onlyFence = false;
        const QChar c = fenceOf(line, &length, &onlyFence);
        if (c.isNull())
            continue;
        if (open.isNull()) {
            open = c;
            openLength = length;
        } else if (c == open && length >= openLength && onlyFence) {
            open = QChar();
        }
    }
    if (open.isNull())
        return markdown;
    QString closed = markdown;
    if (!closed.endsWith(QLatin1Char('\n')))
        closed += QLatin1Char('\n');
    closed += QString(openLength, open);
    return closed;
}

} // namespace penpal
