// RetryPolicy: which failures are sent again, after how long (backoff with a fixed jitter,
// the ceiling, Retry-After in seconds and as an HTTP date), and when it gives up.
#include "net/HttpErrorMapper.h"
#include "net/ProviderProfile.h"
#include "net/RetryPolicy.h"

#include <QNetworkReply>
#include <QtTest>

using namespace penpal;

Q_DECLARE_METATYPE(penpal::JobError::Code)
Q_DECLARE_METATYPE(penpal::RetryPolicy::Outcome)

namespace {
using Outcome = RetryPolicy::Outcome;

RetryPolicy fixedJitter(int maxRetries, int ceilingMs, double r)
{
    RetryPolicy p(maxRetries, ceilingMs);
    p.setRandomSource([r] { return r; });
    return p;
}

JobError error(JobError::Code code, int status = 0, int retryAfter = -1)
{
    JobError e;
    e.code = code;
    e.httpStatus = status;
    e.retryAfterSeconds = retryAfter;
    return e;
}

const QDateTime Now(QDate(2026, 3, 14), QTime(15, 9, 26), Qt::UTC);
} // namespace

class TestRetryPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void transportFailure_data();
    void transportFailure();
    void httpStatus_data();
    void httpStatus();
    void errorKind_data();
    void errorKind();
    void backoff_data();
    void backoff();
    void defaultJitterStaysInBand();
    void decide_data();
    void decide();
    void retryAfterHeader_data();
    void retryAfterHeader();
    void fromProfile();
    void giveUpSentenceNamesWhen_data();
    void giveUpSentenceNamesWhen();
};

// Failures of the connection itself, mapped the way the jobs map them.
void TestRetryPolicy::transportFailure_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("qtError");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("refused") << QNetworkReply::ConnectionRefusedError << true;
    QTest::newRow("reset before a status") << QNetworkReply::RemoteHostClosedError << true;
    QTest::newRow("dns") << QNetworkReply::HostNotFoundError << true;
    QTest::newRow("connect timeout") << QNetworkReply::TimeoutError << true;
    QTest::newRow("unreachable") << QNetworkReply::UnknownNetworkError << true;
    QTest::newRow("tls handshake") << QNetworkReply::SslHandshakeFailedError << false;
    QTest::newRow("cancelled") << QNetworkReply::OperationCanceledError << false;
    QTest::newRow("protocol failure") << QNetworkReply::ProtocolFailure << false;
}

void TestRetryPolicy::transportFailure()
{
    QFETCH(QNetworkReply::NetworkError, qtError);
    QFETCH(bool, retryable);
    const JobError e = HttpErrorMapper::fromNetworkError(qtError, QStringLiteral("x"));
    QCOMPARE(RetryPolicy::isRetryable(e), retryable);
    QCOMPARE(fixedJitter(3, 30000, 0.5).decide(e, 1).retry(), retryable);
}

void TestRetryPolicy::httpStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<bool>("retryable");
    const QByteArray json = "application/json";
    const QByteArray html = "text/html";
    for (int s : {429, 500, 502, 503, 504, 529})
        QTest::addRow("%d json", s) << s << json << true;
    // A proxy's "502 Bad Gateway" page is a BadResponse, and still worth another try.
    QTest::newRow("502 html") << 502 << html << true;
    QTest::newRow("503 html") << 503 << html << true;
    for (int s : {400, 401, 403, 404, 405, 408, 413, 422, 501, 505})
        QTest::addRow("%d json", s) << s << json << false;
    QTest::newRow("200 html") << 200 << html << false;
}

void TestRetryPolicy::httpStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(bool, retryable);
    const QByteArray body = contentType.contains("html")
                                ? QByteArray("<html><title>Bad Gateway</title></html>")
                                : QByteArray(R"({"error":{"message":"nope"}})");
    const JobError e = HttpErrorMapper::fromHttpStatus(status, {{"Content-Type", contentType}}, body, Now);
    QCOMPARE(RetryPolicy::isRetryable(e), retryable);
    const RetryPolicy::Decision d = fixedJitter(3, 30000, 0.5).decide(e, 1);
    QCOMPARE(d.outcome, retryable ? Outcome::Retry : Outcome::NotRetryable);
}

