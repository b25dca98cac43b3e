// Throughput of SseParser + OpenAiStreamDecoder. Prints MB/s; never asserts on time (only
// that the work was really done, so the optimiser cannot skip it).

#include "net/OpenAiStreamDecoder.h"
#include "net/SseParser.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace penpal;

namespace {

constexpr qsizetype ChunkBytes = 1024; // what a socket typically hands over per readyRead

QVector<QByteArray> sliced(const QByteArray &bytes, qsizetype chunkBytes)
{
    QVector<QByteArray> chunks;
    chunks.reserve(bytes.size() / chunkBytes + 1);
    for (qsizetype at = 0; at < bytes.size(); at += chunkBytes)
        chunks.append(bytes.mid(at, chunkBytes));
    return chunks;
}

// A gpt-4o style stream: role delta, many small content deltas (some non-ASCII), finish,
// usage, [DONE]; about targetBytes long.
QByteArray syntheticOpenAiStream(qsizetype targetBytes, int *contentChunks)
{
    const QByteArray head =
        R"(data: {"id":"chatcmpl-BENCH0000000000000000000000","object":"chat.completion.chunk",)"
        R"("created":1733145600,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_7f6be3efb0",)"
        R"("choices":[{"index":0,"delta":)";
    const QByteArray tail = R"(,"logprobs":null,"finish_reason":null}],"usage":null})"
                            "\n\n";
    const QList<QByteArray> tokens = {" the",  " quick", " brown",          " fox",  " jumps", "\\n\\n",
                                      " 你好", " 🌏",     " \\\"quoted\\\"", " over", " lazy",  " dogs",
                                      "."};
    QByteArray stream = head + R"({"role":"assistant","content":"","refusal":null})" + tail;
    *contentChunks = 0;
    while (stream.size() < targetBytes) {
        stream += head + R"({"content":")" + tokens.at(*contentChunks % tokens.size()) + R"("})" + tail;
        ++*contentChunks;
    }
    stream += head + "{}" + tail;
    stream.replace(stream.size() - tail.size(), tail.size(),
                   R"(,"logprobs":null,"finish_reason":"stop"}],"usage":null})"
                   "\n\n");
    stream += R"(data: {"id":"chatcmpl-BENCH","object":"chat.completion.chunk","created":1733145600,)"
              R"("model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":19,)"
              R"("completion_tokens":100000,"total_tokens":100019}})"
              "\n\ndata: [DONE]\n\n";
    return stream;
}

struct RunResult {
    int sseEvents = 0;
    int contentEvents = 0;
    qsizetype contentChars = 0;
    bool done = false;
};

RunResult parseAndDecode(const QVector<QByteArray> &chunks, bool decode)
{
    RunResult result;
    SseParser parser;
    OpenAiStreamDecoder decoder;
    for (const QByteArray &chunk : chunks) {
        const QVector<SseEvent> events = parser.feed(chunk);
        result.sseEvents += events.size();
        if (!decode)
            continue;
        for (const SseEvent &event : events) {
            for (const ChatStreamEvent &chat : decoder.decode(event)) {
                if (chat.kind == ChatStreamEvent::Content) {
                    ++result.contentEvents;
                    result.contentChars += chat.text.size();
                }
            }
        }
    }
    result.done = decoder.isDone();
    return result;
}

void printThroughput(const char *what, bool warmUp, qint64 bytes, qint64 nanoseconds)
{
    const double seconds = double(nanoseconds) / 1e9;
    const double megabytes = double(bytes) / 1e6;
    qInfo("%s%s: %.1f MB/s (%.1f MB in %.1f ms)", warmUp ? "(warm-up) " : "", what,
          seconds > 0 ? megabytes / seconds : 0.0, megabytes, seconds * 1000.0);
}

} // namespace

class BenchSseParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void openAiStream_data();
    void openAiStream();
    void tenMegabyteLine_data();
    void tenMegabyteLine();

private:
    // QtTest calls a wall-time benchmark once to warm up, then again to measure.
    bool isWarmUp()
    {
        const QByteArray tag(QTest::currentDataTag());
        if (m_seenTags.contains(tag))
            return false;
        m_seenTags.insert(tag);
        return true;
    }

    QSet<QByteArray> m_seenTags;
    QByteArray m_stream;
    int m_contentChunks = 0;
    QByteArray m_longLine;
    qsizetype m_longContentChars = 0;
};

void BenchSseParser::initTestCase()
{
    m_stream = syntheticOpenAiStream(16 * 1000 * 1000, &m_contentChunks);

    // One SSE line of 10 MB: a single chunk whose content is the whole reply.
    QByteArray content;
    const QByteArray piece = "lorem ipsum dolor sit amet 你好 ";
    while (content.size() < 10 * 1000 * 1000)
        content += piece;
    m_longContentChars = QString::fromUtf8(content).size();
    m_longLine =
        R"(data: {"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":")" +
        content + R"("},"finish_reason":"stop"}]})" + "\n\ndata: [DONE]\n\n";
}

void BenchSseParser::openAiStream_data()
{
    QTest::addColumn<bool>("decode");
    QTest::newRow("parser only, 1 KiB chunks") << false;
    QTest::newRow("parser + decoder, 1 KiB chunks") << true;
}

void BenchSseParser::openAiStream()
{
    QFETCH(bool, decode);
    const QVector<QByteArray> chunks = sliced(m_stream, ChunkBytes);

    RunResult last;
    qint64 bytes = 0;
    QElapsedTimer timer;
    timer.start();
    QBENCHMARK
    {
        last = parseAndDecode(chunks, decode);
        bytes += m_stream.size();
    }
    const qint64 elapsed = timer.nsecsElapsed();

    QCOMPARE(last.sseEvents, m_contentChunks + 4);
    if (decode) {
        QCOMPARE(last.contentEvents, m_contentChunks);
        QVERIFY(last.done);
    }
    printThroughput(QTest::currentDataTag(), isWarmUp(), bytes, elapsed);
}

void BenchSseParser::tenMegabyteLine_data()
{
    QTest::addColumn<qsizetype>("chunkBytes");
    QTest::newRow("parser + decoder, one 10 MB line, whole") << m_longLine.size();
    QTest::newRow("parser + decoder, one 10 MB line, 1 KiB chunks") << ChunkBytes;
}

void BenchSseParser::tenMegabyteLine()
{
    QFETCH(qsizetype, chunkBytes);
    const QVector<QByteArray> chunks = sliced(m_longLine, chunkBytes);

    RunResult last;
    qint64 bytes = 0;
    QElapsedTimer timer;
    timer.start();
    QBENCHMARK
    {
        last = parseAndDecode(chunks, true);
        bytes += m_longLine.size();
    }
    const qint64 elapsed = timer.nsecsElapsed();

    QCOMPARE(last.sseEvents, 2);
    QCOMPARE(last.contentEvents, 1);
    QCOMPARE(last.contentChars, m_longContentChars);
    printThroughput(QTest::currentDataTag(), isWarmUp(), bytes, elapsed);
}

QTEST_GUILESS_MAIN(BenchSseParser)
#include "bench_sseparser.moc"
