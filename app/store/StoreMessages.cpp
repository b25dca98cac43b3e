// Store: message rows, the shown thread and branch navigation.
#include "store/Store.h"

#include "store/StoreSql.h"
#include "store/StoreTransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace penpal {

using namespace storesql;

namespace {

const QString kMessageColumns = QStringLiteral(
    "m.id, m.conversation_id, m.parent_id, m.role, m.content, m.reasoning, m.model, m.created, m.state,"
    " m.error_text, m.prompt_tokens, m.completion_tokens, m.total_tokens, m.reasoning_tokens, m.ttft_ms,"
    " m.duration_ms, m.finish_reason, m.context_omitted");

Message messageFrom(const QSqlQuery &q)
{
    Message m;
    m.id = q.value(0).toLongLong();
    m.conversationId = q.value(1).toLongLong();
    m.parentId = idFrom(q.value(2));
    m.role = roleFromString(q.value(3).toString());
    m.content = q.value(4).toString();
    m.reasoning = q.value(5).toString();
    m.model = q.value(6).toString();
    m.created = timeFrom(q.value(7));
    m.state = stateFromString(q.value(8).toString());
    m.errorText = q.value(9).toString();
    m.usage.promptTokens = int(countFrom(q.value(10)));
    m.usage.completionTokens = int(countFrom(q.value(11)));
    m.usage.totalTokens = int(countFrom(q.value(12)));
    m.usage.reasoningTokens = int(countFrom(q.value(13)));
    m.timeToFirstTokenMs = countFrom(q.value(14));
    m.durationMs = countFrom(q.value(15));
    m.finishReason = q.value(16).toString();
    m.contextOmitted = q.value(17).toInt();
    return m;
}

// An empty finish reason is "unknown", stored as NULL like the other unknowns.
QVariant reasonValue(const QString &reason)
{
    return reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason);
}

// How a reply ended, bound in the column order shared by the INSERT and the final UPDATE:
// state, error_text, prompt/completion/total/reasoning tokens, ttft_ms, duration_ms,
// finish_reason, context_omitted.
void bindOutcome(QSqlQuery &q, const Message &m)
{
    q.addBindValue(stateToString(m.state));
    q.addBindValue(text(m.errorText));
    q.addBindValue(countValue(m.usage.promptTokens));
    q.addBindValue(countValue(m.usage.completionTokens));
    q.addBindValue(countValue(m.usage.totalTokens));
    q.addBindValue(countValue(m.usage.reasoningTokens));
    q.addBindValue(countValue(m.timeToFirstTokenMs));
    q.addBindValue(countValue(m.durationMs));
    q.addBindValue(reasonValue(m.finishReason));
    q.addBindValue(qMax(m.contextOmitted, 0));
}

} // namespace

