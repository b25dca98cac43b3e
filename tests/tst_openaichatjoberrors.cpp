// How OpenAiChatJob fails: each transport fault and HTTP error against real loopback sockets,
// checked for its typed code, the numbers that go with it and a sentence a person can read.
#include "net/OpenAiProvider.h"
#include "support/BlackholeListener.h"
#include "support/ChatJobRecorder.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

Q_DECLARE_METATYPE(penpal::JobError::Code)

class OpenAiChatJobErrorsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void transportFailure_data();
    void transportFailure();
    void connectTimeout();
    void idleTimeoutAfterContent();
    void idleTimeoutBeforeHeaders();
    void httpError_data();
    void httpError();
    void rateLimitedWithHttpDate();
    void resetMidStream();

private:
    // Runs one chat job to its end; returns its recorder (owned by the caller).
    std::unique_ptr<ChatJobRecorder> run(const ProviderProfile &profile);

    QNetworkAccessManager m_nam;
    std::unique_ptr<ChatJob> m_job;
};

std::unique_ptr<ChatJobRecorder> OpenAiChatJobErrorsTest::run(const ProviderProfile &profile)
{
    OpenAiProvider provider(&m_nam, profile, QStringLiteral("sk-test"));
    m_job.reset(provider.startChat(testRequest(), nullptr));
    auto rec = std::make_unique<ChatJobRecorder>(m_job.get());
    if (rec->waitForTerminal())
        rec->settle(); // a second terminal signal would show up here
    return rec;
}

void OpenAiChatJobErrorsTest::transportFailure_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<JobError::Code>("code");
    QTest::addColumn<QString>("sentence");

    QTest::newRow("connection refused")
        << "refused" << JobError::NetworkError << "Could not reach the server.";
    QTest::newRow("dns failure") << "dns" << JobError::HostNotFound
                                 << "The server name could not be resolved.";
    QTest::newRow("tls to a plain-http port")
        << "tls" << JobError::TlsError << "A secure connection could not be established (TLS).";
}

void OpenAiChatJobErrorsTest::transportFailure()
{
    QFETCH(QString, kind);
    QFETCH(JobError::Code, code);
    QFETCH(QString, sentence);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/chat/completions", Response::sse(openai::helloWorldStream()));
    QUrl url = server.baseUrl();
    if (kind == QLatin1String("refused")) {
        server.close(); // nothing listens on that port any more
    } else if (kind == QLatin1String("dns")) {
        url = QUrl(QStringLiteral("http://penpal-test.invalid/v1")); // RFC 6761: never resolves
    } else {
        url.setScheme(QStringLiteral("https"));
    }

    const auto rec = run(testProfile(url));
    QCOMPARE(rec->terminalCount(), 1);
    QCOMPARE(rec->errors.size(), 1);
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, code);
    QVERIFY(e.isTransport());
    QCOMPARE(e.httpStatus, 0);
    QCOMPARE(e.userMessage(), sentence);
    QVERIFY2(e.details.contains(url.host()), qPrintable(e.details));
    QVERIFY(rec->content.isEmpty());
    QVERIFY(!m_job->isRunning());
    QVERIFY(!m_job->hasReceivedContent());
    if (kind == QLatin1String("tls"))
        QVERIFY(server.requests().isEmpty()); // the request never went out in plain text
}

void OpenAiChatJobErrorsTest::connectTimeout()
{
    BlackholeListener blackhole;
    QVERIFY(blackhole.isValid());
    ProviderProfile profile = testProfile(blackhole.baseUrl());
    profile.connectTimeoutMs = 300;
    const auto rec = run(profile);
    QCOMPARE(rec->terminalCount(), 1);
    const JobError e = rec->errors.value(0);
    QCOMPARE(e.code, JobError::ConnectTimeout);
    QCOMPARE(e.timeoutMs, 300);
    QCOMPARE(e.userMessage(), QStringLiteral("The server did not answer within 1 second(s)."));
    QVERIFY(rec->content.isEmpty());
}

