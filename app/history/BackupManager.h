#pragma once

#include "history/BackupInfo.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class QThread;

namespace penpal {

class Settings;

// The rolling daily backup and the list of backups. At start() and then every check interval
// while the app runs, a copy is written into "backups/" next to the database when the newest
// daily one is a day old or older, then only the newest BackupKeepCount daily copies are kept.
//
// The work runs on a worker thread with connections of its own (DatabaseFile), so a large
// database never freezes the window. Before each copy PRAGMA integrity_check runs: a damaged
// database is never rotated in, where it would push good copies out; corruptionFound() tells.
// Names: "penpal-<yyyyMMdd-hhmmss>Z-<daily|manual|before-restore>.db" (UTC).
class BackupManager : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;
    enum class Result { Written, Corrupt, Failed, Cancelled };
    Q_ENUM(Result)

    BackupManager(const QString &databasePath, Settings *settings, QObject *parent = nullptr);
    ~BackupManager() override; // cancels and waits for a running backup

    // For tests: the time ("now", UTC) and the folder backups go to.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setBackupDir(const QString &dir) { m_dir = dir; }
    QString backupDir() const { return m_dir; }
    QString databasePath() const { return m_dbPath; }
    QDateTime now() const;

    // Checks after `firstCheckMs` (at once when 0) and then every `intervalMs` (an hour by
    // default; a daily copy is due 24 h after the newest one).
    void start(int intervalMs = 60 * 60 * 1000, int firstCheckMs = 0);
    void stop();

    // Starts the daily backup on the worker if one is due and none runs; true if started.
    bool backUpIfDue();
    // Starts a backup of `kind` on the worker unless one runs; true if started.
    bool backUpNow(BackupInfo::Kind kind = BackupInfo::Manual);
    bool isRunning() const { return m_thread != nullptr; }
    // Blocks until the running backup finished (its signal is delivered first).
    void waitForIdle();
    // Stops a running backup (its result is Cancelled; the next check takes it again).
    void cancel();

    // For copies taken by others (a restore's "before-restore" copy, on its own worker): a new
    // file name in the backup folder (created), and the rotation to run once it is written.
    QString newBackupPath(BackupInfo::Kind kind) const;
    void rotate();
    // While held (a restore is under way) no daily backup starts.
    void setHeld(bool held) { m_held = held; }

    // Daily, manual, before-restore and migration backups, newest first, without counts.
    BackupInfos backups() const;
    // Size and counts, read from the file read-only: slow on a large one, so off the GUI thread.
    static void inspect(BackupInfo &info);
    // The newest daily (or manual) backup's time; invalid when there is none.
    QDateTime newestDaily() const;

    static QString kindName(BackupInfo::Kind kind);

Q_SIGNALS:
    void backupStarted();
    // `path` is the file written (Written), `detail` the reason otherwise.
    void backupFinished(penpal::BackupManager::Result result, const QString &path, const QString &detail);
    // integrity_check found damage: no backup was taken and the user should hear of it.
    void corruptionFound(const QString &detail);

private:
    struct Job;
    void finish(Job *job);

    QString m_dbPath;
    QString m_dir;
    Settings *m_settings;
    Clock m_clock;
    QTimer m_timer;
    QThread *m_thread = nullptr;
    bool m_held = false;
    std::shared_ptr<Job> m_job;
};

} // namespace penpal
