#include "store/StoreBackup.h"

#include "store/StoreLog.h"
#include "store/StoreSql.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <tuple>

namespace penpal {

namespace {

const QString kStampFormat = QStringLiteral("yyyyMMdd-hhmmss");

} // namespace

QString StoreBackup::backupPath(const QString &dbPath, int version, const QDateTime &when)
{
    const QString base =
        QStringLiteral("%1.v%2-%3").arg(dbPath).arg(version).arg(when.toUTC().toString(kStampFormat));
    QString candidate = base + QStringLiteral(".bak");
    // Two migrations within one second (tests, or a retry after a failure) must not clash:
    // VACUUM INTO refuses to overwrite an existing file.
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = QStringLiteral("%1-%2.bak").arg(base).arg(n);
    return candidate;
}

QString StoreBackup::write(const QSqlDatabase &db, const QString &dbPath, int version, QString *error)
{
    const QString target = backupPath(dbPath, version, QDateTime::currentDateTimeUtc());
    QSqlQuery q(db);
    // The path goes in as a bound value: it may contain quotes.
    if (!q.prepare(QStringLiteral("VACUUM INTO ?"))) {
        if (error)
            *error = storesql::errorText(q.lastError());
        return {};
    }
    q.addBindValue(target);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("cannot write the backup %1: %2")
                         .arg(target, storesql::errorText(q.lastError()));
        QFile::remove(target); // a partial file must not look like a backup
        return {};
    }
    qCInfo(lcStore) << "backup of schema version" << version << "written to" << target;
    return target;
}

QStringList StoreBackup::list(const QString &dbPath)
{
    const QFileInfo info(dbPath);
    const QDir dir = info.absoluteDir();
    const QRegularExpression re(QStringLiteral("^%1\\.v(\\d+)-(\\d{8}-\\d{6})(?:-(\\d+))?\\.bak$")
                                    .arg(QRegularExpression::escape(info.fileName())));
    struct Entry {
        QString stamp;
        qint64 modified; // orders backups taken within the same second
        int n;
        QString path;
    };
    QVector<Entry> entries;
    const QStringList names = dir.entryList({info.fileName() + QStringLiteral(".v*.bak")}, QDir::Files);
    for (const QString &name : names) {
        const auto m = re.match(name);
        if (m.hasMatch())
            entries.append({m.captured(2), QFileInfo(dir.filePath(name)).lastModified().toMSecsSinceEpoch(),
                            m.captured(3).toInt(), dir.filePath(name)});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return std::tie(a.stamp, a.modified, a.n, a.path) < std::tie(b.stamp, b.modified, b.n, b.path);
    });
    QStringList result;
    for (const Entry &e : entries)
        result << e.path;
    return result;
}

} // namespace penpal
