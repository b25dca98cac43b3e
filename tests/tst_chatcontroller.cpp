#include "TestContext.h"
#include "TestHttpServer.h"
#include "chat/ChatController.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

class TestChatController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void promptIsStoredBeforeTheRequest();
    void sendsConversationContext();
    void persistsWhileStreaming();
    void reasoningKeptApart();
    void failureWithoutTextIsFailed();
    void cutOffStreamKeepsText();
    void retryMakesASibling();
    void destroyingControllerWritesReplyDown();

private:
    QTemporaryDir *m_dir = nullptr;
    TestHttpServer *m_server = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    static constexpr char kPath[] = "/v1/chat/completions";
};

void TestChatController::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestHttpServer;
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
}

void TestChatController::cleanup()
{
    m_ctx.reset();
    delete m_server;
    delete m_dir;
}

void TestChatController::promptIsStoredBeforeTheRequest()
{
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("ok")})));
    QVector<Message> seenAtRequest;
    connect(m_server, &TestHttpServer::requestReceived, this, [&] {
        // Another connection to the same file sees only what was committed.
        Store other;
        QVERIFY(other.open(m_ctx->databasePath()));
        const auto convs = other.conversations();
        if (!convs.isEmpty())
            seenAtRequest = other.thread(convs.first().id);
    });
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("What is 2+2?"));
    QVERIFY(conv != 0);
    QVERIFY(m_ctx->chat()->isStreaming(conv));
    QTRY_COMPARE(finalized.count(), 1);
    QVERIFY(!seenAtRequest.isEmpty());
    QCOMPARE(seenAtRequest.first().content, QStringLiteral("What is 2+2?"));
    QCOMPARE(m_ctx->store()->conversation(conv).title, QStringLiteral("What is 2+2?"));
}

void TestChatController::sendsConversationContext()
{
    ProviderProfile p = m_ctx->settings()->activeProfile();
    p.systemPrompt = QStringLiteral("Be brief.");
    p.params.temperature = 0.25;
    p.params.maxTokens = 64;
    m_ctx->settings()->saveProfile(p);
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("4")})));
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("6")})));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("2+2?"));
    QTRY_COMPARE(finalized.count(), 1);
    QCOMPARE(m_ctx->chat()->send(conv, QStringLiteral("3+3?")), conv);
    QTRY_COMPARE(finalized.count(), 2);

    QCOMPARE(m_server->requests().size(), 2);
    const ReceivedRequest &second = m_server->requests().at(1);
    QCOMPARE(second.header("Authorization"), QByteArray("Bearer test-key"));
    const QJsonObject body = QJsonDocument::fromJson(second.body).object();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.25);
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 64);
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    QStringList roles, contents;
    for (const auto &m : messages) {
        roles << m.toObject().value(QStringLiteral("role")).toString();
        contents << m.toObject().value(QStringLiteral("content")).toString();
    }
    QCOMPARE(roles, (QStringList{QStringLiteral("system"), QStringLiteral("user"),
                                 QStringLiteral("assistant"), QStringLiteral("user")}));
    QCOMPARE(contents, (QStringList{QStringLiteral("Be brief."), QStringLiteral("2+2?"), QStringLiteral("4"),
                                    QStringLiteral("3+3?")}));
}

void TestChatController::persistsWhileStreaming()
{
    QStringList pieces;
    for (int i = 0; i < 40; ++i)
        pieces << QStringLiteral("p%1 ").arg(i);
    m_server->route("POST", kPath, Response::sse(openAiStream(pieces), 50));
    m_ctx->chat()->setPersistIntervalMs(200);
    QSignalSpy live(m_ctx->chat(), &ChatController::messageLive);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("count"));
    const qint64 reply = m_ctx->chat()->streamingMessageId(conv);
    QVERIFY(reply != 0);

    // While it streams, a separate connection already sees part of the text.
    Store other;
    QVERIFY(other.open(m_ctx->databasePath()));
    QTRY_VERIFY(other.message(reply).content.contains(QStringLiteral("p5 ")));
    QVERIFY(m_ctx->chat()->isStreaming(conv));
    QCOMPARE(other.message(reply).state, MessageState::Streaming);
    QTRY_VERIFY(!m_ctx->chat()->isStreaming(conv));
    const Message done = other.message(reply);
    QCOMPARE(done.content, pieces.join(QString()));
    QCOMPARE(done.state, MessageState::Complete);
    QVERIFY(done.timeToFirstTokenMs >= 0);
    QVERIFY(done.durationMs >= done.timeToFirstTokenMs);
    QCOMPARE(done.usage.completionTokens, 40);
    // Deltas were coalesced: fewer view updates than pieces.
    QVERIFY(live.count() > 0);
    QVERIFY(live.count() <= pieces.size());
}

