// RetryingChatJob against a real loopback server: a failure before the reply began is sent
// again after the announced delay, a reply that had begun never is, the last error comes out
// when the attempts are used up, and abort() ends a wait. The waits are scaled down; their
// lengths are checked through retryScheduled's arguments, never by the clock.
#include "net/OpenAiProvider.h"
#include "net/RetryingChatJob.h"
#include "support/ChatJobRecorder.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

Q_DECLARE_METATYPE(penpal::JobError::Code)

namespace {

const QByteArray ChatPath = "/v1/chat/completions";

// A job that does only what the test tells it to, for the signals a loopback server cannot
// easily produce (alternatives) and for checking what reaches the wrapper.
class ScriptedJob : public ChatJob {
public:
    using ChatJob::ChatJob;
    void abort() override
    {
        if (!m_running)
            return;
        m_running = false;
        JobError e;
        e.code = JobError::Cancelled;
        Q_EMIT failed(e);
    }
    void fail(JobError::Code code, int status = 0)
    {
        m_running = false;
        JobError e;
        e.code = code;
        e.httpStatus = status;
        Q_EMIT failed(e);
    }
};

Response rateLimited(const QByteArray &retryAfter)
{
    Response r = Response::json(429, R"({"error":{"message":"Rate limit reached","type":"requests"}})");
    r.headers.append({"Retry-After", retryAfter});
    return r;
}

Response overloaded(int status)
{
    return Response::json(status, R"({"error":{"message":"overloaded"}})");
}

} // namespace

class TestRetryingChatJob : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void serverErrorThenOk_data();
    void serverErrorThenOk();
    void refusedThenListening();
    void rateLimitedHonoursRetryAfter();
    void retryAfterBeyondCeilingFailsAtOnce();
    void noRetryAfterReplyBegan_data();
    void noRetryAfterReplyBegan();
    void attemptsExhaustedGiveLastError();
    void notRetryable_data();
    void notRetryable();
    void abortDuringWait_data();
    void abortDuringWait();
    void abortDuringAttempt();
    void forwardsEverySignal();
    void noRetryAfterAnyText_data();
    void noRetryAfterAnyText();

private:
    // A wrapper around OpenAI jobs for `profile`, with a fixed jitter (the plain doubling)
    // and waits scaled to a thousandth.
    RetryingChatJob *makeJob(const ProviderProfile &profile, int maxRetries, int ceilingMs = 30000);
    ProviderProfile profile() const { return testProfile(m_server->baseUrl()); }

    QNetworkAccessManager m_nam;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<OpenAiProvider> m_provider;
    std::unique_ptr<RetryingChatJob> m_job;
};

void TestRetryingChatJob::init()
{
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
}

void TestRetryingChatJob::cleanup()
{
    m_job.reset();
    m_provider.reset();
    m_server.reset();
}

RetryingChatJob *TestRetryingChatJob::makeJob(const ProviderProfile &profile, int maxRetries, int ceilingMs)
{
    m_provider = std::make_unique<OpenAiProvider>(&m_nam, profile, QStringLiteral("sk-test"));
    RetryPolicy policy(maxRetries, ceilingMs);
    policy.setRandomSource([] { return 0.5; });
    OpenAiProvider *provider = m_provider.get();
    m_job = std::make_unique<RetryingChatJob>(
        [provider](QObject *parent) { return provider->startChat(testRequest(), parent); }, policy);
    m_job->setDelayScale(0.001);
    return m_job.get();
}

void TestRetryingChatJob::serverErrorThenOk_data()
{
    QTest::addColumn<int>("status");
    for (int s : {500, 502, 503, 504, 529})
        QTest::addRow("%d", s) << s;
}

void TestRetryingChatJob::serverErrorThenOk()
{
    QFETCH(int, status);
    m_server->route("POST", ChatPath, overloaded(status));
    m_server->route("POST", ChatPath, Response::sse(openai::helloWorldStream()));
    RetryingChatJob *job = makeJob(profile(), 3);
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    QSignalSpy started(job, &RetryingChatJob::attemptStarted);
    job->start();
    QVERIFY(rec.waitForTerminal());
    rec.settle();

    QCOMPARE(rec.finishReasons, QStringList{QStringLiteral("stop")});
    QVERIFY(rec.errors.isEmpty());
    QCOMPARE(rec.content, QStringLiteral("Hello world"));
    QCOMPARE(rec.usages.size(), 1);
    QCOMPARE(m_server->requests().size(), 2);
    // The same request went out twice.
    QCOMPARE(m_server->requests().at(1).body, m_server->requests().at(0).body);
    QCOMPARE(scheduled.size(), 1);
    QCOMPARE(scheduled.first().at(0).toInt(), 2);
    QCOMPARE(scheduled.first().at(1).toInt(), 1000);
    const auto why = scheduled.first().at(2).value<JobError>();
    QCOMPARE(why.httpStatus, status);
    QCOMPARE(why.serverMessage, QStringLiteral("overloaded"));
    QCOMPARE(started.size(), 2);
    QVERIFY(!job->isRunning());
}

