// The first usable slice, driven as a person would: type, press Enter, watch the reply
// stream in, restart, find the conversation again.
#include "ChatPane.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "chat/ChatController.h"
#include "model/ConversationListModel.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chatStreamsAndSurvivesRestart();
    void failedReplyOffersRetry();
    void stopKeepsStreamedText();
    void firstStartShowsSetup();

private:
    static QString lastRowText(MainWindow &w)
    {
        auto *view = w.findChild<ChatView *>(QStringLiteral("chatView"));
        const int rows = view->model()->rowCount();
        return rows ? view->model()->index(rows - 1, 0).data(MessageListModel::ContentRole).toString()
                    : QString();
    }
};

void TestMainWindow::chatStreamsAndSurvivesRestart()
{
    QTemporaryDir dir;
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/chat/completions",
                 Response::sse(openAiStream({QStringLiteral("Hello"), QStringLiteral(", "),
                                             QStringLiteral("**world**"), QStringLiteral("! 你好")}),
                               30));
    qint64 conversationId = 0;
    {
        auto ctx = makeTestContext(dir.path(), server.baseUrl());
        QVERIFY(ctx);
        MainWindow w(ctx.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.isShowingSetup());

        auto *editor = w.findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
        auto *send = w.findChild<QPushButton *>(QStringLiteral("sendButton"));
        QVERIFY(editor && send);
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("Say hello"));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ShiftModifier); // a new line, not a send
        QTest::keyClicks(editor, QStringLiteral("in two languages"));
        QCOMPARE(server.requests().size(), 0);
        QTest::keyClick(editor, Qt::Key_Return);

        // The prompt left the editor; the button became Stop while streaming.
        QCOMPARE(editor->toPlainText(), QString());
        QCOMPARE(send->text(), QStringLiteral("Stop"));
        QTRY_COMPARE(lastRowText(w), QStringLiteral("Hello, **world**! 你好"));
        QTRY_COMPARE(send->text(), QStringLiteral("Send"));

        QCOMPARE(server.requests().size(), 1);
        const QJsonObject body = QJsonDocument::fromJson(server.requests().first().body).object();
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.last().toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("Say hello\nin two languages"));

        // The sidebar shows the conversation, selected.
        auto *list = w.findChild<QListView *>(QStringLiteral("conversationList"));
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->currentIndex().row(), 0);
        conversationId = list->model()->index(0, 0).data(ConversationListModel::IdRole).toLongLong();
        QVERIFY(conversationId != 0);

        // The database holds both messages, the reply complete with its usage.
        const auto thread = ctx->store()->thread(conversationId);
        QCOMPARE(thread.size(), 2);
        QCOMPARE(thread.at(0).content, QStringLiteral("Say hello\nin two languages"));
        QCOMPARE(thread.at(1).content, QStringLiteral("Hello, **world**! 你好"));
        QCOMPARE(thread.at(1).state, MessageState::Complete);
        QCOMPARE(thread.at(1).usage.completionTokens, 4);
        w.close();
    }
    {
        // A new process would do exactly this: a fresh context on the same folder.
        auto ctx = makeTestContext(dir.path(), server.baseUrl());
        QVERIFY(ctx);
        MainWindow w(ctx.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *list = w.findChild<QListView *>(QStringLiteral("conversationList"));
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(w.chatPane()->conversationId(), conversationId); // last open conversation restored
        QCOMPARE(list->currentIndex().data(ConversationListModel::IdRole).toLongLong(), conversationId);
        QCOMPARE(lastRowText(w), QStringLiteral("Hello, **world**! 你好"));
        QCOMPARE(w.chatPane()->messages()->rowCount(), 2);
    }
}

