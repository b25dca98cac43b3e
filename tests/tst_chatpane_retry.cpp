// The retry bar, driven through the main window: while a failed request waits to be sent
// again the thread shows "<reason> — retrying in N s (attempt k of m)", counting down; Cancel
// (or Stop) ends the reply as failed with the last error, the prompt stays stored, and Retry
// then works as for any failed reply.
#include "ChatPane.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "chat/ChatController.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {
const QByteArray ChatPath = "/v1/chat/completions";
const QString Prompt = QStringLiteral("Why is the sky blue?");
} // namespace

class TestChatPaneRetry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void barCountsDownAndCancelFailsReply_data();
    void barCountsDownAndCancelFailsReply();
    void retrySucceedsAndBarGoes();

private:
    QWidget *retryBar() const { return m_window->findChild<QWidget *>(QStringLiteral("retryBar")); }
    QString barText() const { return m_window->findChild<QLabel *>(QStringLiteral("retryLabel"))->text(); }
    QPlainTextEdit *editor() const
    {
        return m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    }
    QPushButton *button(const char *name) const
    {
        return m_window->findChild<QPushButton *>(QLatin1String(name));
    }
    // The seconds of "retrying in N s", -1 if the text does not have that shape.
    int countdown(const QString &reason, int attempt, int of) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestChatPaneRetry::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    ProviderProfile p = m_ctx->settings()->activeProfile();
    p.retryAttempts = 3;
    p.retryCeilingMs = 30000;
    m_ctx->settings()->saveProfile(p);
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(retryBar());
    QVERIFY(!retryBar()->isVisible());
}

void TestChatPaneRetry::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

int TestChatPaneRetry::countdown(const QString &reason, int attempt, int of) const
{
    const QRegularExpression shape(
        QLatin1Char('^') + QRegularExpression::escape(reason) +
        QStringLiteral(" — retrying in (\\d+) s \\(attempt %1 of %2\\)$").arg(attempt).arg(of));
    const QRegularExpressionMatch m = shape.match(barText());
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

void TestChatPaneRetry::barCountsDownAndCancelFailsReply_data()
{
    QTest::addColumn<QString>("via");
    QTest::newRow("cancel on the bar") << "retryCancelButton";
    QTest::newRow("stop button") << "sendButton";
}

void TestChatPaneRetry::barCountsDownAndCancelFailsReply()
{
    QFETCH(QString, via);
    Response limited = Response::json(429, R"({"error":{"message":"Rate limit reached"}})");
    limited.headers.append({QByteArray("Retry-After"), QByteArray("20")});
    m_server->route("POST", ChatPath, limited);
    m_server->route("POST", ChatPath, Response::sse(openAiStream({QStringLiteral("Hi there")})));

    editor()->setFocus();
    QTest::keyClicks(editor(), Prompt);
    QTest::keyClick(editor(), Qt::Key_Return);
    const qint64 conv = m_window->chatPane()->conversationId();
    QVERIFY(conv != 0);
    QTRY_VERIFY_WITH_TIMEOUT(retryBar()->isVisible(), 10000);

    const QString reason = QStringLiteral("Rate limited by the server; try again in 20 second(s).");
    const int first = countdown(reason, 2, 4);
    QVERIFY2(first >= 15 && first <= 20, qPrintable(barText()));
    QVERIFY(button("retryCancelButton")->isVisible());
    QCOMPARE(button("sendButton")->text(), QStringLiteral("Stop"));
    // It counts down (a second or so of real time).
    QTRY_VERIFY_WITH_TIMEOUT(countdown(reason, 2, 4) >= 0 && countdown(reason, 2, 4) < first, 5000);
    QCOMPARE(m_server->requests().size(), 1);

    // Another conversation has no pending retry; back here, the bar is back.
    m_window->chatPane()->openConversation(0);
    QVERIFY(!retryBar()->isVisible());
    m_window->chatPane()->openConversation(conv);
    QVERIFY(retryBar()->isVisible());
    QVERIFY(countdown(reason, 2, 4) > 0);

    QTest::mouseClick(button(qPrintable(via)), Qt::LeftButton);
    QVERIFY(!retryBar()->isVisible());
    QVERIFY(!m_ctx->chat()->isStreaming(conv));
    QCOMPARE(button("sendButton")->text(), QStringLiteral("Send"));

    // In the store: the prompt, and a reply that failed with the last error.
    const QVector<Message> thread = m_ctx->store()->thread(conv);
    QCOMPARE(thread.size(), 2);
    QCOMPARE(thread.at(0).role, Role::User);
    QCOMPARE(thread.at(0).content, Prompt);
    const Message failed = thread.at(1);
    QCOMPARE(failed.role, Role::Assistant);
    QCOMPARE(failed.state, MessageState::Failed);
    QCOMPARE(failed.content, QString());
    QVERIFY2(failed.errorText.startsWith(reason), qPrintable(failed.errorText));
    QVERIFY2(failed.errorText.contains(QLatin1String("Stopped while waiting to send attempt 2 of 4.")),
             qPrintable(failed.errorText));
    auto *errorLabel = m_window->findChild<QLabel *>(QStringLiteral("replyErrorLabel"));
    QTRY_VERIFY(errorLabel->isVisible());
    QCOMPARE(errorLabel->text(), QStringLiteral("The reply failed: ") + reason);
    QTest::qWait(200); // the cancelled wait must not send anything later
    QCOMPARE(m_server->requests().size(), 1);

    // Retry works as for any failed reply: a new reply beside the failed one.
    QTest::mouseClick(button("retryButton"), Qt::LeftButton);
    QTRY_COMPARE(m_server->requests().size(), 2);
    QTRY_VERIFY(!m_ctx->chat()->isStreaming(conv));
    const QVector<Message> after = m_ctx->store()->thread(conv);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after.last().content, QStringLiteral("Hi there"));
    QCOMPARE(after.last().state, MessageState::Complete);
    QCOMPARE(after.last().parentId, failed.parentId);
    QCOMPARE(m_ctx->store()->message(failed.id).state, MessageState::Failed);
    QVERIFY(!retryBar()->isVisible());
}

