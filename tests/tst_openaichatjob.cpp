// OpenAiChatJob against a real loopback HTTP server: the request on the wire, streamed replies
// in any chunking, and the ways a stream can end. HTTP and transport errors are in
// tst_openaichatjoberrors.cpp.
#include "net/OpenAiChatJob.h"
#include "net/OpenAiProvider.h"
#include "support/ChatJobRecorder.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

class OpenAiChatJobTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sendsExpectedRequest_data();
    void sendsExpectedRequest();
    void streamsReply_data();
    void streamsReply();
    void reasoningKeptApart();
    void streamEnd_data();
    void streamEnd();
    void errorInsideStream_data();
    void errorInsideStream();
    void malformedChunkIsBadResponse();
    void lineTooLong();
    void abortIsCancelledOnce();
    void abortFromInsideDelta();
    void nonStreamedCompletionAccepted();
    void sseWithoutEventStreamType();

private:
    // Starts a job through the provider, as the application does.
    std::unique_ptr<ChatJob> startChat(const ProviderProfile &profile, const ChatRequest &request,
                                       const QString &key = QString());

    QNetworkAccessManager m_nam; // one shared manager, as in the application
};

std::unique_ptr<ChatJob> OpenAiChatJobTest::startChat(const ProviderProfile &profile,
                                                      const ChatRequest &request, const QString &key)
{
    OpenAiProvider provider(&m_nam, profile, key);
    return std::unique_ptr<ChatJob>(provider.startChat(request, nullptr));
}

void OpenAiChatJobTest::sendsExpectedRequest_data()
{
    QTest::addColumn<QString>("basePath");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("full");
    QTest::addColumn<QByteArray>("expectedPath");
    QTest::addColumn<QByteArray>("expectedBody");

    QTest::newRow("all fields, key") << "/v1"
                                     << "sk-test-123" << true << QByteArray("/v1/chat/completions")
                                     << QByteArray(R"({"max_tokens":256,"messages":[)"
                                                   R"({"content":"Be brief.","role":"system"},)"
                                                   R"({"content":"Hi \"there\"","role":"user"},)"
                                                   R"({"content":"Hello!","role":"assistant"},)"
                                                   R"({"content":"Und jetzt? ✓","role":"user"}],)"
                                                   R"("model":"test-model","stop":["END","\n\n"],)"
                                                   R"("stream":true,"stream_options":{"include_usage":true},)"
                                                   R"("temperature":0.5,"top_p":0.9})");
    QTest::newRow("minimal, no key, trailing slash")
        << "/v1/"
        << "" << false << QByteArray("/v1/chat/completions")
        << QByteArray(R"({"messages":[{"content":"Hi","role":"user"}],"model":"test-model",)"
                      R"("stream":true,"stream_options":{"include_usage":true}})");
    QTest::newRow("gateway prefix") << "/api/openai/v1"
                                    << "k" << false << QByteArray("/api/openai/v1/chat/completions")
                                    << QByteArray(R"({"messages":[{"content":"Hi","role":"user"}],)"
                                                  R"("model":"test-model","stream":true,)"
                                                  R"("stream_options":{"include_usage":true}})");
}

