// JsonArrayStreamer: the elements of the target array come out whole and in order however
// the bytes are split, with the top-level scalars captured, and every fault is reported with
// the byte where it is.
#include "history/JsonArrayStreamer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace penpal;

namespace {

struct Outcome {
    QVector<JsonStreamElement> elements;
    bool ok = false;
    QString error;
    qint64 errorOffset = -1;
    JsonArrayStreamer::TopLevel top = JsonArrayStreamer::TopLevel::Unknown;
    bool arrayFound = false;
    QJsonObject members;
};

// Feeds `input` in slices of `chunk` bytes (0: whole), then finishes.
Outcome stream(const QByteArray &input, int chunk,
               qint64 maxElement = JsonArrayStreamer::DefaultMaxElementBytes)
{
    JsonArrayStreamer s(QByteArrayLiteral("conversations"), maxElement);
    Outcome out;
    const int step = chunk <= 0 ? int(qMax<qsizetype>(1, input.size())) : chunk;
    bool ok = true;
    for (qsizetype pos = 0; pos < input.size() && ok; pos += step)
        ok = s.feed(input.constData() + pos, qMin<qsizetype>(step, input.size() - pos), &out.elements);
    out.ok = ok && s.finish();
    out.error = s.errorString();
    out.errorOffset = s.errorOffset();
    out.top = s.topLevel();
    out.arrayFound = s.arrayFound();
    out.members = s.members();
    return out;
}

QStringList texts(const QVector<JsonStreamElement> &elements)
{
    QStringList list;
    for (const JsonStreamElement &e : elements)
        list << QString::fromUtf8(e.json);
    return list;
}

} // namespace

class TestJsonArrayStreamer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void elements_data();
    void elements();
    void offsetsPointAtElements();
    void penpalObjectCapturesScalars();
    void utf8SplitAnywhere();
    void faults_data();
    void faults();
    void elementLimit();
    void errorIsSticky();
};

void TestJsonArrayStreamer::elements_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("chunk");

    const QByteArray tricky =
        QByteArrayLiteral("\xEF\xBB\xBF [ {\"a\": \"x]}\\\"{[\", \"b\": [1, {\"c\": []}]} ,\n"
                          "\t[\"\\\\\", \"}\"], \"str\\\"ing]\" , 12.5e3, true, null ,{} ]  \r\n");
    const QStringList trickyExpected = {QStringLiteral("{\"a\": \"x]}\\\"{[\", \"b\": [1, {\"c\": []}]}"),
                                        QStringLiteral("[\"\\\\\", \"}\"]"),
                                        QStringLiteral("\"str\\\"ing]\""),
                                        QStringLiteral("12.5e3"),
                                        QStringLiteral("true"),
                                        QStringLiteral("null"),
                                        QStringLiteral("{}")};
    for (int chunk : {0, 1, 2, 3, 5, 7, 64}) {
        QTest::addRow("escapes and nesting, chunk %d", chunk) << tricky << trickyExpected << chunk;
        QTest::addRow("empty array, chunk %d", chunk) << QByteArrayLiteral(" [ ] ") << QStringList() << chunk;
        QTest::addRow("penpal object, chunk %d", chunk)
            << QByteArrayLiteral(
                   "{\"format\":\"penpal-export\",\"skip\":{\"conversations\":[9]},\"version\":1,"
                   "\"conversations\":[{\"uid\":\"x\"},{\"uid\":\"y}\"}]}")
            << QStringList{QStringLiteral("{\"uid\":\"x\"}"), QStringLiteral("{\"uid\":\"y}\"}")} << chunk;
    }
}

void TestJsonArrayStreamer::elements()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QFETCH(int, chunk);
    const Outcome out = stream(input, chunk);
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(texts(out.elements), expected);
    QVERIFY(out.arrayFound);
    // Every element is valid JSON on its own.
    for (const JsonStreamElement &e : out.elements) {
        QJsonParseError err;
        QJsonDocument::fromJson("[" + e.json + "]", &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
    }
}

void TestJsonArrayStreamer::offsetsPointAtElements()
{
    const QByteArray input = QByteArrayLiteral("{\"version\": 1, \"conversations\": [ {\"a\":1},\n  [2] ]}");
    const Outcome out = stream(input, 3);
    QVERIFY2(out.ok, qPrintable(out.error));
    QCOMPARE(out.elements.size(), 2);
    for (const JsonStreamElement &e : out.elements)
        QCOMPARE(input.mid(e.offset, e.json.size()), e.json);
    QCOMPARE(out.elements.at(0).offset, input.indexOf("{\"a\""));
}

void TestJsonArrayStreamer::penpalObjectCapturesScalars()
{
    const QByteArray input = QByteArrayLiteral(
        "{\"format\": \"penpal-export\", \"version\": 1, \"generator\": \"Penpal \\\"0.3\\\" \xE4\xB8\xAD\","
        " \"big\": {\"format\": \"no\"}, \"list\": [1,2], \"ok\": true, \"conversations\": []}");
    for (int chunk : {1, 4, 0}) {
        const Outcome out = stream(input, chunk);
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(out.top, JsonArrayStreamer::TopLevel::Object);
        QCOMPARE(out.members.value(QLatin1String("format")).toString(), QStringLiteral("penpal-export"));
        QCOMPARE(out.members.value(QLatin1String("version")).toInt(), 1);
        QCOMPARE(out.members.value(QLatin1String("generator")).toString(),
                 QString::fromUtf8("Penpal \"0.3\" \xE4\xB8\xAD"));
        QCOMPARE(out.members.value(QLatin1String("ok")).toBool(), true);
        // Objects and arrays other than the target are skipped, not captured.
        QVERIFY(!out.members.contains(QLatin1String("big")));
        QVERIFY(!out.members.contains(QLatin1String("list")));
        QVERIFY(out.elements.isEmpty());
    }
    // An object without the target array is complete JSON, but the array was not found.
    const Outcome none = stream(QByteArrayLiteral("{\"format\": \"x\"}"), 1);
    QVERIFY(none.ok);
    QVERIFY(!none.arrayFound);
}