void TestChatPaneRetry::retrySucceedsAndBarGoes()
{
    m_server->route("POST", ChatPath, Response::json(503, R"({"error":{"message":"overloaded"}})"));
    m_server->route("POST", ChatPath, Response::sse(openAiStream({QStringLiteral("Hi there")})));
    m_ctx->chat()->setRetryDelayScale(0.01); // about 10 ms instead of about 1 s
    QSignalSpy retrying(m_ctx->chat(), &ChatController::replyRetrying);
    QSignalSpy cleared(m_ctx->chat(), &ChatController::replyRetryCleared);
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    QString shownText;
    bool shown = false;
    // The bar reacts before this (it was connected first): what it shows at the announcement.
    connect(m_ctx->chat(), &ChatController::replyRetrying, this, [&] {
        shown = retryBar()->isVisible();
        shownText = barText();
    });

    editor()->setFocus();
    QTest::keyClicks(editor(), Prompt);
    QTest::keyClick(editor(), Qt::Key_Return);
    const qint64 conv = m_window->chatPane()->conversationId();
    QVERIFY(finalized.wait(10000));

    QCOMPARE(retrying.size(), 1);
    const QList<QVariant> args = retrying.first();
    QCOMPARE(args.at(0).toLongLong(), conv);
    const qint64 reply = args.at(1).toLongLong();
    QCOMPARE(args.at(2).toInt(), 2);
    const int delay = args.at(3).toInt();
    QVERIFY2(delay >= 800 && delay <= 1200, qPrintable(QString::number(delay))); // 1 s +-20 %
    QCOMPARE(args.at(4).toString(), QStringLiteral("The server had an error (HTTP 503)."));
    QVERIFY(shown);
    QVERIFY2(shownText.startsWith(QStringLiteral("The server had an error (HTTP 503). — retrying in ")),
             qPrintable(shownText));
    QVERIFY2(shownText.endsWith(QLatin1String(" s (attempt 2 of 4)")), qPrintable(shownText));
    QCOMPARE(cleared.size(), 1);
    QCOMPARE(cleared.first().at(1).toLongLong(), reply);
    QVERIFY(!retryBar()->isVisible());
    QCOMPARE(m_ctx->chat()->pendingRetry(conv).messageId, qint64(0));

    const Message m = m_ctx->store()->message(reply);
    QCOMPARE(m.state, MessageState::Complete);
    QCOMPARE(m.content, QStringLiteral("Hi there"));
    QCOMPARE(m.errorText, QString());
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_ctx->store()->thread(conv).size(), 2); // one reply, not a failed one beside it
}

QTEST_MAIN(TestChatPaneRetry)
#include "tst_chatpane_retry.moc"
