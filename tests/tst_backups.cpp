// Backups: the rolling daily copy (fake clock), rotation, the list with its counts, restore,
// and a damaged database at start-up, which is left untouched and can be replaced by the
// newest good backup. GUI parts are in tst_backupspage.cpp.
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "chat/AppContext.h"
#include "history/BackupManager.h"
#include "history/DatabaseFile.h"
#include "model/ConversationListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

Q_DECLARE_METATYPE(penpal::BackupManager::Result)

namespace {

const QDateTime kDay1(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// `conversations` conversations of `messages` messages each, long enough to fill many pages.
void fill(Store &s, int conversations, int messages, const QString &tag = QStringLiteral("c"))
{
    for (int c = 0; c < conversations; ++c) {
        const qint64 id = newConversation(s, QStringLiteral("%1 %2").arg(tag).arg(c));
        QVERIFY(id != 0);
        qint64 parent = 0;
        for (int m = 0; m < messages; ++m) {
            parent =
                addMsg(s, id, parent, m % 2 ? Role::Assistant : Role::User,
                       QStringLiteral("message %1 of %2: ").arg(m).arg(c) + QString(400, QLatin1Char('x')));
            QVERIFY(parent != 0);
        }
    }
}

// Overwrites pages from 40 % to 60 % of the file with random bytes (fixed seed), as a failing
// disk or a stray write would.
void garbleMiddle(const QString &path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 pageSize = 4096;
    const qint64 pages = f.size() / pageSize;
    QVERIFY2(pages >= 20, "the database is too small to damage its middle");
    QRandomGenerator rng(42);
    for (qint64 p = pages * 2 / 5; p < pages * 3 / 5; ++p) {
        QByteArray junk(int(pageSize), Qt::Uninitialized);
        rng.fillRange(reinterpret_cast<quint32 *>(junk.data()), junk.size() / 4);
        QVERIFY(f.seek(p * pageSize));
        QCOMPARE(f.write(junk), pageSize);
    }
}

void writeRandomFile(const QString &path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QByteArray junk(64 * 1024, Qt::Uninitialized);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(junk.data()), junk.size() / 4);
    f.write(junk);
}

int conversationCount(const QString &path)
{
    return DatabaseFile::counts(path).conversations;
}

} // namespace

