#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>
#include <QVariantList>

class QSqlQuery;

namespace penpal::test {

// A plain connection of its own on a database file, like a second process (or an older
// Penpal) would have: what it sees is what is committed on disk, not what one Store instance
// caches, and what it writes bypasses the Store entirely.
class RawDb {
public:
    explicit RawDb(const QString &path);
    ~RawDb();
    RawDb(const RawDb &) = delete;
    RawDb &operator=(const RawDb &) = delete;

    // Runs one statement with positional arguments; on failure error() says why.
    bool exec(const QString &sql, const QVariantList &args = {});
    // The first column of the first row, or an invalid QVariant (and error()) on failure.
    QVariant scalar(const QString &sql, const QVariantList &args = {});
    bool hasColumn(const QString &table, const QString &column);
    bool hasObject(const QString &name);
    int version();
    QString error() const { return m_error; }
    QString connectionName() const { return m_name; } // for code that takes a QSqlDatabase

private:
    // Prepares, binds and runs `sql` on `q`; a failure is kept in m_error and logged.
    bool run(QSqlQuery &q, const QString &sql, const QVariantList &args, const char *what);

    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace penpal::test
