// AnthropicStreamDecoder on its own: the transcripts in tests/fixtures/anthropic under every
// chunking, and each event shape the Messages API (or a server imitating it) sends.
#include "fixtures/sse/SseFixture.h" // readable ChatStreamEvents in failed comparisons
#include "net/AnthropicStreamDecoder.h"
#include "net/SseParser.h"
#include "support/AnthropicFixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace penpal;
using namespace penpal::testing;
namespace fx = penpal::test::anthropic;

namespace {

SseEvent sse(const QString &event, const QString &data)
{
    SseEvent e;
    e.event = event;
    e.data = data;
    return e;
}

QVector<ChatStreamEvent> decodeEach(AnthropicStreamDecoder *decoder, const QVector<SseEvent> &events)
{
    QVector<ChatStreamEvent> out;
    for (const SseEvent &e : events)
        out += decoder->decode(e);
    return out;
}

} // namespace

class AnthropicStreamDecoderTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void transcripts_data();
    void transcripts();
    void finishReason_data();
    void finishReason();
    void errorEvents_data();
    void errorEvents();
    void malformedJson();
    void surrogatesJoinToValidText();
    void ignoredEvents_data();
    void ignoredEvents();
    void usage_data();
    void usage();
    void initialBlockText();
    void nothingAfterMessageStop();
    void wholeMessage_data();
    void wholeMessage();
};

void AnthropicStreamDecoderTest::transcripts_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("seed"); // -1: all at once, 0: one byte at a time, else random pieces
    const QStringList names = fx::transcriptNames();
    QVERIFY2(names.size() >= 4, "fixtures missing");
    for (const QString &name : names) {
        QTest::addRow("%s/whole", qPrintable(name)) << name << -1;
        QTest::addRow("%s/bytewise", qPrintable(name)) << name << 0;
        for (int seed = 1; seed <= 8; ++seed)
            QTest::addRow("%s/seed%d", qPrintable(name), seed) << name << seed;
    }
}

void AnthropicStreamDecoderTest::transcripts()
{
    QFETCH(QString, name);
    QFETCH(int, seed);
    fx::Transcript t;
    QString problem;
    QVERIFY2(fx::loadTranscript(name, &t, &problem), qPrintable(problem));

    QVector<QByteArray> pieces;
    if (seed < 0)
        pieces = {t.bytes};
    else if (seed == 0)
        pieces = fx::randomPieces(t.bytes, 0, 1);
    else
        pieces = fx::randomPieces(t.bytes, quint32(seed), 48);
    QCOMPARE(pieces.join(), t.bytes);

    SseParser parser;
    AnthropicStreamDecoder decoder;
    int sseCount = 0;
    QVector<ChatStreamEvent> events;
    for (const QByteArray &piece : pieces) {
        const QVector<SseEvent> parsed = parser.feed(piece);
        sseCount += int(parsed.size());
        events += decodeEach(&decoder, parsed);
    }
    QCOMPARE(sseCount, t.sseEventCount);
    QCOMPARE(events, t.events);
    QCOMPARE(decoder.isDone(), t.done);
    QCOMPARE(decoder.sawFinishReason(), t.sawFinish);
}

void AnthropicStreamDecoderTest::finishReason_data()
{
    QTest::addColumn<QString>("stopReason");
    QTest::addColumn<QString>("expected");
    QTest::newRow("end_turn") << "end_turn"
                              << "stop";
    QTest::newRow("stop_sequence") << "stop_sequence"
                                   << "stop";
    QTest::newRow("max_tokens") << "max_tokens"
                                << "length";
    QTest::newRow("tool_use as is") << "tool_use"
                                    << "tool_use";
    QTest::newRow("refusal as is") << "refusal"
                                   << "refusal";
    QTest::newRow("pause_turn as is") << "pause_turn"
                                      << "pause_turn";
}

void AnthropicStreamDecoderTest::finishReason()
{
    QFETCH(QString, stopReason);
    QFETCH(QString, expected);
    QCOMPARE(AnthropicStreamDecoder::finishReason(stopReason), expected);

    // The same through a message_delta event.
    AnthropicStreamDecoder decoder;
    const QVector<ChatStreamEvent> events = decoder.decode(
        sse(QStringLiteral("message_delta"),
            QStringLiteral(R"({"type":"message_delta","delta":{"stop_reason":"%1","stop_sequence":null}})")
                .arg(stopReason)));
    QCOMPARE(events, QVector<ChatStreamEvent>{finish(expected)});
    QVERIFY(decoder.sawFinishReason());
    QVERIFY(!decoder.isDone());
}

