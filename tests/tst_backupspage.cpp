// The Backups settings page and the start-up recovery dialog, driven as a person would: the
// list with dates and counts, Back Up Now, Restore… with its confirmation, and the choice
// offered when the database is damaged.
#include "ChatPane.h"
#include "DatabaseRecoveryDialog.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "SettingsDialog.h"
#include "Sidebar.h"
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "history/BackupManager.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

const QDateTime kDay1(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);

qint64 conversationWithMessage(Store &s, const QString &title)
{
    const qint64 id = newConversation(s, title);
    if (id == 0 || addMsg(s, id, 0, Role::User,
                          QStringLiteral("hello from ") + title + QString(300, QLatin1Char('.'))) == 0)
        return 0;
    return id;
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Random bytes over the middle fifth of the file, from 40 % on.
void garbleMiddle(const QString &path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 pages = f.size() / 4096;
    QVERIFY(pages >= 20);
    QRandomGenerator rng(3);
    for (qint64 p = pages * 2 / 5; p < pages * 3 / 5; ++p) {
        QByteArray junk(4096, Qt::Uninitialized);
        rng.fillRange(reinterpret_cast<quint32 *>(junk.data()), junk.size() / 4);
        QVERIFY(f.seek(p * 4096));
        QCOMPARE(f.write(junk), qint64(4096));
    }
}

} // namespace