void OpenAiChatJobErrorsTest::idleTimeoutAfterContent()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse({openai::roleChunk(), openai::contentChunk("Hel")});
    response.end = Response::Hang;
    server.route("POST", "/v1/chat/completions", response);
    ProviderProfile profile = testProfile(server.baseUrl());
    profile.idleTimeoutMs = 300;
    const auto rec = run(profile);
    QCOMPARE(rec->log, (QStringList{QStringLiteral("content:Hel"), QStringLiteral("failed:302")}));
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, JobError::IdleTimeout);
    QCOMPARE(e.timeoutMs, 300);
    QCOMPARE(e.httpStatus, 200);
    QCOMPARE(e.userMessage(), QStringLiteral("The reply stopped: no data for 1 second(s)."));
    QVERIFY(m_job->hasReceivedContent());
    QTRY_COMPARE(server.connectionCount(), 0); // the hanging reply was aborted
}

void OpenAiChatJobErrorsTest::idleTimeoutBeforeHeaders()
{
    // The connection is up and the request sent, but the server says nothing: that is the
    // idle timeout, not the connect timeout, even though the connect limit is the shorter one.
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse(openai::helloWorldStream());
    response.headerDelayMs = 60000;
    server.route("POST", "/v1/chat/completions", response);
    ProviderProfile profile = testProfile(server.baseUrl());
    profile.connectTimeoutMs = 300;
    profile.idleTimeoutMs = 1500;
    const auto rec = run(profile);
    QCOMPARE(rec->terminalCount(), 1);
    const JobError e = rec->errors.value(0);
    QCOMPARE(e.code, JobError::IdleTimeout);
    QCOMPARE(e.timeoutMs, 1500);
    QCOMPARE(e.httpStatus, 0);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(e.userMessage(), QStringLiteral("The reply stopped: no data for 2 second(s)."));
    QTRY_COMPARE(server.connectionCount(), 0);
}

void OpenAiChatJobErrorsTest::httpError_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<JobError::Code>("code");
    QTest::addColumn<QString>("serverMessage");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<QString>("sentence");
    QTest::addColumn<QString>("inDetails");

    const QByteArray openAiError = R"({"error":{"message":"Incorrect API key provided: sk-test.","type":)"
                                   R"("invalid_request_error","param":null,"code":"invalid_api_key"}})";
    QTest::newRow("401") << Response::json(401, openAiError) << JobError::Unauthorized
                         << "Incorrect API key provided: sk-test." << -1 << "The API key was rejected."
                         << "";
    QTest::newRow("403") << Response::json(403, R"({"error":"forbidden for this project"})")
                         << JobError::Unauthorized << "forbidden for this project" << -1
                         << "The API key was rejected or lacks access (HTTP 403)."
                         << "";
    QTest::newRow("404 names the model")
        << Response::json(
               404,
               R"({"error":{"message":"The model `test-model` does not exist","code":"model_not_found"}})")
        << JobError::NotFound << "The model `test-model` does not exist" << -1
        << "The model or URL was not found: test-model"
        << "/v1/chat/completions";
    Response rateLimited = Response::json(429, R"({"message":"slow down"})");
    rateLimited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("17")));
    QTest::newRow("429 retry-after seconds") << rateLimited << JobError::RateLimited << "slow down" << 17
                                             << "Rate limited by the server; try again in 17 second(s)."
                                             << "";
    QTest::newRow("429 without retry-after") << Response::json(429, "{}") << JobError::RateLimited << "" << -1
                                             << "Rate limited by the server; try again later."
                                             << "";
    QTest::newRow("500") << Response::json(500, R"({"error":{"message":"boom"}})") << JobError::ServerError
                         << "boom" << -1 << "The server had an error (HTTP 500)."
                         << "";
    QTest::newRow("502 json") << Response::json(502, R"({"error":"upstream failed"})")
                              << JobError::ServerError << "upstream failed" << -1
                              << "The server had an error (HTTP 502)."
                              << "";
    Response plain503 = Response::json(503, "no healthy upstream");
    plain503.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("text/plain"))};
    QTest::newRow("503 plain text") << plain503 << JobError::ServerError << "" << -1
                                    << "The server had an error (HTTP 503)."
                                    << "no healthy upstream";
    QTest::newRow("400 shows the server's words")
        << Response::json(400,
                          R"({"error":{"message":"max_tokens is too large","type":"invalid_request_error"}})")
        << JobError::ClientError << "max_tokens is too large" << -1
        << "The server refused the request (HTTP 400): max_tokens is too large"
        << "";

    const QByteArray proxyPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center>"
                                 "<h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
                                 "</body>\r\n</html>\r\n";
    Response html502 = Response::json(502, proxyPage);
    html502.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("text/html"))};
    QTest::newRow("502 html proxy page")
        << html502 << JobError::BadResponse << "" << -1 << "The server's reply was not understood (HTTP 502)."
        << "502 Bad Gateway nginx/1.25.3";
    Response html200 =
        Response::json(200, "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                            "<body><p>Please log in to the portal &amp; retry.</p></body></html>");
    html200.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("text/html; charset=utf-8"))};
    QTest::newRow("200 html captive portal")
        << html200 << JobError::BadResponse << "" << -1 << "The server's reply was not understood (HTTP 200)."
        << "Sign in: Please log in to the portal & retry.";
    QTest::newRow("200 error json") << Response::json(200,
                                                      R"({"error":{"message":"context length exceeded"}})")
                                    << JobError::StreamError << "context length exceeded" << -1
                                    << "The server reported an error: context length exceeded"
                                    << "";
    QTest::newRow("200 json, not a completion")
        << Response::json(200, R"({"object":"list","data":[]})") << JobError::BadResponse << "" << -1
        << "The server's reply was not understood (HTTP 200)."
        << "Not a chat completion";
}

