// Desktop integration (issue 8), on the offscreen platform (which has no system tray) against
// a loopback server: the tray menu, Quit and close to tray, the notification when a reply
// finishes in the background, Settings → Desktop, and MainWindow::handleCommandLine() with
// --new, --draft and --profile.
#include "ChatPane.h"
#include "DesktopPage.h"
#include "DraftView.h"
#include "MainWindow.h"
#include "PromptEditor.h"
#include "SettingsDialog.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "TrayIcon.h"
#include "chat/ChatController.h"
#include "chat/CommandLine.h"
#include "draft/DraftDocument.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

// The last user message's text in a chat request.
QString lastUserText(const ReceivedRequest &r)
{
    const QJsonArray messages =
        QJsonDocument::fromJson(r.body).object().value(QStringLiteral("messages")).toArray();
    for (auto it = messages.end(); it != messages.begin();) {
        --it;
        const QJsonObject m = it->toObject();
        if (m.value(QStringLiteral("role")).toString() == QLatin1String("user"))
            return m.value(QStringLiteral("content")).toString();
    }
    return {};
}

const QString kLongReply = QStringLiteral(
    "The committee will meet again next week to discuss the budget for the coming year, and "
    "everyone is invited to send their proposals before Friday so that they can be read in time.");

} // namespace

class TestDesktop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void trayMenu();
    void trayNewChat();
    void closeWithoutTrayQuits();
    void notificationText_data();
    void notificationText();
    void notifiesInTheBackground_data();
    void notifiesInTheBackground();
    void desktopPageSavesAtOnce();
    void commandLineNewSendsThePrompt();
    void commandLineDraftOpensTheFile();
    void commandLineProfile_data();
    void commandLineProfile();

private:
    // Parses `arguments` as the command line and hands it to the window; false if it did not parse.
    bool handle(const QStringList &arguments)
    {
        CommandLine cli;
        if (cli.parse(QStringList{QStringLiteral("penpal")} + arguments) != CommandLine::Outcome::Run)
            return false;
        m_window->handleCommandLine(cli);
        return true;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestDesktop::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_ctx->settings()->setValue(Settings::AutoTitle, false); // one request per prompt
    m_server->setResponder([](const ReceivedRequest &) {
        return Response::sse(openAiStream({kLongReply.left(20), kLongReply.mid(20)}));
    });
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDesktop::cleanup()
{
    if (m_ctx)
        m_ctx->chat()->stopAll();
    m_window.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

void TestDesktop::trayMenu()
{
    TrayIcon *tray = m_window->trayIcon();
    QVERIFY(!tray->isShown()); // offscreen: no system tray, but the menu is there
    QStringList names;
    QStringList texts;
    for (QAction *a : tray->menu()->actions()) {
        if (a->isSeparator())
            continue;
        names << a->objectName();
        texts << a->text();
    }
    QCOMPARE(names, (QStringList{"trayShow", "trayNewChat", "trayTranslateClipboard", "trayQuit"}));
    QCOMPARE(texts, (QStringList{"Open Penpal", "New Chat", "Translate Clipboard", "Quit"}));
    // Without a tray nothing can be shown, and notify() says so.
    QVERIFY(!tray->notify(QStringLiteral("Title"), QStringLiteral("Text")));
}

void TestDesktop::trayNewChat()
{
    Conversation c;
    c.title = QStringLiteral("Old one");
    const qint64 id = m_ctx->store()->createConversation(c);
    m_window->openConversation(id);
    QCOMPARE(m_window->chatPane()->conversationId(), id);
    m_window->hide();
    m_window->trayIcon()->newChatAction()->trigger();
    QVERIFY(m_window->isVisible());
    QCOMPARE(m_window->chatPane()->conversationId(), 0);
}

// Close to tray needs a tray to come back from: offscreen there is none, so closing closes
// even with the setting on, and Quit always does.
void TestDesktop::closeWithoutTrayQuits()
{
    m_ctx->settings()->setValue(Settings::CloseToTray, true);
    QVERIFY(m_window->close());
    QVERIFY(!m_window->isVisible());
    m_window->show();
    m_window->trayIcon()->quitAction()->trigger();
    QVERIFY(!m_window->isVisible());
}

void TestDesktop::notificationText_data()
{
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << QStringLiteral("Sure.") << QStringLiteral("Sure.");
    QTest::newRow("lines and spaces")
        << QStringLiteral("  # Plan\n\n1.  Eat\n") << QStringLiteral("# Plan 1. Eat");
    QTest::newRow("cut at a word") << kLongReply
                                   << QStringLiteral("The committee will meet again next week to discuss the "
                                                     "budget for the coming year, and everyone is…");
    QTest::newRow("one long word") << QString(150, QLatin1Char('x'))
                                   << QString(99, QLatin1Char('x')) + QChar(0x2026);
    QTest::newRow("CJK") << QString(120, QChar(0x6587)) << QString(99, QChar(0x6587)) + QChar(0x2026);
}

void TestDesktop::notificationText()
{
    QFETCH(QString, reply);
    QFETCH(QString, expected);
    const QString text = TrayIcon::notificationText(reply);
    QCOMPARE(text, expected);
    QVERIFY(text.size() <= 100);
}

void TestDesktop::notifiesInTheBackground_data()
{
    QTest::addColumn<bool>("setting");
    QTest::addColumn<bool>("hidden");
    QTest::addColumn<bool>("expected");
    QTest::newRow("background, on") << true << true << true;
    QTest::newRow("background, off") << false << true << false;
    QTest::newRow("in front, on") << true << false << false;
}

void TestDesktop::notifiesInTheBackground()
{
    QFETCH(bool, setting);
    QFETCH(bool, hidden);
    QFETCH(bool, expected);
    m_ctx->settings()->setValue(Settings::NotifyWhenInactive, setting);
    Conversation c;
    c.title = QStringLiteral("Budget meeting");
    const qint64 id = m_ctx->store()->createConversation(c);
    m_window->openConversation(id);
    QSignalSpy notified(m_window.get(), &MainWindow::replyNotification);
    QSignalSpy streaming(m_ctx->chat(), &ChatController::streamingChanged);
    m_window->chatPane()->editor()->setPlainText(QStringLiteral("When do we meet?"));
    m_window->chatPane()->send();
    if (hidden) {
        m_window->hide(); // not the active window while the reply streams
    } else {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
    QTRY_VERIFY(!streaming.isEmpty() && !streaming.last().at(1).toBool());
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(notified.size(), expected ? 1 : 0);
    if (expected) {
        QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Budget meeting"));
        const QString text = notified.first().at(1).toString();
        QVERIFY2(text.startsWith(QLatin1String("The committee will meet")) && text.size() <= 100,
                 qPrintable(text));
    }
}

void TestDesktop::desktopPageSavesAtOnce()
{
    DesktopPage page(m_ctx.get(), false);
    auto *closeToTray = page.findChild<QCheckBox *>(QStringLiteral("closeToTrayCheck"));
    auto *notify = page.findChild<QCheckBox *>(QStringLiteral("notifyCheck"));
    QVERIFY(closeToTray && notify);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("noTrayNote")));
    QCOMPARE(closeToTray->isChecked(), false); // default off
    QCOMPARE(notify->isChecked(), m_ctx->settings()->value(Settings::NotifyWhenInactive).toBool());
    page.show();
    QTest::mouseClick(closeToTray, Qt::LeftButton, {}, QPoint(5, closeToTray->height() / 2));
    QCOMPARE(m_ctx->settings()->value(Settings::CloseToTray).toBool(), true);
    const bool before = notify->isChecked();
    QTest::mouseClick(notify, Qt::LeftButton, {}, QPoint(5, notify->height() / 2));
    QCOMPARE(m_ctx->settings()->value(Settings::NotifyWhenInactive).toBool(), !before);
    // With a tray there is nothing to warn about.
    DesktopPage withTray(m_ctx.get(), true);
    QVERIFY(!withTray.findChild<QLabel *>(QStringLiteral("noTrayNote")));
    // And the dialog has the page.
    SettingsDialog dialog(m_ctx.get());
    QVERIFY(dialog.findChild<DesktopPage *>(QStringLiteral("desktopPage")));
}

void TestDesktop::commandLineNewSendsThePrompt()
{
    const int before = m_ctx->store()->conversations().size();
    QVERIFY(handle({QStringLiteral("--new"), QStringLiteral("Plan my week, please")}));
    QTRY_COMPARE(m_server->requests().size(), 1);
    QCOMPARE(lastUserText(m_server->requests().first()), QStringLiteral("Plan my week, please"));
    const qint64 id = m_window->chatPane()->conversationId();
    QVERIFY(id != 0);
    QCOMPARE(m_ctx->store()->conversations().size(), before + 1);
    QTRY_VERIFY(!m_ctx->chat()->isStreaming(id));
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 2);
}