// Every kind the jobs can report: only failures before the reply began are retried.
void TestRetryPolicy::errorKind_data()
{
    QTest::addColumn<JobError::Code>("code");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("network, no status") << JobError::NetworkError << 0 << true;
    QTest::newRow("network after a 200 (reset mid-reply)") << JobError::NetworkError << 200 << false;
    QTest::newRow("host not found") << JobError::HostNotFound << 0 << true;
    QTest::newRow("connect timeout") << JobError::ConnectTimeout << 0 << true;
    QTest::newRow("tls") << JobError::TlsError << 0 << false;
    QTest::newRow("unauthorized") << JobError::Unauthorized << 401 << false;
    QTest::newRow("not found") << JobError::NotFound << 404 << false;
    QTest::newRow("client error") << JobError::ClientError << 400 << false;
    QTest::newRow("rate limited") << JobError::RateLimited << 429 << true;
    QTest::newRow("server error 503") << JobError::ServerError << 503 << true;
    QTest::newRow("server error 501") << JobError::ServerError << 501 << false;
    QTest::newRow("bad response 200") << JobError::BadResponse << 200 << false;
    QTest::newRow("stream error") << JobError::StreamError << 200 << false;
    QTest::newRow("idle timeout") << JobError::IdleTimeout << 200 << false;
    QTest::newRow("interrupted") << JobError::Interrupted << 200 << false;
    QTest::newRow("line too long") << JobError::LineTooLong << 200 << false;
    QTest::newRow("total timeout") << JobError::TotalTimeout << 0 << false;
    QTest::newRow("cancelled") << JobError::Cancelled << 0 << false;
}

void TestRetryPolicy::errorKind()
{
    QFETCH(JobError::Code, code);
    QFETCH(int, status);
    QFETCH(bool, retryable);
    QCOMPARE(RetryPolicy::isRetryable(error(code, status)), retryable);
}

void TestRetryPolicy::backoff_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("ceilingMs");
    QTest::addColumn<int>("retry");
    QTest::addColumn<int>("expectedMs");
    // r = 0.5 is the middle of the jitter band: the plain doubling.
    QTest::newRow("1st, no jitter") << 0.5 << 30000 << 1 << 1000;
    QTest::newRow("2nd, no jitter") << 0.5 << 30000 << 2 << 2000;
    QTest::newRow("3rd, no jitter") << 0.5 << 30000 << 3 << 4000;
    QTest::newRow("4th, no jitter") << 0.5 << 30000 << 4 << 8000;
    QTest::newRow("1st, lowest jitter") << 0.0 << 30000 << 1 << 800;
    QTest::newRow("2nd, lowest jitter") << 0.0 << 30000 << 2 << 1600;
    QTest::newRow("1st, highest jitter") << 1.0 << 30000 << 1 << 1200;
    QTest::newRow("3rd, highest jitter") << 1.0 << 30000 << 3 << 4800;
    QTest::newRow("3rd, quarter jitter") << 0.25 << 30000 << 3 << 3600;
    QTest::newRow("capped") << 0.5 << 3000 << 3 << 3000;
    QTest::newRow("jitter capped too") << 1.0 << 1100 << 1 << 1100;
    QTest::newRow("below the cap") << 1.0 << 1500 << 1 << 1200;
    QTest::newRow("far out, capped") << 0.5 << 30000 << 40 << 30000;
    QTest::newRow("zero ceiling") << 0.5 << 0 << 2 << 0;
}

void TestRetryPolicy::backoff()
{
    QFETCH(double, random);
    QFETCH(int, ceilingMs);
    QFETCH(int, retry);
    QFETCH(int, expectedMs);
    QCOMPARE(fixedJitter(10, ceilingMs, random).backoffMs(retry), expectedMs);
}

