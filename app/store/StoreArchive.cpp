// Store: whole conversations for exports, every branch with its files and tags.
#include "store/Store.h"

#include "store/StoreSql.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace penpal {

using namespace storesql;

namespace {

// The columns and their order are those of StoreMessages.cpp's messageFrom(); kept apart so
// that the archive reads a whole conversation in one query instead of one per message.
const QString kArchiveMessageColumns = QStringLiteral(
    "id, parent_id, role, content, reasoning, model, created, state, error_text, prompt_tokens,"
    " completion_tokens, total_tokens, reasoning_tokens, ttft_ms, duration_ms, finish_reason,"
    " context_omitted");

Message archivedMessageFrom(const QSqlQuery &q, qint64 conversationId)
{
    Message m;
    m.id = q.value(0).toLongLong();
    m.conversationId = conversationId;
    m.parentId = idFrom(q.value(1));
    m.role = roleFromString(q.value(2).toString());
    m.content = q.value(3).toString();
    m.reasoning = q.value(4).toString();
    m.model = q.value(5).toString();
    m.created = timeFrom(q.value(6));
    m.state = stateFromString(q.value(7).toString());
    m.errorText = q.value(8).toString();
    m.usage.promptTokens = int(countFrom(q.value(9)));
    m.usage.completionTokens = int(countFrom(q.value(10)));
    m.usage.totalTokens = int(countFrom(q.value(11)));
    m.usage.reasoningTokens = int(countFrom(q.value(12)));
    m.timeToFirstTokenMs = countFrom(q.value(13));
    m.durationMs = countFrom(q.value(14));
    m.finishReason = q.value(15).toString();
    m.contextOmitted = q.value(16).toInt();
    return m;
}

// Ids grow with every insert, so id order is already "parents first" for everything Penpal
// wrote; a hand-edited file may not be, and an archive promises it. Messages whose parent is
// not (yet) placed wait for it; a parent that is not in the conversation at all makes the
// message a root, so that every parent link in the archive resolves.
QVector<ArchivedMessage> parentsFirst(QVector<ArchivedMessage> byId)
{
    QSet<qint64> present;
    for (const ArchivedMessage &m : qAsConst(byId))
        present.insert(m.message.id);
    QVector<ArchivedMessage> result;
    result.reserve(byId.size());
    QVector<bool> placed(byId.size(), false);
    QSet<qint64> placedIds;
    QHash<qint64, QVector<int>> waiting; // parent id -> indexes into byId
    // Places a message and then, iteratively (a reversed chain can be deep), every message
    // that was waiting for it.
    const auto place = [&](int first) {
        QVector<int> stack{first};
        while (!stack.isEmpty()) {
            const int index = stack.takeLast();
            if (placed.at(index))
                continue;
            placed[index] = true;
            const qint64 id = byId.at(index).message.id;
            placedIds.insert(id);
            result.append(std::move(byId[index]));
            const QVector<int> children = waiting.take(id);
            for (auto it = children.crbegin(); it != children.crend(); ++it)
                stack.append(*it);
        }
    };
    for (int i = 0; i < byId.size(); ++i) {
        Message &m = byId[i].message;
        if (m.parentId != 0 && !present.contains(m.parentId))
            m.parentId = 0;
        if (m.parentId == 0 || placedIds.contains(m.parentId))
            place(i);
        else
            waiting[m.parentId].append(i);
    }
    // Whatever is left sits on a loop of parent links: cut the loop so nothing is lost.
    for (int i = 0; i < byId.size(); ++i) {
        if (placed.at(i))
            continue;
        byId[i].message.parentId = 0;
        place(i);
    }
    return result;
}

Attachment::Kind archivedKindFrom(const QString &s)
{
    return s == QLatin1String("image") ? Attachment::Kind::Image : Attachment::Kind::Text;
}

// A read of several statements sees one state of the file even if another process writes in
// between. A savepoint nests inside a transaction that may already be open.
class ReadSnapshot {
public:
    explicit ReadSnapshot(const QSqlDatabase &db)
        : m_db(db)
    {
        m_active = QSqlQuery(m_db).exec(QStringLiteral("SAVEPOINT penpal_archive_read"));
    }
    ~ReadSnapshot()
    {
        if (m_active)
            QSqlQuery(m_db).exec(QStringLiteral("RELEASE penpal_archive_read"));
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace

ConversationArchive Store::loadArchive(qint64 conversationId, bool *ok) const
{
    ConversationArchive archive;
    if (ok)
        *ok = false;
    const QString what = QStringLiteral("cannot read conversation %1 for export").arg(conversationId);
    if (!isOpen()) {
        fail(what, QStringLiteral("the store is not open"));
        return archive;
    }
    ReadSnapshot snapshot(db());

    archive.conversation = conversation(conversationId);
    if (archive.conversation.id == 0) {
        fail(what, QStringLiteral("no such conversation"));
        return {};
    }

    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.name FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id"
                             " WHERE ct.conversation_id = ? ORDER BY t.name COLLATE NOCASE"));
    q.addBindValue(conversationId);
    if (!q.exec()) {
        fail(what, errorOf(q));
        return {};
    }
    while (q.next())
        archive.tags.append(q.value(0).toString());

    QVector<ArchivedMessage> byId;
    QHash<qint64, int> indexOf;
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = ? ORDER BY id")
                  .arg(kArchiveMessageColumns));
    q.addBindValue(conversationId);
    if (!q.exec()) {
        fail(what, errorOf(q));
        return {};
    }
    while (q.next()) {
        indexOf.insert(q.value(0).toLongLong(), byId.size());
        byId.append(ArchivedMessage{archivedMessageFrom(q, conversationId), {}});
    }

    q.prepare(QStringLiteral("SELECT a.message_id, a.kind, a.file_name, a.mime_type, a.data"
                             " FROM attachments a JOIN messages m ON m.id = a.message_id"
                             " WHERE m.conversation_id = ? ORDER BY a.message_id, a.ordinal"));
    q.addBindValue(conversationId);
    if (!q.exec()) {
        fail(what, errorOf(q));
        return {};
    }
    while (q.next()) {
        const auto it = indexOf.constFind(q.value(0).toLongLong());
        if (it == indexOf.constEnd())
            continue;
        Attachment a;
        a.kind = archivedKindFrom(q.value(1).toString());
        a.fileName = q.value(2).toString();
        a.mimeType = q.value(3).toString();
        a.data = q.value(4).toByteArray();
        byId[it.value()].attachments.append(a);
    }
    q.finish();

    // A current leaf that is no longer in the conversation would name nothing in the archive.
    if (!indexOf.contains(archive.conversation.currentLeafId))
        archive.conversation.currentLeafId = 0;
    archive.messages = parentsFirst(std::move(byId));
    if (ok)
        *ok = true;
    return archive;
}

QVector<qint64> Store::exportableConversationIds() const
{
    QVector<qint64> result;
    if (!isOpen())
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id FROM conversations WHERE deleted_at IS NULL"
                               " ORDER BY pinned DESC, updated DESC, id DESC"))) {
        fail(QStringLiteral("cannot list conversations for export"), errorOf(q));
        return result;
    }
    while (q.next())
        result.append(q.value(0).toLongLong());
    return result;
}

} // namespace penpal
