// Self-test of the loopback HTTP server the network tests rely on: if it misparses or
// misframes, every network test above it would test the wrong thing.
#include "support/BlackholeListener.h"
#include "support/TestHttpServer.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace penpal::test;

namespace {

// Reads from `socket` until `predicate(received)` holds or the connection ends. Spins the event
// loop (never the blocking waitFor* calls): the server lives on this same thread.
template<typename Pred> QByteArray readUntil(QTcpSocket &socket, Pred predicate)
{
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return predicate(received) || socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    received += socket.readAll();
    return received;
}

bool connectTo(QTcpSocket &socket, quint16 port)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
}

QByteArray readAllUntilClosed(QTcpSocket &socket)
{
    return readUntil(socket, [](const QByteArray &) { return false; });
}

} // namespace

class TestHttpServerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void requestArrivingInPieces();
    void framing_data();
    void framing();
    void keepAliveServesSequentialRequests();
    void routeQueueRepeatsLast();
    void unknownRouteIs404();
    void hangKeepsConnectionOpen();
    void resetAbortsConnection();
    void bytesWrittenCountsBody();
    void nonHttpBytesGetA400();
    void blackholeConnectHangs();
};

void TestHttpServerTest::requestArrivingInPieces()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/echo", Response::json(200, R"({"ok":true})"));
    QSignalSpy received(&server, &TestHttpServer::requestReceived);

    QTcpSocket socket;
    QVERIFY(connectTo(socket, server.port()));
    const QByteArray request = "POST /v1/echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test:  spaced value \r\n"
                               "Content-Length: 11\r\n\r\nhello world";
    // Split inside the request line, inside the header block and inside the body.
    for (const QByteArray &piece :
         {request.left(7), request.mid(7, 40), request.mid(47, request.size() - 52), request.right(5)}) {
        socket.write(piece);
        socket.flush();
        QTest::qWait(20); // let the server see each piece separately
    }
    QTRY_COMPARE(received.count(), 1);
    const QVector<ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).method, QByteArray("POST"));
    QCOMPARE(requests.at(0).path, QByteArray("/v1/echo?x=1"));
    QCOMPARE(requests.at(0).header("x-test"), QByteArray("spaced value"));
    QCOMPARE(requests.at(0).body, QByteArray("hello world"));
    const auto signalled = received.at(0).at(0).value<ReceivedRequest>();
    QCOMPARE(signalled.body, QByteArray("hello world"));

    const QByteArray reply = readAllUntilClosed(socket);
    QCOMPARE(reply, QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                               "Connection: close\r\n\r\n{\"ok\":true}"));
}

void TestHttpServerTest::framing_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("sse chunked") << Response::sse({"data: a\n\n", "data: [DONE]\n\n"}, 5)
                                 << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                               "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n"
                                               "Connection: close\r\n\r\n"
                                               "9\r\ndata: a\n\n\r\ne\r\ndata: [DONE]\n\n\r\n0\r\n\r\n");
    Response closeDelimited;
    closeDelimited.closeDelimited = true;
    closeDelimited.body = {Step{"abc", 0}, Step{"def", 10}};
    QTest::newRow("close delimited") << closeDelimited
                                     << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabcdef");
    Response shortBody;
    shortBody.status = 502;
    shortBody.reason = "Bad Gateway";
    shortBody.headers = {qMakePair(QByteArray("Content-Length"), QByteArray("100"))};
    shortBody.body = {Step{"<html>", 0}};
    QTest::newRow("scripted content-length kept")
        << shortBody
        << QByteArray("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 100\r\nConnection: close\r\n\r\n<html>");
}

void TestHttpServerTest::framing()
{
    QFETCH(Response, response);
    QFETCH(QByteArray, expected);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/x", response);
    QTcpSocket socket;
    QVERIFY(connectTo(socket, server.port()));
    socket.write("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(readAllUntilClosed(socket), expected);
}

void TestHttpServerTest::keepAliveServesSequentialRequests()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response r = Response::json(200, "{}");
    r.keepAlive = true;
    server.route("GET", "/a", r);
    QTcpSocket socket;
    QVERIFY(connectTo(socket, server.port()));
    const QByteArray one = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    for (int i = 0; i < 3; ++i) {
        socket.write("GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
        QCOMPARE(readUntil(socket, [&](const QByteArray &b) { return b.size() >= one.size(); }), one);
    }
    QCOMPARE(server.requests().size(), 3);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void TestHttpServerTest::routeQueueRepeatsLast()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/q", Response::json(200, "1"));
    server.route("GET", "/q", Response::json(200, "2"));
    QByteArray bodies;
    for (int i = 0; i < 3; ++i) {
        QTcpSocket socket;
        QVERIFY(connectTo(socket, server.port()));
        socket.write("GET /q?page=" + QByteArray::number(i) + " HTTP/1.1\r\n\r\n");
        bodies += readAllUntilClosed(socket).right(1);
    }
    QCOMPARE(bodies, QByteArray("122"));
}

void TestHttpServerTest::unknownRouteIs404()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    QVERIFY(connectTo(socket, server.port()));
    socket.write("GET /nowhere HTTP/1.1\r\n\r\n");
    const QByteArray reply = readAllUntilClosed(socket);
    QVERIFY2(reply.startsWith("HTTP/1.1 404 Not Found\r\n"), reply.constData());
    QVERIFY(reply.contains(R"({"error":{"message":"no route for GET /nowhere")"));
}

