// The import dialog over a real main window: importing the ChatGPT fixture adds its
// conversations to the sidebar; Cancel during a large import leaves the history as it was;
// a broken file shows why, and nothing changes.
#include "ChatGptExportGenerator.h"
#include "ImportDialog.h"
#include "ImportTestHelpers.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "model/ConversationListModel.h"
#include "store/Store.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

class TestImportDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void importShowsConversationsInSidebar();
    void cancelRollsBack();
    void brokenFileShowsError();

private:
    QStringList shownTitles() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    QListView *m_list = nullptr;
};

void TestImportDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(m_ctx);
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_list = m_window->findChild<QListView *>(QStringLiteral("conversationList"));
    QVERIFY(m_list);
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionImport")));
}

void TestImportDialog::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_dir.reset();
    m_list = nullptr;
}

QStringList TestImportDialog::shownTitles() const
{
    QStringList titles;
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        titles << m_list->model()->index(row, 0).data().toString();
    return titles;
}

void TestImportDialog::importShowsConversationsInSidebar()
{
    const int before = m_list->model()->rowCount();
    ImportDialog dialog(m_ctx->store(), m_window.get());
    dialog.show();
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("importStatus"));
    auto *progress = dialog.findChild<QProgressBar *>(QStringLiteral("importProgress"));
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("importCancel"));
    QVERIFY(status && progress && button);
    dialog.start(chatGptFixturePath());
    QTRY_VERIFY(!dialog.isRunning());
    QCOMPARE(status->text(),
             QStringLiteral("Imported 2 conversation(s) from ChatGPT.\n"
                            "1 message part(s) of unsupported type “super_widget” were kept as a "
                            "note in the text.\n"
                            "1 image(s) were not imported; the messages say where they were."));
    QCOMPARE(progress->value(), progress->maximum());
    QCOMPARE(button->text(), QStringLiteral("Close"));
    QCOMPARE(m_list->model()->rowCount(), before + 2);
    const QStringList titles = shownTitles();
    QVERIFY2(titles.contains(QString::fromUtf8("Branches & 中文 🚀")),
             qPrintable(titles.join(QLatin1Char('|'))));
    QVERIFY(titles.contains(QString::fromUtf8("שלום — RTL")));
    // Close dismisses the finished dialog.
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!dialog.isVisible());
}

void TestImportDialog::cancelRollsBack()
{
    const QString big = m_dir->filePath(QStringLiteral("big.json"));
    const GeneratedExport generated = writeChatGptExport(big, 12 * 1024 * 1024);
    QVERIFY(generated.conversations > 100);
    const QString before = historyFingerprint(m_ctx->store()->path());
    const int rows = m_list->model()->rowCount();

    ImportDialog dialog(m_ctx->store(), m_window.get());
    dialog.show();
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("importStatus"));
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("importCancel"));
    dialog.start(big);
    QVERIFY(dialog.isRunning());
    QCOMPARE(button->text(), QStringLiteral("Cancel"));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 60000);
    QVERIFY(dialog.result().cancelled);
    QCOMPARE(status->text(), QStringLiteral("Import cancelled. Nothing was imported."));
    QVERIFY(dialog.isVisible()); // the first click only cancels
    QCOMPARE(m_list->model()->rowCount(), rows);
    QCOMPARE(historyFingerprint(m_ctx->store()->path()), before);
}

void TestImportDialog::brokenFileShowsError()
{
    const QString path = m_dir->filePath(QStringLiteral("broken.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[{\"id\": \"a\", \"mapping\": {}}, {\"id\": ");
    f.close();
    const int rows = m_list->model()->rowCount();
    ImportDialog dialog(m_ctx->store(), m_window.get());
    dialog.start(path);
    QTRY_VERIFY(!dialog.isRunning());
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("importStatus"));
    QCOMPARE(status->text(),
             QStringLiteral("Import failed: the file is not valid JSON: the JSON is truncated: it ends "
                            "before the document is complete at byte 36. Nothing was imported."));
    QCOMPARE(m_list->model()->rowCount(), rows);
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
