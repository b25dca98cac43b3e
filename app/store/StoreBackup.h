#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace penpal {

// Copies of the database taken before a migration touches it, next to the database:
// "<db>.v<N>-<yyyyMMdd-hhmmss>.bak" (UTC; "-2", "-3", ... before ".bak" if that name is
// taken). VACUUM INTO writes a consistent, self-contained file even while the source is in
// WAL mode with un-checkpointed pages, which a plain file copy would miss.
class StoreBackup {
public:
    static QString backupPath(const QString &dbPath, int version, const QDateTime &when);
    // Writes the backup of the database open on `db`; returns the file written or an empty
    // string (with *error). Must not run inside a transaction.
    static QString write(const QSqlDatabase &db, const QString &dbPath, int version, QString *error);
    // Existing backups of `dbPath`, oldest first.
    static QStringList list(const QString &dbPath);
};

} // namespace penpal
