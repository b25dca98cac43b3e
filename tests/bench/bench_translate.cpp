// Issue 6's benchmark: a 50,000-word document translated through the Translate workspace
// against a loopback server (in its own thread) that serves requests concurrently and streams
// each answer one token per `kTokenDelayMs`. Prints the wall time against the ideal schedule
// (the same parts, in document order, on `kConcurrency` slots, with no overhead at all) and
// how responsive the GUI thread stayed (gaps between 16 ms timer ticks while it ran).
#include "TestContext.h"
#include "TestHttpServer.h"
#include "TranslationRequests.h"
#include "TranslateView.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRun.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace penpal;
using namespace penpal::test;

namespace {

constexpr int kWords = 50000;
constexpr int kConcurrency = 4;
constexpr int kTokenDelayMs = 1;
// Tokens go out in batches every kBatch ms (kBatch tokens each): the same rate as one token
// a millisecond, without asking the server's event loop for a thousand timers a second per
// stream, which it could not keep to on a busy 2-core machine.
constexpr int kBatch = 10;

QString document()
{
    static const QStringList words = QStringLiteral("the of and to in a is that for it as was with be by on "
                                                    "not he this are or his from at which but have "
                                                    "an they you were her she there one all we their been "
                                                    "has when who will more no if out so said what up "
                                                    "its about into than them can only other new some could "
                                                    "time these two may then do first any my now "
                                                    "such like our over man me even most made after also did "
                                                    "many before must through back years where "
                                                    "much your way well down should because each just those "
                                                    "people how too little state good very make")
                                         .split(QLatin1Char(' '));
    QRandomGenerator rng(6);
    QString text;
    int written = 0;
    while (written < kWords) {
        const int paragraph = 40 + int(rng.bounded(80));
        for (int w = 0; w < paragraph && written < kWords; ++w, ++written) {
            QString word = words.at(int(rng.bounded(words.size())));
            if (w == 0)
                word[0] = word.at(0).toUpper();
            text += word;
            text += (w + 1) % 12 == 0 ? QStringLiteral(". ") : QStringLiteral(" ");
        }
        text = text.trimmed() + QStringLiteral(".\n\n");
    }
    return text;
}

// The answer's tokens: one per word of the source (upper-cased), the spaces kept with them.
QStringList tokensOf(const QString &source)
{
    QStringList tokens;
    static const QRegularExpression word(QStringLiteral("\\S+\\s*"));
    auto it = word.globalMatch(source.toUpper());
    while (it.hasNext())
        tokens << it.next().captured(0);
    return tokens;
}

// Serves from its own thread so that the GUI thread's work cannot delay the "model".
class ServerThread : public QThread {
public:
    QUrl baseUrl;
    void run() override
    {
        TestHttpServer server;
        server.listen();
        server.setResponder([](const ReceivedRequest &r) {
            Response resp;
            resp.chunked = true;
            resp.headers = {{"Content-Type", "text/event-stream"}};
            const QList<QByteArray> events = openAiStream(tokensOf(translationSource(r)));
            QByteArray batch;
            int inBatch = 0;
            for (int i = 0; i < events.size(); ++i) {
                batch += events.at(i);
                if (++inBatch == kBatch || i == events.size() - 1) {
                    resp.body.append(Step{batch, resp.body.isEmpty() ? 0 : kBatch * kTokenDelayMs});
                    batch.clear();
                    inBatch = 0;
                }
            }
            return resp;
        });
        baseUrl = server.baseUrl();
        m_ready.release();
        exec();
    }
    void waitReady() { m_ready.acquire(); }

private:
    QSemaphore m_ready;
};

// Makespan of the parts on `lanes` servers in document order with no overhead.
double idealMs(const QVector<int> &tokens, int lanes)
{
    std::vector<double> freeAt(size_t(lanes), 0.0); // not "slots": a Qt macro
    for (const int t : tokens) {
        auto it = std::min_element(freeAt.begin(), freeAt.end());
        // The first batch goes out at once; each one after it waits kBatch tokens' time.
        const int batches = (t + kBatch - 1) / kBatch;
        *it += double(batches - 1) * kBatch * kTokenDelayMs;
    }
    return *std::max_element(freeAt.begin(), freeAt.end());
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    ServerThread server;
    server.start();
    server.waitReady();

    QTemporaryDir dir;
    auto ctx = makeTestContext(dir.path(), server.baseUrl);
    if (!ctx)
        return 1;
    TranslateView view(ctx.get());
    view.controller()->setConcurrency(kConcurrency);
    view.resize(1200, 800);
    view.show();
    const QString text = document();
    view.setSourceText(text);

    // GUI responsiveness: how late a 16 ms tick comes while the translation runs.
    QVector<qint64> gaps;
    QElapsedTimer tickClock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(16);
    QObject::connect(&tick, &QTimer::timeout, [&] { gaps << tickClock.restart(); });

    QElapsedTimer wall;
    wall.start();
    tickClock.start();
    tick.start();
    view.translate();
    TranslationRun *run = view.controller()->run();
    QEventLoop loop;
    QObject::connect(run, &TranslationRun::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const qint64 wallMs = wall.elapsed();
    tick.stop();

    QVector<int> tokens;
    for (int i = 0; i < run->chunkCount(); ++i)
        tokens << int(tokensOf(run->chunk(i).text).size()) + 3; // + role, finish and usage events
    const double ideal = idealMs(tokens, kConcurrency);
    std::sort(gaps.begin(), gaps.end());
    const auto pct = [&](double p) {
        return gaps.isEmpty() ? 0 : gaps.at(int(p * (gaps.size() - 1)));
    };
    int done = run->doneCount();
    std::printf("translate: %d words, %d parts, concurrency %d, %d ms per token\n", kWords, run->chunkCount(),
                kConcurrency, kTokenDelayMs);
    std::printf("  done %d/%d, wall %lld ms, ideal schedule %.0f ms, ratio %.3f (goal <= 1.1)\n", done,
                run->chunkCount(), static_cast<long long>(wallMs), ideal, double(wallMs) / ideal);
    std::printf("  GUI tick gaps (16 ms timer): median %lld ms, p99 %lld ms, max %lld ms\n",
                static_cast<long long>(pct(0.5)), static_cast<long long>(pct(0.99)),
                static_cast<long long>(gaps.isEmpty() ? 0 : gaps.last()));
    std::printf("  result %lld characters (source %lld)\n", static_cast<long long>(view.resultText().size()),
                static_cast<long long>(text.size()));
    server.quit();
    server.wait();
    return done == run->chunkCount() ? 0 : 2;
}