void AnthropicStreamDecoderTest::errorEvents_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("type");

    QTest::newRow("documented overloaded_error")
        << "error"
        << R"({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})"
        << "Overloaded"
        << "overloaded_error";
    QTest::newRow("api_error, compact")
        << "error"
        << R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})"
        << "Internal server error"
        << "api_error";
    QTest::newRow("no event name, type in JSON")
        << "message"
        << R"({"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}})"
        << "Slow down"
        << "rate_limit_error";
    QTest::newRow("inner object only") << "error"
                                       << R"({"type":"invalid_request_error","message":"Bad"})"
                                       << "Bad"
                                       << "invalid_request_error";
    QTest::newRow("error as a string") << "error"
                                       << R"({"type":"error","error":"upstream went away"})"
                                       << "upstream went away"
                                       << "";
    QTest::newRow("plain text") << "error"
                                << "upstream connect error"
                                << "upstream connect error"
                                << "";
    QTest::newRow("no message") << "error"
                                << R"({"type":"error","error":{"type":"overloaded_error"}})"
                                << "The server reported an error without details."
                                << "overloaded_error";
    QTest::newRow("empty data") << "error"
                                << ""
                                << "The server reported an error without details."
                                << "";
}

void AnthropicStreamDecoderTest::errorEvents()
{
    QFETCH(QString, event);
    QFETCH(QString, data);
    QFETCH(QString, message);
    QFETCH(QString, type);
    AnthropicStreamDecoder decoder;
    QCOMPARE(decoder.decode(sse(event, data)), QVector<ChatStreamEvent>{error(message, type)});
    QVERIFY(!decoder.isDone());
    QVERIFY(!decoder.sawFinishReason());
}

void AnthropicStreamDecoderTest::malformedJson()
{
    AnthropicStreamDecoder decoder;
    const QVector<ChatStreamEvent> events =
        decoder.decode(sse(QStringLiteral("content_block_delta"), QStringLiteral(R"({"type":"content_bl)")));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().kind, ChatStreamEvent::Error);
    QCOMPARE(events.first().errorType, QString::fromLatin1(AnthropicStreamDecoder::MalformedJsonErrorType));
    QVERIFY2(events.first().text.contains(QLatin1String(R"({"type":"content_bl)")),
             qPrintable(events.first().text));

    // A JSON array is not an event either.
    QCOMPARE(decoder.decode(sse(QStringLiteral("message"), QStringLiteral("[1,2]"))).first().errorType,
             QString::fromLatin1(AnthropicStreamDecoder::MalformedJsonErrorType));
}

void AnthropicStreamDecoderTest::surrogatesJoinToValidText()
{
    // A pair split over two deltas stays whole; a lone half becomes U+FFFD; text and thinking
    // are joined apart.
    AnthropicStreamDecoder decoder;
    const auto delta = [&](const char *type, const char *field, const char *value) {
        const QString data =
            QStringLiteral(R"({"type":"content_block_delta","index":0,"delta":{"type":"%1","%2":"%3"}})")
                .arg(QLatin1String(type), QLatin1String(field), QLatin1String(value));
        QString text;
        for (const ChatStreamEvent &e : decoder.decode(sse(QStringLiteral("content_block_delta"), data)))
            text += e.text;
        return text;
    };
    QString text = delta("text_delta", "text", R"(a\ud83d)");
    QString thinking = delta("thinking_delta", "thinking", R"(\ud83e)");
    text += delta("text_delta", "text", R"(\ude00b)");
    thinking += delta("thinking_delta", "thinking", R"(x\udd14)");
    QCOMPARE(text, QStringLiteral("a\U0001F600b"));
    QCOMPARE(thinking, QStringLiteral("\uFFFDx\uFFFD"));
}

void AnthropicStreamDecoderTest::ignoredEvents_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("data");
    QTest::newRow("ping") << "ping"
                          << R"({"type": "ping"})";
    QTest::newRow("content_block_stop") << "content_block_stop"
                                        << R"({"type":"content_block_stop","index":0})";
    QTest::newRow("signature_delta")
        << "content_block_delta"
        << R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}})";
    QTest::newRow("input_json_delta")
        << "content_block_delta"
        << R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"location\": \"San Fra"}})";
    QTest::newRow("citations_delta")
        << "content_block_delta"
        << R"({"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}})";
    QTest::newRow("unknown delta type")
        << "content_block_delta"
        << R"({"type":"content_block_delta","index":0,"delta":{"type":"sparkle_delta","text":"no"}})";
    QTest::newRow("tool_use block start")
        << "content_block_start"
        << R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}})";
    QTest::newRow("redacted_thinking block")
        << "content_block_start"
        << R"({"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3p"}})";
    QTest::newRow("unknown event") << "future_event"
                                   << R"({"type":"future_event","text":"no"})";
    QTest::newRow("message_start without usage")
        << "message_start"
        << R"({"type":"message_start","message":{"id":"m","content":[]}})";
    QTest::newRow("message_delta without stop or usage")
        << "message_delta"
        << R"({"type":"message_delta","delta":{"stop_reason":null}})";
    QTest::newRow("empty keep-alive") << "message"
                                      << "";
    QTest::newRow("empty text delta")
        << "content_block_delta"
        << R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""}})";
}