void TestMainWindow::failedReplyOffersRetry()
{
    QTemporaryDir dir;
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route(
        "POST", "/v1/chat/completions",
        Response::json(
            401, R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}})"));
    // The retry (second request) gets an answer.
    server.route("POST", "/v1/chat/completions", Response::sse(openAiStream({QStringLiteral("OK")})));
    auto ctx = makeTestContext(dir.path(), server.baseUrl());
    QVERIFY(ctx);
    MainWindow w(ctx.get());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *editor = w.findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QTest::keyClicks(editor, QStringLiteral("hi"));
    QTest::keyClick(editor, Qt::Key_Return);

    auto *bar = w.findChild<QWidget *>(QStringLiteral("replyErrorBar"));
    auto *label = w.findChild<QLabel *>(QStringLiteral("replyErrorLabel"));
    QTRY_VERIFY(bar->isVisible());
    QVERIFY2(label->text().contains(QStringLiteral("API key was rejected")), qPrintable(label->text()));
    // Errors never become reply text.
    QCOMPARE(lastRowText(w), QString());

    // Retry: this time the server answers.
    QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("retryButton")), Qt::LeftButton);
    QTRY_COMPARE(lastRowText(w), QStringLiteral("OK"));
    QTRY_VERIFY(!bar->isVisible());
    QCOMPARE(server.requests().size(), 2);
    // The prompt was sent once more, unchanged, and the failed attempt was not sent along.
    const QJsonArray messages = QJsonDocument::fromJson(server.requests().last().body)
                                    .object()
                                    .value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("hi"));
}

void TestMainWindow::stopKeepsStreamedText()
{
    QTemporaryDir dir;
    TestHttpServer server;
    QVERIFY(server.listen());
    QStringList pieces;
    for (int i = 0; i < 200; ++i)
        pieces << QStringLiteral("w%1 ").arg(i);
    server.route("POST", "/v1/chat/completions", Response::sse(openAiStream(pieces), 20));
    auto ctx = makeTestContext(dir.path(), server.baseUrl());
    QVERIFY(ctx);
    MainWindow w(ctx.get());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *editor = w.findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QTest::keyClicks(editor, QStringLiteral("go on"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(lastRowText(w).contains(QStringLiteral("w5 ")));
    QTest::keyClick(editor, Qt::Key_Escape);
    auto *send = w.findChild<QPushButton *>(QStringLiteral("sendButton"));
    QTRY_COMPARE(send->text(), QStringLiteral("Send"));

    const QString shown = lastRowText(w);
    QVERIFY(shown.startsWith(QStringLiteral("w0 w1 w2 w3 w4 w5 ")));
    QVERIFY(!shown.contains(QStringLiteral("w199")));
    const qint64 conv = w.chatPane()->conversationId();
    const auto thread = ctx->store()->thread(conv);
    QCOMPARE(thread.last().state, MessageState::Interrupted);
    QCOMPARE(thread.last().content, shown); // everything shown is stored
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("replyErrorBar"))->isVisible());
}

void TestMainWindow::firstStartShowsSetup()
{
    QTemporaryDir dir;
    AppContext::Paths paths = AppContext::defaultPaths(dir.path());
    paths.keychainService = QStringLiteral("penpal-test");
    AppContext ctx(paths);
    QVERIFY(ctx.open());
    MainWindow w(&ctx);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.isShowingSetup());
    auto *setup = w.findChild<QWidget *>(QStringLiteral("setupPage"));
    QVERIFY(setup && setup->isVisible());

    auto *url = setup->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    QCOMPARE(url->text(), QStringLiteral("http://localhost:11434/v1")); // Ollama preselected
    url->clear();
    QTest::mouseClick(setup->findChild<QPushButton *>(QStringLiteral("setupStartButton")), Qt::LeftButton);
    QVERIFY(w.isShowingSetup()); // an empty URL is refused
    QVERIFY(setup->findChild<QLabel *>(QStringLiteral("setupError"))->isVisible());

    QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:9/v1"));
    QTest::mouseClick(setup->findChild<QPushButton *>(QStringLiteral("setupStartButton")), Qt::LeftButton);
    QVERIFY(!w.isShowingSetup());
    const ProviderProfile p = ctx.settings()->activeProfile();
    QVERIFY(p.isValid());
    QCOMPARE(p.baseUrl, QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    QCOMPARE(p.model, QStringLiteral("llama3.2"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
