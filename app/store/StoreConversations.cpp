// Store: conversation rows.
#include "store/Store.h"

#include "store/StoreSql.h"
#include "store/StoreTransaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace penpal {

using namespace storesql;

namespace {

const QString kConversationColumns = QStringLiteral(
    "id, title, created, updated, pinned, profile_id, model, system_prompt, params, current_leaf_id,"
    " context_max_messages, context_max_tokens, uid, archived, deleted_at, title_locked");

QString paramsJson(const SamplingParams &p)
{
    return QString::fromUtf8(QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact));
}

// The settings a conversation carries, bound in the column order shared by the INSERT and
// the UPDATE: profile_id, model, system_prompt, params, context_max_messages,
// context_max_tokens.
void bindSettings(QSqlQuery &q, const Conversation &c)
{
    q.addBindValue(text(c.profileId));
    q.addBindValue(text(c.model));
    q.addBindValue(text(c.systemPrompt));
    q.addBindValue(paramsJson(c.params));
    q.addBindValue(qMax(c.contextMaxMessages, 0));
    q.addBindValue(qMax(c.contextMaxTokens, 0));
}

Conversation conversationFrom(const QSqlQuery &q)
{
    Conversation c;
    c.id = q.value(0).toLongLong();
    c.title = q.value(1).toString();
    c.created = timeFrom(q.value(2));
    c.updated = timeFrom(q.value(3));
    c.pinned = q.value(4).toInt() != 0;
    c.profileId = q.value(5).toString();
    c.model = q.value(6).toString();
    c.systemPrompt = q.value(7).toString();
    c.params = SamplingParams::fromJson(QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object());
    c.currentLeafId = idFrom(q.value(9));
    c.contextMaxMessages = q.value(10).toInt();
    c.contextMaxTokens = q.value(11).toInt();
    c.uid = q.value(12).toString();
    c.archived = q.value(13).toInt() != 0;
    c.deletedAt = timeFrom(q.value(14));
    c.titleLocked = q.value(15).toInt() != 0;
    return c;
}

} // namespace

qint64 Store::createConversation(Conversation &c)
{
    if (!isOpen()) {
        fail(QStringLiteral("cannot create a conversation"), QStringLiteral("the store is not open"));
        return 0;
    }
    // Given times are kept (imports); a new conversation gets "now".
    if (!c.created.isValid())
        c.created = QDateTime::currentDateTimeUtc();
    if (!c.updated.isValid())
        c.updated = c.created;
    if (c.uid.isEmpty())
        c.uid = QUuid::createUuid().toString(QUuid::Id128);

    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO conversations"
                             " (title, created, updated, pinned, profile_id, model, system_prompt, params,"
                             " context_max_messages, context_max_tokens, uid, archived, deleted_at, title_locked)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(text(c.title));
    q.addBindValue(timeValue(c.created));
    q.addBindValue(timeValue(c.updated));
    q.addBindValue(c.pinned ? 1 : 0);
    bindSettings(q, c);
    q.addBindValue(c.uid);
    q.addBindValue(c.archived ? 1 : 0);
    q.addBindValue(timeValue(c.deletedAt));
    q.addBindValue(c.titleLocked ? 1 : 0);
    if (!q.exec()) {
        fail(QStringLiteral("cannot create a conversation"), errorOf(q));
        return 0;
    }
    c.id = q.lastInsertId().toLongLong();
    c.currentLeafId = 0; // it has no messages yet
    Q_EMIT conversationAdded(c.id);
    return c.id;
}

bool Store::updateConversation(const Conversation &c)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot update a conversation"), QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("UPDATE conversations SET"
                       " title_locked = CASE WHEN title = ? THEN title_locked ELSE 1 END, title = ?,"
                       " pinned = ?, profile_id = ?, model = ?,"
                       " system_prompt = ?, params = ?, context_max_messages = ?, context_max_tokens = ?"
                       " WHERE id = ?"));
    q.addBindValue(text(c.title)); // a title the user changed is never replaced automatically
    q.addBindValue(text(c.title));
    q.addBindValue(c.pinned ? 1 : 0);
    bindSettings(q, c);
    q.addBindValue(c.id);
    if (!q.exec())
        return fail(QStringLiteral("cannot update conversation %1").arg(c.id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no conversation %1").arg(c.id), QString());
    Q_EMIT conversationChanged(c.id);
    return true;
}

bool Store::renameConversation(qint64 id, const QString &title)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot rename a conversation"), QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    // A title the user chose is never replaced by an automatic one.
    q.prepare(QStringLiteral("UPDATE conversations SET title = ?, title_locked = 1 WHERE id = ?"));
    q.addBindValue(text(title));
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot rename conversation %1").arg(id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no conversation %1").arg(id), QString());
    Q_EMIT conversationChanged(id);
    return true;
}

