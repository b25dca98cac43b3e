// TranslationRun against a real loopback server speaking OpenAI's streaming format: chunks
// translated in parallel up to the concurrency, reassembled in order when they finish out of
// order, a failed chunk retried alone, cancel keeping what is done.
#include "TestContext.h"
#include "TestHttpServer.h"
#include "TranslationRequests.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "translate/Glossary.h"
#include "translate/TextChunker.h"
#include "translate/TranslationPrompt.h"
#include "translate/TranslationRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QString translated(const QString &source)
{
    return QStringLiteral("[T] ") + source.toUpper();
}

} // namespace

class TestTranslationRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void parallelInOrder();
    void failedChunkRetriedAlone();
    void cancelKeepsWhatIsDone();
    void requestCarriesContextAndGlossary();

private:
    TranslationRun *makeRun(const QString &text, int budget, int concurrency);

    TestHttpServer *m_server = nullptr;
    QNetworkAccessManager *m_nam = nullptr;
    std::unique_ptr<Provider> m_provider;
    // Per source text: how the server answers (delay per streamed piece; status).
    QHash<QString, int> m_delayMs;
    QHash<QString, int> m_status;
    QSet<QString> m_hang;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

void TestTranslationRun::init()
{
    m_server = new TestHttpServer;
    QVERIFY(m_server->listen());
    m_nam = new QNetworkAccessManager;
    ProviderProfile p;
    p.id = QStringLiteral("loopback");
    p.baseUrl = m_server->baseUrl();
    p.model = QStringLiteral("test-model");
    m_provider = createProvider(m_nam, p, QString());
    QVERIFY(m_provider);
    m_delayMs.clear();
    m_status.clear();
    m_hang.clear();
    m_inFlight = m_maxInFlight = 0;
    // Each request is answered from its own content: requests in flight together may arrive
    // in any order.
    m_server->setResponder([this](const ReceivedRequest &r) {
        const QString source = translationSource(r);
        const int status = m_status.value(source, 200);
        if (status != 200)
            return Response::json(status, R"({"error":{"message":"overloaded","type":"server_error"}})");
        const QString answer = translated(source);
        const int half = int(answer.size() / 2);
        if (m_hang.contains(source)) {
            // Half the answer, then silence: a chunk caught in the middle.
            Response r = Response::sse(openAiStream({answer.left(half)}, false));
            r.end = Response::Hang;
            return r;
        }
        return Response::sse(openAiStream({answer.left(half), answer.mid(half)}), m_delayMs.value(source, 0));
    });
}

void TestTranslationRun::cleanup()
{
    m_provider.reset();
    delete m_nam;
    delete m_server;
}

TranslationRun *TestTranslationRun::makeRun(const QString &text, int budget, int concurrency)
{
    const TextChunks chunks = TextChunker::split(text, budget);
    TranslationOptions options;
    options.targetLanguage = QStringLiteral("German");
    options.model = QStringLiteral("test-model");
    auto *run = new TranslationRun(
        chunks,
        [chunks, options](int i) {
            return TranslationPrompt::request(TranslationPrompt::defaultTemplate(), options, Glossary(),
                                              chunks.at(i).text);
        },
        [this](const ChatRequest &r, QObject *parent) { return m_provider->startChat(r, parent); },
        concurrency, this);
    connect(run, &TranslationRun::chunkStarted, this,
            [this] { m_maxInFlight = std::max(m_maxInFlight, ++m_inFlight); });
    connect(run, &TranslationRun::progress, this, [this, run] { m_inFlight = run->runningCount(); });
    return run;
}

void TestTranslationRun::parallelInOrder()
{
    QStringList paragraphs;
    for (int i = 0; i < 8; ++i)
        paragraphs << QStringLiteral("Paragraph number %1 has a few words.").arg(i);
    const QString text = paragraphs.join(QStringLiteral("\n\n")) + QStringLiteral("\n");
    // The first chunk is slow: it finishes last although it started first.
    m_delayMs.insert(paragraphs.first(), 400);
    TranslationRun *run = makeRun(text, 12, 3);
    QCOMPARE(run->chunkCount(), 8);
    QVector<int> finishedOrder;
    connect(run, &TranslationRun::chunkFinished, this, [&](int i) { finishedOrder << i; });
    QSignalSpy finished(run, &TranslationRun::finished);
    run->start();
    QCOMPARE(run->runningCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finishedOrder.size(), 8);
    QCOMPARE(finishedOrder.last(), 0);
    QCOMPARE(m_maxInFlight, 3);
    QCOMPARE(m_server->requests().size(), 8);

    QStringList expected;
    for (const QString &p : paragraphs)
        expected << translated(p);
    QCOMPARE(run->result(), expected.join(QStringLiteral("\n\n")) + QStringLiteral("\n"));
    QCOMPARE(run->doneCount(), 8);
    QVERIFY(run->tokens() > 0);
}