void AnthropicStreamDecoderTest::ignoredEvents()
{
    QFETCH(QString, event);
    QFETCH(QString, data);
    AnthropicStreamDecoder decoder;
    QCOMPARE(decoder.decode(sse(event, data)), QVector<ChatStreamEvent>{});
    QVERIFY(!decoder.isDone());
    QVERIFY(!decoder.sawFinishReason());
    // The decoder still works afterwards.
    QCOMPARE(decoder.decode(sse(QStringLiteral("content_block_delta"),
                                QStringLiteral(R"({"type":"content_block_delta","index":0,)"
                                               R"("delta":{"type":"text_delta","text":"ok"}})"))),
             QVector<ChatStreamEvent>{content(QStringLiteral("ok"))});
}

void AnthropicStreamDecoderTest::usage_data()
{
    QTest::addColumn<QString>("startUsage");    // message_start's message.usage, raw JSON or empty
    QTest::addColumn<QString>("deltaUsage");    // message_delta's usage, raw JSON or empty
    QTest::addColumn<QVector<int>>("expected"); // prompt, completion, total; empty: no Usage

    QTest::newRow("documented") << R"({"input_tokens":25,"output_tokens":1})"
                                << R"({"output_tokens":15})" << QVector<int>{25, 15, 40};
    QTest::newRow("cache reads and writes count as prompt")
        << R"({"input_tokens":3,"cache_creation_input_tokens":1200,"cache_read_input_tokens":800,"output_tokens":1})"
        << R"({"output_tokens":50})" << QVector<int>{2003, 50, 2053};
    QTest::newRow("delta repeats input")
        << R"({"input_tokens":10,"output_tokens":1})"
        << R"({"input_tokens":12,"cache_read_input_tokens":4,"output_tokens":7})" << QVector<int>{16, 7, 23};
    QTest::newRow("no start usage") << ""
                                    << R"({"output_tokens":7})" << QVector<int>{-1, 7, -1};
    QTest::newRow("no delta usage: none reported") << R"({"input_tokens":25,"output_tokens":1})"
                                                   << "" << QVector<int>{};
    QTest::newRow("null counts ignored")
        << R"({"input_tokens":25,"cache_creation_input_tokens":null,"cache_read_input_tokens":null,"output_tokens":1})"
        << R"({"output_tokens":15})" << QVector<int>{25, 15, 40};
}