class TestBackupsPage : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    QDateTime m_now;

    void dailyBackup()
    {
        QVERIFY(m_ctx->backups()->backUpIfDue());
        m_ctx->backups()->waitForIdle();
    }

    // The settings dialog over `parent`, on its Backups tab, once the counts are shown.
    std::unique_ptr<SettingsDialog> openBackupsPage(QWidget *parent, QTreeWidget **list)
    {
        auto dialog = std::make_unique<SettingsDialog>(m_ctx.get(), parent);
        dialog->show();
        auto *tabs = dialog->findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
        auto *page = dialog->findChild<QWidget *>(QStringLiteral("backupsPage"));
        if (!tabs || !page)
            return nullptr;
        tabs->setCurrentWidget(page);
        *list = dialog->findChild<QTreeWidget *>(QStringLiteral("backupList"));
        return dialog;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QVERIFY(m_ctx);
        m_now = kDay1;
        m_ctx->backups()->setClock([this] { return m_now; });
    }
    void cleanup()
    {
        m_ctx.reset();
        m_dir.reset();
    }

    void listShowsBackupsWithCounts()
    {
        Store &s = *m_ctx->store();
        QVERIFY(conversationWithMessage(s, QStringLiteral("one")));
        QVERIFY(conversationWithMessage(s, QStringLiteral("two")));
        dailyBackup();
        QVERIFY(conversationWithMessage(s, QStringLiteral("three")));
        m_now = kDay1.addDays(1);
        dailyBackup();

        QTreeWidget *list = nullptr;
        auto dialog = openBackupsPage(nullptr, &list);
        QVERIFY(dialog && list);
        QCOMPARE(list->topLevelItemCount(), 2);
        QTRY_COMPARE(list->topLevelItem(0)->text(2), QStringLiteral("3"));
        QCOMPARE(list->topLevelItem(0)->text(3), QStringLiteral("3"));
        QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("2"));
        QCOMPARE(list->topLevelItem(1)->text(3), QStringLiteral("2"));
        QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("Daily"));
        QVERIFY(!list->topLevelItem(0)->text(0).isEmpty());

        auto *keep = dialog->findChild<QSpinBox *>(QStringLiteral("backupKeepCount"));
        QVERIFY(keep);
        QCOMPARE(keep->value(), 7);
        keep->setFocus();
        QTest::keyClick(keep, Qt::Key_Down);
        QCOMPARE(m_ctx->settings()->value(Settings::BackupKeepCount).toInt(), 6);
    }

    void backUpNowAddsOne()
    {
        QVERIFY(conversationWithMessage(*m_ctx->store(), QStringLiteral("one")));
        QTreeWidget *list = nullptr;
        auto dialog = openBackupsPage(nullptr, &list);
        QVERIFY(dialog && list);
        QCOMPARE(list->topLevelItemCount(), 0);
        auto *button = dialog->findChild<QPushButton *>(QStringLiteral("backupNowButton"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Manual"));
        QTRY_COMPARE(list->topLevelItem(0)->text(2), QStringLiteral("1"));
        QVERIFY(button->isEnabled());
    }

    void restoreAsksThenReplacesEverything_data()
    {
        QTest::addColumn<bool>("confirm");
        QTest::newRow("confirmed") << true;
        QTest::newRow("cancelled") << false;
    }

    void restoreAsksThenReplacesEverything()
    {
        QFETCH(bool, confirm);
        Store &s = *m_ctx->store();
        QVERIFY(conversationWithMessage(s, QStringLiteral("kept A")));
        QVERIFY(conversationWithMessage(s, QStringLiteral("kept B")));
        dailyBackup();
        const qint64 gone = conversationWithMessage(s, QStringLiteral("gone C"));
        QVERIFY(gone);

        MainWindow window(m_ctx.get());
        window.show();
        window.openConversation(gone);
        QCOMPARE(window.chatPane()->conversationId(), gone);
        QCOMPARE(window.sidebar()->list()->model()->rowCount(), 3);

        QTreeWidget *list = nullptr;
        auto dialog = openBackupsPage(&window, &list);
        QVERIFY(dialog && list);
        QCOMPARE(list->topLevelItemCount(), 1);
        QTRY_COMPARE(list->topLevelItem(0)->text(2), QStringLiteral("2"));
        auto *restore = dialog->findChild<QPushButton *>(QStringLiteral("restoreBackupButton"));
        QVERIFY(restore);
        QVERIFY(!restore->isEnabled()); // nothing selected yet
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->topLevelItem(0)).center());
        QVERIFY(restore->isEnabled());

        ModalAnswerer answer([confirm](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            box->button(confirm ? QMessageBox::Yes : QMessageBox::Cancel)->click();
        });
        QTest::mouseClick(restore, Qt::LeftButton);
        QVERIFY(answer.answered());
        QCOMPARE(answer.seenObjectName(), QStringLiteral("restoreConfirmation"));

        if (!confirm) {
            QCOMPARE(s.conversationCount(), 3);
            QCOMPARE(window.chatPane()->conversationId(), gone);
            QCOMPARE(list->topLevelItemCount(), 1);
            return;
        }
        QCOMPARE(s.conversationCount(), 2);
        QCOMPARE(s.conversation(gone).id, 0);
        // The window follows: the list shows the restored conversations, the pane left the
        // conversation that no longer exists.
        QCOMPARE(window.sidebar()->list()->model()->rowCount(), 2);
        QCOMPARE(window.chatPane()->conversationId(), 0);
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("backupStatus"));
        QVERIFY(status && status->text().startsWith(QStringLiteral("Restored")));
        // The replaced state is listed, with its three conversations.
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("Before restore"));
        QTRY_COMPARE(list->topLevelItem(0)->text(2), QStringLiteral("3"));
    }

    void damageFoundByDailyBackupIsShown()
    {
        Store &s = *m_ctx->store();
        for (int i = 0; i < 60; ++i)
            QVERIFY(conversationWithMessage(s, QStringLiteral("chat %1").arg(i)));
        MainWindow window(m_ctx.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        s.close(); // the file is damaged under a closed store: nothing checkpoints over it
        garbleMiddle(m_ctx->databasePath());
        QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("corruptionWarning")));
        QVERIFY(m_ctx->backups()->backUpIfDue());
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("corruptionWarning"))));
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("damage")));
        QVERIFY(m_ctx->backups()->backups().isEmpty());
        box->button(QMessageBox::Ok)->click();
    }

    void recoveryDialogRestoresNewestGoodBackup_data()
    {
        QTest::addColumn<bool>("restore");
        QTest::newRow("restore") << true;
        QTest::newRow("quit") << false;
    }

    void recoveryDialogRestoresNewestGoodBackup()
    {
        QFETCH(bool, restore);
        Store &s = *m_ctx->store();
        for (int i = 0; i < 3; ++i)
            QVERIFY(conversationWithMessage(s, QStringLiteral("saved %1").arg(i)));
        dailyBackup();
        for (int i = 0; i < 60; ++i)
            QVERIFY(conversationWithMessage(s, QStringLiteral("later %1").arg(i)));
        const QString db = m_ctx->databasePath();
        m_ctx.reset();
        garbleMiddle(db);
        const QByteArray hash = fileHash(db);

        AppContext ctx(AppContext::defaultPaths(m_dir->path()));
        QVERIFY(!ctx.open());
        QCOMPARE(ctx.openOutcome(), AppContext::OpenOutcome::Corrupt);
        DatabaseRecoveryDialog dialog(&ctx);
        dialog.show();
        auto *message = dialog.findChild<QLabel *>(QStringLiteral("recoveryMessage"));
        QVERIFY(message && message->text().contains(QStringLiteral("damaged")));
        auto *button = dialog.findChild<QPushButton *>(restore ? QStringLiteral("restoreNewestButton")
                                                               : QStringLiteral("quitButton"));
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);

        if (!restore) {
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            QCOMPARE(fileHash(db), hash);
            QVERIFY(!ctx.store()->isOpen());
            return;
        }
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(ctx.store()->isOpen());
        QCOMPARE(ctx.store()->conversationCount(), 3);
        const QStringList aside =
            QDir(m_dir->path()).entryList({QStringLiteral("penpal.db.damaged-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(fileHash(QDir(m_dir->path()).filePath(aside.first())), hash);
    }
};

QTEST_MAIN(TestBackupsPage)
#include "tst_backupspage.moc"