void TestRetryPolicy::defaultJitterStaysInBand()
{
    RetryPolicy p(3, 30000); // the real random source
    QSet<int> seen;
    for (int i = 0; i < 200; ++i) {
        const int ms = p.backoffMs(2);
        QVERIFY2(ms >= 1600 && ms <= 2400, qPrintable(QString::number(ms)));
        seen.insert(ms);
    }
    QVERIFY2(seen.size() > 1, "the jitter does not vary");
}

void TestRetryPolicy::decide_data()
{
    QTest::addColumn<JobError>("err");
    QTest::addColumn<int>("attemptsMade");
    QTest::addColumn<int>("maxRetries");
    QTest::addColumn<int>("ceilingMs");
    QTest::addColumn<int>("totalMs");
    QTest::addColumn<int>("elapsedMs");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("delayMs");

    const JobError overloaded = error(JobError::ServerError, 503);
    QTest::newRow("first failure") << overloaded << 1 << 3 << 30000 << 0 << 0 << Outcome::Retry << 1000;
    QTest::newRow("third failure") << overloaded << 3 << 3 << 30000 << 0 << 0 << Outcome::Retry << 4000;
    QTest::newRow("attempts used up")
        << overloaded << 4 << 3 << 30000 << 0 << 0 << Outcome::AttemptsExhausted << 0;
    QTest::newRow("retries off") << overloaded << 1 << 0 << 30000 << 0 << 0 << Outcome::AttemptsExhausted
                                 << 0;
    QTest::newRow("not retryable wins")
        << error(JobError::Unauthorized, 401) << 4 << 3 << 30000 << 0 << 0 << Outcome::NotRetryable << 0;
    QTest::newRow("backoff capped") << overloaded << 3 << 3 << 2500 << 0 << 0 << Outcome::Retry << 2500;
    // Retry-After wins over the backoff and is not jittered.
    QTest::newRow("retry-after 5 s") << error(JobError::RateLimited, 429, 5) << 1 << 3 << 30000 << 0 << 0
                                     << Outcome::Retry << 5000;
    QTest::newRow("retry-after 0") << error(JobError::RateLimited, 429, 0) << 2 << 3 << 30000 << 0 << 0
                                   << Outcome::Retry << 0;
    QTest::newRow("retry-after on 503")
        << error(JobError::ServerError, 503, 3) << 1 << 3 << 30000 << 0 << 0 << Outcome::Retry << 3000;
    QTest::newRow("retry-after at the ceiling")
        << error(JobError::RateLimited, 429, 30) << 1 << 3 << 30000 << 0 << 0 << Outcome::Retry << 30000;
    QTest::newRow("retry-after beyond the ceiling") << error(JobError::RateLimited, 429, 31) << 1 << 3
                                                    << 30000 << 0 << 0 << Outcome::RetryAfterTooLong << 0;
    QTest::newRow("429 without retry-after")
        << error(JobError::RateLimited, 429) << 2 << 3 << 30000 << 0 << 0 << Outcome::Retry << 2000;
    QTest::newRow("within the total cap")
        << overloaded << 1 << 3 << 30000 << 10000 << 8000 << Outcome::Retry << 1000;
    QTest::newRow("beyond the total cap")
        << overloaded << 1 << 3 << 30000 << 10000 << 9300 << Outcome::BeyondTotalTimeout << 0;
    QTest::newRow("no total cap") << overloaded << 1 << 3 << 30000 << 0 << 999999 << Outcome::Retry << 1000;
}

void TestRetryPolicy::decide()
{
    QFETCH(JobError, err);
    QFETCH(int, attemptsMade);
    QFETCH(int, maxRetries);
    QFETCH(int, ceilingMs);
    QFETCH(int, totalMs);
    QFETCH(int, elapsedMs);
    QFETCH(Outcome, outcome);
    QFETCH(int, delayMs);
    RetryPolicy p = fixedJitter(maxRetries, ceilingMs, 0.5);
    p.setTotalTimeoutMs(totalMs);
    const RetryPolicy::Decision d = p.decide(err, attemptsMade, elapsedMs);
    QCOMPARE(d.outcome, outcome);
    QCOMPARE(d.retry(), outcome == Outcome::Retry);
    QCOMPARE(d.delayMs, delayMs);

    // Retry-After is not jittered; the backoff is.
    p.setRandomSource([] { return 0.0; });
    const RetryPolicy::Decision low = p.decide(err, attemptsMade, elapsedMs);
    if (outcome == Outcome::Retry && err.retryAfterSeconds < 0 && delayMs > 0 && delayMs < ceilingMs)
        QVERIFY2(low.delayMs < delayMs, qPrintable(QString::number(low.delayMs)));
    else
        QCOMPARE(low.delayMs, delayMs);
}

