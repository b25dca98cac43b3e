#include "history/BackupManager.h"

#include "history/DatabaseFile.h"
#include "settings/Settings.h"
#include "store/StoreBackup.h"
#include "store/StoreLog.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>

namespace penpal {

namespace {

const QString kStampFormat = QStringLiteral("yyyyMMdd-hhmmss");
constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

const QRegularExpression &backupNamePattern()
{
    static const QRegularExpression re(
        QStringLiteral("^penpal-(\\d{8}-\\d{6})Z(?:-(\\d+))?-(daily|manual|before-restore)\\.db$"));
    return re;
}

const QRegularExpression &migrationNamePattern()
{
    static const QRegularExpression re(QStringLiteral("\\.v\\d+-(\\d{8}-\\d{6})(?:-\\d+)?\\.bak$"));
    return re;
}

// "-2", "-3", ... for copies taken within the same second; 1 without.
int sequenceOf(const QString &path)
{
    const auto m = backupNamePattern().match(QFileInfo(path).fileName());
    return m.hasMatch() && !m.captured(2).isEmpty() ? m.captured(2).toInt() : 1;
}

QDateTime parseStamp(const QString &stamp)
{
    QDateTime t = QDateTime::fromString(stamp, kStampFormat);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

struct BackupManager::Job {
    QString dbPath;
    QString target;
    BackupInfo::Kind kind = BackupInfo::Daily;
    DatabaseFile::Cancel cancel;
    Result result = Result::Failed;
    QString detail;

    void run()
    {
        QString problem;
        bool damaged = false;
        if (!DatabaseFile::integrityCheck(dbPath, &problem, &cancel, &damaged)) {
            // A check that could not run (file gone, locked) is no verdict on the data.
            result = cancel.isCancelled() ? Result::Cancelled : damaged ? Result::Corrupt : Result::Failed;
            detail = problem;
            return;
        }
        if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
            detail = QStringLiteral("cannot create %1").arg(QFileInfo(target).absolutePath());
            return;
        }
        if (!DatabaseFile::copyTo(dbPath, target, &detail, &cancel)) {
            result = cancel.isCancelled() ? Result::Cancelled : Result::Failed;
            return;
        }
        result = Result::Written;
    }
};

BackupManager::BackupManager(const QString &databasePath, Settings *settings, QObject *parent)
    : QObject(parent)
    , m_dbPath(QFileInfo(databasePath).absoluteFilePath())
    , m_dir(QFileInfo(databasePath).absoluteDir().filePath(QStringLiteral("backups")))
    , m_settings(settings)
{
    connect(&m_timer, &QTimer::timeout, this, &BackupManager::backUpIfDue);
}

BackupManager::~BackupManager()
{
    m_timer.stop();
    if (m_job)
        m_job->cancel.cancel();
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

QDateTime BackupManager::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void BackupManager::start(int intervalMs, int firstCheckMs)
{
    m_timer.start(intervalMs);
    if (firstCheckMs <= 0)
        backUpIfDue();
    else
        QTimer::singleShot(firstCheckMs, this, &BackupManager::backUpIfDue);
}

void BackupManager::cancel()
{
    if (m_job)
        m_job->cancel.cancel();
    waitForIdle();
}

void BackupManager::stop()
{
    m_timer.stop();
}

QDateTime BackupManager::newestDaily() const
{
    for (const BackupInfo &b : backups()) {
        if (b.kind == BackupInfo::Daily || b.kind == BackupInfo::Manual)
            return b.when;
    }
    return {};
}

bool BackupManager::backUpIfDue()
{
    if (m_held || isRunning() || !QFileInfo::exists(m_dbPath))
        return false;
    const QDateTime newest = newestDaily();
    if (newest.isValid() && newest.msecsTo(now()) < kDayMs)
        return false;
    return backUpNow(BackupInfo::Daily);
}

QString BackupManager::kindName(BackupInfo::Kind kind)
{
    switch (kind) {
    case BackupInfo::Daily:
        return QStringLiteral("daily");
    case BackupInfo::Manual:
        return QStringLiteral("manual");
    case BackupInfo::BeforeRestore:
        return QStringLiteral("before-restore");
    case BackupInfo::Migration:
        break;
    }
    return QStringLiteral("migration");
}

QString BackupManager::newBackupPath(BackupInfo::Kind kind) const
{
    QDir().mkpath(m_dir);
    const QString stamp = now().toString(kStampFormat);
    const QDir dir(m_dir);
    QString name = QStringLiteral("penpal-%1Z-%2.db").arg(stamp, kindName(kind));
    // Two copies in one second (tests, a click right after the daily one) must not clash.
    for (int n = 2; dir.exists(name); ++n)
        name = QStringLiteral("penpal-%1Z-%2-%3.db").arg(stamp).arg(n).arg(kindName(kind));
    return dir.filePath(name);
}

bool BackupManager::backUpNow(BackupInfo::Kind kind)
{
    if (m_held || isRunning())
        return false;
    auto job = std::make_shared<Job>();
    job->dbPath = m_dbPath;
    job->target = newBackupPath(kind);
    job->kind = kind;
    m_job = job;
    m_thread = QThread::create([job] { job->run(); });
    m_thread->setObjectName(QStringLiteral("penpal-backup"));
    connect(m_thread, &QThread::finished, this, [this, raw = job.get()] { finish(raw); });
    qCInfo(lcStore) << "backing up" << m_dbPath << "to" << job->target;
    m_thread->start(QThread::LowPriority);
    Q_EMIT backupStarted();
    return true;
}

void BackupManager::waitForIdle()
{
    if (m_thread) {
        m_thread->wait();
        finish(m_job.get());
    }
}

void BackupManager::finish(Job *job)
{
    if (!m_job || m_job.get() != job)
        return; // already delivered by waitForIdle()
    const std::shared_ptr<Job> done = std::move(m_job);
    m_thread->deleteLater();
    m_thread = nullptr;
    switch (done->result) {
    case Result::Written:
        qCInfo(lcStore) << "backup written to" << done->target;
        rotate();
        break;
    case Result::Corrupt:
        qCWarning(lcStore).noquote() << "integrity check failed, no backup taken:" << done->detail;
        break;
    case Result::Failed:
        qCWarning(lcStore).noquote() << "backup failed:" << done->detail;
        break;
    case Result::Cancelled:
        break;
    }
    Q_EMIT backupFinished(done->result, done->result == Result::Written ? done->target : QString(),
                          done->detail);
    if (done->result == Result::Corrupt)
        Q_EMIT corruptionFound(done->detail);
}

void BackupManager::rotate()
{
    const int keep = qMax(1, m_settings ? m_settings->value(Settings::BackupKeepCount).toInt() : 7);
    // Daily and manual copies share the count; the states replaced by restores have their own,
    // so restoring back and forth never pushes the daily copies out.
    int regular = 0;
    int beforeRestore = 0;
    for (const BackupInfo &b : backups()) {
        int *seen = b.kind == BackupInfo::BeforeRestore ? &beforeRestore
                    : b.kind == BackupInfo::Migration   ? nullptr
                                                        : &regular;
        if (seen && ++*seen > keep) {
            qCInfo(lcStore) << "removing old backup" << b.path;
            QFile::remove(b.path);
        }
    }
}

BackupInfos BackupManager::backups() const
{
    BackupInfos result;
    const QDir dir(m_dir);
    const QStringList names = dir.entryList({QStringLiteral("penpal-*.db")}, QDir::Files);
    for (const QString &name : names) {
        const auto m = backupNamePattern().match(name);
        if (!m.hasMatch())
            continue;
        BackupInfo b;
        b.path = dir.filePath(name);
        b.when = parseStamp(m.captured(1));
        const QString kind = m.captured(3);
        b.kind = kind == QLatin1String("daily")    ? BackupInfo::Daily
                 : kind == QLatin1String("manual") ? BackupInfo::Manual
                                                   : BackupInfo::BeforeRestore;
        b.size = QFileInfo(b.path).size();
        result.append(b);
    }
    for (const QString &path : StoreBackup::list(m_dbPath)) {
        BackupInfo b;
        b.path = path;
        b.kind = BackupInfo::Migration;
        b.when = parseStamp(migrationNamePattern().match(path).captured(1));
        b.size = QFileInfo(path).size();
        result.append(b);
    }
    // Newest first; within one second the file name's counter decides.
    std::stable_sort(result.begin(), result.end(), [](const BackupInfo &a, const BackupInfo &b) {
        if (a.when != b.when)
            return a.when > b.when;
        return sequenceOf(a.path) > sequenceOf(b.path);
    });
    return result;
}

void BackupManager::inspect(BackupInfo &info)
{
    const DatabaseFile::Counts c = DatabaseFile::counts(info.path);
    info.inspected = true;
    info.readable = c.ok;
    info.conversations = c.conversations;
    info.messages = c.messages;
    info.schemaVersion = c.schemaVersion;
    info.size = QFileInfo(info.path).size();
}

} // namespace penpal
