// Store: the message tree beyond the shown path: sibling lists, subtrees, deleting a branch,
// and the per-message fields that message actions change (reopening a reply to continue it,
// the context a request left out).
#include "store/Store.h"

#include "store/StoreSql.h"
#include "store/StoreTransaction.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace penpal {

using namespace storesql;

namespace {

// Well below SQLite's limit on bound parameters (32766 since 3.32, 999 before).
constexpr int kIdsPerStatement = 500;

QString placeholders(int n)
{
    QString s;
    s.reserve(n * 2);
    for (int i = 0; i < n; ++i)
        s += i ? QStringLiteral(",?") : QStringLiteral("?");
    return s;
}

} // namespace

QHash<qint64, QVector<qint64>> Store::childIdsOf(qint64 conversationId,
                                                 const QVector<qint64> &parentIds) const
{
    QHash<qint64, QVector<qint64>> result;
    if (!isOpen() || parentIds.isEmpty())
        return result;
    QVector<qint64> ids;
    bool roots = false;
    for (qint64 p : parentIds) {
        if (result.contains(p))
            continue;
        result.insert(p, {});
        if (p == 0)
            roots = true;
        else
            ids.append(p);
    }
    // A page of the thread has at most a page of distinct parents: one statement in practice.
    // The replies are found through idx_messages_parent; "+conversation_id" keeps the planner
    // from walking the whole conversation in idx_messages_conversation instead (it would, to
    // save the sort). Roots have no parent to look up, so they come from the conversation.
    for (int from = 0; from == 0 || from < ids.size(); from += kIdsPerStatement) {
        const int n = int(qMin<qsizetype>(kIdsPerStatement, ids.size() - from));
        const bool withRoots = roots && from == 0;
        QStringList terms;
        if (n > 0)
            terms << QStringLiteral("(parent_id IN (%1) AND +conversation_id = ?)").arg(placeholders(n));
        if (withRoots)
            terms << QStringLiteral("(parent_id IS NULL AND conversation_id = ?)");
        if (terms.isEmpty())
            break;
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT parent_id, id FROM messages WHERE %1 ORDER BY created, id")
                      .arg(terms.join(QStringLiteral(" OR "))));
        for (int i = 0; i < n; ++i)
            q.addBindValue(ids.at(from + i));
        if (n > 0)
            q.addBindValue(conversationId);
        if (withRoots)
            q.addBindValue(conversationId);
        if (!q.exec()) {
            fail(QStringLiteral("cannot read replies in conversation %1").arg(conversationId), errorOf(q));
            return {};
        }
        while (q.next())
            result[idFrom(q.value(0))].append(q.value(1).toLongLong());
    }
    return result;
}

bool Store::hasReplies(qint64 messageId) const
{
    if (!isOpen())
        return false;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM messages WHERE parent_id = ?)"));
    q.addBindValue(messageId);
    if (!q.exec() || !q.next()) {
        fail(QStringLiteral("cannot read replies to message %1").arg(messageId), errorOf(q));
        return false;
    }
    return q.value(0).toInt() != 0;
}

QVector<qint64> Store::subtreeIds(qint64 messageId) const
{
    QVector<qint64> result;
    if (!isOpen())
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("WITH RECURSIVE sub(id, depth) AS ("
                             " SELECT id, 0 FROM messages WHERE id = ?"
                             " UNION ALL"
                             " SELECT m.id, sub.depth + 1 FROM messages m JOIN sub ON m.parent_id = sub.id"
                             "  WHERE sub.depth < %1)"
                             " SELECT id FROM sub ORDER BY depth, id")
                  .arg(kMaxDepth));
    q.addBindValue(messageId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the replies below message %1").arg(messageId), errorOf(q));
        return result;
    }
    while (q.next())
        result.append(q.value(0).toLongLong());
    return result;
}

qint64 Store::conversationOf(qint64 messageId) const
{
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"));
    q.addBindValue(messageId);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool Store::deleteMessage(qint64 messageId)
{
    const QString what = QStringLiteral("cannot delete message %1").arg(messageId);
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    const Message m = message(messageId);
    if (m.id == 0)
        return fail(what, QStringLiteral("no such message"));
    const QVector<qint64> ids = subtreeIds(messageId);
    if (ids.isEmpty())
        return fail(what, lastError());
    const qint64 oldLeaf = conversation(m.conversationId).currentLeafId;

    // ON DELETE CASCADE on parent_id would take the subtree along, but SQLite runs it as
    // nested triggers that give up after 1000 levels ("too many levels of trigger
    // recursion"). Cutting the links first and deleting the rows by id works at any depth.
    QSqlQuery q(db());
    for (const char *sql :
         {"UPDATE messages SET parent_id = NULL WHERE id IN (%1)", "DELETE FROM messages WHERE id IN (%1)"}) {
        for (int from = 0; from < ids.size(); from += kIdsPerStatement) {
            const int n = int(qMin<qsizetype>(kIdsPerStatement, ids.size() - from));
            q.prepare(QString::fromLatin1(sql).arg(placeholders(n)));
            for (int i = 0; i < n; ++i)
                q.addBindValue(ids.at(from + i));
            if (!q.exec())
                return fail(what, errorOf(q));
        }
    }

    // A leaf that no longer exists would make thread() fall back to the newest message,
    // which may be on any branch: pick the nearest surviving one instead.
    qint64 newLeaf = oldLeaf;
    const bool leafGone = oldLeaf == 0 || QSet<qint64>(ids.cbegin(), ids.cend()).contains(oldLeaf);
    if (leafGone) {
        if (m.parentId != 0) {
            newLeaf = newestLeafUnder(m.parentId);
        } else {
            const QVector<qint64> roots = childIds(m.conversationId, 0);
            newLeaf = roots.isEmpty() ? 0 : newestLeafUnder(roots.constLast());
        }
        q.prepare(QStringLiteral("UPDATE conversations SET current_leaf_id = ? WHERE id = ?"));
        q.addBindValue(idValue(newLeaf));
        q.addBindValue(m.conversationId);
        if (!q.exec())
            return fail(what, errorOf(q));
    }
    if (!tx.commit())
        return fail(what, tx.error());
    Q_EMIT messagesRemoved(m.conversationId, ids);
    if (newLeaf != oldLeaf)
        Q_EMIT currentLeafChanged(m.conversationId, newLeaf);
    Q_EMIT conversationChanged(m.conversationId);
    return true;
}

bool Store::reopenMessage(qint64 messageId)
{
    const QString what = QStringLiteral("cannot continue message %1").arg(messageId);
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE messages SET state = 'streaming', error_text = '', finish_reason = NULL"
                             " WHERE id = ?"));
    q.addBindValue(messageId);
    if (!q.exec())
        return fail(what, errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(what, QStringLiteral("no such message"));
    Q_EMIT messageChanged(conversationOf(messageId), messageId);
    return true;
}

bool Store::setContextOmitted(qint64 messageId, int omitted)
{
    const QString what = QStringLiteral("cannot save the context of message %1").arg(messageId);
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE messages SET context_omitted = ? WHERE id = ?"));
    q.addBindValue(qMax(omitted, 0));
    q.addBindValue(messageId);
    if (!q.exec())
        return fail(what, errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(what, QStringLiteral("no such message"));
    Q_EMIT messageChanged(conversationOf(messageId), messageId);
    return true;
}

} // namespace penpal
