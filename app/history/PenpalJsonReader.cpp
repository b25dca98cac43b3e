#include "history/PenpalJsonReader.h"

#include <QJsonArray>
#include <QSet>

namespace penpal {

namespace {

QDateTime isoTime(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

int intOr(const QJsonObject &o, const char *key, int fallback)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? v.toInt(fallback) : fallback;
}

qint64 int64Or(const QJsonObject &o, const char *key, qint64 fallback)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

// The JSON ids are numbers; null or absent is "none" (0). A non-integer is refused.
bool idOf(const QJsonValue &v, qint64 *id)
{
    if (v.isNull() || v.isUndefined()) {
        *id = 0;
        return true;
    }
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (d != double(qint64(d)) || d <= 0)
        return false;
    *id = qint64(d);
    return true;
}

} // namespace

bool PenpalJsonReader::checkHeader(const QJsonObject &members, QString *error)
{
    const QJsonValue format = members.value(QLatin1String("format"));
    if (format.toString() != QLatin1String(FormatName)) {
        *error = format.isUndefined()
                     ? QStringLiteral("not a ChatGPT or Penpal export: the JSON object has no \"format\"")
                     : QStringLiteral("not a Penpal export: the format is \"%1\"").arg(format.toString());
        return false;
    }
    const QJsonValue version = members.value(QLatin1String("version"));
    if (!version.isDouble() || version.toDouble() < 1 || version.toDouble() != double(version.toInt())) {
        *error = QStringLiteral("the Penpal export has no valid \"version\"");
        return false;
    }
    if (version.toInt() > SupportedVersion) {
        *error =
            QStringLiteral("the file is Penpal export version %1, but this Penpal reads versions up to %2")
                .arg(version.toInt())
                .arg(SupportedVersion);
        return false;
    }
    return true;
}

bool PenpalJsonReader::readConversation(const QJsonObject &o, ConversationArchive *archive, QString *error)
{
    Conversation &c = archive->conversation;
    c = Conversation();
    archive->tags.clear();
    archive->messages.clear();
    c.uid = o.value(QLatin1String("uid")).toString();
    c.title = o.value(QLatin1String("title")).toString();
    if (c.uid.isEmpty()) {
        *error = QStringLiteral("conversation \"%1\" has no uid").arg(c.title);
        return false;
    }
    c.titleLocked = o.value(QLatin1String("titleLocked")).toBool();
    c.created = isoTime(o.value(QLatin1String("created")));
    c.updated = isoTime(o.value(QLatin1String("updated")));
    c.pinned = o.value(QLatin1String("pinned")).toBool();
    c.archived = o.value(QLatin1String("archived")).toBool();
    c.deletedAt = isoTime(o.value(QLatin1String("deleted")));
    c.profileId = o.value(QLatin1String("profile")).toString();
    c.model = o.value(QLatin1String("model")).toString();
    c.systemPrompt = o.value(QLatin1String("systemPrompt")).toString();
    c.params = SamplingParams::fromJson(o.value(QLatin1String("params")).toObject());
    c.contextMaxMessages = qMax(0, intOr(o, "contextMaxMessages", 0));
    c.contextMaxTokens = qMax(0, intOr(o, "contextMaxTokens", 0));
    for (const QJsonValue &tag : o.value(QLatin1String("tags")).toArray()) {
        if (tag.isString() && !tag.toString().trimmed().isEmpty())
            archive->tags << tag.toString();
    }

    const QString where = QStringLiteral("conversation \"%1\" (%2)").arg(c.title, c.uid);
    QSet<qint64> ids;
    for (const QJsonValue &value : o.value(QLatin1String("messages")).toArray()) {
        const QJsonObject mo = value.toObject();
        ArchivedMessage am;
        Message &m = am.message;
        if (!idOf(mo.value(QLatin1String("id")), &m.id) || m.id == 0) {
            *error = QStringLiteral("%1: a message has no valid id").arg(where);
            return false;
        }
        if (ids.contains(m.id)) {
            *error = QStringLiteral("%1: duplicate message id %2").arg(where).arg(m.id);
            return false;
        }
        if (!idOf(mo.value(QLatin1String("parent")), &m.parentId) ||
            (m.parentId != 0 && !ids.contains(m.parentId))) {
            *error = QStringLiteral("%1: message %2 refers to parent %3, which does not come before it")
                         .arg(where)
                         .arg(m.id)
                         .arg(mo.value(QLatin1String("parent")).toVariant().toString());
            return false;
        }
        ids.insert(m.id);
        m.role = roleFromString(mo.value(QLatin1String("role")).toString());
        m.content = mo.value(QLatin1String("content")).toString();
        m.reasoning = mo.value(QLatin1String("reasoning")).toString();
        m.model = mo.value(QLatin1String("model")).toString();
        m.created = isoTime(mo.value(QLatin1String("created")));
        if (!m.created.isValid())
            m.created = c.created;
        const QString state = mo.value(QLatin1String("state")).toString();
        // A file never carries a streaming reply: nothing would ever finish it.
        m.state = state == QLatin1String("failed")        ? MessageState::Failed
                  : state == QLatin1String("interrupted") ? MessageState::Interrupted
                  : state == QLatin1String("streaming")   ? MessageState::Interrupted
                                                          : MessageState::Complete;
        m.errorText = mo.value(QLatin1String("error")).toString();
        m.finishReason = mo.value(QLatin1String("finishReason")).toString();
        const QJsonObject usage = mo.value(QLatin1String("usage")).toObject();
        m.usage.promptTokens = intOr(usage, "prompt", -1);
        m.usage.completionTokens = intOr(usage, "completion", -1);
        m.usage.totalTokens = intOr(usage, "total", -1);
        m.usage.reasoningTokens = intOr(usage, "reasoning", -1);
        m.timeToFirstTokenMs = int64Or(mo, "ttftMs", -1);
        m.durationMs = int64Or(mo, "durationMs", -1);
        m.contextOmitted = qMax(0, intOr(mo, "contextOmitted", 0));
        for (const QJsonValue &av : mo.value(QLatin1String("attachments")).toArray()) {
            const QJsonObject ao = av.toObject();
            Attachment a;
            a.kind = ao.value(QLatin1String("kind")).toString() == QLatin1String("image")
                         ? Attachment::Kind::Image
                         : Attachment::Kind::Text;
            a.fileName = ao.value(QLatin1String("fileName")).toString();
            a.mimeType = ao.value(QLatin1String("mimeType")).toString();
            const auto decoded =
                QByteArray::fromBase64Encoding(ao.value(QLatin1String("data")).toString().toLatin1(),
                                               QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                *error = QStringLiteral("%1: attachment \"%2\" of message %3 is not valid base64")
                             .arg(where, a.fileName)
                             .arg(m.id);
                return false;
            }
            a.data = decoded.decoded;
            am.attachments.append(a);
        }
        archive->messages.append(am);
    }
    qint64 leaf = 0;
    if (!idOf(o.value(QLatin1String("currentLeaf")), &leaf) || (leaf != 0 && !ids.contains(leaf))) {
        *error = QStringLiteral("%1: the current leaf is not one of its messages").arg(where);
        return false;
    }
    c.currentLeafId = leaf;
    if (!c.created.isValid())
        c.created = archive->messages.isEmpty() ? QDateTime::currentDateTimeUtc()
                                                : archive->messages.constFirst().message.created;
    if (!c.updated.isValid())
        c.updated = c.created;
    return true;
}

} // namespace penpal
