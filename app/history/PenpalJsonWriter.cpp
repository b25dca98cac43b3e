#include "history/PenpalJsonWriter.h"

#include "history/ExportText.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace penpal {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A JSON string literal (quotes included) exactly as QJsonDocument escapes it.
QByteArray jsonString(const QString &s)
{
    const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // strip [ ]
}

QString stateForExport(MessageState s)
{
    // A reply that is still streaming will never be finished by the file's reader.
    return stateToString(s == MessageState::Streaming ? MessageState::Interrupted : s);
}

QJsonValue timeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(ExportText::isoTime(t)) : QJsonValue(QJsonValue::Null);
}

} // namespace

PenpalJsonWriter::PenpalJsonWriter(QIODevice *out)
    : ArchiveExporter(out)
{
}

bool PenpalJsonWriter::begin()
{
    if (m_phase != Phase::Idle)
        return fail(QStringLiteral("The export was already started."));
    m_phase = Phase::Open;
    // `conversations` last, so that readers can stream it (FORMAT.md).
    QByteArray head = "{\n";
    head += "\"format\": \"penpal-export\",\n";
    head += "\"version\": " + QByteArray::number(FormatVersion) + ",\n";
    head += "\"exported\": " + jsonString(ExportText::isoTime(QDateTime::currentDateTimeUtc())) + ",\n";
    head += "\"generator\": " + jsonString(ExportText::generator()) + ",\n";
    head += "\"conversations\": [";
    return put(head);
}

bool PenpalJsonWriter::write(const ConversationArchive &archive)
{
    if (m_phase != Phase::Open)
        return fail(QStringLiteral("The export is not open."));
    if (failed())
        return false;
    // The conversation's members, then `messages` streamed one message at a time.
    QByteArray head = compact(conversationObject(archive));
    head.chop(1); // the closing brace
    if (head.size() > 1)
        head += ',';
    head.prepend(m_written > 0 ? ",\n" : "\n");
    head += "\"messages\":[";
    if (!put(head))
        return false;
    for (int i = 0; i < archive.messages.size(); ++i) {
        QByteArray line = i > 0 ? ",\n" : "\n";
        line += compact(messageObject(archive.messages.at(i)));
        if (!put(line))
            return false;
    }
    ++m_written;
    return put(QByteArray("\n]}"));
}

bool PenpalJsonWriter::finish()
{
    if (m_phase != Phase::Open)
        return fail(QStringLiteral("The export is not open."));
    m_phase = Phase::Finished;
    return put(QByteArray("\n]\n}\n")) && flush();
}

QJsonObject PenpalJsonWriter::conversationObject(const ConversationArchive &archive)
{
    const Conversation &c = archive.conversation;
    QJsonObject o;
    o.insert(QStringLiteral("uid"), c.uid);
    o.insert(QStringLiteral("title"), c.title);
    o.insert(QStringLiteral("titleLocked"), c.titleLocked);
    o.insert(QStringLiteral("created"), timeValue(c.created));
    o.insert(QStringLiteral("updated"), timeValue(c.updated));
    o.insert(QStringLiteral("pinned"), c.pinned);
    o.insert(QStringLiteral("archived"), c.archived);
    if (c.deletedAt.isValid())
        o.insert(QStringLiteral("deleted"), ExportText::isoTime(c.deletedAt));
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(archive.tags));
    o.insert(QStringLiteral("profile"), c.profileId);
    o.insert(QStringLiteral("model"), c.model);
    o.insert(QStringLiteral("systemPrompt"), c.systemPrompt);
    o.insert(QStringLiteral("params"), c.params.toJson());
    o.insert(QStringLiteral("contextMaxMessages"), c.contextMaxMessages);
    o.insert(QStringLiteral("contextMaxTokens"), c.contextMaxTokens);
    o.insert(QStringLiteral("currentLeaf"),
             c.currentLeafId != 0 ? QJsonValue(c.currentLeafId) : QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject PenpalJsonWriter::messageObject(const ArchivedMessage &archived)
{
    const Message &m = archived.message;
    QJsonObject o;
    o.insert(QStringLiteral("id"), m.id);
    o.insert(QStringLiteral("parent"),
             m.parentId != 0 ? QJsonValue(m.parentId) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("role"), roleToString(m.role));
    o.insert(QStringLiteral("content"), m.content);
    if (!m.reasoning.isEmpty())
        o.insert(QStringLiteral("reasoning"), m.reasoning);
    if (!m.model.isEmpty())
        o.insert(QStringLiteral("model"), m.model);
    o.insert(QStringLiteral("created"), timeValue(m.created));
    o.insert(QStringLiteral("state"), stateForExport(m.state));
    if (!m.errorText.isEmpty())
        o.insert(QStringLiteral("error"), m.errorText);
    if (!m.finishReason.isEmpty())
        o.insert(QStringLiteral("finishReason"), m.finishReason);
    QJsonObject usage;
    const auto count = [&usage](const char *name, int n) {
        if (n >= 0)
            usage.insert(QLatin1String(name), n);
    };
    count("prompt", m.usage.promptTokens);
    count("completion", m.usage.completionTokens);
    count("total", m.usage.totalTokens);
    count("reasoning", m.usage.reasoningTokens);
    if (!usage.isEmpty())
        o.insert(QStringLiteral("usage"), usage);
    if (m.timeToFirstTokenMs >= 0)
        o.insert(QStringLiteral("ttftMs"), m.timeToFirstTokenMs);
    if (m.durationMs >= 0)
        o.insert(QStringLiteral("durationMs"), m.durationMs);
    if (m.contextOmitted > 0)
        o.insert(QStringLiteral("contextOmitted"), m.contextOmitted);
    if (!archived.attachments.isEmpty()) {
        QJsonArray files;
        for (const Attachment &a : archived.attachments) {
            files.append(QJsonObject{
                {QStringLiteral("kind"), a.isImage() ? QStringLiteral("image") : QStringLiteral("text")},
                {QStringLiteral("fileName"), a.fileName},
                {QStringLiteral("mimeType"), a.mimeType},
                {QStringLiteral("data"), QString::fromLatin1(a.data.toBase64())},
            });
        }
        o.insert(QStringLiteral("attachments"), files);
    }
    return o;
}

} // namespace penpal