void OpenAiChatJobTest::sendsExpectedRequest()
{
    QFETCH(QString, basePath);
    QFETCH(QString, key);
    QFETCH(bool, full);
    QFETCH(QByteArray, expectedPath);
    QFETCH(QByteArray, expectedBody);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", expectedPath, Response::sse(openai::helloWorldStream()));
    QUrl base = server.baseUrl();
    base.setPath(basePath);

    ChatRequest request = testRequest();
    if (full) {
        request.systemPrompt = QStringLiteral("Be brief.");
        request.turns = {{Role::User, QStringLiteral("Hi \"there\"")},
                         {Role::Assistant, QStringLiteral("Hello!")},
                         {Role::User, QStringLiteral("Und jetzt? ✓")}};
        request.params.temperature = 0.5;
        request.params.topP = 0.9;
        request.params.maxTokens = 256;
        request.params.stop = {QStringLiteral("END"), QStringLiteral("\n\n")};
    }
    auto job = startChat(testProfile(base), request, key);
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    QCOMPARE(rec.log.last(), QStringLiteral("finished:stop"));

    const QVector<ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 1);
    const ReceivedRequest &r = requests.first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, expectedPath);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r.header("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(r.hasHeader("Authorization"), !key.isEmpty());
    if (!key.isEmpty())
        QCOMPARE(r.header("Authorization"), "Bearer " + key.toUtf8());
    QVERIFY(r.header("User-Agent").startsWith("Penpal/"));
    QCOMPARE(r.body, expectedBody);
    QVERIFY(QJsonDocument::fromJson(r.body).isObject());
}

void OpenAiChatJobTest::streamsReply_data()
{
    QTest::addColumn<QVector<Step>>("steps");
    const QList<QByteArray> events = openai::helloWorldStream();
    const QByteArray all = events.join();

    QVector<Step> perEvent;
    for (const QByteArray &e : events)
        perEvent.append(Step{e, 5});
    QTest::newRow("one event per chunk") << perEvent;

    // Cuts inside "data:", inside the JSON, inside a multi-byte character and between the two
    // newlines that end an event.
    QVector<Step> ragged;
    const QList<qsizetype> cuts = {3, events[0].size() + 20, all.indexOf("\n\n") + 1, all.indexOf("lo\"") + 1,
                                   all.size() - 4};
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        ragged.append(Step{all.mid(from, cut - from), 10});
        from = cut;
    }
    ragged.append(Step{all.mid(from), 10});
    QTest::newRow("ragged cuts") << ragged;

    QVector<Step> small;
    for (qsizetype i = 0; i < all.size(); i += 97)
        small.append(Step{all.mid(i, 97), 1});
    QTest::newRow("97-byte pieces") << small;

    QTest::newRow("all at once") << QVector<Step>{Step{all, 0}};
}

void OpenAiChatJobTest::streamsReply()
{
    QFETCH(QVector<Step>, steps);
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse({});
    response.body = steps;
    server.route("POST", "/v1/chat/completions", response);

    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    QVERIFY(job->isRunning());
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    rec.settle();

    QCOMPARE(rec.errors.size(), 0);
    QCOMPARE(rec.finishReasons, QStringList{QStringLiteral("stop")});
    QCOMPARE(rec.content, QStringLiteral("Hello world"));
    QVERIFY(rec.reasoning.isEmpty());
    QCOMPARE(rec.usages.size(), 1);
    TokenUsage expected;
    expected.promptTokens = 9;
    expected.completionTokens = 3;
    expected.totalTokens = 12;
    expected.reasoningTokens = 0;
    QCOMPARE(rec.usages.first(), expected);
    QCOMPARE(rec.log.last(), QStringLiteral("finished:stop"));
    QVERIFY(!job->isRunning());
    QVERIFY(job->hasReceivedContent());
}

void OpenAiChatJobTest::reasoningKeptApart()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route(
        "POST", "/v1/chat/completions",
        Response::sse({openai::chunk(R"({"role":"assistant","content":null,"reasoning_content":"Let"})"),
                       openai::chunk(R"({"reasoning_content":" me think."})"),
                       openai::chunk(R"({"content":"42","reasoning_content":null})"), openai::finishChunk(),
                       openai::usageChunk(5, 20, 17), openai::done()},
                      5));
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    QCOMPARE(rec.reasoning, QStringLiteral("Let me think."));
    QCOMPARE(rec.content, QStringLiteral("42"));
    QCOMPARE(rec.log.mid(0, 3),
             (QStringList{QStringLiteral("reasoning:Let"), QStringLiteral("reasoning: me think."),
                          QStringLiteral("content:42")}));
    QCOMPARE(rec.usages.size(), 1);
    QCOMPARE(rec.usages.first().reasoningTokens, 17);
    QCOMPARE(rec.finishReasons, QStringList{QStringLiteral("stop")});
}

