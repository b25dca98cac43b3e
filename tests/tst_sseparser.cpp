#include "fixtures/sse/SseFixture.h"

#include "net/SseParser.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace penpal;
using namespace penpal::testing;

namespace {

// Feeds bytes cut at the given (sorted) offsets; duplicates give empty chunks on purpose.
QVector<SseEvent> parseInChunks(SseParser &parser, const QByteArray &bytes, const QVector<qsizetype> &cuts)
{
    QVector<SseEvent> events;
    qsizetype start = 0;
    for (qsizetype cut : cuts) {
        events += parser.feed(bytes.mid(start, cut - start));
        start = cut;
    }
    events += parser.feed(bytes.mid(start));
    return events;
}

QVector<SseEvent> parseInChunks(const QByteArray &bytes, const QVector<qsizetype> &cuts)
{
    SseParser parser;
    return parseInChunks(parser, bytes, cuts);
}

QVector<SseEvent> parseBytewise(const QByteArray &bytes)
{
    SseParser parser;
    QVector<SseEvent> events;
    for (char c : bytes)
        events += parser.feed(QByteArray(1, c));
    return events;
}

QString describeCuts(const QVector<qsizetype> &cuts)
{
    QStringList parts;
    for (qsizetype cut : cuts)
        parts.append(QString::number(cut));
    return parts.join(QLatin1Char(','));
}

quint32 splitSeed()
{
    bool ok = false;
    const quint32 fromEnv = qEnvironmentVariable("PENPAL_SPLIT_SEED").toUInt(&ok);
    return ok ? fromEnv : 20240611u;
}

SseEvent sse(const QString &data, const QString &event = QStringLiteral("message"),
             const QString &id = QString())
{
    return SseEvent{event, data, id};
}

} // namespace

class TestSseParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transcriptWhole_data();
    void transcriptWhole();
    void transcriptEveryTwoWaySplit_data() { transcriptWhole_data(); }
    void transcriptEveryTwoWaySplit();
    void transcriptRandomSplits_data() { transcriptWhole_data(); }
    void transcriptRandomSplits();
    void transcriptBytewise_data() { transcriptWhole_data(); }
    void transcriptBytewise();

    void lines_data();
    void lines();

    void lineTooLongFailsCleanly_data();
    void lineTooLongFailsCleanly();
    void lineTooLongIsDetectedBeforeTheLineEnds();
    void lineAtTheLimitIsAccepted();
    void eventDataBeyondTheLimitFails();
    void resetDropsTheUnfinishedEvent();
    void resetClearsTheErrorAndKeepsTheLastId();
    void resetExpectsANewBom();
    void longLineInSmallChunks();
};

void TestSseParser::transcriptWhole_data()
{
    QTest::addColumn<QString>("name");
    const QStringList names = sseTranscriptNames();
    // The fixture set is part of the test: losing files must not make it pass vacuously.
    QVERIFY2(names.size() >= 9, qPrintable(QStringLiteral("only %1 transcripts found").arg(names.size())));
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
}

void TestSseParser::transcriptWhole()
{
    PENPAL_LOAD_SSE_TRANSCRIPT(t)
    SseParser parser;
    const QVector<SseEvent> events = parser.feed(t.bytes);
    QVERIFY(!parser.lineTooLong());
    QCOMPARE(events.size(), t.sseEventCount);
    if (t.hasSseList) {
        QCOMPARE(t.sse.size(), events.size());
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events.at(i).event, t.sse.at(i).first);
            QCOMPARE(events.at(i).id, t.sse.at(i).second);
        }
    }
    // The decoded meaning is what proves the data itself came through intact.
    OpenAiStreamDecoder decoder;
    QCOMPARE(decodeAll(events, &decoder), t.events);
    QCOMPARE(decoder.isDone(), t.done);
    QCOMPARE(decoder.sawFinishReason(), t.sawFinish);
}