// Nothing listens on the first attempt's port (refused); the second goes to a live server.
// The factory decides per attempt, exactly as a restarted local server looks to the client.
void TestRetryingChatJob::refusedThenListening()
{
    TestHttpServer gone;
    QVERIFY(gone.listen());
    const QUrl refusedUrl = gone.baseUrl();
    gone.close();
    m_server->route("POST", ChatPath, Response::sse(openai::helloWorldStream()));

    OpenAiProvider refused(&m_nam, testProfile(refusedUrl), QStringLiteral("sk-test"));
    OpenAiProvider live(&m_nam, profile(), QStringLiteral("sk-test"));
    int attempts = 0;
    RetryPolicy policy(3, 30000);
    policy.setRandomSource([] { return 0.0; });
    RetryingChatJob job(
        [&](QObject *parent) { return (++attempts == 1 ? refused : live).startChat(testRequest(), parent); },
        policy);
    job.setDelayScale(0.001);
    ChatJobRecorder rec(&job);
    QSignalSpy scheduled(&job, &ChatJob::retryScheduled);
    job.start();
    QVERIFY(rec.waitForTerminal());
    rec.settle();

    QCOMPARE(rec.finishReasons, QStringList{QStringLiteral("stop")});
    QCOMPARE(rec.content, QStringLiteral("Hello world"));
    QCOMPARE(attempts, 2);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(scheduled.size(), 1);
    QCOMPARE(scheduled.first().at(0).toInt(), 2);
    QCOMPARE(scheduled.first().at(1).toInt(), 800); // the lowest jitter
    QCOMPARE(scheduled.first().at(2).value<JobError>().code, JobError::NetworkError);
}

void TestRetryingChatJob::rateLimitedHonoursRetryAfter()
{
    m_server->route("POST", ChatPath, rateLimited("3"));
    m_server->route("POST", ChatPath, rateLimited("5"));
    m_server->route("POST", ChatPath, Response::sse(openai::helloWorldStream()));
    RetryingChatJob *job = makeJob(profile(), 3);
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    job->start();
    QVERIFY(rec.waitForTerminal());

    QCOMPARE(rec.finishReasons.size(), 1);
    QCOMPARE(rec.content, QStringLiteral("Hello world"));
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(scheduled.size(), 2);
    // The server's wait, not the backoff (1 s, 2 s).
    QCOMPARE(scheduled.at(0).at(1).toInt(), 3000);
    QCOMPARE(scheduled.at(1).at(1).toInt(), 5000);
    QCOMPARE(scheduled.at(1).at(0).toInt(), 3);
    const auto why = scheduled.at(0).at(2).value<JobError>();
    QCOMPARE(why.code, JobError::RateLimited);
    QCOMPARE(why.retryAfterSeconds, 3);
}

void TestRetryingChatJob::retryAfterBeyondCeilingFailsAtOnce()
{
    m_server->route("POST", ChatPath, rateLimited("120"));
    m_server->route("POST", ChatPath, Response::sse(openai::helloWorldStream()));
    RetryingChatJob *job = makeJob(profile(), 3, 30000);
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    job->start();
    QVERIFY(rec.waitForTerminal());
    rec.settle();

    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(rec.errors.size(), 1);
    QCOMPARE(rec.errors.first().code, JobError::RateLimited);
    QCOMPARE(rec.errors.first().userMessage(),
             QStringLiteral("Rate limited by the server; try again in 120 second(s)."));
}

void TestRetryingChatJob::noRetryAfterReplyBegan_data()
{
    QTest::addColumn<QByteArray>("firstChunk");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reasoning");
    QTest::newRow("content") << openai::contentChunk("Hel") << "Hel"
                             << "";
    QTest::newRow("reasoning only") << openai::chunk(R"({"reasoning_content":"Hmm"})") << ""
                                    << "Hmm";
}