void AnthropicStreamDecoderTest::usage()
{
    QFETCH(QString, startUsage);
    QFETCH(QString, deltaUsage);
    QFETCH(QVector<int>, expected);

    AnthropicStreamDecoder decoder;
    QString start = QStringLiteral(R"({"type":"message_start","message":{"id":"msg_1","content":[])");
    if (!startUsage.isEmpty())
        start += QStringLiteral(R"(,"usage":)") + startUsage;
    QCOMPARE(decoder.decode(sse(QStringLiteral("message_start"), start + QStringLiteral("}}"))),
             QVector<ChatStreamEvent>{});

    QString delta = QStringLiteral(R"({"type":"message_delta","delta":{"stop_reason":"end_turn"})");
    if (!deltaUsage.isEmpty())
        delta += QStringLiteral(R"(,"usage":)") + deltaUsage;
    QVector<ChatStreamEvent> want{finish(QStringLiteral("stop"))};
    if (!expected.isEmpty())
        want << testing::usage(expected[0], expected[1], expected[2]);
    QCOMPARE(decoder.decode(sse(QStringLiteral("message_delta"), delta + QLatin1Char('}'))), want);
}

void AnthropicStreamDecoderTest::initialBlockText()
{
    AnthropicStreamDecoder decoder;
    QCOMPARE(decoder.decode(sse(QStringLiteral("content_block_start"),
                                QStringLiteral(R"({"type":"content_block_start","index":0,)"
                                               R"("content_block":{"type":"thinking","thinking":"Hm."}})"))),
             QVector<ChatStreamEvent>{reasoning(QStringLiteral("Hm."))});
    QCOMPARE(decoder.decode(sse(QStringLiteral("content_block_start"),
                                QStringLiteral(R"({"type":"content_block_start","index":1,)"
                                               R"("content_block":{"type":"text","text":"Yes"}})"))),
             QVector<ChatStreamEvent>{content(QStringLiteral("Yes"))});
}

void AnthropicStreamDecoderTest::nothingAfterMessageStop()
{
    AnthropicStreamDecoder decoder;
    QCOMPARE(
        decoder.decode(sse(QStringLiteral("message_stop"), QStringLiteral(R"({"type":"message_stop"})"))),
        QVector<ChatStreamEvent>{done()});
    QVERIFY(decoder.isDone());
    QCOMPARE(decoder.decode(sse(QStringLiteral("content_block_delta"),
                                QStringLiteral(R"({"type":"content_block_delta","index":0,)"
                                               R"("delta":{"type":"text_delta","text":"late"}})"))),
             QVector<ChatStreamEvent>{});
    QCOMPARE(
        decoder.decode(sse(QStringLiteral("error"),
                           QStringLiteral(R"({"type":"error","error":{"type":"api_error","message":"x"}})"))),
        QVector<ChatStreamEvent>{});
}

void AnthropicStreamDecoderTest::wholeMessage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QVector<ChatStreamEvent>>("expected");

    QTest::newRow("thinking and text, max_tokens")
        << QByteArray(
               R"({"id":"msg_1","type":"message","role":"assistant","model":"claude",)"
               R"("content":[{"type":"thinking","thinking":"Think.","signature":"abc"},)"
               R"({"type":"text","text":"Answer"},{"type":"tool_use","id":"t","name":"n","input":{}}],)"
               R"("stop_reason":"max_tokens","stop_sequence":null,)"
               R"("usage":{"input_tokens":20,"cache_read_input_tokens":5,"output_tokens":9}})")
        << QVector<ChatStreamEvent>{reasoning(QStringLiteral("Think.")), content(QStringLiteral("Answer")),
                                    finish(QStringLiteral("length")), testing::usage(25, 9, 34), done()};
    QTest::newRow("no usage") << QByteArray(R"({"type":"message","content":[{"type":"text","text":"Hi"}],)"
                                            R"("stop_reason":"end_turn"})")
                              << QVector<ChatStreamEvent>{content(QStringLiteral("Hi")),
                                                          finish(QStringLiteral("stop")), done()};
    QTest::newRow("error object")
        << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << QVector<ChatStreamEvent>{error(QStringLiteral("Overloaded"), QStringLiteral("overloaded_error"))};
}

void AnthropicStreamDecoderTest::wholeMessage()
{
    QFETCH(QByteArray, json);
    QFETCH(QVector<ChatStreamEvent>, expected);
    AnthropicStreamDecoder decoder;
    QCOMPARE(decoder.decodeMessage(QJsonDocument::fromJson(json).object()), expected);
}

QTEST_GUILESS_MAIN(AnthropicStreamDecoderTest)
#include "tst_anthropicstreamdecoder.moc"