void TestSseParser::transcriptEveryTwoWaySplit()
{
    PENPAL_LOAD_SSE_TRANSCRIPT(t)
    const QVector<SseEvent> whole = SseParser().feed(t.bytes);
    QCOMPARE(whole.size(), t.sseEventCount);
    for (qsizetype cut = 0; cut <= t.bytes.size(); ++cut) {
        const QVector<SseEvent> split = parseInChunks(t.bytes, {cut});
        if (split != whole) {
            QCOMPARE(split.size(), whole.size()); // names the first difference...
            QVERIFY2(false, qPrintable(QStringLiteral("split at byte %1 differs").arg(cut)));
        }
    }
}

void TestSseParser::transcriptRandomSplits()
{
    PENPAL_LOAD_SSE_TRANSCRIPT(t)
    const QVector<SseEvent> whole = SseParser().feed(t.bytes);
    QCOMPARE(whole.size(), t.sseEventCount);

    const quint32 seed = splitSeed() ^ qHash(t.name);
    QRandomGenerator random(seed);
    for (int round = 0; round < 300; ++round) {
        // Alternate coarse and very fine chunking; any cut may land mid-character or mid-CRLF.
        const int cutCount = 2 + random.bounded(round % 2 ? 200 : 20);
        QVector<qsizetype> cuts;
        for (int i = 0; i < cutCount; ++i)
            cuts.append(random.bounded(int(t.bytes.size()) + 1));
        std::sort(cuts.begin(), cuts.end());
        const QVector<SseEvent> split = parseInChunks(t.bytes, cuts);
        QVERIFY2(split == whole,
                 qPrintable(QStringLiteral("seed %1 (PENPAL_SPLIT_SEED=%2), round %3, cuts %4")
                                .arg(seed)
                                .arg(splitSeed())
                                .arg(round)
                                .arg(describeCuts(cuts))));
    }
}

void TestSseParser::transcriptBytewise()
{
    PENPAL_LOAD_SSE_TRANSCRIPT(t)
    QCOMPARE(parseBytewise(t.bytes), SseParser().feed(t.bytes));
}