void TestChatController::reasoningKeptApart()
{
    const QList<QByteArray> chunks = {
        R"(data: {"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Think"}}]})"
        "\n\n",
        R"(data: {"choices":[{"index":0,"delta":{"reasoning_content":"ing."}}]})"
        "\n\n",
        R"(data: {"choices":[{"index":0,"delta":{"content":"Answer"},"finish_reason":null}]})"
        "\n\n",
        R"(data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"
        "\n\n",
        "data: [DONE]\n\n"};
    m_server->route("POST", kPath, Response::sse(chunks, 5));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    m_ctx->chat()->send(0, QStringLiteral("q"));
    QTRY_COMPARE(finalized.count(), 1);
    const Message m = m_ctx->store()->message(finalized.first().at(0).toLongLong());
    QCOMPARE(m.reasoning, QStringLiteral("Thinking."));
    QCOMPARE(m.content, QStringLiteral("Answer"));
}

void TestChatController::failureWithoutTextIsFailed()
{
    m_server->route("POST", kPath, Response::json(500, R"({"error":{"message":"boom"}})"));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    m_ctx->chat()->send(0, QStringLiteral("q"));
    QTRY_COMPARE(finalized.count(), 1);
    const Message m = m_ctx->store()->message(finalized.first().at(0).toLongLong());
    QCOMPARE(m.state, MessageState::Failed);
    QCOMPARE(m.content, QString());
    QVERIFY(!m.errorText.isEmpty());
    QVERIFY(m.errorText.contains(QStringLiteral("500")));
}

void TestChatController::cutOffStreamKeepsText()
{
    m_server->route(
        "POST", kPath,
        Response::sse(openAiStream({QStringLiteral("half "), QStringLiteral("an answer")}, false)));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    m_ctx->chat()->send(0, QStringLiteral("q"));
    QTRY_COMPARE(finalized.count(), 1);
    const Message m = m_ctx->store()->message(finalized.first().at(0).toLongLong());
    QCOMPARE(m.state, MessageState::Interrupted);
    QCOMPARE(m.content, QStringLiteral("half an answer"));
    QVERIFY(!m.errorText.isEmpty());
}

void TestChatController::retryMakesASibling()
{
    m_server->route("POST", kPath, Response::json(503, R"({"error":{"message":"overloaded"}})"));
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("fine")})));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("q"));
    QTRY_COMPARE(finalized.count(), 1);
    const qint64 failed = finalized.first().at(0).toLongLong();
    QVERIFY(m_ctx->chat()->retry(failed));
    QTRY_COMPARE(finalized.count(), 2);
    const qint64 second = finalized.last().at(0).toLongLong();
    QVERIFY(second != failed);
    QCOMPARE(m_ctx->store()->message(second).parentId, m_ctx->store()->message(failed).parentId);
    const auto thread = m_ctx->store()->thread(conv);
    QCOMPARE(thread.size(), 2);
    QCOMPARE(thread.last().id, second);
    QCOMPARE(thread.last().content, QStringLiteral("fine"));
    QCOMPARE(m_ctx->store()->message(failed).state, MessageState::Failed); // kept as a branch
}

void TestChatController::destroyingControllerWritesReplyDown()
{
    QStringList pieces;
    for (int i = 0; i < 100; ++i)
        pieces << QStringLiteral("x%1 ").arg(i);
    m_server->route("POST", kPath, Response::sse(openAiStream(pieces), 20));
    m_ctx->chat()->setPersistIntervalMs(60000); // only the shutdown path writes the text
    QSignalSpy live(m_ctx->chat(), &ChatController::messageLive);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("q"));
    const qint64 reply = m_ctx->chat()->streamingMessageId(conv);
    QTRY_VERIFY(!live.isEmpty() && live.last().at(1).toString().contains(QStringLiteral("x3 ")));
    const QString dbPath = m_ctx->databasePath();
    m_ctx.reset(); // like quitting the app mid-reply
    Store store;
    QVERIFY(store.open(dbPath));
    const Message m = store.message(reply);
    QCOMPARE(m.state, MessageState::Interrupted);
    QVERIFY(m.content.startsWith(QStringLiteral("x0 x1 x2 x3 ")));
}

QTEST_GUILESS_MAIN(TestChatController)
#include "tst_chatcontroller.moc"