// The connection is reset mid-stream: the person has seen part of a reply, and sending again
// would give a different one. One request only; the failure goes through with the text kept.
void TestRetryingChatJob::noRetryAfterReplyBegan()
{
    QFETCH(QByteArray, firstChunk);
    QFETCH(QString, content);
    QFETCH(QString, reasoning);
    Response r = Response::sse({openai::roleChunk(), firstChunk}, 10);
    r.end = Response::Reset;
    m_server->route("POST", ChatPath, r);
    m_server->route("POST", ChatPath, Response::sse(openai::helloWorldStream()));
    RetryingChatJob *job = makeJob(profile(), 3);
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    job->start();
    QVERIFY(rec.waitForTerminal());
    rec.settle(300);

    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(rec.content, content);
    QCOMPARE(rec.reasoning, reasoning);
    QCOMPARE(rec.errors.size(), 1);
    QVERIFY2(rec.errors.first().code == JobError::NetworkError ||
                 rec.errors.first().code == JobError::Interrupted,
             qPrintable(QString::number(rec.errors.first().code)));
    QVERIFY(job->hasReceivedContent());
}

void TestRetryingChatJob::attemptsExhaustedGiveLastError()
{
    m_server->route("POST", ChatPath, overloaded(500));
    m_server->route("POST", ChatPath, overloaded(502));
    m_server->route("POST", ChatPath, overloaded(503));
    m_server->route("POST", ChatPath, overloaded(504)); // repeats from here
    RetryingChatJob *job = makeJob(profile(), 3);
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    job->start();
    QVERIFY(rec.waitForTerminal());
    rec.settle();

    QCOMPARE(m_server->requests().size(), 4);
    QCOMPARE(scheduled.size(), 3);
    QList<int> attempts, delays, statuses;
    for (const auto &args : scheduled) {
        attempts << args.at(0).toInt();
        delays << args.at(1).toInt();
        statuses << args.at(2).value<JobError>().httpStatus;
    }
    QCOMPARE(attempts, (QList<int>{2, 3, 4}));
    QCOMPARE(delays, (QList<int>{1000, 2000, 4000}));
    QCOMPARE(statuses, (QList<int>{500, 502, 503}));
    QCOMPARE(rec.terminalCount(), 1);
    QCOMPARE(rec.errors.size(), 1);
    QCOMPARE(rec.errors.first().code, JobError::ServerError);
    QCOMPARE(rec.errors.first().httpStatus, 504);
    QCOMPARE(job->attempt(), 4);
}

void TestRetryingChatJob::notRetryable_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<JobError::Code>("code");
    QTest::newRow("401") << Response::json(401, R"({"error":{"message":"bad key"}})")
                         << JobError::Unauthorized;
    QTest::newRow("400") << Response::json(400, R"({"error":{"message":"bad param"}})")
                         << JobError::ClientError;
    QTest::newRow("404") << Response::json(404, R"({"error":{"message":"no model"}})") << JobError::NotFound;
    QTest::newRow("501") << Response::json(501, R"({"error":{"message":"no"}})") << JobError::ServerError;
    QTest::newRow("error inside the stream")
        << Response::sse({R"(data: {"error":{"message":"context length exceeded"}})"
                          "\n\n"})
        << JobError::StreamError;
}

void TestRetryingChatJob::notRetryable()
{
    QFETCH(Response, response);
    QFETCH(JobError::Code, code);
    m_server->route("POST", ChatPath, response);
    m_server->route("POST", ChatPath, Response::sse(openai::helloWorldStream()));
    RetryingChatJob *job = makeJob(profile(), 3);
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    job->start();
    QVERIFY(rec.waitForTerminal());
    rec.settle();
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(rec.errors.size(), 1);
    QCOMPARE(rec.errors.first().code, code);
}

void TestRetryingChatJob::abortDuringWait_data()
{
    QTest::addColumn<bool>("fromInsideSignal");
    QTest::newRow("later") << false;
    QTest::newRow("from inside retryScheduled") << true;
}