void TestSseParser::lines_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QVector<SseEvent>>("expected");

    QTest::newRow("LF") << QByteArray("data: a\n\ndata: b\n\n") << QVector<SseEvent>{sse("a"), sse("b")};
    QTest::newRow("CR") << QByteArray("data: a\r\rdata: b\r\r") << QVector<SseEvent>{sse("a"), sse("b")};
    QTest::newRow("CRLF") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n")
                          << QVector<SseEvent>{sse("a"), sse("b")};
    QTest::newRow("mixed line ends") << QByteArray("data: a\rdata: b\r\n\ndata: c\n\r\n")
                                     << QVector<SseEvent>{sse("a\nb"), sse("c")};
    // A CR/LF pair taken for two line ends adds a blank line: these show it in the result.
    QTest::newRow("CRLF multi-line data")
        << QByteArray("data: a\r\ndata: b\r\n\r\n") << QVector<SseEvent>{sse("a\nb")};
    QTest::newRow("CRLF event name") << QByteArray("event: delta\r\ndata: x\r\n\r\n")
                                     << QVector<SseEvent>{sse("x", QStringLiteral("delta"))};
    QTest::newRow("LF CR is two line ends")
        << QByteArray("data: x\n\rdata: y\n\n") << QVector<SseEvent>{sse("x"), sse("y")};
    QTest::newRow("CR inside data splits the line")
        << QByteArray("data: one\rtwo\n\n") << QVector<SseEvent>{sse("one")};
    QTest::newRow("comment only") << QByteArray(": keep-alive\n\n: OPENROUTER PROCESSING\n\n")
                                  << QVector<SseEvent>{};
    QTest::newRow("comment between data lines")
        << QByteArray("data: a\n: note\ndata: b\n\n") << QVector<SseEvent>{sse("a\nb")};
    QTest::newRow("comment that looks like a field")
        << QByteArray(":data: no\ndata: yes\n\n") << QVector<SseEvent>{sse("yes")};
    QTest::newRow("multi-line data") << QByteArray("data: a\ndata: b\ndata: c\n\n")
                                     << QVector<SseEvent>{sse("a\nb\nc")};
    QTest::newRow("empty data lines joined")
        << QByteArray("data: a\ndata:\ndata: b\n\n") << QVector<SseEvent>{sse("a\n\nb")};
    QTest::newRow("field without colon") << QByteArray("data\n\n") << QVector<SseEvent>{sse(QString())};
    QTest::newRow("two empty data lines") << QByteArray("data\ndata\n\n") << QVector<SseEvent>{sse("\n")};
    QTest::newRow("exactly one space stripped") << QByteArray("data:  two\n\ndata:none\n\ndata:\tx\n\n")
                                                << QVector<SseEvent>{sse(" two"), sse("none"), sse("\tx")};
    QTest::newRow("colon in value") << QByteArray("data: a: b\n\n") << QVector<SseEvent>{sse("a: b")};
    QTest::newRow("field names are case-sensitive")
        << QByteArray("Data: a\nDATA: b\n\n") << QVector<SseEvent>{};
    QTest::newRow("UTF-8 data") << QByteArray("data: 你好🌏\n\n")
                                << QVector<SseEvent>{sse(QString::fromUtf8("你好🌏"))};
    QTest::newRow("BOM skipped") << QByteArray("\xEF\xBB\xBF"
                                               "data: a\n\n")
                                 << QVector<SseEvent>{sse("a")};
    QTest::newRow("BOM only at stream start") << QByteArray("data: a\n\n\xEF\xBB\xBF"
                                                            "data: b\n\n")
                                              << QVector<SseEvent>{sse("a")};
    QTest::newRow("second BOM is part of the field name") << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF"
                                                                        "data: a\n\n")
                                                          << QVector<SseEvent>{};
    QTest::newRow("BOM prefix that is no BOM stays in the line") << QByteArray("\xEF"
                                                                               "data: a\n\ndata: b\n\n")
                                                                 << QVector<SseEvent>{sse("b")};
    QTest::newRow("BOM then blank line")
        << QByteArray("\xEF\xBB\xBF\n\ndata: a\n\n") << QVector<SseEvent>{sse("a")};
    QTest::newRow("event field") << QByteArray("event: delta\ndata: x\n\n")
                                 << QVector<SseEvent>{sse("x", QStringLiteral("delta"))};
    QTest::newRow("event type resets after dispatch")
        << QByteArray("event: a\ndata: 1\n\ndata: 2\n\n")
        << QVector<SseEvent>{sse("1", QStringLiteral("a")), sse("2")};
    QTest::newRow("empty event name means message")
        << QByteArray("event:\ndata: 1\n\n") << QVector<SseEvent>{sse("1")};
    QTest::newRow("no data, no event; type still resets")
        << QByteArray("event: a\n\ndata: 2\n\n") << QVector<SseEvent>{sse("2")};
    QTest::newRow("id persists across events")
        << QByteArray("id: 7\ndata: a\n\ndata: b\n\n")
        << QVector<SseEvent>{sse("a", QStringLiteral("message"), QStringLiteral("7")),
                             sse("b", QStringLiteral("message"), QStringLiteral("7"))};
    QTest::newRow("empty id resets it")
        << QByteArray("id: 1\ndata: a\n\nid\ndata: b\n\n")
        << QVector<SseEvent>{sse("a", QStringLiteral("message"), QStringLiteral("1")), sse("b")};
    QTest::newRow("id with NUL is ignored")
        << QByteArray("id: 1\ndata: a\n\nid: x") + '\0' + QByteArray("y\ndata: b\n\n")
        << QVector<SseEvent>{sse("a", QStringLiteral("message"), QStringLiteral("1")),
                             sse("b", QStringLiteral("message"), QStringLiteral("1"))};
    QTest::newRow("id without data still updates")
        << QByteArray("id: 3\n\ndata: a\n\n")
        << QVector<SseEvent>{sse("a", QStringLiteral("message"), QStringLiteral("3"))};
    QTest::newRow("unknown fields and retry ignored")
        << QByteArray("foo: bar\nretry: 10\ndata: a\nretry\n\n") << QVector<SseEvent>{sse("a")};
    QTest::newRow("no blank line, no event") << QByteArray("data: a\n") << QVector<SseEvent>{};
    QTest::newRow("unterminated line, no event") << QByteArray("data: a") << QVector<SseEvent>{};
    QTest::newRow("blank lines between events")
        << QByteArray("\n\n\ndata: a\n\n\n\n") << QVector<SseEvent>{sse("a")};
    QTest::newRow("empty input") << QByteArray() << QVector<SseEvent>{};
}