void TestHttpServerTest::hangKeepsConnectionOpen()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response r = Response::sse({"data: x\n\n"});
    r.end = Response::Hang;
    server.route("GET", "/h", r);
    QTcpSocket socket;
    QVERIFY(connectTo(socket, server.port()));
    socket.write("GET /h HTTP/1.1\r\n\r\n");
    const QByteArray reply =
        readUntil(socket, [](const QByteArray &b) { return b.endsWith("data: x\n\n\r\n"); });
    QVERIFY2(reply.endsWith("9\r\ndata: x\n\n\r\n"), reply.constData());
    QVERIFY(!reply.contains("Connection: close"));
    QSignalSpy more(&socket, &QTcpSocket::readyRead);
    QVERIFY(!more.wait(200)); // nothing more: no terminating chunk, no close
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    server.closeAllConnections();
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
}

void TestHttpServerTest::resetAbortsConnection()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response r = Response::sse({"data: x\n\n"});
    r.body.append(Step{QByteArray(), 50}); // an empty Step only delays: the RST follows 50 ms later
    r.end = Response::Reset;
    server.route("GET", "/r", r);

    // A raw non-blocking socket, because QTcpSocket reports a FIN and a RST alike
    // (RemoteHostClosedError) while recv() tells them apart: 0 for FIN, ECONNRESET for RST.
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    QVERIFY(fd >= 0);
    sockaddr_in addr = {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(server.port());
    QVERIFY(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0 || errno == EINPROGRESS);
    const QByteArray request = "GET /r HTTP/1.1\r\n\r\n";
    QVERIFY(QTest::qWaitFor([&] { return ::send(fd, request.constData(), size_t(request.size()), 0) > 0; },
                            5000));
    QByteArray received;
    int lastErrno = 0;
    ssize_t lastResult = 1;
    QVERIFY(QTest::qWaitFor(
        [&] {
            char buf[4096];
            lastResult = ::recv(fd, buf, sizeof buf, 0);
            if (lastResult > 0)
                received.append(buf, lastResult);
            lastErrno = lastResult < 0 ? errno : 0;
            return lastResult == 0 || (lastResult < 0 && lastErrno != EAGAIN);
        },
        5000));
    ::close(fd);
    QVERIFY2(received.endsWith("9\r\ndata: x\n\n\r\n"), received.constData());
    QCOMPARE(lastResult, ssize_t(-1));
    QCOMPARE(lastErrno, ECONNRESET);
}

void TestHttpServerTest::bytesWrittenCountsBody()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/b", Response::sse({"abc", "defgh"}, 5));
    QSignalSpy written(&server, &TestHttpServer::bytesWritten);
    QTcpSocket socket;
    QVERIFY(connectTo(socket, server.port()));
    socket.write("GET /b HTTP/1.1\r\n\r\n");
    readAllUntilClosed(socket);
    QCOMPARE(written.count(), 2);
    QCOMPARE(written.at(0).at(0).toLongLong(), 3);
    QCOMPARE(written.at(1).at(0).toLongLong(), 8);
}

void TestHttpServerTest::nonHttpBytesGetA400()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    QTcpSocket socket;
    QVERIFY(connectTo(socket, server.port()));
    socket.write(QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)); // a ClientHello's start
    QVERIFY(readAllUntilClosed(socket).startsWith("HTTP/1.1 400 Bad Request\r\n"));
    QVERIFY(server.requests().isEmpty());
}

void TestHttpServerTest::blackholeConnectHangs()
{
    BlackholeListener blackhole;
    QVERIFY(blackhole.isValid());
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    QSignalSpy errors(&socket, &QTcpSocket::errorOccurred);
    socket.connectToHost(QHostAddress::LocalHost, blackhole.port());
    QVERIFY(!connected.wait(1500)); // neither connected nor refused: the SYN goes unanswered
    QVERIFY(errors.isEmpty());
    QCOMPARE(socket.state(), QAbstractSocket::ConnectingState);
}

QTEST_GUILESS_MAIN(TestHttpServerTest)
#include "tst_testhttpserver.moc"
