// ReplyBody decides, from the content type or the first bytes, whether a reply body is a
// stream (passed through) or something to hold (an error body, a non-streamed answer).
#include "net/ReplyBody.h"

#include <QtTest>

using namespace penpal;

class TestReplyBody : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sorts_data();
    void sorts();
    void errorBodiesAreBounded();
    void bufferedAnswersHaveALimit();
};

void TestReplyBody::sorts_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QList<QByteArray>>("pieces");
    QTest::addColumn<QByteArray>("streamed"); // what reaches the parser, settle() included
    QTest::addColumn<QByteArray>("held");
    QTest::addColumn<int>("mode");

    const QByteArray sse = "data: {\"a\":1}\n\n";
    QTest::newRow("event-stream") << 200 << QByteArray("text/event-stream; charset=utf-8")
                                  << QList<QByteArray>{"da", "ta: {\"a\":1}\n\n"} << sse << QByteArray()
                                  << int(ReplyBody::Mode::Stream);
    QTest::newRow("json answer") << 200 << QByteArray("application/json")
                                 << QList<QByteArray>{"{\"x\"", ":1}"} << QByteArray()
                                 << QByteArray("{\"x\":1}") << int(ReplyBody::Mode::Buffered);
    QTest::newRow("sse under text/plain, told by the first bytes")
        << 200 << QByteArray("text/plain") << QList<QByteArray>{"da", "ta: {\"a\":1}\n\n"} << sse
        << QByteArray() << int(ReplyBody::Mode::Stream);
    QTest::newRow("too short to tell until the end")
        << 200 << QByteArray() << QList<QByteArray>{": hi"} << QByteArray(": hi") << QByteArray()
        << int(ReplyBody::Mode::Stream);
    QTest::newRow("json without a content type")
        << 200 << QByteArray() << QList<QByteArray>{"{\"choices\":[]}\n"} << QByteArray()
        << QByteArray("{\"choices\":[]}\n") << int(ReplyBody::Mode::Buffered);
    QTest::newRow("html error page is held")
        << 502 << QByteArray("text/html") << QList<QByteArray>{"<html>", "bad gateway</html>"} << QByteArray()
        << QByteArray("<html>bad gateway</html>") << int(ReplyBody::Mode::Undecided);
    QTest::newRow("sse-looking error body is still an error body")
        << 500 << QByteArray("text/event-stream") << QList<QByteArray>{sse} << QByteArray() << sse
        << int(ReplyBody::Mode::Undecided);
}

void TestReplyBody::sorts()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QList<QByteArray>, pieces);
    QFETCH(QByteArray, streamed);
    QFETCH(QByteArray, held);
    QFETCH(int, mode);
    ReplyBody body;
    QByteArray out;
    for (const QByteArray &piece : pieces) {
        bool tooLarge = true;
        out += body.add(piece, status, contentType, &tooLarge);
        QVERIFY(!tooLarge);
    }
    if (ReplyBody::isSuccess(status))
        out += body.settle();
    QCOMPARE(out, streamed);
    QCOMPARE(body.held(), held);
    QCOMPARE(int(body.mode()), mode);
}

void TestReplyBody::errorBodiesAreBounded()
{
    ReplyBody body;
    bool tooLarge = false;
    for (int i = 0; i < 100; ++i)
        body.add(QByteArray(4096, 'x'), 503, "text/html", &tooLarge);
    QCOMPARE(body.held().size(), ReplyBody::MaxErrorBodyBytes);
    QVERIFY(!tooLarge);
}

void TestReplyBody::bufferedAnswersHaveALimit()
{
    ReplyBody body;
    bool tooLarge = false;
    const QByteArray piece(1024 * 1024, ' ');
    int pieces = 0;
    while (!tooLarge && pieces < 100) {
        body.add(piece, 200, "application/json", &tooLarge);
        ++pieces;
    }
    QVERIFY(tooLarge);
    QCOMPARE(qsizetype(pieces) * piece.size(), ReplyBody::MaxBufferedBodyBytes + piece.size());
}

QTEST_GUILESS_MAIN(TestReplyBody)
#include "tst_replybody.moc"