qint64 Store::addMessage(Message &m, const Attachments &attachments)
{
    const QString what = QStringLiteral("cannot add a message to conversation %1").arg(m.conversationId);
    if (!isOpen()) {
        fail(what, QStringLiteral("the store is not open"));
        return 0;
    }
    if (!m.created.isValid())
        m.created = QDateTime::currentDateTimeUtc();

    StoreTransaction tx(db());
    if (!tx.isActive()) {
        fail(what, tx.error());
        return 0;
    }
    QSqlQuery q(db());
    if (m.parentId != 0) {
        // A parent in another conversation would make thread() cross conversations.
        q.prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"));
        q.addBindValue(m.parentId);
        if (!q.exec() || !q.next() || q.value(0).toLongLong() != m.conversationId) {
            fail(what, QStringLiteral("parent message %1 is not in that conversation").arg(m.parentId));
            return 0;
        }
        q.finish();
    }

    q.prepare(QStringLiteral(
        "INSERT INTO messages (conversation_id, parent_id, role, content, reasoning, model, created, state,"
        " error_text, prompt_tokens, completion_tokens, total_tokens, reasoning_tokens, ttft_ms, duration_ms,"
        " finish_reason, context_omitted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(m.conversationId);
    q.addBindValue(idValue(m.parentId));
    q.addBindValue(roleToString(m.role));
    q.addBindValue(text(m.content));
    q.addBindValue(text(m.reasoning));
    q.addBindValue(text(m.model));
    q.addBindValue(timeValue(m.created));
    bindOutcome(q, m);
    if (!q.exec()) {
        fail(what, errorOf(q)); // e.g. FOREIGN KEY constraint failed: no such conversation
        return 0;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    QString attachmentError;
    if (!insertAttachments(id, attachments, &attachmentError)) {
        fail(what, attachmentError);
        return 0;
    }

    // MAX keeps the list order stable if the clock steps back.
    q.prepare(QStringLiteral("UPDATE conversations SET current_leaf_id = ?, updated = MAX(updated, ?)"
                             " WHERE id = ?"));
    q.addBindValue(id);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(m.conversationId);
    if (!q.exec() || q.numRowsAffected() != 1) {
        fail(what, errorOf(q));
        return 0;
    }
    if (!tx.commit()) {
        fail(what, tx.error());
        return 0;
    }
    m.id = id;
    Q_EMIT messageAdded(m.conversationId, id);
    Q_EMIT conversationChanged(m.conversationId);
    return id;
}

bool Store::updateMessageContent(qint64 id, const QString &content, const QString &reasoning,
                                 MessageState state)
{
    if (!isOpen() || !m_updateContentQuery)
        return fail(QStringLiteral("cannot save message %1").arg(id),
                    QStringLiteral("the store is not open"));
    // One autocommitted UPDATE by primary key on a statement prepared in open(); in WAL mode
    // with synchronous=NORMAL the commit is an append to the -wal file without an fsync.
    QSqlQuery &q = *m_updateContentQuery;
    q.bindValue(0, text(content));
    q.bindValue(1, text(reasoning));
    q.bindValue(2, stateToString(state));
    q.bindValue(3, id);
    if (!q.exec())
        return fail(QStringLiteral("cannot save message %1").arg(id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no message %1").arg(id), QString());
    return true;
}

bool Store::finishMessage(const Message &m)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot finish message %1").arg(m.id),
                    QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    // An empty model keeps the one stored when the reply started.
    q.prepare(QStringLiteral(
        "UPDATE messages SET content = ?, reasoning = ?, model = COALESCE(NULLIF(?, ''), model),"
        " state = ?, error_text = ?, prompt_tokens = ?, completion_tokens = ?,"
        " total_tokens = ?, reasoning_tokens = ?, ttft_ms = ?, duration_ms = ?, finish_reason = ?,"
        " context_omitted = ? WHERE id = ?"));
    q.addBindValue(text(m.content));
    q.addBindValue(text(m.reasoning));
    q.addBindValue(text(m.model));
    bindOutcome(q, m);
    q.addBindValue(m.id);
    if (!q.exec())
        return fail(QStringLiteral("cannot finish message %1").arg(m.id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no message %1").arg(m.id), QString());
    return true;
}

Message Store::message(qint64 id) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM messages m WHERE m.id = ?").arg(kMessageColumns));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read message %1").arg(id), errorOf(q));
        return {};
    }
    return q.next() ? messageFrom(q) : Message();
}

qint64 Store::startOfThread(qint64 conversationId, qint64 beforeId) const
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (beforeId != 0) {
        q.prepare(QStringLiteral("SELECT parent_id FROM messages WHERE id = ? AND conversation_id = ?"));
        q.addBindValue(beforeId);
        q.addBindValue(conversationId);
    } else {
        // The current leaf if it still belongs to the conversation, else its newest message.
        q.prepare(QStringLiteral(
            "SELECT COALESCE("
            " (SELECT m.id FROM conversations c JOIN messages m"
            "   ON m.id = c.current_leaf_id AND m.conversation_id = c.id WHERE c.id = ?),"
            " (SELECT id FROM messages WHERE conversation_id = ? ORDER BY created DESC, id DESC LIMIT 1))"));
        q.addBindValue(conversationId);
        q.addBindValue(conversationId);
    }
    if (!q.exec()) {
        fail(QStringLiteral("cannot read conversation %1").arg(conversationId), errorOf(q));
        return 0;
    }
    return q.next() ? idFrom(q.value(0)) : 0;
}

QVector<Message> Store::thread(qint64 conversationId, int limit, qint64 beforeId) const
{
    QVector<Message> result;
    if (!isOpen() || limit == 0)
        return result;
    const qint64 start = startOfThread(conversationId, beforeId);
    if (start == 0)
        return result;

    QSqlQuery q(db());
    q.setForwardOnly(true);
    // Walks up from `start`; the LIMIT inside the recursive CTE stops the walk itself after
    // `limit` rows, so loading one page of a long thread never visits the rest of it.
    q.prepare(QStringLiteral("WITH RECURSIVE path(id, depth) AS ("
                             " SELECT id, 0 FROM messages WHERE id = ? AND conversation_id = ?"
                             " UNION ALL"
                             " SELECT m.parent_id, p.depth + 1 FROM path p JOIN messages m ON m.id = p.id"
                             "  WHERE m.parent_id IS NOT NULL AND p.depth < %1"
                             " LIMIT ?)"
                             " SELECT %2 FROM path JOIN messages m ON m.id = path.id"
                             " WHERE m.conversation_id = ? ORDER BY path.depth DESC")
                  .arg(kMaxDepth)
                  .arg(kMessageColumns));
    q.addBindValue(start);
    q.addBindValue(conversationId);
    q.addBindValue(limit < 0 ? -1 : limit);
    q.addBindValue(conversationId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the thread of conversation %1").arg(conversationId), errorOf(q));
        return result;
    }
    while (q.next())
        result.append(messageFrom(q));
    return result;
}

bool Store::setCurrentLeaf(qint64 conversationId, qint64 messageId)
{
    const QString what = QStringLiteral("cannot switch the branch of conversation %1").arg(conversationId);
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("UPDATE conversations SET current_leaf_id = ? WHERE id = ? AND (? IS NULL OR EXISTS"
                       " (SELECT 1 FROM messages WHERE id = ? AND conversation_id = conversations.id))"));
    q.addBindValue(idValue(messageId));
    q.addBindValue(conversationId);
    q.addBindValue(idValue(messageId));
    q.addBindValue(idValue(messageId));
    if (!q.exec())
        return fail(what, errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(what, QStringLiteral("no message %1 in it").arg(messageId));
    Q_EMIT currentLeafChanged(conversationId, messageId);
    Q_EMIT conversationChanged(conversationId);
    return true;
}

QVector<qint64> Store::childIds(qint64 conversationId, qint64 parentId) const
{
    QVector<qint64> result;
    if (!isOpen())
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ?"
                             " ORDER BY created, id"));
    q.addBindValue(conversationId);
    q.addBindValue(idValue(parentId));
    if (!q.exec()) {
        fail(QStringLiteral("cannot read replies in conversation %1").arg(conversationId), errorOf(q));
        return result;
    }
    while (q.next())
        result.append(q.value(0).toLongLong());
    return result;
}

qint64 Store::newestLeafUnder(qint64 messageId) const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("WITH RECURSIVE down(id, depth) AS ("
                             " SELECT id, 0 FROM messages WHERE id = ?"
                             " UNION ALL"
                             " SELECT (SELECT c.id FROM messages c WHERE c.parent_id = down.id"
                             "   ORDER BY c.created DESC, c.id DESC LIMIT 1), depth + 1"
                             "  FROM down WHERE down.id IS NOT NULL AND depth < %1)"
                             " SELECT id FROM down WHERE id IS NOT NULL ORDER BY depth DESC LIMIT 1")
                  .arg(kMaxDepth));
    q.addBindValue(messageId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read replies to message %1").arg(messageId), errorOf(q));
        return 0;
    }
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace penpal
