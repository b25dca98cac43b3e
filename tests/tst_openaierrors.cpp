// The pure pieces under the OpenAI jobs: HTTP error mapping, Retry-After, body excerpts,
// JobError's sentences and endpoint URL joining. No sockets here.
#include "net/HttpErrorMapper.h"
#include "net/JobError.h"
#include "net/OpenAiRequestBuilder.h"

#include <QtTest>

using namespace penpal;

Q_DECLARE_METATYPE(penpal::JobError::Code)

class OpenAiErrorsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void retryAfter_data();
    void retryAfter();
    void serverMessage_data();
    void serverMessage();
    void plainTextExcerpt();
    void statusMapping_data();
    void statusMapping();
    void networkErrorMapping_data();
    void networkErrorMapping();
    void sentences_data();
    void sentences();
    void storedAndDetailText();
    void endpointUrl_data();
    void endpointUrl();
};

void OpenAiErrorsTest::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expected");
    // Sunday, 1 June 2025, 12:00:00 UTC
    QTest::newRow("seconds") << QByteArray("120") << 120;
    QTest::newRow("seconds with spaces") << QByteArray(" 7 ") << 7;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("imf-fixdate") << QByteArray("Sun, 01 Jun 2025 12:01:30 GMT") << 90;
    QTest::newRow("rfc 850") << QByteArray("Sunday, 01-Jun-25 12:00:45 GMT") << 45;
    QTest::newRow("asctime") << QByteArray("Sun Jun  1 12:02:00 2025") << 120;
    QTest::newRow("date in the past") << QByteArray("Sat, 31 May 2025 12:00:00 GMT") << 0;
    QTest::newRow("absurdly far is capped") << QByteArray("99999999") << 86400;
    QTest::newRow("negative") << QByteArray("-5") << -1;
    QTest::newRow("garbage") << QByteArray("soon") << -1;
    QTest::newRow("absent") << QByteArray() << -1;
}

void OpenAiErrorsTest::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(int, expected);
    const QDateTime now(QDate(2025, 6, 1), QTime(12, 0, 0), Qt::UTC);
    QCOMPARE(HttpErrorMapper::parseRetryAfter(value, now), expected);
}

void OpenAiErrorsTest::serverMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("openai") << QByteArray(R"({"error":{"message":"Invalid key","type":"x","code":"y"}})")
                            << "Invalid key";
    QTest::newRow("error string") << QByteArray(R"({"error":"model is loading"})") << "model is loading";
    QTest::newRow("message") << QByteArray(R"({"message":"Too many requests","status":429})")
                             << "Too many requests";
    QTest::newRow("fastapi detail") << QByteArray(R"({"detail":"Not authenticated"})") << "Not authenticated";
    QTest::newRow("array") << QByteArray(R"([{"error":{"code":400,"message":"API key not valid"}}])")
                           << "API key not valid";
    QTest::newRow("nested twice") << QByteArray(R"({"error":{"error":{"message":"deep"}}})") << "deep";
    QTest::newRow("no message") << QByteArray(R"({"object":"list"})") << "";
    QTest::newRow("html") << QByteArray("<html>502</html>") << "";
    QTest::newRow("empty") << QByteArray() << "";
}

void OpenAiErrorsTest::serverMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(HttpErrorMapper::serverMessage(body), message);
}

void OpenAiErrorsTest::plainTextExcerpt()
{
    const QByteArray page = "<!DOCTYPE html><html><head><title>Access denied | example.com</title>"
                            "<style>body{color:red}</style><script>var x = '<b>';</script></head>"
                            "<body><!-- cf --><h1>Access   denied</h1>\n<p>You &amp; your &lt;IP&gt; are "
                            "blocked.</p></body></html>";
    QCOMPARE(HttpErrorMapper::plainTextExcerpt(page),
             QStringLiteral("Access denied | example.com: Access denied You & your <IP> are blocked."));
    const QString cut = HttpErrorMapper::plainTextExcerpt(QByteArray(500, 'a'), 20);
    QCOMPARE(cut, QString(20, QLatin1Char('a')) + QChar(0x2026));
    QCOMPARE(HttpErrorMapper::plainTextExcerpt("plain\n text "), QStringLiteral("plain text"));
}

