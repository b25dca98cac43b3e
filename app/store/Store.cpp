#include "store/Store.h"

#include "store/Migrations.h"
#include "store/SearchTokenizer.h"
#include "store/StoreBackup.h"
#include "store/StoreLog.h"
#include "store/StoreSql.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace penpal {

namespace {

const QString kMemoryPath = QStringLiteral(":memory:");
constexpr int kBusyTimeoutMs = 5000;

QString uniqueConnectionName(const char *purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("penpal.store.%1.%2")
        .arg(QLatin1String(purpose))
        .arg(counter.fetchAndAddRelaxed(1));
}

QString normalizedPath(const QString &path)
{
    return path == kMemoryPath ? path : QFileInfo(path).absoluteFilePath();
}

bool ensureDirectory(const QString &path, QString *error)
{
    if (path == kMemoryPath)
        return true;
    const QDir dir = QFileInfo(path).absoluteDir();
    if (dir.exists() || dir.mkpath(QStringLiteral(".")))
        return true;
    *error = QStringLiteral("cannot create the directory %1").arg(dir.path());
    return false;
}

// Connection-level settings that change nothing in the file. journal_mode is set apart,
// after the schema version was checked, because switching to WAL rewrites the header.
bool openConnection(const QString &name, const QString &path, QString *error)
{
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    d.setDatabaseName(path);
    if (!d.open()) {
        *error = storesql::errorText(d.lastError());
        return false;
    }
    QSqlQuery q(d);
    for (const QString &sql : {QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs),
                               QStringLiteral("PRAGMA foreign_keys = ON")}) {
        if (!q.exec(sql)) {
            *error = storesql::errorText(q.lastError());
            return false;
        }
    }
    return true;
}

void removeConnection(const QString &name)
{
    {
        QSqlDatabase d = QSqlDatabase::database(name, false);
        if (d.isOpen())
            d.close();
    }
    QSqlDatabase::removeDatabase(name);
}

bool enableWal(const QSqlDatabase &d, const QString &path, QString *error)
{
    QSqlQuery q(d);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next()) {
        *error = storesql::errorText(q.lastError());
        return false;
    }
    const QString mode = q.value(0).toString();
    q.finish();
    // An in-memory database reports "memory"; anything else means WAL was refused.
    if (mode != QLatin1String("wal") && path != kMemoryPath) {
        *error = QStringLiteral("cannot enable WAL journaling (journal_mode is %1)").arg(mode);
        return false;
    }
    if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"))) {
        *error = storesql::errorText(q.lastError());
        return false;
    }
    return true;
}

} // namespace

Store::Store(QObject *parent)
    : QObject(parent)
{
}

Store::~Store()
{
    close();
}

bool Store::open(const QString &path)
{
    close();
    m_lastError.clear();
    m_path = normalizedPath(path);
    m_librarySeeded = false; // a different file has its own built-ins

    QString err;
    if (!ensureDirectory(m_path, &err))
        return fail(QStringLiteral("cannot open the database"), err);

    // Before the connection opens: the search index's triggers need the tokenizer.
    SearchTokenizer::install();
    m_connectionName = uniqueConnectionName("main");
    if (!openConnection(m_connectionName, m_path, &err)) {
        close();
        return fail(QStringLiteral("cannot open the database %1").arg(m_path), err);
    }
    if (!migrate() || !recoverInterrupted()) {
        close(); // lastError() keeps the reason
        return false;
    }

    m_updateContentQuery = std::make_unique<QSqlQuery>(db());
    if (!m_updateContentQuery->prepare(
            QStringLiteral("UPDATE messages SET content = ?, reasoning = ?, state = ? WHERE id = ?"))) {
        err = storesql::errorText(m_updateContentQuery->lastError());
        close();
        return fail(QStringLiteral("cannot prepare statements"), err);
    }
    qCInfo(lcStore) << "opened" << m_path << "at schema version" << schemaVersion();
    return true;
}

void Store::close()
{
    // Every query on the connection has to go before the connection itself.
    m_updateContentQuery.reset();
    if (m_connectionName.isEmpty())
        return;
    removeConnection(m_connectionName);
    m_connectionName.clear();
}