void TestJsonArrayStreamer::utf8SplitAnywhere()
{
    // CJK (3 bytes), emoji (4 bytes), RTL (2 bytes): every split point goes through them.
    const QString text = QString::fromUtf8("中文 🚀 שלום \xF0\x9F\x98\x80 \\ \"");
    const QByteArray element =
        QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("t"), text}}}).toJson(QJsonDocument::Compact);
    const QByteArray input = "[" + element + "," + element + "]";
    for (int chunk = 1; chunk <= 9; ++chunk) {
        const Outcome out = stream(input, chunk);
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(out.elements.size(), 2);
        const QJsonDocument doc = QJsonDocument::fromJson(out.elements.at(1).json);
        QCOMPARE(doc.array().at(0).toObject().value(QLatin1String("t")).toString(), text);
    }
}

void TestJsonArrayStreamer::faults_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("elementsBefore");

    QTest::newRow("empty") << QByteArray() << QStringLiteral("the file is empty") << qint64(0) << 0;
    QTest::newRow("not json") << QByteArrayLiteral("  hello")
                              << QStringLiteral("expected a JSON array or object, found 'h'") << qint64(2)
                              << 0;
    QTest::newRow("truncated in element") << QByteArrayLiteral("[{\"a\":1},{\"b\":\"x")
                                          << QStringLiteral("the JSON is truncated") << qint64(16) << 1;
    QTest::newRow("truncated after element")
        << QByteArrayLiteral("[{\"a\":1}, ") << QStringLiteral("the JSON is truncated") << qint64(10) << 1;
    QTest::newRow("truncated in escape")
        << QByteArrayLiteral("[\"ab\\") << QStringLiteral("the JSON is truncated") << qint64(5) << 0;
    QTest::newRow("mismatched bracket")
        << QByteArrayLiteral("[{\"a\":[1}]") << QStringLiteral("'}' does not match '['") << qint64(8) << 0;
    QTest::newRow("missing comma") << QByteArrayLiteral("[{} {}]")
                                   << QStringLiteral("expected ',' or ']' after an element, found '{'")
                                   << qint64(4) << 1;
    QTest::newRow("trailing comma") << QByteArrayLiteral("[{},]") << QStringLiteral("a comma before ']'")
                                    << qint64(4) << 1;
    QTest::newRow("garbage after") << QByteArrayLiteral("[] x")
                                   << QStringLiteral("unexpected data after the end of the JSON ('x')")
                                   << qint64(3) << 0;
    QTest::newRow("member without colon")
        << QByteArrayLiteral("{\"format\" 1}")
        << QStringLiteral("expected ':' after a member name, found '1'") << qint64(10) << 0;
    QTest::newRow("conversations not array")
        << QByteArrayLiteral("{\"conversations\": {}}") << QStringLiteral("\"conversations\" is not an array")
        << qint64(18) << 0;
    QTest::newRow("bad scalar member")
        << QByteArrayLiteral("{\"version\": tru, \"conversations\": []}")
        << QStringLiteral("invalid value of member \"version\"") << qint64(12) << 0;
}

void TestJsonArrayStreamer::faults()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    QFETCH(qint64, offset);
    QFETCH(int, elementsBefore);
    for (int chunk : {0, 1, 3}) {
        const Outcome out = stream(input, chunk);
        QVERIFY(!out.ok);
        QVERIFY2(out.error.startsWith(message), qPrintable(out.error));
        QCOMPARE(out.errorOffset, offset);
        QVERIFY2(out.error.endsWith(QStringLiteral(" at byte %1").arg(offset)), qPrintable(out.error));
        QCOMPARE(out.elements.size(), elementsBefore);
    }
}

void TestJsonArrayStreamer::elementLimit()
{
    const QByteArray input = QByteArrayLiteral("[\"short\", \"") + QByteArray(4 * 1024 * 1024, 'x') + "\"]";
    // The second element starts at byte 10; its 1 MB + 1st byte is where the fault is, however
    // the input is split (runs of plain bytes are appended in one go).
    const qint64 firstByteOver = 10 + 1024 * 1024;
    for (int chunk : {0, 1000, 4096, 1}) {
        const Outcome out = stream(input, chunk, 1024 * 1024);
        QVERIFY(!out.ok);
        QVERIFY2(out.error.startsWith(QStringLiteral("an element is larger than 1 MB")), qPrintable(out.error));
        QCOMPARE(out.errorOffset, firstByteOver);
        QCOMPARE(out.elements.size(), 1);
    }
}

void TestJsonArrayStreamer::errorIsSticky()
{
    JsonArrayStreamer s;
    QVector<JsonStreamElement> out;
    QVERIFY(!s.feed(QByteArrayLiteral("[}"), &out));
    QVERIFY(!s.feed(QByteArrayLiteral("{}]"), &out));
    QVERIFY(out.isEmpty());
    QVERIFY(!s.finish());
    QCOMPARE(s.errorOffset(), qint64(1));
}

QTEST_GUILESS_MAIN(TestJsonArrayStreamer)
#include "tst_jsonarraystreamer.moc"