void OpenAiChatJobTest::streamEnd_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<bool>("closeDelimited");
    QTest::addColumn<QString>("expectedLog");

    QTest::newRow("no [DONE], no finish reason: interrupted")
        << QList<QByteArray>{openai::roleChunk(), openai::contentChunk("Hel"), openai::contentChunk("lo")}
        << false << "content:Hel|content:lo|failed:303";
    QTest::newRow("close-delimited, cut mid-event: interrupted")
        << QList<QByteArray>{openai::contentChunk("Hel"), openai::contentChunk("lo").left(30)} << true
        << "content:Hel|failed:303";
    QTest::newRow("finish reason, clean end without [DONE]: finished")
        << QList<QByteArray>{openai::contentChunk("Hel"), openai::finishChunk("length")} << false
        << "content:Hel|finished:length";
    QTest::newRow("[DONE] ends it even if more follows")
        << QList<QByteArray>{openai::contentChunk("Hel"), openai::finishChunk(), openai::done(),
                             openai::contentChunk("ignored")}
        << false << "content:Hel|finished:stop";
}

void OpenAiChatJobTest::streamEnd()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(bool, closeDelimited);
    QFETCH(QString, expectedLog);
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse(chunks, 5);
    if (closeDelimited) {
        response.chunked = false;
        response.closeDelimited = true;
    }
    server.route("POST", "/v1/chat/completions", response);
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.log.join(QLatin1Char('|')), expectedLog);
    QCOMPARE(rec.terminalCount(), 1);
    if (!rec.errors.isEmpty()) {
        QCOMPARE(rec.errors.first().httpStatus, 200);
        QVERIFY(!rec.errors.first().userMessage().isEmpty());
    }
    QVERIFY(!job->isRunning());
}

void OpenAiChatJobTest::errorInsideStream_data()
{
    QTest::addColumn<QByteArray>("errorChunk");
    QTest::addColumn<QString>("message");

    QTest::newRow("data: {error: {...}}")
        << QByteArray(R"(data: {"error":{"message":"The server is overloaded.","type":"server_error",)"
                      R"("param":null,"code":null}})"
                      "\n\n")
        << "The server is overloaded.";
    QTest::newRow("event: error") << QByteArray("event: error\ndata: {\"message\":\"quota exceeded\"}\n\n")
                                  << "quota exceeded";
}

void OpenAiChatJobTest::errorInsideStream()
{
    QFETCH(QByteArray, errorChunk);
    QFETCH(QString, message);
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse(
        {openai::roleChunk(), openai::contentChunk("Par"), openai::contentChunk("tial"), errorChunk}, 5);
    response.end = Response::Hang; // the job, not the server, has to end it
    server.route("POST", "/v1/chat/completions", response);
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.content, QStringLiteral("Partial"));
    QCOMPARE(rec.errors.size(), 1);
    QCOMPARE(rec.finishReasons.size(), 0);
    const JobError e = rec.errors.first();
    QCOMPARE(e.code, JobError::StreamError);
    QCOMPARE(e.serverMessage, message);
    QVERIFY(e.userMessage().contains(message));
    QVERIFY(job->hasReceivedContent());
    QTRY_COMPARE(server.connectionCount(), 0); // the reply was aborted, not left hanging
}

void OpenAiChatJobTest::malformedChunkIsBadResponse()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/chat/completions",
                 Response::sse({openai::contentChunk("ok"), "data: {\"choices\":[{\"delta\":\n\n"}, 5));
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    QCOMPARE(rec.content, QStringLiteral("ok"));
    QCOMPARE(rec.errors.size(), 1);
    QCOMPARE(rec.errors.first().code, JobError::BadResponse);
    QCOMPARE(rec.errors.first().httpStatus, 200);
}

