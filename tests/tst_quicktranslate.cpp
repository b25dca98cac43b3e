// Quick translate (issue 6), on the offscreen platform against a loopback server that
// "translates" by upper-casing: the tray's Translate Clipboard, quickTranslate() with a --to
// target, an empty clipboard, and Translate on a chat message or on selected text.
#include "ChatPane.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "TranslationRequests.h"
#include "TranslateView.h"
#include "TrayIcon.h"
#include "chat/CommandLine.h"
#include "model/MessageListModel.h"
#include "store/Store.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRun.h"

#include <QAccessible>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

QJsonArray messagesOf(const ReceivedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("messages")).toArray();
}

// The text the request asks to translate.
QString systemOf(const ReceivedRequest &r)
{
    return messagesOf(r).first().toObject().value(QStringLiteral("content")).toString();
}

const QString kReply = QStringLiteral("Der Ausschuss trifft sich **nächste Woche** erneut.");
const QString kReplyPlain = QStringLiteral("Der Ausschuss trifft sich nächste Woche erneut.");
const QString kPrompt =
    QStringLiteral("Bonjour tout le monde, comment allez-vous aujourd'hui ? Bien, merci.");

} // namespace

class TestQuickTranslate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void trayTranslatesTheClipboard();
    void targetFromTheCommandLine_data();
    void targetFromTheCommandLine();
    void withoutTargetKeepsTheWorkspaceLanguage();
    void emptyClipboardSaysSo_data();
    void emptyClipboardSaysSo();
    void trayShowAndQuit();
    void messageTranslateAction_data();
    void messageTranslateAction();
    void selectionTranslate();

private:
    QWidget *currentWorkspace() const
    {
        auto *workspace = m_window->findChild<QStackedWidget *>(QStringLiteral("workspace"));
        return workspace ? workspace->currentWidget() : nullptr;
    }
    ChatView *chatView() const { return m_window->chatPane()->view(); }
    // Waits for the run to end, so that nothing is in flight when the test's objects go.
    bool finished() const
    {
        TranslationRun *run = m_window->translateView()->controller()->run();
        return run && !run->isActive();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_conversation = 0;
};

void TestQuickTranslate::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_server->setResponder([](const ReceivedRequest &r) {
        const QString answer = translationSource(r).toUpper();
        return Response::sse(openAiStream({answer.left(5), answer.mid(5)}));
    });

    Conversation c;
    c.title = QStringLiteral("Bilingual");
    m_conversation = m_ctx->store()->createConversation(c);
    Message prompt;
    prompt.conversationId = m_conversation;
    prompt.role = Role::User;
    prompt.content = kPrompt;
    const qint64 promptId = m_ctx->store()->addMessage(prompt);
    Message reply;
    reply.conversationId = m_conversation;
    reply.parentId = promptId;
    reply.role = Role::Assistant;
    reply.model = QStringLiteral("test-model");
    reply.content = kReply;
    QVERIFY(m_ctx->store()->addMessage(reply) != 0);

    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openConversation(m_conversation);
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 2);
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(m_window->chatPane()));
}

void TestQuickTranslate::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

void TestQuickTranslate::trayTranslatesTheClipboard()
{
    const QString text = QStringLiteral("Guten Morgen! Wie geht es dir heute?");
    QGuiApplication::clipboard()->setText(text);
    TrayIcon *tray = m_window->trayIcon();
    QVERIFY(tray);
    QVERIFY(!tray->isShown()); // no system tray offscreen, but the menu is there all the same
    auto *action = tray->menu()->findChild<QAction *>(QStringLiteral("trayTranslateClipboard"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("Translate Clipboard"));
    action->trigger();

    QVERIFY(m_window->translateView());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(m_window->translateView()));
    QCOMPARE(m_window->translateView()->sourceText(), text);
    QTRY_COMPARE(m_server->requests().size(), 1);
    QCOMPARE(translationSource(m_server->requests().first()), text);
    QTRY_VERIFY(finished());
    QTRY_COMPARE(m_window->translateView()->resultText(), text.toUpper());
}

