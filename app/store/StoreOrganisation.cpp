// Store: the organisation of conversations: archive, trash and tags. The filtered lists live
// in StoreConversations.cpp beside the row reader they share with the unfiltered ones.
#include "store/Store.h"

#include "store/StoreSql.h"
#include "store/StoreTransaction.h"

#include <QSqlQuery>

#include <functional>

namespace penpal {

using namespace storesql;

namespace {

// What the user typed, as stored: "#" is how the sidebar shows a tag, not part of its name.
QString tagName(const QString &name)
{
    QString n = name.simplified();
    while (n.startsWith(QLatin1Char('#')))
        n = n.mid(1).trimmed();
    return n;
}

// Deletes the conversations with their messages (and with them files and tag links), inside
// the caller's transaction. The parent links are cut first for the reason
// deleteConversation() gives: SQLite stops nested cascades at 1000 levels. Fills `deleted`
// with the ids that existed.
bool hardDelete(const QSqlDatabase &db, const QVector<qint64> &ids, QVector<qint64> *deleted, QString *error)
{
    QSqlQuery unlink(db);
    QSqlQuery del(db);
    if (!unlink.prepare(QStringLiteral("UPDATE messages SET parent_id = NULL WHERE conversation_id = ?")) ||
        !del.prepare(QStringLiteral("DELETE FROM conversations WHERE id = ?"))) {
        *error = errorOf(unlink.lastError().isValid() ? unlink : del);
        return false;
    }
    for (qint64 id : ids) {
        unlink.addBindValue(id);
        if (!unlink.exec()) {
            *error = errorOf(unlink);
            return false;
        }
        del.addBindValue(id);
        if (!del.exec()) {
            *error = errorOf(del);
            return false;
        }
        if (del.numRowsAffected() == 1)
            deleted->append(id);
    }
    return true;
}

// A tag exists while some conversation carries it: the filter menu lists no empty tags.
bool dropUnusedTags(const QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM conversation_tags)"))) {
        *error = errorOf(q);
        return false;
    }
    return true;
}

// The shared end of addTag() and removeTag(): runs the prepared `q` once per id (`bind` binds
// that id), drops tags no conversation carries any more and commits, then tells the views
// about the conversations a row changed for. False with *error when something failed.
bool applyTagChange(Store &store, const QSqlDatabase &db, StoreTransaction &tx, QSqlQuery &q,
                    const QVector<qint64> &ids, const std::function<void(QSqlQuery &, qint64)> &bind,
                    QString *error)
{
    QVector<qint64> changed;
    for (qint64 id : ids) {
        bind(q, id);
        if (!q.exec()) {
            *error = errorOf(q);
            return false;
        }
        if (q.numRowsAffected() == 1)
            changed.append(id);
    }
    if (!dropUnusedTags(db, error))
        return false;
    if (!tx.commit()) {
        *error = tx.error();
        return false;
    }
    for (qint64 id : std::as_const(changed))
        Q_EMIT store.conversationChanged(id);
    if (!changed.isEmpty())
        Q_EMIT store.tagsChanged();
    return true;
}

QVector<qint64> idsFrom(QSqlQuery &q)
{
    QVector<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

// One UPDATE per id inside one transaction; `sql` takes the id as its last parameter and
// `bind` binds the others. Fills `changed` with the ids whose row it changed.
bool updateEach(const QSqlDatabase &db, const QVector<qint64> &ids, const QString &sql,
                const std::function<void(QSqlQuery &)> &bind, QVector<qint64> *changed, QString *error)
{
    StoreTransaction tx(db);
    if (!tx.isActive()) {
        *error = tx.error();
        return false;
    }
    QSqlQuery q(db);
    if (!q.prepare(sql)) {
        *error = errorOf(q);
        return false;
    }
    for (qint64 id : ids) {
        bind(q);
        q.addBindValue(id);
        if (!q.exec()) {
            *error = errorOf(q);
            return false;
        }
        if (q.numRowsAffected() == 1)
            changed->append(id);
    }
    if (!tx.commit()) {
        *error = tx.error();
        changed->clear();
        return false;
    }
    return true;
}

} // namespace

bool Store::setArchived(const QVector<qint64> &ids, bool archived)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot archive conversations"), QStringLiteral("the store is not open"));
    QVector<qint64> changed;
    QString error;
    const int value = archived ? 1 : 0;
    if (!updateEach(
            db(), ids, QStringLiteral("UPDATE conversations SET archived = ? WHERE archived <> ? AND id = ?"),
            [value](QSqlQuery &q) {
                q.addBindValue(value);
                q.addBindValue(value);
            },
            &changed, &error))
        return fail(QStringLiteral("cannot archive conversations"), error);
    for (qint64 id : std::as_const(changed))
        Q_EMIT conversationChanged(id);
    return true;
}