void TestRetryingChatJob::abortDuringWait()
{
    QFETCH(bool, fromInsideSignal);
    m_server->route("POST", ChatPath, rateLimited("20"));
    m_server->route("POST", ChatPath, Response::sse(openai::helloWorldStream()));
    RetryingChatJob *job = makeJob(profile(), 3);
    job->setDelayScale(1.0); // a real 20 s wait: only the abort may end it
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    if (fromInsideSignal)
        connect(job, &ChatJob::retryScheduled, job, &ChatJob::abort);
    job->start();
    QTRY_COMPARE(scheduled.size(), 1);
    QCOMPARE(scheduled.first().at(1).toInt(), 20000);
    if (!fromInsideSignal) {
        QVERIFY(job->isWaiting());
        QVERIFY(job->isRunning());
        QCOMPARE(rec.terminalCount(), 0);
        job->abort();
    }
    QCOMPARE(rec.terminalCount(), 1);
    QCOMPARE(rec.errors.first().code, JobError::Cancelled);
    QVERIFY(!job->isRunning());
    QVERIFY(!job->isWaiting());
    job->abort(); // harmless twice
    rec.settle(200);
    QCOMPARE(rec.terminalCount(), 1);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestRetryingChatJob::abortDuringAttempt()
{
    Response slow = Response::sse(openai::helloWorldStream());
    slow.headerDelayMs = 20000;
    m_server->route("POST", ChatPath, slow);
    RetryingChatJob *job = makeJob(profile(), 3);
    ChatJobRecorder rec(job);
    QSignalSpy scheduled(job, &ChatJob::retryScheduled);
    job->start();
    QTRY_COMPARE(m_server->requests().size(), 1);
    job->abort();
    QCOMPARE(rec.terminalCount(), 1);
    QCOMPARE(rec.errors.first().code, JobError::Cancelled);
    rec.settle(200);
    QCOMPARE(rec.terminalCount(), 1);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(m_server->requests().size(), 1);
}

// Alternatives, usage and reasoning reach the wrapper's listeners unchanged and in order.
void TestRetryingChatJob::forwardsEverySignal()
{
    QPointer<ScriptedJob> inner;
    RetryingChatJob job(
        [&](QObject *parent) {
            inner = new ScriptedJob(parent);
            return inner.data();
        },
        RetryPolicy(3, 30000));
    ChatJobRecorder rec(&job);
    QStringList alternatives;
    connect(&job, &ChatJob::alternativeDelta, this,
            [&](int i, const QString &t) { alternatives << QStringLiteral("%1:%2").arg(i).arg(t); });
    connect(&job, &ChatJob::alternativeFinished, this,
            [&](int i, const QString &r) { alternatives << QStringLiteral("%1 end %2").arg(i).arg(r); });
    job.start();
    QVERIFY(inner);
    TokenUsage usage;
    usage.promptTokens = 7;
    Q_EMIT inner->reasoningDelta(QStringLiteral("think"));
    Q_EMIT inner->contentDelta(QStringLiteral("A"));
    Q_EMIT inner->alternativeDelta(1, QStringLiteral("B"));
    Q_EMIT inner->alternativeFinished(1, QStringLiteral("length"));
    Q_EMIT inner->usageReported(usage);
    Q_EMIT inner->finished(QStringLiteral("stop"));
    QCOMPARE(rec.log, (QStringList{QStringLiteral("reasoning:think"), QStringLiteral("content:A"),
                                   QStringLiteral("usage"), QStringLiteral("finished:stop")}));
    QCOMPARE(alternatives, (QStringList{QStringLiteral("1:B"), QStringLiteral("1 end length")}));
    QCOMPARE(rec.usages.first().promptTokens, 7);
    QVERIFY(!job.isRunning());
    // The finished attempt is released, not kept for the job's lifetime.
    QTRY_VERIFY(inner.isNull());
}

// The same rule for every kind of text, with a failure that would otherwise be retried.
void TestRetryingChatJob::noRetryAfterAnyText_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("content") << "content";
    QTest::newRow("reasoning") << "reasoning";
    QTest::newRow("second alternative") << "alternative";
}

void TestRetryingChatJob::noRetryAfterAnyText()
{
    QFETCH(QString, kind);
    int made = 0;
    QPointer<ScriptedJob> inner;
    RetryingChatJob job(
        [&](QObject *parent) {
            ++made;
            inner = new ScriptedJob(parent);
            return inner.data();
        },
        RetryPolicy(3, 30000));
    job.setDelayScale(0.001);
    ChatJobRecorder rec(&job);
    QSignalSpy scheduled(&job, &ChatJob::retryScheduled);
    job.start();
    // Before any text: retried.
    inner->fail(JobError::ServerError, 503);
    QCOMPARE(scheduled.size(), 1);
    QTRY_COMPARE(made, 2);
    // Text has been shown: not retried.
    if (kind == QLatin1String("content"))
        Q_EMIT inner->contentDelta(QStringLiteral("A"));
    else if (kind == QLatin1String("reasoning"))
        Q_EMIT inner->reasoningDelta(QStringLiteral("R"));
    else
        Q_EMIT inner->alternativeDelta(1, QStringLiteral("B"));
    inner->fail(JobError::ServerError, 503);
    QCOMPARE(rec.terminalCount(), 1);
    QCOMPARE(rec.errors.first().httpStatus, 503);
    rec.settle(50);
    QCOMPARE(made, 2);
    QCOMPARE(scheduled.size(), 1);
}

QTEST_GUILESS_MAIN(TestRetryingChatJob)
#include "tst_retryingchatjob.moc"
