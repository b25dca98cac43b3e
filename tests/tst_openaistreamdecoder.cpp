#include "fixtures/sse/SseFixture.h"

#include "net/OpenAiStreamDecoder.h"

#include <QTest>

using namespace penpal;
using namespace penpal::testing;

namespace {

SseEvent message(const QString &data)
{
    return SseEvent{QStringLiteral("message"), data, QString()};
}
SseEvent named(const QString &event, const QString &data)
{
    return SseEvent{event, data, QString()};
}

// A chunk as OpenAI-compatible servers frame it, around the given choice object.
QString chunk(const QString &choice, const QString &extra = QString())
{
    return QStringLiteral(
               R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[%1]%2})")
        .arg(choice, extra);
}

QString deltaChoice(const QString &delta, const QString &finishReason = QStringLiteral("null"))
{
    return QStringLiteral(R"({"index":0,"delta":%1,"logprobs":null,"finish_reason":%2})")
        .arg(delta, finishReason);
}

const QString malformedType = QString::fromLatin1(OpenAiStreamDecoder::MalformedJsonErrorType);

} // namespace

class TestOpenAiStreamDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transcripts_data();
    void transcripts();

    void quirks_data();
    void quirks();

    void malformedJsonGivesAShortExcerpt_data();
    void malformedJsonGivesAShortExcerpt();
    void errorEventWithoutDataStillSaysSomething();
    void finishAndDoneFlags();
};

void TestOpenAiStreamDecoder::transcripts_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names = sseTranscriptNames();
    QVERIFY2(names.size() >= 9, qPrintable(QStringLiteral("only %1 transcripts found").arg(names.size())));
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
}

void TestOpenAiStreamDecoder::transcripts()
{
    PENPAL_LOAD_SSE_TRANSCRIPT(t)
    SseParser parser;
    OpenAiStreamDecoder decoder;
    QCOMPARE(decodeAll(parser.feed(t.bytes), &decoder), t.events);
    QCOMPARE(decoder.isDone(), t.done);
    QCOMPARE(decoder.sawFinishReason(), t.sawFinish);
}