bool Store::setAutomaticTitle(qint64 id, const QString &title)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot title a conversation"), QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE conversations SET title = ? WHERE id = ? AND title_locked = 0"));
    q.addBindValue(text(title));
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot title conversation %1").arg(id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return false; // missing, or the user's own title: not an error
    Q_EMIT conversationChanged(id);
    return true;
}

bool Store::setPinned(qint64 id, bool pinned)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot pin a conversation"), QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE conversations SET pinned = ? WHERE id = ?"));
    q.addBindValue(pinned ? 1 : 0);
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot pin conversation %1").arg(id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no conversation %1").arg(id), QString());
    Q_EMIT conversationChanged(id);
    return true;
}

bool Store::deleteConversation(qint64 id)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot delete a conversation"), QStringLiteral("the store is not open"));
    const QString what = QStringLiteral("cannot delete conversation %1").arg(id);
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    QSqlQuery q(db());
    // foreign_keys=ON makes the DELETE take the messages with it (ON DELETE CASCADE). SQLite
    // runs the parent_id cascade as nested triggers, which stop at 1000 levels ("too many
    // levels of trigger recursion"): a thread deeper than that could never be deleted. The
    // parent links are cut first, so every message goes in one flat cascade.
    q.prepare(QStringLiteral("UPDATE messages SET parent_id = NULL WHERE conversation_id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(what, errorOf(q));
    q.prepare(QStringLiteral("DELETE FROM conversations WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(what, errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no conversation %1").arg(id), QString());
    if (!tx.commit())
        return fail(what, tx.error());
    Q_EMIT conversationRemoved(id);
    return true;
}

bool Store::setContextLimits(qint64 id, int maxMessages, int maxTokens)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot set the context limit"), QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral(
        "UPDATE conversations SET context_max_messages = ?, context_max_tokens = ? WHERE id = ?"));
    q.addBindValue(qMax(maxMessages, 0));
    q.addBindValue(qMax(maxTokens, 0));
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot set the context limit of conversation %1").arg(id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no conversation %1").arg(id), QString());
    Q_EMIT conversationChanged(id);
    return true;
}

Conversation Store::conversation(qint64 id) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM conversations WHERE id = ?").arg(kConversationColumns));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read conversation %1").arg(id), errorOf(q));
        return {};
    }
    return q.next() ? conversationFrom(q) : Conversation();
}

QVector<Conversation> Store::conversations(int offset, int limit) const
{
    return conversations(ConversationFilter(), offset, limit);
}

int Store::conversationCount() const
{
    return conversationCount(ConversationFilter());
}

namespace {

// The WHERE clause of a view; a tag adds one positional parameter, bound by bindFilter().
QString filterWhere(const ConversationFilter &f)
{
    QString where;
    switch (f.view) {
    case ConversationFilter::View::Main:
        where = QStringLiteral("archived = 0 AND deleted_at IS NULL");
        break;
    case ConversationFilter::View::Archived:
        where = QStringLiteral("archived = 1 AND deleted_at IS NULL");
        break;
    case ConversationFilter::View::Trash:
        where = QStringLiteral("deleted_at IS NOT NULL");
        break;
    }
    if (!f.tag.trimmed().isEmpty())
        where += QStringLiteral(" AND id IN (SELECT ct.conversation_id FROM conversation_tags ct"
                                " JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?)");
    return where;
}

void bindFilter(QSqlQuery &q, const ConversationFilter &f)
{
    if (!f.tag.trimmed().isEmpty())
        q.addBindValue(f.tag.trimmed()); // tags.name is COLLATE NOCASE
}

} // namespace

QVector<Conversation> Store::conversations(const ConversationFilter &filter, int offset, int limit) const
{
    QVector<Conversation> result;
    if (!isOpen() || limit == 0)
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    // Served by idx_conversations_order; id breaks ties so paging never repeats or skips.
    q.prepare(QStringLiteral("SELECT %1 FROM conversations WHERE %2"
                             " ORDER BY pinned DESC, updated DESC, id DESC LIMIT ? OFFSET ?")
                  .arg(kConversationColumns, filterWhere(filter)));
    bindFilter(q, filter);
    q.addBindValue(limit < 0 ? -1 : limit);
    q.addBindValue(qMax(offset, 0));
    if (!q.exec()) {
        fail(QStringLiteral("cannot list conversations"), errorOf(q));
        return result;
    }
    while (q.next())
        result.append(conversationFrom(q));
    return result;
}

int Store::conversationCount(const ConversationFilter &filter) const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE %1").arg(filterWhere(filter)));
    bindFilter(q, filter);
    if (!q.exec() || !q.next()) {
        fail(QStringLiteral("cannot count conversations"), errorOf(q));
        return 0;
    }
    return q.value(0).toInt();
}

} // namespace penpal