bool Store::moveToTrash(const QVector<qint64> &ids)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot move conversations to the trash"),
                    QStringLiteral("the store is not open"));
    QVector<qint64> changed;
    QString error;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A conversation already in the trash keeps its first deletion time (and its 30 days).
    if (!updateEach(
            db(), ids,
            QStringLiteral("UPDATE conversations SET deleted_at = ? WHERE deleted_at IS NULL AND id = ?"),
            [now](QSqlQuery &q) { q.addBindValue(now); }, &changed, &error))
        return fail(QStringLiteral("cannot move conversations to the trash"), error);
    for (qint64 id : std::as_const(changed))
        Q_EMIT conversationChanged(id);
    return true;
}

bool Store::restoreFromTrash(const QVector<qint64> &ids)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot restore conversations"), QStringLiteral("the store is not open"));
    QVector<qint64> changed;
    QString error;
    if (!updateEach(
            db(), ids,
            QStringLiteral(
                "UPDATE conversations SET deleted_at = NULL WHERE deleted_at IS NOT NULL AND id = ?"),
            [](QSqlQuery &) {}, &changed, &error))
        return fail(QStringLiteral("cannot restore conversations"), error);
    for (qint64 id : std::as_const(changed))
        Q_EMIT conversationChanged(id);
    return true;
}

bool Store::deleteForever(const QVector<qint64> &ids)
{
    const QString what = QStringLiteral("cannot delete conversations");
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    if (ids.isEmpty())
        return true;
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    QVector<qint64> deleted;
    QString error;
    if (!hardDelete(db(), ids, &deleted, &error) || !dropUnusedTags(db(), &error))
        return fail(what, error);
    if (!tx.commit())
        return fail(what, tx.error());
    for (qint64 id : std::as_const(deleted))
        Q_EMIT conversationRemoved(id);
    if (!deleted.isEmpty())
        Q_EMIT tagsChanged();
    return true;
}

int Store::emptyTrash()
{
    return purgeTrash(QDateTime());
}

int Store::purgeTrash(const QDateTime &deletedBefore)
{
    const QString what = QStringLiteral("cannot empty the trash");
    if (!isOpen()) {
        fail(what, QStringLiteral("the store is not open"));
        return -1;
    }
    StoreTransaction tx(db());
    if (!tx.isActive()) {
        fail(what, tx.error());
        return -1;
    }
    QSqlQuery q(db());
    q.setForwardOnly(true);
    // An invalid time: everything in the trash (emptyTrash()).
    if (deletedBefore.isValid()) {
        q.prepare(QStringLiteral("SELECT id FROM conversations WHERE deleted_at < ?"));
        q.addBindValue(deletedBefore.toMSecsSinceEpoch());
    } else {
        q.prepare(QStringLiteral("SELECT id FROM conversations WHERE deleted_at IS NOT NULL"));
    }
    if (!q.exec()) {
        fail(what, errorOf(q));
        return -1;
    }
    const QVector<qint64> ids = idsFrom(q);
    q.finish();
    QVector<qint64> deleted;
    QString error;
    if (!hardDelete(db(), ids, &deleted, &error) || !dropUnusedTags(db(), &error)) {
        fail(what, error);
        return -1;
    }
    if (!tx.commit()) {
        fail(what, tx.error());
        return -1;
    }
    for (qint64 id : std::as_const(deleted))
        Q_EMIT conversationRemoved(id);
    if (!deleted.isEmpty())
        Q_EMIT tagsChanged();
    return int(deleted.size());
}

QVector<TagCount> Store::allTags() const
{
    QVector<TagCount> result;
    if (!isOpen())
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT t.name, COUNT(ct.conversation_id) FROM tags t"
                               " LEFT JOIN conversation_tags ct ON ct.tag_id = t.id"
                               " GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.id"))) {
        fail(QStringLiteral("cannot list tags"), errorOf(q));
        return result;
    }
    while (q.next())
        result.append(TagCount{q.value(0).toString(), q.value(1).toInt()});
    return result;
}

QStringList Store::tagsOf(qint64 conversationId) const
{
    QStringList result;
    if (!isOpen())
        return result;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.name FROM tags t JOIN conversation_tags ct ON ct.tag_id = t.id"
                             " WHERE ct.conversation_id = ? ORDER BY t.name COLLATE NOCASE"));
    q.addBindValue(conversationId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the tags of conversation %1").arg(conversationId), errorOf(q));
        return result;
    }
    while (q.next())
        result.append(q.value(0).toString());
    return result;
}

