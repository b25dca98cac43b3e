// Store: the files attached to user messages. Written in addMessage()'s transaction, so a
// prompt is never stored without its files; removed with their message by ON DELETE CASCADE.
#include "store/Store.h"

#include "store/StoreSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace penpal {

using namespace storesql;

namespace {

QString kindToString(Attachment::Kind kind)
{
    return kind == Attachment::Kind::Image ? QStringLiteral("image") : QStringLiteral("text");
}

Attachment::Kind kindFromString(const QString &s)
{
    return s == QLatin1String("image") ? Attachment::Kind::Image : Attachment::Kind::Text;
}

} // namespace

bool Store::insertAttachments(qint64 messageId, const Attachments &attachments, QString *error)
{
    if (attachments.isEmpty())
        return true;
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("INSERT INTO attachments (message_id, ordinal, kind, file_name, mime_type, size, data)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < attachments.size(); ++i) {
        const Attachment &a = attachments.at(i);
        q.bindValue(0, messageId);
        q.bindValue(1, i);
        q.bindValue(2, kindToString(a.kind));
        q.bindValue(3, text(a.fileName));
        q.bindValue(4, text(a.mimeType));
        q.bindValue(5, qint64(a.data.size()));
        // A null QByteArray binds as NULL, which the NOT NULL column rejects: an empty file is
        // an empty blob.
        q.bindValue(6, a.data.isNull() ? QByteArray("") : a.data);
        if (!q.exec()) {
            *error = QStringLiteral("cannot store attachment %1: %2").arg(i + 1).arg(errorOf(q));
            return false;
        }
    }
    return true;
}

Attachments Store::attachments(qint64 messageId) const
{
    Attachments result;
    if (!isOpen())
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT kind, file_name, mime_type, data FROM attachments WHERE message_id = ?"
                             " ORDER BY ordinal"));
    q.addBindValue(messageId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the attachments of message %1").arg(messageId), errorOf(q));
        return result;
    }
    while (q.next()) {
        Attachment a;
        a.kind = kindFromString(q.value(0).toString());
        a.fileName = q.value(1).toString();
        a.mimeType = q.value(2).toString();
        a.data = q.value(3).toByteArray();
        result.append(a);
    }
    return result;
}

AttachmentInfos Store::attachmentInfo(qint64 messageId) const
{
    AttachmentInfos result;
    if (!isOpen())
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    // The size column spares reading the blobs: a view asks for every prompt it lays out.
    q.prepare(QStringLiteral("SELECT kind, file_name, mime_type, size FROM attachments WHERE message_id = ?"
                             " ORDER BY ordinal"));
    q.addBindValue(messageId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the attachments of message %1").arg(messageId), errorOf(q));
        return result;
    }
    while (q.next()) {
        AttachmentInfo a;
        a.kind = kindFromString(q.value(0).toString());
        a.fileName = q.value(1).toString();
        a.mimeType = q.value(2).toString();
        a.size = q.value(3).toLongLong();
        result.append(a);
    }
    return result;
}

} // namespace penpal