void TestSseParser::lines()
{
    QFETCH(QByteArray, input);
    QFETCH(QVector<SseEvent>, expected);

    SseParser whole;
    QCOMPARE(whole.feed(input), expected);
    QVERIFY(!whole.lineTooLong());
    QCOMPARE(parseBytewise(input), expected);
    for (qsizetype a = 0; a <= input.size(); ++a) {
        for (qsizetype b = a; b <= input.size(); ++b) {
            const QVector<SseEvent> split = parseInChunks(input, {a, b});
            QVERIFY2(split == expected, qPrintable(QStringLiteral("cuts %1,%2").arg(a).arg(b)));
        }
    }
}

void TestSseParser::lineTooLongFailsCleanly_data()
{
    QTest::addColumn<QByteArray>("longLine");
    QTest::addColumn<QByteArray>("terminator");
    QTest::newRow("data line, LF") << QByteArray("data: ") + QByteArray(100, 'x') << QByteArray("\n");
    QTest::newRow("data line, CR") << QByteArray("data: ") + QByteArray(100, 'x') << QByteArray("\r");
    QTest::newRow("comment line") << QByteArray(": ") + QByteArray(100, 'x') << QByteArray("\r\n");
    QTest::newRow("field name") << QByteArray(100, 'f') << QByteArray("\n");
}

void TestSseParser::lineTooLongFailsCleanly()
{
    QFETCH(QByteArray, longLine);
    QFETCH(QByteArray, terminator);

    SseParser parser(64);
    QCOMPARE(parser.feed("data: before\n\n"), QVector<SseEvent>{sse("before")});
    QVERIFY(!parser.lineTooLong());

    // Events completed before the long line in the same chunk still come out.
    const QVector<SseEvent> events =
        parser.feed("data: same chunk\n\n" + longLine + terminator + "\ndata: b\n\n");
    QCOMPARE(events, QVector<SseEvent>{sse("same chunk")});
    QVERIFY(parser.lineTooLong());

    // After the error nothing more is produced, however well-formed.
    QCOMPARE(parser.feed("data: after\n\n"), QVector<SseEvent>{});
    QCOMPARE(parser.feed("\n\n"), QVector<SseEvent>{});
    QVERIFY(parser.lineTooLong());
}

void TestSseParser::lineTooLongIsDetectedBeforeTheLineEnds()
{
    // The parser must not wait for a line end to notice: that is what bounds its memory.
    SseParser parser(1024);
    QVERIFY(parser.feed("data: ").isEmpty());
    int fed = 6;
    while (!parser.lineTooLong() && fed < 100 * 1024) {
        QVERIFY(parser.feed(QByteArray(100, 'y')).isEmpty());
        fed += 100;
    }
    QVERIFY(parser.lineTooLong());
    QVERIFY2(fed <= 1024 + 100, qPrintable(QStringLiteral("noticed only after %1 bytes").arg(fed)));
    QVERIFY(parser.feed("\n\ndata: z\n\n").isEmpty());
}