bool Store::addTag(const QVector<qint64> &ids, const QString &name)
{
    const QString tag = tagName(name);
    const QString what = QStringLiteral("cannot add a tag");
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    if (tag.isEmpty())
        return fail(what, QStringLiteral("the tag name is empty"));
    if (ids.isEmpty())
        return true;
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    QSqlQuery q(db());
    // The first spelling stays: "Work" then "work" is one tag, named "Work".
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO tags (name, created) VALUES (?, ?)"));
    q.addBindValue(tag);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return fail(what, errorOf(q));
    q.prepare(QStringLiteral("SELECT id FROM tags WHERE name = ?"));
    q.addBindValue(tag);
    if (!q.exec() || !q.next())
        return fail(what, errorOf(q));
    const qint64 tagId = q.value(0).toLongLong();
    q.finish();
    // Unknown conversation ids insert nothing instead of failing the foreign key.
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO conversation_tags (conversation_id, tag_id) SELECT id, ? "
                             "FROM conversations WHERE id = ?"));
    QString error;
    const auto bind = [tagId](QSqlQuery &query, qint64 id) {
        query.addBindValue(tagId);
        query.addBindValue(id);
    };
    return applyTagChange(*this, db(), tx, q, ids, bind, &error) || fail(what, error);
}

bool Store::removeTag(const QVector<qint64> &ids, const QString &name)
{
    const QString tag = tagName(name);
    const QString what = QStringLiteral("cannot remove a tag");
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    if (ids.isEmpty() || tag.isEmpty())
        return true;
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM conversation_tags WHERE conversation_id = ?"
                             " AND tag_id = (SELECT id FROM tags WHERE name = ?)"));
    QString error;
    const auto bind = [&tag](QSqlQuery &query, qint64 id) {
        query.addBindValue(id);
        query.addBindValue(tag);
    };
    return applyTagChange(*this, db(), tx, q, ids, bind, &error) || fail(what, error);
}

bool Store::renameTag(const QString &from, const QString &to)
{
    const QString oldName = tagName(from);
    const QString newName = tagName(to);
    const QString what = QStringLiteral("cannot rename tag %1").arg(oldName);
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    if (newName.isEmpty())
        return fail(what, QStringLiteral("the new name is empty"));
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    QSqlQuery q(db());
    // Only a change of case may reuse the name of an existing tag: the tag itself.
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM tags WHERE name = ? AND name <> ?"));
    q.addBindValue(newName);
    q.addBindValue(oldName);
    if (!q.exec() || !q.next())
        return fail(what, errorOf(q));
    if (q.value(0).toInt() > 0)
        return fail(what, QStringLiteral("a tag named %1 exists already").arg(newName));
    q.finish();
    q.prepare(QStringLiteral("UPDATE tags SET name = ? WHERE name = ?"));
    q.addBindValue(newName);
    q.addBindValue(oldName);
    if (!q.exec())
        return fail(what, errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(what, QStringLiteral("no such tag"));
    q.prepare(
        QStringLiteral("SELECT ct.conversation_id FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id"
                       " WHERE t.name = ?"));
    q.addBindValue(newName);
    if (!q.exec())
        return fail(what, errorOf(q));
    const QVector<qint64> carriers = idsFrom(q);
    q.finish();
    if (!tx.commit())
        return fail(what, tx.error());
    // Lists filtered by the old name lose these rows.
    for (qint64 id : carriers)
        Q_EMIT conversationChanged(id);
    Q_EMIT tagsChanged();
    return true;
}

bool Store::deleteTag(const QString &name)
{
    const QString tag = tagName(name);
    const QString what = QStringLiteral("cannot delete tag %1").arg(tag);
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    QSqlQuery q(db());
    q.prepare(
        QStringLiteral("SELECT ct.conversation_id FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id"
                       " WHERE t.name = ?"));
    q.addBindValue(tag);
    if (!q.exec())
        return fail(what, errorOf(q));
    const QVector<qint64> carriers = idsFrom(q);
    q.finish();
    // ON DELETE CASCADE takes the links with it.
    q.prepare(QStringLiteral("DELETE FROM tags WHERE name = ?"));
    q.addBindValue(tag);
    if (!q.exec())
        return fail(what, errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(what, QStringLiteral("no such tag"));
    if (!tx.commit())
        return fail(what, tx.error());
    for (qint64 id : carriers)
        Q_EMIT conversationChanged(id);
    Q_EMIT tagsChanged();
    return true;
}

} // namespace penpal