bool Store::isOpen() const
{
    return !m_connectionName.isEmpty() && db().isOpen();
}

int Store::currentSchemaVersion()
{
    return Migrations::latestVersion();
}

int Store::schemaVersion() const
{
    if (!isOpen())
        return 0;
    QString err;
    const int v = Migrations::readVersion(db(), &err);
    if (v < 0)
        fail(QStringLiteral("cannot read the schema version"), err);
    return qMax(v, 0);
}

QStringList Store::migrationBackups() const
{
    if (m_path.isEmpty() || m_path == kMemoryPath)
        return {};
    return StoreBackup::list(m_path);
}

bool Store::migrateTo(const QString &path, int version, QString *error)
{
    QString err;
    auto failWith = [&](const QString &what) {
        if (error)
            *error = err.isEmpty() ? what : QStringLiteral("%1: %2").arg(what, err);
        return false;
    };
    if (version < 0 || version > currentSchemaVersion())
        return failWith(QStringLiteral("no schema version %1").arg(version));
    const QString file = normalizedPath(path);
    if (!ensureDirectory(file, &err))
        return failWith(QStringLiteral("cannot open %1").arg(file));

    SearchTokenizer::install();
    const QString name = uniqueConnectionName("migrateTo");
    bool ok = openConnection(name, file, &err);
    if (ok) {
        const QSqlDatabase d = QSqlDatabase::database(name, false);
        const int current = Migrations::readVersion(d, &err);
        if (current < 0) {
            ok = false;
        } else if (current > version) {
            err = QStringLiteral("the file is at version %1; migrations never go down").arg(current);
            ok = false;
        } else {
            ok = enableWal(d, file, &err) && Migrations::migrate(d, version, &err);
        }
    }
    removeConnection(name);
    return ok || failWith(QStringLiteral("cannot migrate %1 to version %2").arg(file).arg(version));
}

bool Store::migrate()
{
    QString err;
    const int version = Migrations::readVersion(db(), &err);
    if (version < 0)
        return fail(QStringLiteral("cannot open the database %1").arg(m_path), err);
    const int latest = currentSchemaVersion();
    if (version > latest) {
        // A newer Penpal wrote this file. Anything we did to it could lose that version's
        // data, so it is not even switched to WAL.
        return fail(QStringLiteral("the database %1 has schema version %2, newer than the %3 this version "
                                   "of Penpal knows; it was left untouched, please update Penpal")
                        .arg(m_path)
                        .arg(version)
                        .arg(latest),
                    QString());
    }
    if (!enableWal(db(), m_path, &err))
        return fail(QStringLiteral("cannot open the database %1").arg(m_path), err);
    if (version == latest)
        return true;
    if (version >= 1 && !backupBeforeMigration(version))
        return false;
    qCInfo(lcStore) << "migrating" << m_path << "from schema version" << version << "to" << latest;
    if (!Migrations::migrate(db(), latest, &err))
        return fail(QStringLiteral("cannot migrate the database %1").arg(m_path), err);
    return true;
}

bool Store::backupBeforeMigration(int fromVersion)
{
    if (m_path == kMemoryPath)
        return true;
    QString err;
    // Without a copy a failed or buggy migration could cost the user every conversation,
    // so no copy means no migration.
    if (StoreBackup::write(db(), m_path, fromVersion, &err).isEmpty())
        return fail(QStringLiteral("not migrating %1 without a backup").arg(m_path), err);
    return true;
}

bool Store::recoverInterrupted()
{
    // Uses the partial index on state = 'streaming', so this stays cheap on every start.
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("UPDATE messages SET state = 'interrupted' WHERE state = 'streaming'")))
        return fail(QStringLiteral("cannot recover interrupted replies"), storesql::errorText(q.lastError()));
    if (q.numRowsAffected() > 0)
        qCInfo(lcStore) << q.numRowsAffected()
                        << "reply(s) left streaming by an earlier run marked interrupted";
    return true;
}

QSqlDatabase Store::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Store::fail(const QString &what, const QString &detail) const
{
    m_lastError = detail.isEmpty() ? what : QStringLiteral("%1: %2").arg(what, detail);
    qCWarning(lcStore).noquote() << m_lastError;
    return false;
}

} // namespace penpal