void OpenAiChatJobErrorsTest::httpError()
{
    QFETCH(Response, response);
    QFETCH(JobError::Code, code);
    QFETCH(QString, serverMessage);
    QFETCH(int, retryAfter);
    QFETCH(QString, sentence);
    QFETCH(QString, inDetails);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/chat/completions", response);
    const auto rec = run(testProfile(server.baseUrl()));
    QCOMPARE(rec->terminalCount(), 1);
    QCOMPARE(rec->errors.size(), 1);
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, code);
    QCOMPARE(e.httpStatus, response.status);
    QCOMPARE(e.serverMessage, serverMessage);
    QCOMPARE(e.retryAfterSeconds, retryAfter);
    QCOMPARE(e.userMessage(), sentence);
    QVERIFY2(e.details.contains(inDetails), qPrintable(e.details));
    // Every error names what was asked for, so the person can see a typo in either.
    QVERIFY2(e.details.contains(QLatin1String("Model: test-model")), qPrintable(e.details));
    QVERIFY2(e.details.contains(server.baseUrl().toString() + QLatin1String("/chat/completions")),
             qPrintable(e.details));
    QVERIFY(e.storedText().startsWith(sentence + QLatin1String("\n\n")));
    QVERIFY(rec->content.isEmpty());
    QVERIFY(!m_job->hasReceivedContent());
}

void OpenAiChatJobErrorsTest::rateLimitedWithHttpDate()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    // An hour ahead: whatever the clocks do during the test, the answer stays near 3600.
    const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(3600);
    Response response = Response::json(429, R"({"error":{"message":"Rate limit reached"}})");
    response.headers.append(
        qMakePair(QByteArray("Retry-After"),
                  QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1()));
    server.route("POST", "/v1/chat/completions", response);
    const auto rec = run(testProfile(server.baseUrl()));
    const JobError e = rec->errors.value(0);
    QCOMPARE(e.code, JobError::RateLimited);
    QVERIFY2(e.retryAfterSeconds > 3500 && e.retryAfterSeconds <= 3600,
             qPrintable(QString::number(e.retryAfterSeconds)));
    QCOMPARE(
        e.userMessage(),
        QStringLiteral("Rate limited by the server; try again in %1 second(s).").arg(e.retryAfterSeconds));
}

void OpenAiChatJobErrorsTest::resetMidStream()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse({openai::roleChunk(), openai::contentChunk("Hel")}, 5);
    response.body.append(Step{QByteArray(), 50}); // let the client read "Hel" before the RST
    response.end = Response::Reset;
    server.route("POST", "/v1/chat/completions", response);
    const auto rec = run(testProfile(server.baseUrl()));
    QCOMPARE(rec->log, (QStringList{QStringLiteral("content:Hel"), QStringLiteral("failed:100")}));
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, JobError::NetworkError);
    QCOMPARE(e.httpStatus, 200);
    QCOMPARE(e.userMessage(),
             QStringLiteral("The connection to the server was lost before the reply finished."));
    QVERIFY(m_job->hasReceivedContent());
}

QTEST_GUILESS_MAIN(OpenAiChatJobErrorsTest)
#include "tst_openaichatjoberrors.moc"