class TestBackups : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    QDateTime m_now;

    // A fresh context over a new directory, its backups on the fake clock m_now.
    void makeContext()
    {
        m_ctx.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QVERIFY(m_ctx);
        m_now = kDay1;
        m_ctx->backups()->setClock([this] { return m_now; });
    }

    BackupInfos dailies() const
    {
        BackupInfos out;
        for (const BackupInfo &b : m_ctx->backups()->backups())
            if (b.kind == BackupInfo::Daily)
                out << b;
        return out;
    }

    // Runs a due daily backup to its end; returns whether one was started.
    bool dailyRun()
    {
        const bool started = m_ctx->backups()->backUpIfDue();
        m_ctx->backups()->waitForIdle();
        return started;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<BackupManager::Result>(); }
    void init() { makeContext(); }
    void cleanup()
    {
        m_ctx.reset();
        m_dir.reset();
    }

    void dailyBackupOncePerDay()
    {
        fill(*m_ctx->store(), 2, 3);
        QSignalSpy finished(m_ctx->backups(), &BackupManager::backupFinished);
        QVERIFY(dailyRun());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<BackupManager::Result>(), BackupManager::Result::Written);
        BackupInfos list = dailies();
        QCOMPARE(list.size(), 1);
        QCOMPARE(QFileInfo(list[0].path).absolutePath(),
                 QFileInfo(m_ctx->databasePath()).absoluteDir().filePath(QStringLiteral("backups")));
        QCOMPARE(list[0].when, kDay1);
        QCOMPARE(conversationCount(list[0].path), 2);

        // Later the same day, and just under a day later: nothing new.
        m_now = kDay1.addSecs(3 * 3600);
        QVERIFY(!dailyRun());
        m_now = kDay1.addSecs(24 * 3600 - 1);
        QVERIFY(!dailyRun());
        QCOMPARE(dailies().size(), 1);

        m_now = kDay1.addDays(1);
        QVERIFY(dailyRun());
        list = dailies();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].when, kDay1.addDays(1)); // newest first
    }

    void startChecksAtOnceAndOnTimer()
    {
        fill(*m_ctx->store(), 1, 1);
        QSignalSpy finished(m_ctx->backups(), &BackupManager::backupFinished);
        m_ctx->backups()->start(20);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(dailies().size(), 1);
        m_now = kDay1.addDays(2);
        QTRY_COMPARE(finished.count(), 2); // the timer noticed the day change
        m_ctx->backups()->stop();
        QCOMPARE(dailies().size(), 2);
    }

    void rotationKeepsNewest_data()
    {
        QTest::addColumn<int>("keep");
        QTest::newRow("keep 3") << 3;
        QTest::newRow("keep 1") << 1;
    }

    void rotationKeepsNewest()
    {
        QFETCH(int, keep);
        m_ctx->settings()->setValue(Settings::BackupKeepCount, keep);
        fill(*m_ctx->store(), 1, 1);
        for (int day = 0; day < 5; ++day) {
            m_now = kDay1.addDays(day);
            QVERIFY(dailyRun());
        }
        const BackupInfos list = dailies();
        QCOMPARE(list.size(), keep);
        for (int i = 0; i < keep; ++i)
            QCOMPARE(list[i].when, kDay1.addDays(4 - i));
    }

    void listingShowsCounts()
    {
        fill(*m_ctx->store(), 3, 4);
        QVERIFY(dailyRun());
        fill(*m_ctx->store(), 2, 1, QStringLiteral("later"));
        m_now = kDay1.addSecs(60);
        QVERIFY(m_ctx->backups()->backUpNow(BackupInfo::Manual));
        m_ctx->backups()->waitForIdle();

        BackupInfos list = m_ctx->backups()->backups();
        QCOMPARE(list.size(), 2);
        for (BackupInfo &b : list)
            BackupManager::inspect(b);
        QCOMPARE(list[0].kind, BackupInfo::Manual);
        QVERIFY(list[0].readable);
        QCOMPARE(list[0].conversations, 5);
        QCOMPARE(list[0].messages, 14);
        QCOMPARE(list[1].kind, BackupInfo::Daily);
        QCOMPARE(list[1].conversations, 3);
        QCOMPARE(list[1].messages, 12);
        QCOMPARE(list[1].size, QFileInfo(list[1].path).size());
        QVERIFY(list[1].size > 0);
    }

    void listingIncludesMigrationBackups()
    {
        m_ctx.reset();
        const QString db = QDir(m_dir->path()).filePath(QStringLiteral("penpal.db"));
        QDir().remove(db);
        QVERIFY(Store::migrateTo(db, 3));
        m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QVERIFY(m_ctx);
        const BackupInfos list = m_ctx->backups()->backups();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].kind, BackupInfo::Migration);
        QVERIFY(list[0].when.isValid());
        BackupInfo b = list[0];
        BackupManager::inspect(b);
        QVERIFY(b.readable);
        QCOMPARE(b.schemaVersion, 3);
    }

    void restoreReplacesContent()
    {
        Store *s = m_ctx->store();
        fill(*s, 2, 2, QStringLiteral("old"));
        QVERIFY(dailyRun());
        const QString backup = dailies().first().path;
        fill(*s, 3, 1, QStringLiteral("new"));
        QCOMPARE(s->conversationCount(), 5);

        QAbstractItemModelTester tester(m_ctx->conversations());
        QCOMPARE(m_ctx->conversations()->rowCount(), 5);
        QSignalSpy replaced(m_ctx.get(), &AppContext::databaseReplaced);
        QSignalSpy reset(m_ctx->conversations(), &QAbstractItemModel::modelReset);
        m_now = kDay1.addSecs(3600);
        QVERIFY2(m_ctx->restoreBackup(backup), qPrintable(m_ctx->lastError()));
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(reset.count(), 1);

        QVERIFY(s->isOpen());
        QCOMPARE(s->conversationCount(), 2);
        QCOMPARE(m_ctx->conversations()->rowCount(), 2);
        for (const Conversation &c : s->conversations())
            QVERIFY2(c.title.startsWith(QLatin1String("old")), qPrintable(c.title));
        QVERIFY(!QFileInfo::exists(m_ctx->databasePath() + QStringLiteral(".restoring")));

        // The replaced state is kept and listed.
        BackupInfos before;
        for (const BackupInfo &b : m_ctx->backups()->backups())
            if (b.kind == BackupInfo::BeforeRestore)
                before << b;
        QCOMPARE(before.size(), 1);
        QCOMPARE(conversationCount(before[0].path), 5);

        // The store works on the restored file: a new conversation is written there.
        fill(*s, 1, 1, QStringLiteral("after"));
        m_ctx.reset();
        QCOMPARE(conversationCount(QDir(m_dir->path()).filePath(QStringLiteral("penpal.db"))), 3);
    }

    void restoreOverDamagedDatabaseKeepsItAside()
    {
        fill(*m_ctx->store(), 30, 6);
        QVERIFY(dailyRun());
        const QString backup = dailies().first().path;
        m_ctx->store()->close();
        const QString db = m_ctx->databasePath();
        garbleMiddle(db);
        const QByteArray hash = fileHash(db);

        // No copy of a file VACUUM cannot read: the file itself is moved aside instead.
        QVERIFY2(m_ctx->restoreBackup(backup), qPrintable(m_ctx->lastError()));
        QCOMPARE(m_ctx->store()->conversationCount(), 30);
        // With its -wal and -shm, if any, beside it under the same name.
        const QStringList aside =
            QDir(m_dir->path()).entryList({QStringLiteral("penpal.db.replaced-*[0-9]")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(fileHash(QDir(m_dir->path()).filePath(aside.first())), hash);
        for (const BackupInfo &b : m_ctx->backups()->backups())
            QVERIFY(b.kind != BackupInfo::BeforeRestore);
    }

    void restoreRefusesDamagedBackup()
    {
        fill(*m_ctx->store(), 2, 2);
        const QString bad = QDir(m_dir->path()).filePath(QStringLiteral("bad.db"));
        writeRandomFile(bad);
        QVERIFY(!m_ctx->restoreBackup(bad));
        QVERIFY(!m_ctx->lastError().isEmpty());
        QCOMPARE(m_ctx->store()->conversationCount(), 2);
        QVERIFY(m_ctx->backups()->backups().isEmpty()); // not even a before-restore copy
    }

    void corruptDatabaseIsLeftUntouched_data()
    {
        QTest::addColumn<bool>("randomFile");
        QTest::newRow("garbage pages in the middle") << false;
        QTest::newRow("random bytes") << true;
    }

    void corruptDatabaseIsLeftUntouched()
    {
        QFETCH(bool, randomFile);
        fill(*m_ctx->store(), 30, 6);
        const QString db = m_ctx->databasePath();
        m_ctx.reset();
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-wal")));
        if (randomFile)
            writeRandomFile(db);
        else
            garbleMiddle(db);
        const QByteArray hash = fileHash(db);

        AppContext ctx(AppContext::defaultPaths(m_dir->path()));
        QVERIFY(!ctx.open());
        QCOMPARE(ctx.openOutcome(), AppContext::OpenOutcome::Corrupt);
        QVERIFY(!ctx.lastError().isEmpty());
        QCOMPARE(fileHash(db), hash);
        QVERIFY(!QFileInfo::exists(db + QStringLiteral("-wal")));
    }

    void healthyDatabaseIsNotCalledCorrupt()
    {
        Store *s = m_ctx->store();
        fill(*s, 30, 6);
        // Deleted rows leave free pages (zeroed: secure_delete) that the scan must skip.
        for (const Conversation &c : s->conversations(0, 12))
            QVERIFY(s->deleteConversation(c.id));
        const QString db = m_ctx->databasePath();
        m_ctx.reset();
        const DatabaseFile::Probe probe = DatabaseFile::probe(db);
        QVERIFY2(probe.health == DatabaseFile::Health::Ok, qPrintable(probe.detail));
        AppContext ctx(AppContext::defaultPaths(m_dir->path()));
        QVERIFY2(ctx.open(), qPrintable(ctx.lastError()));
        QCOMPARE(ctx.openOutcome(), AppContext::OpenOutcome::Opened);
        QCOMPARE(ctx.store()->conversationCount(), 18);
    }

    // As a crash leaves it: the file, its WAL with the latest commits and the -shm. The
    // file alone may lag behind the WAL; that is no damage.
    void databaseWithWalAfterCrashIsNotCalledCorrupt()
    {
        fill(*m_ctx->store(), 30, 6);
        const QString db = m_ctx->databasePath();
        QVERIFY(QFileInfo(db + QStringLiteral("-wal")).size() > 0);
        QTemporaryDir crashed;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QVERIFY(QFile::copy(db + suffix,
                                QDir(crashed.path()).filePath(QStringLiteral("penpal.db") + suffix)));
        AppContext ctx(AppContext::defaultPaths(crashed.path()));
        QVERIFY2(ctx.open(), qPrintable(ctx.lastError()));
        QCOMPARE(ctx.store()->conversationCount(), 30);
    }

    void restoreNewestGoodBackupAfterCorruption()
    {
        Store *s = m_ctx->store();
        fill(*s, 4, 2, QStringLiteral("older"));
        QVERIFY(dailyRun());
        fill(*s, 26, 6, QStringLiteral("newer"));
        m_now = kDay1.addDays(1);
        QVERIFY(dailyRun());
        const QString db = m_ctx->databasePath();
        const BackupInfos list = dailies();
        QCOMPARE(list.size(), 2);
        // The newest backup is damaged too: it must be passed over for the older good one.
        garbleMiddle(list[0].path);
        m_ctx.reset();
        garbleMiddle(db);
        const QByteArray hash = fileHash(db);

        AppContext ctx(AppContext::defaultPaths(m_dir->path()));
        QVERIFY(!ctx.open());
        QCOMPARE(ctx.openOutcome(), AppContext::OpenOutcome::Corrupt);
        QVERIFY(!ctx.recoverFromBackup(list[0].path)); // verified first: refused
        QCOMPARE(fileHash(db), hash);
        QVERIFY2(ctx.recoverFromBackup(list[1].path), qPrintable(ctx.lastError()));
        QCOMPARE(ctx.openOutcome(), AppContext::OpenOutcome::Opened);
        QCOMPARE(ctx.store()->conversationCount(), 4);
        QVERIFY(ctx.conversations());
        QCOMPARE(ctx.conversations()->rowCount(), 4);

        // The damaged file is kept aside, byte for byte.
        const QStringList aside =
            QDir(m_dir->path()).entryList({QStringLiteral("penpal.db.damaged-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(fileHash(QDir(m_dir->path()).filePath(aside.first())), hash);
    }

    void corruptDatabaseIsNotRotatedIn()
    {
        m_ctx->settings()->setValue(Settings::BackupKeepCount, 2);
        fill(*m_ctx->store(), 30, 6);
        QVERIFY(dailyRun());
        m_now = kDay1.addDays(1);
        QVERIFY(dailyRun());
        const BackupInfos good = dailies();
        QCOMPARE(good.size(), 2);

        m_ctx->store()->close();
        garbleMiddle(m_ctx->databasePath());
        QSignalSpy corrupt(m_ctx->backups(), &BackupManager::corruptionFound);
        QSignalSpy finished(m_ctx->backups(), &BackupManager::backupFinished);
        m_now = kDay1.addDays(2);
        QVERIFY(dailyRun());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<BackupManager::Result>(), BackupManager::Result::Corrupt);
        QCOMPARE(corrupt.count(), 1);
        QVERIFY(!corrupt.at(0).at(0).toString().isEmpty());

        const BackupInfos after = dailies();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after[0].path, good[0].path);
        QCOMPARE(after[1].path, good[1].path);
        QVERIFY(QDir(m_ctx->backups()->backupDir()).entryList({QStringLiteral("*.partial")}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBackups)
#include "tst_backups.moc"