// From the header to the wait: seconds and HTTP dates, on 429 and on 503.
void TestRetryPolicy::retryAfterHeader_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<int>("delayMs");
    QTest::newRow("429 seconds") << 429 << QByteArray("7") << Outcome::Retry << 7000;
    QTest::newRow("429 http date") << 429 << QByteArray("Sat, 14 Mar 2026 15:09:38 GMT") << Outcome::Retry
                                   << 12000;
    QTest::newRow("429 date in the past")
        << 429 << QByteArray("Sat, 14 Mar 2026 15:00:00 GMT") << Outcome::Retry << 0;
    QTest::newRow("429 date beyond the ceiling")
        << 429 << QByteArray("Sat, 14 Mar 2026 16:09:26 GMT") << Outcome::RetryAfterTooLong << 0;
    QTest::newRow("429 seconds beyond the ceiling")
        << 429 << QByteArray("600") << Outcome::RetryAfterTooLong << 0;
    QTest::newRow("429 unreadable: backoff") << 429 << QByteArray("soon") << Outcome::Retry << 1000;
    QTest::newRow("503 seconds") << 503 << QByteArray("4") << Outcome::Retry << 4000;
    QTest::newRow("529 http date") << 529 << QByteArray("Sat, 14 Mar 2026 15:09:29 GMT") << Outcome::Retry
                                   << 3000;
}

void TestRetryPolicy::retryAfterHeader()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(Outcome, outcome);
    QFETCH(int, delayMs);
    const JobError e = HttpErrorMapper::fromHttpStatus(
        status, {{"Content-Type", "application/json"}, {"Retry-After", retryAfter}}, "{}", Now);
    const RetryPolicy::Decision d = fixedJitter(3, 30000, 0.5).decide(e, 1);
    QCOMPARE(d.outcome, outcome);
    QCOMPARE(d.delayMs, delayMs);
}

void TestRetryPolicy::fromProfile()
{
    ProviderProfile profile;
    profile.retryAttempts = 2;
    profile.retryCeilingMs = 5000;
    profile.totalTimeoutMs = 9000;
    RetryPolicy p = RetryPolicy::fromProfile(profile);
    QCOMPARE(p.maxRetries(), 2);
    QCOMPARE(p.maxAttempts(), 3);
    QCOMPARE(p.ceilingMs(), 5000);
    QCOMPARE(p.totalTimeoutMs(), 9000);
    p.setRandomSource([] { return 0.5; });
    const JobError e = error(JobError::ServerError, 500);
    QCOMPARE(p.decide(e, 2).delayMs, 2000);
    QCOMPARE(p.decide(e, 3).outcome, Outcome::AttemptsExhausted);

    profile.retryAttempts = -4; // a damaged settings file
    QCOMPARE(RetryPolicy::fromProfile(profile).maxRetries(), 0);
}

// When Penpal does not wait (Retry-After beyond the ceiling), the failure it shows names when
// to try again.
void TestRetryPolicy::giveUpSentenceNamesWhen_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("429") << 429 << "Rate limited by the server; try again in 120 second(s).";
    QTest::newRow("503") << 503 << "The server had an error (HTTP 503); try again in 120 second(s).";
}

void TestRetryPolicy::giveUpSentenceNamesWhen()
{
    QFETCH(int, status);
    QFETCH(QString, sentence);
    const JobError e = HttpErrorMapper::fromHttpStatus(status, {{"Retry-After", "120"}}, "{}", Now);
    QCOMPARE(fixedJitter(3, 30000, 0.5).decide(e, 1).outcome, Outcome::RetryAfterTooLong);
    QCOMPARE(e.userMessage(), sentence);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
