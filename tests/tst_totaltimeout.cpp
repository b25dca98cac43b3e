// The profile's cap on a whole reply (ProviderProfile::totalTimeoutMs): a slow but steady
// stream that the idle timeout never catches is ended with a distinct error, the text that
// arrived is kept (in the job and in the store), and the cap is never retried.
#include "chat/ChatController.h"
#include "net/OpenAiProvider.h"
#include "net/RetryingChatJob.h"
#include "settings/Settings.h"
#include "store/Store.h"
#include "support/ChatJobRecorder.h"
#include "support/OpenAiFixtures.h"
#include "support/TestContext.h"
#include "support/TestHttpServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {
const QByteArray ChatPath = "/v1/chat/completions";

// `count` pieces "w0 ", "w1 ", ... one every `delayMs`: far longer than any cap in this file.
QStringList pieces(int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << QStringLiteral("w%1 ").arg(i);
    return out;
}

QList<QByteArray> slowStream(int count)
{
    QList<QByteArray> chunks{openai::roleChunk()};
    for (const QString &p : pieces(count))
        chunks << openai::contentChunk(p.toUtf8());
    chunks << openai::finishChunk() << openai::done();
    return chunks;
}
} // namespace

class TestTotalTimeout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void slowStreamKeepsPartialText();
    void capBeforeHeaders();
    void zeroMeansNoCap();
    void capIsNotRetried();
    void controllerStoresPartialText();

private:
    std::unique_ptr<ChatJobRecorder> run(const ProviderProfile &profile);

    QNetworkAccessManager m_nam;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<ChatJob> m_job;
};

void TestTotalTimeout::init()
{
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
}

void TestTotalTimeout::cleanup()
{
    m_job.reset();
    m_server.reset();
}

std::unique_ptr<ChatJobRecorder> TestTotalTimeout::run(const ProviderProfile &profile)
{
    OpenAiProvider provider(&m_nam, profile, QStringLiteral("sk-test"));
    m_job.reset(provider.startChat(testRequest(), nullptr));
    auto rec = std::make_unique<ChatJobRecorder>(m_job.get());
    if (rec->waitForTerminal(30000))
        rec->settle();
    return rec;
}

void TestTotalTimeout::slowStreamKeepsPartialText()
{
    // 100 pieces 100 ms apart: ten seconds of reply, each gap far inside the idle timeout.
    m_server->route("POST", ChatPath, Response::sse(slowStream(100), 100));
    ProviderProfile p = testProfile(m_server->baseUrl());
    p.totalTimeoutMs = 1500;
    const auto rec = run(p);

    QCOMPARE(rec->terminalCount(), 1);
    QCOMPARE(rec->errors.size(), 1);
    const JobError e = rec->errors.first();
    QCOMPARE(e.code, JobError::TotalTimeout);
    QCOMPARE(e.timeoutMs, 1500);
    QCOMPARE(e.httpStatus, 200);
    QCOMPARE(e.userMessage(),
             QStringLiteral("The reply took longer than the 2 s limit set for this profile."));
    QVERIFY2(e.details.contains(QLatin1String("Timed out after 1500 ms")), qPrintable(e.details));
    // Part of the reply arrived and is kept: a proper prefix of the whole.
    const QString whole = pieces(100).join(QString());
    QVERIFY(!rec->content.isEmpty());
    QVERIFY(rec->content.size() < whole.size());
    QVERIFY(whole.startsWith(rec->content));
}

// The cap counts from the request, not from the first byte: a server that never starts
// answering is stopped by it too (the connect timeout is far longer here).
void TestTotalTimeout::capBeforeHeaders()
{
    Response r = Response::sse(openai::helloWorldStream());
    r.headerDelayMs = 20000;
    m_server->route("POST", ChatPath, r);
    ProviderProfile p = testProfile(m_server->baseUrl());
    p.totalTimeoutMs = 700;
    const auto rec = run(p);
    QCOMPARE(rec->errors.size(), 1);
    QCOMPARE(rec->errors.first().code, JobError::TotalTimeout);
    QCOMPARE(rec->errors.first().timeoutMs, 700);
    QCOMPARE(rec->errors.first().userMessage(),
             QStringLiteral("The reply took longer than the 1 s limit set for this profile."));
    QVERIFY(rec->content.isEmpty());
}

void TestTotalTimeout::zeroMeansNoCap()
{
    m_server->route("POST", ChatPath, Response::sse(slowStream(10), 100));
    ProviderProfile p = testProfile(m_server->baseUrl());
    p.totalTimeoutMs = 0;
    const auto rec = run(p);
    QCOMPARE(rec->errors.size(), 0);
    QCOMPARE(rec->finishReasons, QStringList{QStringLiteral("stop")});
    QCOMPARE(rec->content, pieces(10).join(QString()));
}

void TestTotalTimeout::capIsNotRetried()
{
    Response r = Response::sse(openai::helloWorldStream());
    r.headerDelayMs = 20000;
    m_server->route("POST", ChatPath, r);
    ProviderProfile p = testProfile(m_server->baseUrl());
    p.totalTimeoutMs = 500;
    p.retryAttempts = 3;
    OpenAiProvider provider(&m_nam, p, QStringLiteral("sk-test"));
    RetryingChatJob job([&](QObject *parent) { return provider.startChat(testRequest(), parent); },
                        RetryPolicy::fromProfile(p));
    job.setDelayScale(0.001);
    ChatJobRecorder rec(&job);
    QSignalSpy scheduled(&job, &ChatJob::retryScheduled);
    job.start();
    QVERIFY(rec.waitForTerminal());
    rec.settle(200);
    QCOMPARE(scheduled.size(), 0);
    QCOMPARE(rec.errors.size(), 1);
    QCOMPARE(rec.errors.first().code, JobError::TotalTimeout);
    QCOMPARE(m_server->requests().size(), 1);
}

// Through the controller: the reply is stored interrupted with its text and the sentence.
void TestTotalTimeout::controllerStoresPartialText()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    m_server->route("POST", ChatPath, Response::sse(slowStream(100), 100));
    auto ctx = makeTestContext(dir.path(), m_server->baseUrl());
    QVERIFY(ctx);
    ProviderProfile p = ctx->settings()->activeProfile();
    p.totalTimeoutMs = 1500;
    ctx->settings()->saveProfile(p);

    QSignalSpy finalized(ctx->chat(), &ChatController::messageFinalized);
    const qint64 conv = ctx->chat()->send(0, QStringLiteral("Tell me a long story"));
    QVERIFY(conv != 0);
    QVERIFY(finalized.wait(30000));
    const Message m = ctx->store()->message(finalized.first().at(0).toLongLong());
    QCOMPARE(m.state, MessageState::Interrupted);
    QVERIFY(!m.content.isEmpty());
    QVERIFY(pieces(100).join(QString()).startsWith(m.content));
    QVERIFY2(m.errorText.startsWith(
                 QLatin1String("The reply took longer than the 2 s limit set for this profile.")),
             qPrintable(m.errorText));
    QCOMPARE(m_server->requests().size(), 1);
}

QTEST_GUILESS_MAIN(TestTotalTimeout)
#include "tst_totaltimeout.moc"
