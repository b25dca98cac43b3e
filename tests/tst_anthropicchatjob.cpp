// AnthropicChatJob against a real loopback HTTP server: the request on the wire (headers and
// body field by field) and the transcripts of tests/fixtures/anthropic replayed in many
// chunkings. HTTP errors and timeouts are in tst_anthropicerrors.cpp.
#include "net/AnthropicChatJob.h"
#include "net/AnthropicProvider.h"
#include "net/AnthropicRequestBuilder.h"
#include "net/ProviderFactory.h"
#include "support/AnthropicFixtures.h"
#include "support/ChatJobRecorder.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;
namespace fx = penpal::test::anthropic;

namespace {

const QByteArray MessagesPath = "/v1/messages";

// A 1x1 PNG.
QByteArray tinyPng()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
                                  "PchI7wAAAABJRU5ErkJggg==");
}

ProviderProfile anthropicProfile(const QUrl &base, const QString &apiVersion = QString())
{
    ProviderProfile p = testProfile(base);
    p.kind = QStringLiteral("anthropic");
    p.apiVersion = apiVersion;
    return p;
}

QJsonObject textBlock(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}

QJsonObject message(const QString &role, const QJsonValue &content)
{
    return QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

} // namespace

class AnthropicChatJobTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sendsExpectedRequest_data();
    void sendsExpectedRequest();
    void replaysTranscript_data();
    void replaysTranscript();
    void abortIsCancelledOnce();
    void abortFromInsideDelta();
    void nonStreamedMessageAccepted();
    void malformedEventIsBadResponse();

private:
    std::unique_ptr<ChatJob> startChat(const ProviderProfile &profile, const ChatRequest &request,
                                       const QString &key = QString());
    QNetworkAccessManager m_nam;
};

// Through the factory, as the application does: kind "anthropic" must give this provider.
std::unique_ptr<ChatJob> AnthropicChatJobTest::startChat(const ProviderProfile &profile,
                                                         const ChatRequest &request, const QString &key)
{
    const std::unique_ptr<Provider> provider = createProvider(&m_nam, profile, key);
    if (!dynamic_cast<AnthropicProvider *>(provider.get()))
        return nullptr;
    return std::unique_ptr<ChatJob>(provider->startChat(request, nullptr));
}

void AnthropicChatJobTest::sendsExpectedRequest_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<ChatRequest>("request");
    QTest::addColumn<QJsonObject>("expectedBody");
    QTest::addColumn<QByteArray>("expectedVersion");

    {
        ChatRequest r = testRequest();
        QTest::newRow("minimal, no key")
            << QString() << QString() << r
            << QJsonObject{{QStringLiteral("model"), QStringLiteral("test-model")},
                           {QStringLiteral("max_tokens"), AnthropicRequestBuilder::DefaultMaxTokens},
                           {QStringLiteral("messages"),
                            QJsonArray{message(QStringLiteral("user"), QStringLiteral("Hi"))}},
                           {QStringLiteral("stream"), true}}
            << QByteArray("2023-06-01");
    }
    {
        ChatRequest r;
        r.model = QStringLiteral("claude-sonnet-4-20250514");
        r.systemPrompt = QStringLiteral("Be brief.");
        Attachment image;
        image.kind = Attachment::Kind::Image;
        image.fileName = QStringLiteral("dot.png");
        image.mimeType = QStringLiteral("image/png");
        image.data = tinyPng();
        Attachment notes;
        notes.fileName = QStringLiteral("notes.md");
        notes.mimeType = QStringLiteral("text/markdown");
        notes.data = QByteArray("# Plan\nÜber alles\n");
        r.turns = {{Role::User, QStringLiteral("Hi")},
                   {Role::User, QStringLiteral("again")},
                   {Role::Assistant, QStringLiteral("Hello!")},
                   {Role::Assistant, QStringLiteral("Anything else?")},
                   {Role::User, QStringLiteral("What is this?"), {image, notes}}};
        r.params.temperature = 0.5;
        r.params.topP = 0.9;
        r.params.maxTokens = 256;
        r.params.stop = {QStringLiteral("END"), QStringLiteral("\n\nHuman:")};
        r.params.n = 3; // not a Messages API parameter: never sent
        const QJsonObject imageBlock{
            {QStringLiteral("type"), QStringLiteral("image")},
            {QStringLiteral("source"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("base64")},
                         {QStringLiteral("media_type"), QStringLiteral("image/png")},
                         {QStringLiteral("data"), QString::fromLatin1(tinyPng().toBase64())}}}};
        QTest::newRow("all fields, key, merged turns, attachments")
            << QStringLiteral("sk-ant-test-123") << QStringLiteral("2024-10-22") << r
            << QJsonObject{{QStringLiteral("model"), QStringLiteral("claude-sonnet-4-20250514")},
                           {QStringLiteral("max_tokens"), 256},
                           {QStringLiteral("system"), QStringLiteral("Be brief.")},
                           {QStringLiteral("messages"),
                            QJsonArray{message(QStringLiteral("user"),
                                               QJsonArray{textBlock(QStringLiteral("Hi")),
                                                          textBlock(QStringLiteral("again"))}),
                                       message(QStringLiteral("assistant"),
                                               QJsonArray{textBlock(QStringLiteral("Hello!")),
                                                          textBlock(QStringLiteral("Anything else?"))}),
                                       message(QStringLiteral("user"),
                                               QJsonArray{imageBlock,
                                                          textBlock(QStringLiteral(
                                                              "notes.md\n```\n# Plan\nÜber alles\n```")),
                                                          textBlock(QStringLiteral("What is this?"))})}},
                           {QStringLiteral("stream"), true},
                           {QStringLiteral("temperature"), 0.5},
                           {QStringLiteral("top_p"), 0.9},
                           {QStringLiteral("stop_sequences"),
                            QJsonArray{QStringLiteral("END"), QStringLiteral("\n\nHuman:")}}}
            << QByteArray("2024-10-22");
    }
    {
        // The request's empty model falls back to the profile's; a leading reply is dropped.
        ChatRequest r;
        r.turns = {{Role::Assistant, QStringLiteral("Welcome!")}, {Role::User, QStringLiteral("Thanks")}};
        QTest::newRow("profile model, leading assistant turn")
            << QStringLiteral("k") << QStringLiteral("  ") << r
            << QJsonObject{{QStringLiteral("model"), QStringLiteral("profile-model")},
                           {QStringLiteral("max_tokens"), AnthropicRequestBuilder::DefaultMaxTokens},
                           {QStringLiteral("messages"),
                            QJsonArray{message(QStringLiteral("user"), QStringLiteral("Thanks"))}},
                           {QStringLiteral("stream"), true}}
            << QByteArray("2023-06-01");
    }
}

