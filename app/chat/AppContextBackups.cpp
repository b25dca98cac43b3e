// AppContext: restoring backups. The slow parts (checking the backup, the "before-restore"
// copy, copying the file in) run on a worker while the event loop keeps the window painted;
// only closing, swapping and reopening the store happen on the GUI thread, and take little.
#include "chat/AppContext.h"

#include "chat/ChatController.h"
#include "history/BackupManager.h"
#include "history/DatabaseFile.h"
#include "model/ConversationListModel.h"
#include "store/Store.h"
#include "store/StoreLog.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <cstdio>
#include <functional>

namespace penpal {

namespace {

// Runs `work` on a worker thread and returns when it is done. Meanwhile this thread's event
// loop runs without user input: the window repaints but nothing can be clicked.
void runAside(const std::function<void()> &work)
{
    QThread *thread = QThread::create(work);
    QEventLoop loop;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    thread->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    thread->wait();
    delete thread;
}

// A backup is used only when SQLite finds nothing wrong in it and it is a Penpal database
// this version can open (older ones are migrated, with the usual backup first).
bool verifyBackup(const QString &path, QString *error)
{
    if (!QFileInfo::exists(path)) {
        *error = AppContext::tr("The backup %1 does not exist.").arg(path);
        return false;
    }
    QString problem;
    if (!DatabaseFile::integrityCheck(path, &problem)) {
        *error = AppContext::tr("The backup %1 is damaged: %2").arg(path, problem);
        return false;
    }
    const DatabaseFile::Counts counts = DatabaseFile::counts(path);
    if (!counts.ok || counts.schemaVersion > Store::currentSchemaVersion()) {
        *error = AppContext::tr("The backup %1 is not a Penpal database this version can open.").arg(path);
        return false;
    }
    return true;
}

// The verified backup copied next to the database, ready to be renamed over it.
bool stageBackup(const QString &backupPath, const QString &incoming, QString *error)
{
    if (!verifyBackup(backupPath, error))
        return false;
    QFile::remove(incoming);
    if (!QFile::copy(backupPath, incoming)) {
        *error = AppContext::tr("The backup could not be copied to %1.").arg(incoming);
        return false;
    }
    QFile(incoming).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

// rename(2) replaces the target in one step: there is never a moment without a database file.
bool replaceFile(const QString &from, const QString &to)
{
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

// Holds the daily backup back for as long as a restore runs.
struct Held {
    BackupManager *backups;
    explicit Held(BackupManager *b)
        : backups(b)
    {
        backups->cancel();
        backups->setHeld(true);
    }
    ~Held() { backups->setHeld(false); }
};

} // namespace

bool AppContext::restoreBackup(const QString &backupPath)
{
    stopBacklog(); // its connection must not hold the file that is replaced
    Held held(m_backups);
    // Replies streaming now are written down before the file they go to is swapped out.
    m_chat->stopAll();
    const QString db = databasePath();
    const QString incoming = db + QStringLiteral(".restoring");
    const QString before = m_backups->newBackupPath(BackupInfo::BeforeRestore);
    QString err;
    bool staged = false;
    bool kept = false;
    runAside([&] {
        staged = stageBackup(backupPath, incoming, &err);
        // The current state is kept even when damaged: it may hold the only copy of something.
        kept = staged && DatabaseFile::copyTo(db, before, &err);
    });
    if (!staged) {
        m_lastError = err;
        return false;
    }
    if (kept) {
        m_backups->rotate();
        return replaceDatabase(incoming, QString());
    }
    // No copy could be taken (a damaged file VACUUM cannot read, a full disk): the file itself
    // is moved aside instead, so the state being replaced is never lost.
    qCWarning(lcStore).noquote() << "no before-restore copy:" << err << "- moving the database aside";
    QFile::remove(before);
    return replaceDatabase(incoming, QStringLiteral("replaced"));
}

bool AppContext::recoverFromBackup(const QString &backupPath)
{
    stopBacklog();
    Held held(m_backups);
    const QString incoming = databasePath() + QStringLiteral(".restoring");
    QString err;
    bool staged = false;
    runAside([&] { staged = stageBackup(backupPath, incoming, &err); });
    if (!staged) {
        m_lastError = err;
        return false;
    }
    return replaceDatabase(incoming, QStringLiteral("damaged"));
}

bool AppContext::replaceDatabase(const QString &incoming, const QString &setAsideAs)
{
    const QString db = databasePath();
    m_store->close(); // the last connection checkpoints the WAL into the file

    const QString suffix = QStringLiteral(".%1-%2").arg(
        setAsideAs, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-hhmmss")));
    const bool aside = !setAsideAs.isEmpty();
    for (const QString &extra : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        // The old file's WAL would be replayed into the restored one.
        if (!QFileInfo::exists(db + extra))
            continue;
        if (aside)
            QFile::rename(db + extra, db + suffix + extra);
        else
            QFile::remove(db + extra);
    }
    if (aside && QFileInfo::exists(db)) {
        if (!QFile::rename(db, db + suffix)) {
            m_lastError = tr("The database could not be moved aside to %1.").arg(db + suffix);
            QFile::remove(incoming);
            return false;
        }
        qCWarning(lcStore) << "the replaced database is kept as" << db + suffix;
    }
    if (!replaceFile(incoming, db)) {
        m_lastError = tr("The restored database could not be put in place of %1.").arg(db);
        QFile::remove(incoming);
        return false;
    }
    qCInfo(lcStore) << "database replaced by a backup";
    const bool hadModels = m_conversations != nullptr;
    if (!open())
        return false;
    if (hadModels)
        m_conversations->reload();
    Q_EMIT databaseReplaced();
    return true;
}

} // namespace penpal
