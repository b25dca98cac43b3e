// Every provider kind streams in the running app: a profile of that kind, a prompt typed into
// the window and sent with Enter, the reply streamed from a loopback server in the provider's
// own wire format, shown in the thread and stored complete, with the request sent where and
// how that provider expects it.
#include "ChatPane.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

QList<QByteArray> anthropicStream()
{
    return {
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
        "\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-test\",\"stop_reason\":null,"
        "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
        "{\"type\":\"text\",\"text\":\"\"}}\n\n",
        "event: ping\ndata: {\"type\": \"ping\"}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
        "\"text_delta\",\"text\":\"Hello from \"}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
        "\"text_delta\",\"text\":\"every provider\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        "\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}\n\n",
        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    };
}

QList<QByteArray> completionsStream()
{
    const QByteArray head = "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":"
                            "\"test-model\",\"choices\":[{\"text\":\"";
    return {
        head + "Hello from \",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}\n\n",
        head + "every provider\",\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n",
        "data: [DONE]\n\n",
    };
}

} // namespace

class TestProvidersApp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void streamsInTheWindow_data();
    void streamsInTheWindow();
};

void TestProvidersApp::streamsInTheWindow_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("basePath"); // appended to the server's address
    QTest::addColumn<QByteArray>("path");  // where the request must go (without the query)
    QTest::addColumn<QList<QByteArray>>("stream");
    QTest::addColumn<QByteArray>("keyHeader");
    QTest::addColumn<QByteArray>("keyValue");
    QTest::addColumn<QString>("promptField"); // the body field holding the prompt

    QTest::newRow("openai") << "openai"
                            << "/v1" << QByteArray("/v1/chat/completions")
                            << openAiStream({QStringLiteral("Hello from "), QStringLiteral("every provider")})
                            << QByteArray("Authorization") << QByteArray("Bearer test-key") << "messages";
    QTest::newRow("anthropic") << "anthropic"
                               << "/v1" << QByteArray("/v1/messages") << anthropicStream()
                               << QByteArray("x-api-key") << QByteArray("test-key") << "messages";
    QTest::newRow("azure") << "azure"
                           << "" << QByteArray("/openai/deployments/chat-dep/chat/completions")
                           << openAiStream({QStringLiteral("Hello from "), QStringLiteral("every provider")})
                           << QByteArray("api-key") << QByteArray("test-key") << "messages";
    QTest::newRow("raw completion") << "completions"
                                    << "/v1" << QByteArray("/v1/completions") << completionsStream()
                                    << QByteArray("Authorization") << QByteArray("Bearer test-key")
                                    << "prompt";
}

void TestProvidersApp::streamsInTheWindow()
{
    QFETCH(QString, kind);
    QFETCH(QString, basePath);
    QFETCH(QByteArray, path);
    QFETCH(QList<QByteArray>, stream);
    QFETCH(QByteArray, keyHeader);
    QFETCH(QByteArray, keyValue);
    QFETCH(QString, promptField);

    QTemporaryDir dir;
    TestHttpServer server;
    QVERIFY(server.listen());
    const QUrl base(QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(basePath));
    auto ctx = makeTestContext(dir.path(), base);
    QVERIFY(ctx);
    ProviderProfile profile = ctx->settings()->activeProfile();
    profile.kind = kind;
    profile.deployment = QStringLiteral("chat-dep");
    ctx->settings()->saveProfile(profile);
    server.route("POST", path, Response::sse(stream, 5));

    MainWindow window(ctx.get());
    window.resize(900, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *editor = window.findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QVERIFY(editor);
    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("Say hello"));
    QTest::keyClick(editor, Qt::Key_Return);

    // Shown in the thread, and stored complete.
    MessageListModel *messages = window.chatPane()->messages();
    QTRY_COMPARE(messages->rowCount(), 2);
    QTRY_COMPARE(window.chatPane()->view()->messageText(1), QStringLiteral("Hello from every provider"));
    const qint64 conversation = window.chatPane()->conversationId();
    QTRY_COMPARE(MessageState(messages->index(1, 0).data(MessageListModel::StateRole).toInt()),
                 MessageState::Complete);
    const QVector<Message> stored = ctx->store()->thread(conversation);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(1).content, QStringLiteral("Hello from every provider"));
    QCOMPARE(stored.at(1).state, MessageState::Complete);

    // Where and how the request went.
    QCOMPARE(server.requests().size(), 1);
    const ReceivedRequest request = server.requests().first();
    QCOMPARE(
        request.path.left(request.path.indexOf('?') < 0 ? request.path.size() : request.path.indexOf('?')),
        path);
    QCOMPARE(request.header(keyHeader), keyValue);
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QVERIFY2(QJsonDocument(body).toJson().contains("Say hello"), request.body.constData());
    QVERIFY2(body.contains(promptField), request.body.constData());
    QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    if (kind == QLatin1String("azure"))
        QVERIFY2(request.path.contains("api-version="), request.path.constData());
    if (kind != QLatin1String("openai") && kind != QLatin1String("completions"))
        QVERIFY(!request.hasHeader("Authorization"));
}

QTEST_MAIN(TestProvidersApp)
#include "tst_providers_app.moc"