void OpenAiChatJobTest::lineTooLong()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const QByteArray longLine = "data: " + QByteArray(300, 'x'); // no newline: it only grows
    Response response = Response::sse({openai::contentChunk("ok"), longLine}, 5);
    response.end = Response::Hang;
    server.route("POST", "/v1/chat/completions", response);

    OpenAiChatJob job(&m_nam, testProfile(server.baseUrl()), QString(), testRequest());
    job.setMaxLineBytes(openai::contentChunk("ok").size() + 8); // the normal chunk still fits
    ChatJobRecorder rec(&job);
    job.start();
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.log, (QStringList{QStringLiteral("content:ok"), QStringLiteral("failed:304")}));
    QCOMPARE(rec.errors.first().code, JobError::LineTooLong);
    QTRY_COMPARE(server.connectionCount(), 0);
}

void OpenAiChatJobTest::abortIsCancelledOnce()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse({openai::roleChunk(), openai::contentChunk("Hel")});
    response.end = Response::Hang;
    server.route("POST", "/v1/chat/completions", response);
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    QTRY_COMPARE(rec.content, QStringLiteral("Hel"));
    QVERIFY(job->isRunning());

    job->abort();
    QCOMPARE(rec.terminalCount(), 1); // synchronously, from abort() itself
    QVERIFY(!job->isRunning());
    job->abort();
    rec.settle();
    QCOMPARE(rec.log, (QStringList{QStringLiteral("content:Hel"), QStringLiteral("failed:400")}));
    QCOMPARE(rec.errors.first().code, JobError::Cancelled);
    QCOMPARE(rec.errors.first().userMessage(), QStringLiteral("Cancelled."));
    QTRY_COMPARE(server.connectionCount(), 0);
}

void OpenAiChatJobTest::abortFromInsideDelta()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    // All three content chunks arrive in one read: the abort must stop the rest of the batch.
    server.route("POST", "/v1/chat/completions",
                 Response::sse({openai::contentChunk("a") + openai::contentChunk("b") +
                                openai::contentChunk("c") + openai::finishChunk() + openai::done()}));
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    ChatJob *raw = job.get();
    rec.onFirstContent = [raw] {
        raw->abort();
    };
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.log, (QStringList{QStringLiteral("failed:400"), QStringLiteral("content:a")}));
    QCOMPARE(rec.terminalCount(), 1);
}

void OpenAiChatJobTest::nonStreamedCompletionAccepted()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/chat/completions",
                 Response::json(200,
                                R"({"id":"chatcmpl-1","object":"chat.completion","created":1718000000,)"
                                R"("model":"test-model","choices":[{"index":0,"message":{"role":"assistant",)"
                                R"("content":"Whole answer.","reasoning_content":"Thought."},)"
                                R"("logprobs":null,"finish_reason":"stop"}],)"
                                R"("usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}})"));
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(rec.log,
             (QStringList{QStringLiteral("reasoning:Thought."), QStringLiteral("content:Whole answer."),
                          QStringLiteral("usage"), QStringLiteral("finished:stop")}));
    QCOMPARE(rec.content, QStringLiteral("Whole answer."));
    QCOMPARE(rec.reasoning, QStringLiteral("Thought."));
    QCOMPARE(rec.usages.size(), 1);
    QCOMPARE(rec.usages.first().totalTokens, 6);
    QCOMPARE(rec.finishReasons, QStringList{QStringLiteral("stop")});
}

void OpenAiChatJobTest::sseWithoutEventStreamType()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse(openai::helloWorldStream(), 2);
    response.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("text/plain; charset=utf-8"))};
    server.route("POST", "/v1/chat/completions", response);
    auto job = startChat(testProfile(server.baseUrl()), testRequest());
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    QCOMPARE(rec.content, QStringLiteral("Hello world"));
    QCOMPARE(rec.finishReasons, QStringList{QStringLiteral("stop")});
}

QTEST_GUILESS_MAIN(OpenAiChatJobTest)
#include "tst_openaichatjob.moc"
