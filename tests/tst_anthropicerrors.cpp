// How AnthropicChatJob fails: Anthropic's JSON error bodies for each documented HTTP status,
// Retry-After, the request id, timeouts and a transport failure, against a loopback server.
#include "net/AnthropicProvider.h"
#include "support/AnthropicFixtures.h"
#include "support/ChatJobRecorder.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QNetworkAccessManager>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;
namespace fx = penpal::test::anthropic;

Q_DECLARE_METATYPE(penpal::JobError::Code)

namespace {

ProviderProfile anthropicProfile(const QUrl &base)
{
    ProviderProfile p = testProfile(base);
    p.kind = QStringLiteral("anthropic");
    return p;
}

Response anthropicError(int status, const QByteArray &type, const QByteArray &message,
                        const QByteArray &retryAfter = QByteArray())
{
    Response r = Response::json(status, fx::errorBody(type, message));
    if (status == 529)
        r.reason = "Overloaded";
    if (status == 413)
        r.reason = "Request Entity Too Large";
    r.headers.append(qMakePair(QByteArray("request-id"), QByteArray("req_011CPgx5kDAbc123")));
    if (!retryAfter.isEmpty())
        r.headers.append(qMakePair(QByteArray("retry-after"), retryAfter));
    return r;
}

} // namespace

class AnthropicErrorsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void httpError_data();
    void httpError();
    void idleTimeoutAfterContent();
    void connectionRefused();
    void resetMidStream();

private:
    std::unique_ptr<ChatJobRecorder> run(const ProviderProfile &profile);

    QNetworkAccessManager m_nam;
    std::unique_ptr<ChatJob> m_job;
};

std::unique_ptr<ChatJobRecorder> AnthropicErrorsTest::run(const ProviderProfile &profile)
{
    AnthropicProvider provider(&m_nam, profile, QStringLiteral("sk-ant-test"));
    m_job.reset(provider.startChat(testRequest(), nullptr));
    auto rec = std::make_unique<ChatJobRecorder>(m_job.get());
    if (rec->waitForTerminal())
        rec->settle(); // a second terminal signal would show up here
    return rec;
}

void AnthropicErrorsTest::httpError_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("retryAfterHeader");
    QTest::addColumn<JobError::Code>("code");
    QTest::addColumn<int>("retryAfter");

    // The statuses and error types of Anthropic's error documentation.
    QTest::newRow("400 invalid_request_error")
        << 400 << QByteArray("invalid_request_error")
        << QByteArray("max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens")
        << QByteArray() << JobError::ClientError << -1;
    QTest::newRow("401 authentication_error")
        << 401 << QByteArray("authentication_error") << QByteArray("invalid x-api-key") << QByteArray()
        << JobError::Unauthorized << -1;
    QTest::newRow("403 permission_error")
        << 403 << QByteArray("permission_error")
        << QByteArray("Your API key does not have permission to use the specified resource.") << QByteArray()
        << JobError::Unauthorized << -1;
    QTest::newRow("404 not_found_error")
        << 404 << QByteArray("not_found_error") << QByteArray("model: claude-nonexistent") << QByteArray()
        << JobError::NotFound << -1;
    QTest::newRow("413 request_too_large")
        << 413 << QByteArray("request_too_large")
        << QByteArray("Request exceeds the maximum allowed number of bytes.") << QByteArray()
        << JobError::ClientError << -1;
    QTest::newRow("429 rate_limit_error, Retry-After")
        << 429 << QByteArray("rate_limit_error")
        << QByteArray("Number of request tokens has exceeded your per-minute rate limit") << QByteArray("17")
        << JobError::RateLimited << 17;
    QTest::newRow("500 api_error") << 500 << QByteArray("api_error") << QByteArray("Internal server error")
                                   << QByteArray() << JobError::ServerError << -1;
    QTest::newRow("529 overloaded_error") << 529 << QByteArray("overloaded_error") << QByteArray("Overloaded")
                                          << QByteArray() << JobError::ServerError << -1;
    QTest::newRow("529 overloaded_error, Retry-After")
        << 529 << QByteArray("overloaded_error") << QByteArray("Overloaded") << QByteArray("5")
        << JobError::ServerError << 5;
}

void AnthropicErrorsTest::httpError()
{
    QFETCH(int, status);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, retryAfterHeader);
    QFETCH(JobError::Code, code);
    QFETCH(int, retryAfter);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/messages", anthropicError(status, type, message, retryAfterHeader));
    const auto rec = run(anthropicProfile(server.baseUrl()));
    QCOMPARE(rec->log, QStringList{QStringLiteral("failed:%1").arg(int(code))});
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, code);
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.serverMessage, QString::fromUtf8(message));
    QCOMPARE(e.retryAfterSeconds, retryAfter);
    QVERIFY2(e.details.contains(QStringLiteral("Error type: ") + QString::fromUtf8(type)),
             qPrintable(e.details));
    QVERIFY2(e.details.contains(QLatin1String("Request ID: req_011CPgx5kDAbc123")), qPrintable(e.details));
    QVERIFY2(e.details.contains(QLatin1String("/v1/messages")), qPrintable(e.details));
    QVERIFY(!e.details.contains(QLatin1String("sk-ant-test"))); // never the key
    QVERIFY(!e.userMessage().isEmpty());
    QVERIFY(!m_job->hasReceivedContent());
}

void AnthropicErrorsTest::idleTimeoutAfterContent()
{
    fx::Transcript t;
    QString problem;
    QVERIFY2(fx::loadTranscript(QStringLiteral("cut_mid_block"), &t, &problem), qPrintable(problem));
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse({t.bytes});
    response.end = Response::Hang;
    server.route("POST", "/v1/messages", response);
    ProviderProfile profile = anthropicProfile(server.baseUrl());
    profile.idleTimeoutMs = 300;
    const auto rec = run(profile);
    QCOMPARE(rec->log, (QStringList{QStringLiteral("content:Hello"), QStringLiteral("content:!"),
                                    QStringLiteral("failed:302")}));
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, JobError::IdleTimeout);
    QCOMPARE(e.timeoutMs, 300);
    QCOMPARE(e.httpStatus, 200);
    QVERIFY(m_job->hasReceivedContent());
    QTRY_COMPARE(server.connectionCount(), 0); // the hanging reply was aborted
}

void AnthropicErrorsTest::connectionRefused()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const QUrl url = server.baseUrl();
    server.close(); // nothing listens on that port any more
    const auto rec = run(anthropicProfile(url));
    QCOMPARE(rec->terminalCount(), 1);
    QCOMPARE(rec->errors.value(0).code, JobError::NetworkError);
}

void AnthropicErrorsTest::resetMidStream()
{
    fx::Transcript t;
    QString problem;
    QVERIFY2(fx::loadTranscript(QStringLiteral("cut_mid_block"), &t, &problem), qPrintable(problem));
    TestHttpServer server;
    QVERIFY(server.listen());
    Response response = Response::sse({t.bytes}, 5);
    response.body.append(Step{QByteArray(), 50}); // let the client read the text before the RST
    response.end = Response::Reset;
    server.route("POST", "/v1/messages", response);
    const auto rec = run(anthropicProfile(server.baseUrl()));
    QCOMPARE(rec->log, (QStringList{QStringLiteral("content:Hello"), QStringLiteral("content:!"),
                                    QStringLiteral("failed:100")}));
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, JobError::NetworkError);
    QCOMPARE(e.httpStatus, 200);
    QVERIFY(m_job->hasReceivedContent());
}

QTEST_GUILESS_MAIN(AnthropicErrorsTest)
#include "tst_anthropicerrors.moc"