void TestOpenAiStreamDecoder::quirks_data()
{
    QTest::addColumn<QVector<SseEvent>>("input");
    QTest::addColumn<QVector<ChatStreamEvent>>("expected");

    using Events = QVector<ChatStreamEvent>;
    using Input = QVector<SseEvent>;

    QTest::newRow("[DONE]") << Input{message(QStringLiteral("[DONE]"))} << Events{done()};
    QTest::newRow("[DONE] with stray whitespace")
        << Input{message(QStringLiteral(" [DONE]\n"))} << Events{done()};
    QTest::newRow("nothing after [DONE]")
        << Input{message(QStringLiteral("[DONE]")), message(chunk(deltaChoice(R"({"content":"late"})")))}
        << Events{done()};
    QTest::newRow("content") << Input{message(chunk(deltaChoice(R"({"content":"Hi"})")))}
                             << Events{content("Hi")};
    QTest::newRow("role delta alone gives nothing")
        << Input{message(chunk(deltaChoice(R"({"role":"assistant","content":""})")))} << Events{};
    QTest::newRow("missing role delta") << Input{message(chunk(deltaChoice(R"({"content":"A"})"))),
                                                 message(chunk(deltaChoice(R"({"content":"B"})")))}
                                        << Events{content("A"), content("B")};
    QTest::newRow("null content") << Input{message(chunk(deltaChoice(R"({"content":null})")))} << Events{};
    QTest::newRow("no delta at all") << Input{message(chunk(R"({"index":0,"finish_reason":null})"))}
                                     << Events{};
    QTest::newRow("empty choices") << Input{message(chunk(QString()))} << Events{};
    QTest::newRow("no choices key") << Input{message(
                                           QStringLiteral(R"({"id":"x","object":"chat.completion.chunk"})"))}
                                    << Events{};
    QTest::newRow("choices is null") << Input{message(QStringLiteral(R"({"choices":null})"))} << Events{};
    QTest::newRow("whitespace-only content is content")
        << Input{message(chunk(deltaChoice(R"({"content":"\n\n"})")))}
        << Events{content(QStringLiteral("\n\n"))};
    QTest::newRow("reasoning_content (DeepSeek, llama.cpp)")
        << Input{message(chunk(deltaChoice(R"({"content":null,"reasoning_content":"hmm"})")))}
        << Events{reasoning("hmm")};
    QTest::newRow("reasoning (OpenRouter, Ollama)")
        << Input{message(chunk(deltaChoice(R"({"content":"","reasoning":"think"})")))}
        << Events{reasoning("think")};
    QTest::newRow("reasoning_content null, reasoning set")
        << Input{message(chunk(deltaChoice(R"({"reasoning_content":null,"reasoning":"r"})")))}
        << Events{reasoning("r")};
    QTest::newRow("both reasoning fields: no duplicate")
        << Input{message(chunk(deltaChoice(R"({"reasoning_content":"same","reasoning":"same"})")))}
        << Events{reasoning("same")};
    QTest::newRow("order within one chunk: reasoning, content, finish, usage")
        << Input{message(chunk(
               deltaChoice(R"({"content":"C","reasoning_content":"R"})", QStringLiteral("\"stop\"")),
               QStringLiteral(R"(,"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3})")))}
        << Events{reasoning("R"), content("C"), finish("stop"), usage(1, 2, 3)};
    QTest::newRow("finish_reason length")
        << Input{message(chunk(deltaChoice(QStringLiteral("{}"), QStringLiteral("\"length\""))))}
        << Events{finish("length")};
    QTest::newRow("finish_reason tool_calls with tool delta")
        << Input{message(chunk(deltaChoice(
               R"({"tool_calls":[{"index":0,"id":"t","function":{"name":"f","arguments":"{}"}}]})",
               QStringLiteral("\"tool_calls\""))))}
        << Events{finish("tool_calls")};
    QTest::newRow("finish_reason empty string is none")
        << Input{message(chunk(deltaChoice(R"({"content":"x"})", QStringLiteral("\"\""))))}
        << Events{content("x")};
    QTest::newRow("usage chunk with empty choices (include_usage)")
        << Input{message(
               chunk(QString(), QStringLiteral(R"(,"usage":{"prompt_tokens":10,"completion_tokens":20,)"
                                               R"("total_tokens":30,"completion_tokens_details":)"
                                               R"({"reasoning_tokens":12}})")))}
        << Events{usage(10, 20, 30, 12)};
    QTest::newRow("usage in the final choice chunk")
        << Input{message(chunk(
               deltaChoice(R"({"content":""})", QStringLiteral("\"stop\"")),
               QStringLiteral(R"(,"usage":{"prompt_tokens":4,"completion_tokens":5,"total_tokens":9})")))}
        << Events{finish("stop"), usage(4, 5, 9)};
    QTest::newRow("usage inside the choice")
        << Input{message(chunk(
               QStringLiteral(R"({"index":0,"delta":{},"finish_reason":"stop",)"
                              R"("usage":{"prompt_tokens":2,"completion_tokens":3,"total_tokens":5}})")))}
        << Events{finish("stop"), usage(2, 3, 5)};
    QTest::newRow("usage null on every chunk")
        << Input{message(chunk(deltaChoice(R"({"content":"a"})"), QStringLiteral(R"(,"usage":null)")))}
        << Events{content("a")};
    QTest::newRow("usage without numbers")
        << Input{message(chunk(QString(), QStringLiteral(R"(,"usage":{})")))} << Events{};
    QTest::newRow("usage with zeros is still usage")
        << Input{message(chunk(
               QString(),
               QStringLiteral(R"(,"usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0})")))}
        << Events{usage(0, 0, 0)};
    QTest::newRow("usage with only some counts")
        << Input{message(chunk(QString(), QStringLiteral(R"(,"usage":{"completion_tokens":7})")))}
        << Events{usage(-1, 7, -1)};
    QTest::newRow("unknown fields everywhere")
        << Input{message(
               QStringLiteral(R"({"choices":[{"index":0,"delta":{"content":"ok","audio":null,"x":[1,2]},)"
                              R"("logprobs":{"content":[]},"finish_reason":null,"extra":true}],)"
                              R"("service_tier":"default","obfuscation":"abc","timings":{"n":1}})"))}
        << Events{content("ok")};
    QTest::newRow("only choice index 0 is used")
        << Input{message(
               chunk(QStringLiteral(R"({"index":1,"delta":{"content":"B"},"finish_reason":"stop"},)"
                                    R"({"index":0,"delta":{"content":"A"},"finish_reason":null})")))}
        << Events{content("A")};
    QTest::newRow("a chunk for choice 1 alone gives nothing")
        << Input{message(
               chunk(QStringLiteral(R"({"index":1,"delta":{"content":"B"},"finish_reason":"stop"})")))}
        << Events{};
    QTest::newRow("choice without index is used")
        << Input{message(chunk(QStringLiteral(R"({"delta":{"content":"N"}})")))} << Events{content("N")};
    QTest::newRow("refusal is what the person reads")
        << Input{message(chunk(deltaChoice(R"({"content":null,"refusal":"I can't help with that."})")))}
        << Events{content(QStringLiteral("I can't help with that."))};
    QTest::newRow("escaped unicode and surrogate pairs")
        << Input{message(chunk(deltaChoice(R"({"content":"\u00e9\ud83d\ude00\u4e16"})")))}
        << Events{content(QString::fromUtf8("é😀世"))};
    QTest::newRow("empty data keep-alive")
        << Input{message(QString()), message(QStringLiteral("  "))} << Events{};
    QTest::newRow("other event names decode like message")
        << Input{named(QStringLiteral("completion"), chunk(deltaChoice(R"({"content":"c"})")))}
        << Events{content("c")};

    // Errors.
    QTest::newRow("error object (OpenAI)")
        << Input{message(QStringLiteral(
               R"({"error":{"message":"Boom","type":"server_error","param":null,"code":null}})"))}
        << Events{error(QStringLiteral("Boom"), QStringLiteral("server_error"))};
    QTest::newRow("error with numeric code and type (llama.cpp)")
        << Input{message(
               QStringLiteral(R"({"error":{"code":500,"message":"context full","type":"server_error"}})"))}
        << Events{error(QStringLiteral("context full"), QStringLiteral("server_error"))};
    QTest::newRow("error with numeric code only")
        << Input{message(QStringLiteral(R"({"error":{"code":429,"message":"Rate limited"}})"))}
        << Events{error(QStringLiteral("Rate limited"), QStringLiteral("429"))};
    QTest::newRow("error beside a choice (OpenRouter mid-stream)")
        << Input{message(chunk(
               deltaChoice(R"({"content":""})", QStringLiteral("\"error\"")),
               QStringLiteral(R"(,"error":{"code":"server_error","message":"Provider disconnected"})")))}
        << Events{error(QStringLiteral("Provider disconnected"), QStringLiteral("server_error"))};
    QTest::newRow("error as a string") << Input{message(QStringLiteral(R"({"error":"model not loaded"})"))}
                                       << Events{error(QStringLiteral("model not loaded"))};
    QTest::newRow("error null is no error")
        << Input{message(chunk(deltaChoice(R"({"content":"x"})"), QStringLiteral(R"(,"error":null)")))}
        << Events{content("x")};
    QTest::newRow("error without message shows its JSON")
        << Input{message(QStringLiteral(R"({"error":{"code":"overloaded"}})"))}
        << Events{error(QStringLiteral(R"({"code":"overloaded"})"), QStringLiteral("overloaded"))};
    QTest::newRow("event: error with error JSON")
        << Input{named(QStringLiteral("error"),
                       QStringLiteral(
                           R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"))}
        << Events{error(QStringLiteral("Overloaded"), QStringLiteral("overloaded_error"))};
    QTest::newRow("event: error with flat JSON")
        << Input{named(QStringLiteral("error"),
                       QStringLiteral(R"({"message":"quota exceeded","code":"insufficient_quota"})"))}
        << Events{error(QStringLiteral("quota exceeded"), QStringLiteral("insufficient_quota"))};
    QTest::newRow("event: error with plain text")
        << Input{named(QStringLiteral("error"),
                       QStringLiteral("upstream connect error or disconnect/reset before headers\n"))}
        << Events{error(QStringLiteral("upstream connect error or disconnect/reset before headers"))};
    QTest::newRow("content, then an error, then more is still decoded")
        << Input{message(chunk(deltaChoice(R"({"content":"a"})"))),
                 message(QStringLiteral(R"({"error":{"message":"e"}})")),
                 message(chunk(deltaChoice(R"({"content":"b"})")))}
        << Events{content("a"), error(QStringLiteral("e")), content("b")};
}

void TestOpenAiStreamDecoder::quirks()
{
    QFETCH(QVector<SseEvent>, input);
    QFETCH(QVector<ChatStreamEvent>, expected);

    OpenAiStreamDecoder decoder;
    QCOMPARE(decodeAll(input, &decoder), expected);
}

void TestOpenAiStreamDecoder::malformedJsonGivesAShortExcerpt_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("expectedExcerpt");
    QTest::newRow("truncated object") << QStringLiteral(R"({"choices":[{"delta":{"content":"hi")")
                                      << QStringLiteral(R"({"choices":[{"delta":{"content":"hi")");
    QTest::newRow("HTML from a proxy") << QStringLiteral("<html>\n<body>502 Bad Gateway</body>\n</html>")
                                       << QStringLiteral("<html> <body>502 Bad Gateway</body> </html>");
    QTest::newRow("array, not an object") << QStringLiteral("[1,2,3]") << QStringLiteral("[1,2,3]");
    QTest::newRow("a bare number") << QStringLiteral("42") << QStringLiteral("42");
    const QString longJunk = QStringLiteral("{") + QString(500, QLatin1Char('z'));
    QTest::newRow("long junk is cut") << longJunk << longJunk.left(80) + QChar(0x2026);
}

void TestOpenAiStreamDecoder::malformedJsonGivesAShortExcerpt()
{
    QFETCH(QString, data);
    QFETCH(QString, expectedExcerpt);

    OpenAiStreamDecoder decoder;
    const QVector<ChatStreamEvent> events = decoder.decode(message(data));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, ChatStreamEvent::Error);
    QCOMPARE(events.first().errorType, malformedType);
    QVERIFY2(events.first().text.endsWith(expectedExcerpt), qPrintable(events.first().text));
    QVERIFY2(events.first().text.size() < 200, qPrintable(events.first().text));
    QVERIFY(!decoder.isDone());
}

void TestOpenAiStreamDecoder::errorEventWithoutDataStillSaysSomething()
{
    OpenAiStreamDecoder decoder;
    const QVector<ChatStreamEvent> events = decoder.decode(named(QStringLiteral("error"), QString()));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, ChatStreamEvent::Error);
    QVERIFY(!events.first().text.trimmed().isEmpty());
    QVERIFY(events.first().errorType.isEmpty());
}

void TestOpenAiStreamDecoder::finishAndDoneFlags()
{
    OpenAiStreamDecoder decoder;
    QVERIFY(!decoder.isDone());
    QVERIFY(!decoder.sawFinishReason());
    decoder.decode(message(chunk(deltaChoice(R"({"content":"x"})"))));
    QVERIFY(!decoder.sawFinishReason());
    decoder.decode(message(chunk(deltaChoice(QStringLiteral("{}"), QStringLiteral("\"stop\"")))));
    QVERIFY(decoder.sawFinishReason());
    QVERIFY(!decoder.isDone());
    decoder.decode(message(QStringLiteral(R"({"error":{"message":"e"}})")));
    QVERIFY(!decoder.isDone());
    decoder.decode(message(QStringLiteral("[DONE]")));
    QVERIFY(decoder.isDone());
}

QTEST_GUILESS_MAIN(TestOpenAiStreamDecoder)
#include "tst_openaistreamdecoder.moc"