void OpenAiErrorsTest::statusMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<JobError::Code>("code");

    const QByteArray json = R"({"error":{"message":"m"}})";
    const QByteArray html = "<html><body>oops</body></html>";
    QTest::newRow("401") << 401 << QByteArray("application/json") << json << JobError::Unauthorized;
    QTest::newRow("401 html stays unauthorized")
        << 401 << QByteArray("text/html") << html << JobError::Unauthorized;
    QTest::newRow("403") << 403 << QByteArray("application/json") << json << JobError::Unauthorized;
    QTest::newRow("404") << 404 << QByteArray("application/json") << json << JobError::NotFound;
    QTest::newRow("429") << 429 << QByteArray("application/json") << json << JobError::RateLimited;
    QTest::newRow("400") << 400 << QByteArray("application/json") << json << JobError::ClientError;
    QTest::newRow("422") << 422 << QByteArray("application/json") << json << JobError::ClientError;
    QTest::newRow("500") << 500 << QByteArray("application/json") << json << JobError::ServerError;
    QTest::newRow("503 empty") << 503 << QByteArray() << QByteArray() << JobError::ServerError;
    QTest::newRow("502 html") << 502 << QByteArray("text/html") << html << JobError::BadResponse;
    QTest::newRow("504 html without type") << 504 << QByteArray() << html << JobError::BadResponse;
    QTest::newRow("302 unresolved") << 302 << QByteArray() << QByteArray() << JobError::BadResponse;
}

void OpenAiErrorsTest::statusMapping()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(JobError::Code, code);
    HttpErrorMapper::Headers headers;
    if (!contentType.isEmpty())
        headers.append(qMakePair(QByteArray("content-type"), contentType));
    const JobError e = HttpErrorMapper::fromHttpStatus(status, headers, body);
    QCOMPARE(e.code, code);
    QCOMPARE(e.httpStatus, status);
}

void OpenAiErrorsTest::networkErrorMapping_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<JobError::Code>("code");
    QTest::newRow("refused") << QNetworkReply::ConnectionRefusedError << JobError::NetworkError;
    QTest::newRow("closed") << QNetworkReply::RemoteHostClosedError << JobError::NetworkError;
    QTest::newRow("dns") << QNetworkReply::HostNotFoundError << JobError::HostNotFound;
    QTest::newRow("tls") << QNetworkReply::SslHandshakeFailedError << JobError::TlsError;
    QTest::newRow("timeout") << QNetworkReply::TimeoutError << JobError::ConnectTimeout;
    QTest::newRow("proxy refused") << QNetworkReply::ProxyConnectionRefusedError << JobError::ProxyRefused;
    QTest::newRow("proxy auth") << QNetworkReply::ProxyAuthenticationRequiredError
                                << JobError::ProxyAuthFailed;
    QTest::newRow("protocol failure") << QNetworkReply::ProtocolFailure << JobError::BadResponse;
    QTest::newRow("insecure redirect") << QNetworkReply::InsecureRedirectError << JobError::BadResponse;
}

void OpenAiErrorsTest::networkErrorMapping()
{
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(JobError::Code, code);
    const JobError e = HttpErrorMapper::fromNetworkError(error, QStringLiteral("Qt says so"));
    QCOMPARE(e.code, code);
    QCOMPARE(e.details, QStringLiteral("Qt says so"));
}