void AnthropicChatJobTest::sendsExpectedRequest()
{
    QFETCH(QString, key);
    QFETCH(QString, apiVersion);
    QFETCH(ChatRequest, request);
    QFETCH(QJsonObject, expectedBody);
    QFETCH(QByteArray, expectedVersion);

    fx::Transcript t;
    QString problem;
    QVERIFY2(fx::loadTranscript(QStringLiteral("text_reply"), &t, &problem), qPrintable(problem));
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", MessagesPath, Response::sse({t.bytes}));

    auto job = startChat(anthropicProfile(server.baseUrl(), apiVersion), request, key);
    QVERIFY(job);
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    QCOMPARE(rec.log.last(), QStringLiteral("finished:stop"));

    const QVector<ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 1);
    const ReceivedRequest &r = requests.first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, MessagesPath);
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QCOMPARE(r.header("anthropic-version"), expectedVersion);
    QCOMPARE(r.hasHeader("x-api-key"), !key.isEmpty());
    QCOMPARE(r.header("x-api-key"), key.toUtf8());
    QVERIFY2(!r.hasHeader("Authorization"), "the key travels in x-api-key only");
    QCOMPARE(r.header("Accept"), QByteArray("text/event-stream"));

    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(r.body, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(body.keys(), expectedBody.keys());
    for (const QString &field : expectedBody.keys())
        QVERIFY2(body.value(field) == expectedBody.value(field),
                 qPrintable(
                     QStringLiteral("%1: got %2")
                         .arg(field, QString::fromUtf8(QJsonDocument(QJsonObject{{field, body.value(field)}})
                                                           .toJson(QJsonDocument::Compact)))));
}

void AnthropicChatJobTest::replaysTranscript_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("seed"); // -1: one chunk, 0: one byte per chunk, else random pieces
    const QStringList names = fx::transcriptNames();
    QVERIFY2(names.size() >= 4, "fixtures missing");
    for (const QString &name : names) {
        QTest::addRow("%s/one chunk", qPrintable(name)) << name << -1;
        QTest::addRow("%s/bytewise", qPrintable(name)) << name << 0;
        for (int seed = 1; seed <= 4; ++seed)
            QTest::addRow("%s/seed%d", qPrintable(name), seed) << name << seed;
    }
}