void TestQuickTranslate::targetFromTheCommandLine_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("englishName");
    QTest::newRow("code") << QStringLiteral("ja") << QStringLiteral("ja") << QStringLiteral("Japanese");
    QTest::newRow("English name") << QStringLiteral("german") << QStringLiteral("de")
                                  << QStringLiteral("German");
    QTest::newRow("native name") << QStringLiteral("简体中文") << QStringLiteral("zh-Hans")
                                 << QStringLiteral("Simplified Chinese");
}

// What `penpal --translate --to X` does once the window is up.
void TestQuickTranslate::targetFromTheCommandLine()
{
    QFETCH(QString, to);
    QFETCH(QString, code);
    QFETCH(QString, englishName);
    CommandLine cli;
    QCOMPARE(cli.parse({QStringLiteral("penpal"), QStringLiteral("--translate"), QStringLiteral("--to"), to}),
             CommandLine::Outcome::Run);
    QVERIFY(cli.translateClipboard());
    const QString text = QStringLiteral("The committee meets again next week to discuss the budget.");
    QGuiApplication::clipboard()->setText(text);

    m_window->quickTranslate(QGuiApplication::clipboard()->text(), cli.targetLanguage());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(m_window->translateView()));
    QCOMPARE(m_window->translateView()->targetLanguage(), code);
    QCOMPARE(m_window->translateView()->sourceText(), text);
    QTRY_COMPARE(m_server->requests().size(), 1);
    const QString system = systemOf(m_server->requests().first());
    QVERIFY2(system.contains(QStringLiteral("into ") + englishName), qPrintable(system));
    QTRY_VERIFY(finished());
}

void TestQuickTranslate::withoutTargetKeepsTheWorkspaceLanguage()
{
    m_window->showTranslateWorkspace();
    m_window->translateView()->setTargetLanguage(QStringLiteral("it"));
    m_window->showChatWorkspace();
    m_window->quickTranslate(QStringLiteral("Good evening, everyone."));
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(m_window->translateView()));
    QCOMPARE(m_window->translateView()->targetLanguage(), QStringLiteral("it"));
    QTRY_COMPARE(m_server->requests().size(), 1);
    QVERIFY(systemOf(m_server->requests().first()).contains(QStringLiteral("into Italian")));
    QTRY_VERIFY(finished());
}

void TestQuickTranslate::emptyClipboardSaysSo_data()
{
    QTest::addColumn<QString>("clipboard");
    QTest::newRow("empty") << QString();
    QTest::newRow("only spaces") << QStringLiteral("  \n\t ");
}

void TestQuickTranslate::emptyClipboardSaysSo()
{
    QFETCH(QString, clipboard);
    if (clipboard.isEmpty())
        QGuiApplication::clipboard()->clear();
    else
        QGuiApplication::clipboard()->setText(clipboard);
    m_window->trayIcon()->translateClipboardAction()->trigger();

    QVERIFY(m_window->translateView());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(m_window->translateView()));
    auto *status = m_window->findChild<QStatusBar *>(QStringLiteral("statusBar"));
    QVERIFY(status);
    QVERIFY(status->isVisible());
    const QString message = status->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("clipboard has no text")), qPrintable(message));
    // Nothing started, so nothing can reach the server.
    QVERIFY(!m_window->translateView()->controller()->run());
    QCOMPARE(m_server->requests().size(), 0);

    // Text on the clipboard next time: the message goes and the translation starts.
    QGuiApplication::clipboard()->setText(QStringLiteral("Now there is text."));
    m_window->trayIcon()->translateClipboardAction()->trigger();
    QCOMPARE(status->currentMessage(), QString());
    QVERIFY(!status->isVisible());
    QTRY_COMPARE(m_server->requests().size(), 1);
    QTRY_VERIFY(finished());
}

void TestQuickTranslate::trayShowAndQuit()
{
    TrayIcon *tray = m_window->trayIcon();
    QCOMPARE(tray->showAction()->objectName(), QStringLiteral("trayShow"));
    m_window->hide();
    QVERIFY(!m_window->isVisible());
    tray->showAction()->trigger();
    QVERIFY(m_window->isVisible());
    QCOMPARE(tray->menu()->actions().last(), tray->quitAction());
    QCOMPARE(tray->quitAction()->objectName(), QStringLiteral("trayQuit"));
    tray->quitAction()->trigger();
    QVERIFY(!m_window->isVisible());
}