void TestSseParser::lineAtTheLimitIsAccepted()
{
    const QByteArray value(58, 'v');
    const QByteArray line = "data: " + value; // 64 bytes exactly
    QCOMPARE(line.size(), 64);
    for (const QByteArray &terminator : {QByteArray("\n\n"), QByteArray("\r\r"), QByteArray("\r\n\r\n")}) {
        SseParser parser(64);
        QCOMPARE(parser.feed(line + terminator), QVector<SseEvent>{sse(QString::fromLatin1(value))});
        QVERIFY(!parser.lineTooLong());
        SseParser overBy1(63);
        QVERIFY(overBy1.feed(line + terminator).isEmpty());
        QVERIFY(overBy1.lineTooLong());
    }
}

void TestSseParser::eventDataBeyondTheLimitFails()
{
    // Many short data lines without a blank line must not grow the event without bound either.
    SseParser parser(64);
    QVERIFY(parser.feed("data: 0123456789012345678901234567890\n").isEmpty()); // 31 bytes
    QVERIFY(!parser.lineTooLong());
    QVERIFY(parser.feed("data: 012345678901234567890123456789012\n").isEmpty()); // 31 + 1 + 33 > 64
    QVERIFY(parser.lineTooLong());
    QVERIFY(parser.feed("\ndata: x\n\n").isEmpty());

    SseParser justFits(64);
    const QVector<SseEvent> events =
        justFits.feed("data: 0123456789012345678901234567890\ndata: 01234567890123456789012345678901\n\n");
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().data.size(), 64);
    QVERIFY(!justFits.lineTooLong());
}

void TestSseParser::resetDropsTheUnfinishedEvent()
{
    SseParser parser;
    QVERIFY(parser.feed("data: a\n").isEmpty());
    parser.reset();
    QVERIFY(parser.feed("\n").isEmpty());

    QVERIFY(parser.feed("data: half a li").isEmpty());
    parser.reset();
    QCOMPARE(parser.feed("ne\n\ndata: b\n\n"), QVector<SseEvent>{sse("b")});

    // A CR at the end of the old stream does not swallow an LF of the new one.
    QVERIFY(parser.feed("data: c\r").isEmpty());
    parser.reset();
    QCOMPARE(parser.feed("\ndata: d\n\n"), QVector<SseEvent>{sse("d")});
}

void TestSseParser::resetClearsTheErrorAndKeepsTheLastId()
{
    SseParser parser(32);
    QCOMPARE(parser.feed("id: 5\ndata: a\n\n"),
             QVector<SseEvent>{sse("a", QStringLiteral("message"), QStringLiteral("5"))});
    parser.feed(QByteArray(40, 'x'));
    QVERIFY(parser.lineTooLong());
    parser.reset();
    QVERIFY(!parser.lineTooLong());
    QCOMPARE(parser.feed("data: b\n\n"),
             QVector<SseEvent>{sse("b", QStringLiteral("message"), QStringLiteral("5"))});
}

void TestSseParser::resetExpectsANewBom()
{
    SseParser parser;
    QCOMPARE(parser.feed("\xEF\xBB\xBF"
                         "data: a\n\n"),
             QVector<SseEvent>{sse("a")});
    parser.reset();
    QCOMPARE(parser.feed("\xEF\xBB"), QVector<SseEvent>{});
    QCOMPARE(parser.feed("\xBF"
                         "data: b\n\n"),
             QVector<SseEvent>{sse("b")});
}

void TestSseParser::longLineInSmallChunks()
{
    // A 1 MiB data line arriving in 1 KiB pieces, with a CRLF split over the last two.
    const QByteArray value(1024 * 1024, 'q');
    const QByteArray stream = "data: " + value + "\r\n\r\n";
    SseParser parser;
    QVector<SseEvent> events;
    for (qsizetype at = 0; at < stream.size(); at += 1023)
        events += parser.feed(stream.mid(at, 1023));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().data.size(), value.size());
    QCOMPARE(events.first().data, QString::fromLatin1(value));
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
