#include "store/SearchBacklog.h"

#include "store/StoreSql.h"
#include "store/StoreTransaction.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace penpal {

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr qint64 kOpenEnd = std::numeric_limits<qint64>::max();

QString connectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("penpal.searchbacklog.%1").arg(counter.fetchAndAddRelaxed(1));
}

bool fail(const QSqlQuery &q, QString *error)
{
    if (error)
        *error = storesql::errorText(q.lastError());
    return false;
}

// One batch: index the next kBatch ids of the oldest range and move the range on, in one
// transaction. *done is set when nothing is pending any more.
bool indexBatch(const QSqlDatabase &db, bool *done, QString *error)
{
    StoreTransaction tx(db);
    if (!tx.isActive()) {
        if (error)
            *error = tx.error();
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT id, first_id, last_id FROM fts_pending ORDER BY id LIMIT 1")))
        return fail(q, error);
    if (!q.next()) {
        *done = true;
        return tx.commit();
    }
    const qint64 range = q.value(0).toLongLong();
    const qint64 first = q.value(1).toLongLong();
    // A range still open belongs to an import in progress elsewhere: it is not ours to do.
    const qint64 last = q.value(2).toLongLong();
    if (last == kOpenEnd) {
        *done = true;
        return tx.commit();
    }
    const qint64 end = std::min(last, first + SearchBacklog::kBatch - 1);
    q.finish();
    // The range is moved on first: the INSERT below then indexes rows no trigger will touch
    // as pending any more, exactly once.
    if (end >= last)
        q.prepare(QStringLiteral("DELETE FROM fts_pending WHERE id = ?"));
    else
        q.prepare(QStringLiteral("UPDATE fts_pending SET first_id = ? WHERE id = ?"));
    if (end < last)
        q.addBindValue(end + 1);
    q.addBindValue(range);
    if (!q.exec())
        return fail(q, error);
    // Streaming rows are indexed by the trigger when they end, as everywhere else.
    q.prepare(QStringLiteral("INSERT INTO message_fts (rowid, content) SELECT id, content FROM messages"
                             " WHERE id BETWEEN ? AND ? AND state <> 'streaming'"));
    q.addBindValue(first);
    q.addBindValue(end);
    if (!q.exec())
        return fail(q, error);
    *done = false;
    if (!tx.commit()) {
        if (error)
            *error = tx.error();
        return false;
    }
    return true;
}

} // namespace

qint64 SearchBacklog::open(const QSqlDatabase &db, qint64 firstId, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO fts_pending (first_id, last_id) VALUES (?, ?)"));
    q.addBindValue(firstId);
    q.addBindValue(kOpenEnd);
    if (!q.exec()) {
        fail(q, error);
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

bool SearchBacklog::close(const QSqlDatabase &db, qint64 rangeId, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE fts_pending SET last_id = (SELECT COALESCE(MAX(id), 0) FROM messages)"
                             " WHERE id = ?"));
    q.addBindValue(rangeId);
    if (!q.exec())
        return fail(q, error);
    q.prepare(QStringLiteral("DELETE FROM fts_pending WHERE id = ? AND first_id > last_id"));
    q.addBindValue(rangeId);
    if (!q.exec())
        return fail(q, error);
    return true;
}

bool SearchBacklog::hasPending(const QString &path)
{
    const QString name = connectionName();
    bool pending = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            pending = q.exec(QStringLiteral("SELECT 1 FROM fts_pending LIMIT 1")) && q.next();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return pending;
}

bool SearchBacklog::indexPending(const QString &path, const std::atomic<bool> *cancel, QString *error)
{
    const QString name = connectionName();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QSqlQuery pragma(db);
        if (!db.open() || !pragma.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs))) {
            ok = false;
            if (error)
                *error = storesql::errorText(db.isOpen() ? pragma.lastError() : db.lastError());
        }
        pragma = QSqlQuery();
        bool done = false;
        while (ok && !done && !(cancel && cancel->load()))
            ok = indexBatch(db, &done, error);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace penpal