void TestTranslationRun::failedChunkRetriedAlone()
{
    const QString text = QStringLiteral("First part.\n\nSecond part.\n\nThird part.");
    m_status.insert(QStringLiteral("Second part."), 500);
    TranslationRun *run = makeRun(text, 4, 2);
    QSignalSpy failed(run, &TranslationRun::chunkFailed);
    QSignalSpy finished(run, &TranslationRun::finished);
    run->start();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).toInt(), 1);
    QCOMPARE(run->state(1), TranslationRun::ChunkState::Failed);
    QCOMPARE(run->error(1).httpStatus, 500);
    // Nothing lost: the failed chunk's source stands in for it.
    QCOMPARE(run->result(), translated(QStringLiteral("First part.")) +
                                QStringLiteral("\n\nSecond part.\n\n") +
                                translated(QStringLiteral("Third part.")));

    m_status.clear();
    const int before = int(m_server->requests().size());
    QVERIFY(run->retry(1));
    QVERIFY(!run->retry(0)); // done chunks are not sent again
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(m_server->requests().size(), before + 1);
    QCOMPARE(run->state(1), TranslationRun::ChunkState::Done);
    QCOMPARE(run->result(), translated(QStringLiteral("First part.")) + QStringLiteral("\n\n") +
                                translated(QStringLiteral("Second part.")) + QStringLiteral("\n\n") +
                                translated(QStringLiteral("Third part.")));
}

void TestTranslationRun::cancelKeepsWhatIsDone()
{
    const QString text = QStringLiteral("Quick one.\n\nSlow one.\n\nWaiting one.");
    m_hang.insert(QStringLiteral("Slow one."));
    TranslationRun *run = makeRun(text, 4, 2);
    QSignalSpy finished(run, &TranslationRun::finished);
    run->start();
    QTRY_COMPARE(run->state(0), TranslationRun::ChunkState::Done);
    // The third chunk went out when the first finished; the second has sent half its answer.
    QTRY_VERIFY(!run->translation(1).isEmpty());
    run->cancel();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!run->isActive());
    QCOMPARE(run->state(0), TranslationRun::ChunkState::Done);
    QCOMPARE(run->state(1), TranslationRun::ChunkState::Cancelled);
    QVERIFY(run->translation(1).isEmpty()); // half a chunk is not a translation
    QCOMPARE(run->result().left(translated(QStringLiteral("Quick one.")).size()),
             translated(QStringLiteral("Quick one.")));
    QVERIFY(run->result().contains(QStringLiteral("\n\nSlow one.\n\n")));
    // The server sees the client hang up.
    QTRY_COMPARE(m_server->connectionCount(), 0);

    m_hang.clear();
    QVERIFY(run->retry(1));
    QTRY_COMPARE(run->state(1), TranslationRun::ChunkState::Done);
}

void TestTranslationRun::requestCarriesContextAndGlossary()
{
    TranslationOptions options;
    options.sourceLanguage = QStringLiteral("English");
    options.targetLanguage = QStringLiteral("Simplified Chinese");
    options.style = TranslationOptions::Style::Formal;
    options.instruction = QStringLiteral("Audience: engineers.");
    options.temperature = 0.2;
    const Glossary glossary({{QStringLiteral("pull request"), QStringLiteral("合并请求")},
                             {QStringLiteral("branch"), QStringLiteral("分支")}});
    const ChatRequest r = TranslationPrompt::request(TranslationPrompt::defaultTemplate(), options, glossary,
                                                     QStringLiteral("Open a pull request."),
                                                     QStringLiteral("Before."), QString());
    QVERIFY(r.systemPrompt.contains(QStringLiteral("from English into Simplified Chinese")));
    QVERIFY(r.systemPrompt.contains(TranslationPrompt::styleSentence(TranslationOptions::Style::Formal)));
    QVERIFY(r.systemPrompt.contains(QStringLiteral("Audience: engineers.")));
    QVERIFY(r.systemPrompt.contains(QStringLiteral("pull request → 合并请求")));
    QVERIFY(!r.systemPrompt.contains(QStringLiteral("分支"))); // not in this chunk
    QCOMPARE(r.turns.size(), 1);
    QCOMPARE(r.turns.first().content,
             QStringLiteral("<context>\nBefore.\n</context>\n\n<source>\nOpen a pull request.\n</source>"));
    QCOMPARE(r.params.temperature.value_or(-1), 0.2);
    // A template with a value that looks like a field is filled once.
    options.instruction = QStringLiteral("Keep {target} as is.");
    QCOMPARE(TranslationPrompt::systemPrompt(QStringLiteral("{instruction} -> {target}"), options, QString()),
             QStringLiteral("Keep {target} as is. -> Simplified Chinese"));
    QCOMPARE(TranslationPrompt::cleanReply(QStringLiteral("<translation>\nHallo\n</translation>")),
             QStringLiteral("Hallo"));
    QCOMPARE(TranslationPrompt::cleanReply(QStringLiteral("Hallo <b>")), QStringLiteral("Hallo <b>"));
}

QTEST_MAIN(TestTranslationRun)
#include "tst_translationrun.moc"