void AnthropicChatJobTest::replaysTranscript()
{
    QFETCH(QString, name);
    QFETCH(int, seed);
    fx::Transcript t;
    QString problem;
    QVERIFY2(fx::loadTranscript(name, &t, &problem), qPrintable(problem));

    QVector<QByteArray> pieces;
    if (seed < 0)
        pieces = {t.bytes};
    else
        pieces = fx::randomPieces(t.bytes, quint32(seed), seed == 0 ? 1 : 64);
    // A short pause before each piece, so that pieces reach the client in separate reads.
    Response response = Response::sse({});
    for (const QByteArray &piece : pieces)
        response.body.append(Step{piece, seed == 0 ? 0 : 1});
    if (seed == 0) {
        // One byte per chunk, with a pause every 16 so that they are not all read at once.
        for (int i = 0; i < response.body.size(); i += 16)
            response.body[i].delayMs = 1;
    }
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", MessagesPath, response);

    auto job = startChat(anthropicProfile(server.baseUrl()), testRequest(), QStringLiteral("sk-ant"));
    QVERIFY(job);
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    rec.settle(); // a second terminal signal would show up here
    QCOMPARE(rec.terminalCount(), 1);
    QVERIFY(!job->isRunning());

    QCOMPARE(rec.content, t.content);
    QCOMPARE(rec.reasoning, t.reasoning);
    QCOMPARE(rec.usages, t.usages);
    QCOMPARE(job->hasReceivedContent(), !t.content.isEmpty() || !t.reasoning.isEmpty());
    if (t.jobFinishes) {
        QCOMPARE(rec.errors.size(), 0);
        QCOMPARE(rec.finishReasons, QStringList{t.finishReason});
        QCOMPARE(rec.log.last(), QStringLiteral("finished:") + t.finishReason);
    } else {
        QCOMPARE(rec.finishReasons.size(), 0);
        QCOMPARE(rec.errors.size(), 1);
        const JobError &e = rec.errors.first();
        QCOMPARE(int(e.code), t.errorCode);
        QCOMPARE(e.serverMessage, t.serverMessage);
        QCOMPARE(e.httpStatus, 200);
        QVERIFY2(e.details.contains(QLatin1String("/v1/messages")), qPrintable(e.details));
        QCOMPARE(rec.log.last(), QStringLiteral("failed:%1").arg(t.errorCode));
    }
}

void AnthropicChatJobTest::abortIsCancelledOnce()
{
    fx::Transcript t;
    QString problem;
    QVERIFY2(fx::loadTranscript(QStringLiteral("cut_mid_block"), &t, &problem), qPrintable(problem));
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse({t.bytes});
    response.end = Response::Hang;
    server.route("POST", MessagesPath, response);
    auto job = startChat(anthropicProfile(server.baseUrl()), testRequest());
    QVERIFY(job);
    ChatJobRecorder rec(job.get());
    QTRY_COMPARE(rec.content, QStringLiteral("Hello!"));
    QVERIFY(job->isRunning());

    job->abort();
    QCOMPARE(rec.terminalCount(), 1); // synchronously, from abort() itself
    QVERIFY(!job->isRunning());
    job->abort();
    rec.settle();
    QCOMPARE(rec.log, (QStringList{QStringLiteral("content:Hello"), QStringLiteral("content:!"),
                                   QStringLiteral("failed:400")}));
    QCOMPARE(rec.errors.first().code, JobError::Cancelled);
    QTRY_COMPARE(server.connectionCount(), 0);
}

void AnthropicChatJobTest::abortFromInsideDelta()
{
    fx::Transcript t;
    QString problem;
    QVERIFY2(fx::loadTranscript(QStringLiteral("text_reply"), &t, &problem), qPrintable(problem));
    TestHttpServer server;
    QVERIFY(server.listen());
    // Everything arrives in one read: the abort must stop the rest of the batch.
    server.route("POST", MessagesPath, Response::sse({t.bytes}));
    auto job = startChat(anthropicProfile(server.baseUrl()), testRequest());
    QVERIFY(job);
    ChatJobRecorder rec(job.get());
    ChatJob *raw = job.get();
    rec.onFirstContent = [raw] {
        raw->abort();
    };
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.log, (QStringList{QStringLiteral("failed:400"), QStringLiteral("content:Hello")}));
    QCOMPARE(rec.terminalCount(), 1);
}

void AnthropicChatJobTest::nonStreamedMessageAccepted()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", MessagesPath,
                 Response::json(200, R"({"id":"msg_1","type":"message","role":"assistant","model":"claude",)"
                                     R"("content":[{"type":"text","text":"Whole answer"}],)"
                                     R"("stop_reason":"end_turn","stop_sequence":null,)"
                                     R"("usage":{"input_tokens":8,"output_tokens":2}})"));
    auto job = startChat(anthropicProfile(server.baseUrl()), testRequest());
    QVERIFY(job);
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.log, (QStringList{QStringLiteral("content:Whole answer"), QStringLiteral("usage"),
                                   QStringLiteral("finished:stop")}));
    QCOMPARE(rec.usages.first().totalTokens, 10);
}

void AnthropicChatJobTest::malformedEventIsBadResponse()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route(
        "POST", MessagesPath,
        Response::sse({"event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                       "\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}\n\n",
                       "event: content_block_delta\ndata: {\"type\":\"content_bl\n\n"}));
    auto job = startChat(anthropicProfile(server.baseUrl()), testRequest());
    QVERIFY(job);
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.log, (QStringList{QStringLiteral("content:ok"), QStringLiteral("failed:300")}));
    QCOMPARE(rec.errors.first().code, JobError::BadResponse);
}

QTEST_GUILESS_MAIN(AnthropicChatJobTest)
#include "tst_anthropicchatjob.moc"