void TestQuickTranslate::messageTranslateAction_data()
{
    QTest::addColumn<bool>("byMouse");
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("expected");
    QTest::newRow("reply, screen reader") << false << 1 << kReplyPlain;
    QTest::newRow("reply, mouse") << true << 1 << kReplyPlain;
    QTest::newRow("prompt, screen reader") << false << 0 << kPrompt;
    QTest::newRow("prompt, mouse") << true << 0 << kPrompt;
}

void TestQuickTranslate::messageTranslateAction()
{
    QFETCH(bool, byMouse);
    QFETCH(int, row);
    QFETCH(QString, expected);
    // The workspace's own target is kept.
    m_window->showTranslateWorkspace();
    m_window->translateView()->setTargetLanguage(QStringLiteral("en"));
    m_window->showChatWorkspace();
    chatView()->viewport()->repaint();

    if (byMouse) {
        const QRect button = chatView()->actionRect(row, ChatView::Action::Translate);
        QVERIFY(!button.isEmpty());
        QTest::mouseClick(chatView()->viewport(), Qt::LeftButton, {}, button.center());
    } else {
        QAccessibleInterface *message = QAccessible::queryAccessibleInterface(chatView())->child(row);
        QVERIFY(message);
        QAccessibleActionInterface *actions = message->actionInterface();
        QVERIFY(actions);
        QVERIFY2(actions->actionNames().contains(QStringLiteral("Translate")),
                 qPrintable(actions->actionNames().join(QLatin1String(", "))));
        actions->doAction(QStringLiteral("Translate"));
    }

    QVERIFY(m_window->translateView());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(m_window->translateView()));
    QCOMPARE(m_window->translateView()->sourceText(), expected);
    QCOMPARE(m_window->translateView()->targetLanguage(), QStringLiteral("en"));
    QTRY_COMPARE(m_server->requests().size(), 1);
    QCOMPARE(translationSource(m_server->requests().first()), expected);
    QTRY_VERIFY(finished());
}

void TestQuickTranslate::selectionTranslate()
{
    ChatView *view = chatView();
    view->viewport()->repaint();
    // Drag across part of the prompt, as a person selects text.
    const QRect promptRow = view->rowRect(0);
    QVERIFY(!promptRow.isEmpty());
    const QPoint start(promptRow.left() + 20, promptRow.top() + 42);
    const QPoint end = start + QPoint(200, 0);
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(end), view->viewport()->mapToGlobal(QPointF(end)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, end);
    const QString selected = view->selectedText();
    QVERIFY2(!selected.isEmpty(), "nothing selected");
    QVERIFY(selected != kPrompt);
    QVERIFY(kPrompt.contains(selected));

    // The context menu's Translate Selection, chosen from inside its exec().
    bool answered = false;
    QTimer poll;
    poll.setInterval(10);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu || !menu->isVisible())
            return;
        poll.stop();
        answered = true;
        QAction *item = menu->findChild<QAction *>(QStringLiteral("actionTranslateSelection"));
        QVERIFY(item);
        QVERIFY(item->isEnabled());
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("actionTranslateMessage")));
        menu->setActiveAction(item);
        QTest::keyClick(menu, Qt::Key_Return);
    });
    poll.start();
    QContextMenuEvent event(QContextMenuEvent::Mouse, start, view->viewport()->mapToGlobal(start));
    QApplication::sendEvent(view->viewport(), &event);
    QVERIFY(answered);

    QVERIFY(m_window->translateView());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(m_window->translateView()));
    QCOMPARE(m_window->translateView()->sourceText(), selected);
    QTRY_COMPARE(m_server->requests().size(), 1);
    QCOMPARE(translationSource(m_server->requests().first()), selected);
    QTRY_VERIFY(finished());
}

QTEST_MAIN(TestQuickTranslate)
#include "tst_quicktranslate.moc"