void OpenAiErrorsTest::sentences_data()
{
    // Plain columns rather than a JobError column: JobError is not a declared metatype.
    QTest::addColumn<JobError::Code>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("retryAfter");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<QString>("serverMessage");
    QTest::addColumn<QString>("sentence");

    QTest::newRow("network") << JobError::NetworkError << 0 << "" << -1 << -1 << ""
                             << "Could not reach the server.";
    QTest::newRow("network mid-reply") << JobError::NetworkError << 200 << "" << -1 << -1 << ""
                                       << "The connection to the server was lost before the reply finished.";
    QTest::newRow("not found") << JobError::NotFound << 404 << "gpt-9" << -1 << -1 << ""
                               << "The model or URL was not found: gpt-9";
    QTest::newRow("rate, 1 s") << JobError::RateLimited << 429 << "" << 1 << -1 << ""
                               << "Rate limited by the server; try again in 1 second(s).";
    QTest::newRow("idle") << JobError::IdleTimeout << 200 << "" << -1 << 60000 << ""
                          << "The reply stopped: no data for 60 second(s).";
    QTest::newRow("connect, rounded up") << JobError::ConnectTimeout << 0 << "" << -1 << 1500 << ""
                                         << "The server did not answer within 2 second(s).";
    QTest::newRow("server") << JobError::ServerError << 503 << "" << -1 << -1 << ""
                            << "The server had an error (HTTP 503).";
    QTest::newRow("bad response") << JobError::BadResponse << 200 << "" << -1 << -1 << ""
                                  << "The server's reply was not understood (HTTP 200).";
    QTest::newRow("stream") << JobError::StreamError << 200 << "" << -1 << -1 << "overloaded"
                            << "The server reported an error: overloaded";
    QTest::newRow("interrupted") << JobError::Interrupted << 200 << "" << -1 << -1 << ""
                                 << "The reply was cut off before it finished.";
    QTest::newRow("cancelled") << JobError::Cancelled << 0 << "" << -1 << -1 << ""
                               << "Cancelled.";
    QTest::newRow("none") << JobError::None << 0 << "" << -1 << -1 << ""
                          << "";
}

void OpenAiErrorsTest::sentences()
{
    JobError e;
    QFETCH(JobError::Code, code);
    e.code = code;
    QFETCH(int, status);
    e.httpStatus = status;
    QFETCH(QString, model);
    e.model = model;
    QFETCH(int, retryAfter);
    e.retryAfterSeconds = retryAfter;
    QFETCH(int, timeoutMs);
    e.timeoutMs = timeoutMs;
    QFETCH(QString, serverMessage);
    e.serverMessage = serverMessage;
    QFETCH(QString, sentence);
    QCOMPARE(e.userMessage(), sentence);
}

void OpenAiErrorsTest::storedAndDetailText()
{
    JobError e;
    e.code = JobError::Unauthorized;
    e.httpStatus = 401;
    e.serverMessage = QStringLiteral("Incorrect API key provided.");
    e.details = QStringLiteral("URL: https://api.example.com/v1/chat/completions");
    QCOMPARE(e.storedText(), QStringLiteral("The API key was rejected.\n\nServer message: Incorrect API key "
                                            "provided.\nURL: https://api.example.com/v1/chat/completions"));
    QVERIFY(e.detailText().startsWith(e.storedText()));
    QVERIFY(e.detailText().endsWith(QLatin1String("Unauthorized (200), HTTP 401")));

    JobError bare;
    bare.code = JobError::Interrupted;
    QCOMPARE(bare.storedText(), bare.userMessage()); // no dangling blank line
}

void OpenAiErrorsTest::endpointUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("v1") << "https://api.openai.com/v1"
                        << "https://api.openai.com/v1/chat/completions";
    QTest::newRow("v1/") << "https://api.openai.com/v1/"
                         << "https://api.openai.com/v1/chat/completions";
    QTest::newRow("host only") << "http://localhost:11434"
                               << "http://localhost:11434/chat/completions";
    QTest::newRow("host/") << "http://localhost:11434/"
                           << "http://localhost:11434/chat/completions";
    QTest::newRow("query kept") << "https://gw.example/openai/v1?api-version=2024-10-21"
                                << "https://gw.example/openai/v1/chat/completions?api-version=2024-10-21";
}

void OpenAiErrorsTest::endpointUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    QCOMPARE(OpenAiRequestBuilder::endpointUrl(QUrl(base), QStringLiteral("chat/completions")).toString(),
             expected);
}

QTEST_GUILESS_MAIN(OpenAiErrorsTest)
#include "tst_openaierrors.moc"
