#pragma once

#include "store/StoreSql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace penpal {

// A write transaction that rolls back unless commit() succeeded. BEGIN IMMEDIATE takes the
// write lock at the start, so the busy timeout applies there instead of a lock upgrade in
// the middle failing at once with SQLITE_BUSY when a second connection is writing.
class StoreTransaction {
public:
    explicit StoreTransaction(const QSqlDatabase &db)
        : m_db(db)
    {
        QSqlQuery q(m_db);
        m_active = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_active)
            m_error = storesql::errorText(q.lastError());
    }
    ~StoreTransaction()
    {
        if (m_active)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    StoreTransaction(const StoreTransaction &) = delete;
    StoreTransaction &operator=(const StoreTransaction &) = delete;

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }

    bool commit()
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("COMMIT"))) {
            m_error = storesql::errorText(q.lastError());
            return false; // the destructor rolls back
        }
        m_active = false;
        return true;
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace penpal