void TestDesktop::commandLineDraftOpensTheFile()
{
    const QString path = m_dir->filePath(QStringLiteral("letter to Ana.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QString text = QStringLiteral("Dear Ana,\n\nthank you for the café recommendation.\n");
    f.write(text.toUtf8());
    f.close();
    QVERIFY(handle({QStringLiteral("--draft"), path}));
    DraftView *draft = m_window->draftView();
    QVERIFY(draft);
    QVERIFY(draft->isVisible());
    const qint64 id = draft->documentId();
    QVERIFY(id != 0);
    const DraftDocument doc = m_ctx->store()->document(id);
    QCOMPARE(doc.title, QStringLiteral("letter to Ana.txt"));
    QCOMPARE(doc.content, text);
    QCOMPARE(draft->editor()->toPlainText(), text);
    QCOMPARE(m_server->requests().size(), 0); // nothing is sent
}

void TestDesktop::commandLineProfile_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<bool>("known");
    QTest::newRow("by name") << QStringLiteral("second endpoint") << true;
    QTest::newRow("unknown") << QStringLiteral("Nowhere") << false;
}

void TestDesktop::commandLineProfile()
{
    QFETCH(QString, given);
    QFETCH(bool, known);
    Settings *settings = m_ctx->settings();
    const QString firstId = settings->activeProfile().id;
    ProviderProfile second = settings->activeProfile();
    second.id.clear();
    second.name = QStringLiteral("Second Endpoint");
    const QString secondId = settings->saveProfile(second);
    QVERIFY(!secondId.isEmpty() && secondId != firstId);
    settings->setValue(Settings::ActiveProfileId, firstId);

    QVERIFY(handle({QStringLiteral("--profile"), given}));
    QCOMPARE(settings->activeProfile().id, known ? secondId : firstId);
    if (!known) {
        auto *status = m_window->findChild<QStatusBar *>(QStringLiteral("statusBar"));
        QVERIFY(status);
        QVERIFY2(status->currentMessage().contains(given), qPrintable(status->currentMessage()));
    }
}

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
