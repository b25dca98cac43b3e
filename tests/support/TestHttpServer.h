#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QUrl>
#include <QVector>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace penpal::test {

class HttpConnection;

// One piece of a scripted response body, written `delayMs` after the previous one.
struct Step {
    QByteArray bytes;
    int delayMs = 0;
};

// A scripted HTTP/1.1 response. The status line and headers go out as soon as the request has
// been read; the body Steps follow byte-exactly with their delays.
struct Response {
    int status = 200;
    QByteArray reason = "OK";
    // Content-Length is added unless chunked, end == Hang or closeDelimited, or unless these
    // headers already carry one (to script a body shorter than announced).
    QList<QPair<QByteArray, QByteArray>> headers;
    QVector<Step> body;
    // Transfer-Encoding: chunked, each Step one chunk (empty Steps are skipped: an empty chunk
    // would end the body). The terminating 0-chunk is sent only when end == Close.
    bool chunked = false;
    // After the body: Close finishes the response normally (and closes the connection unless
    // keepAlive), Hang keeps the connection open and silent, Reset aborts it with a TCP RST.
    enum End { Close, Hang, Reset } end = Close;
    // No Content-Length and no chunking: the body ends when the connection closes.
    bool closeDelimited = false;
    // Extension: with end == Close and a length-delimited or chunked body, keep the connection
    // open for the next request instead of closing it. Without it the server announces
    // "Connection: close" so that clients do not try to reuse a connection about to go away.
    bool keepAlive = false;
    // Extension: wait this long after the request before the status line goes out (a server
    // slow to start answering, e.g. one loading a model).
    int headerDelayMs = 0;

    static Response json(int status, const QByteArray &body);
    // text/event-stream, chunked, one Step per raw chunk, each written delayMs after the last.
    static Response sse(const QList<QByteArray> &rawChunks, int delayMs = 0);
};

struct ReceivedRequest {
    QByteArray method;
    QByteArray path; // the full request target, query string included
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Value of the first header with that name (case-insensitive); empty if absent.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

// A real HTTP/1.1 server on 127.0.0.1 for network tests: parses requests as they arrive in
// pieces, answers them from per-route queues of scripted Responses, and supports keep-alive
// for sequential requests. Everything runs on the event loop (QTimer for delays), so tests
// can drive a client and this server from the same thread.
class TestHttpServer : public QObject {
    Q_OBJECT
public:
    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    bool listen(); // 127.0.0.1, ephemeral port
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>/v1
    // Queues a response for "METHOD path" (path without query string). The last queued
    // response repeats; unknown routes get a 404 JSON error.
    void route(const QByteArray &method, const QByteArray &path, const Response &r);
    QVector<ReceivedRequest> requests() const;
    // Extension: answers every request from its content instead of the route queues (for
    // concurrent requests whose order of arrival is not fixed). An empty function: queues.
    void setResponder(std::function<Response(const ReceivedRequest &)> responder)
    {
        m_responder = std::move(responder);
    }
    // Open client connections (extension): lets a test see that a client really hung up.
    int connectionCount() const { return int(m_connections.size()); }
    void closeAllConnections();
    // Stops listening and drops all connections; the port is then free (connections refused).
    void close();

Q_SIGNALS:
    void requestReceived(const penpal::test::ReceivedRequest &r);
    // After each body Step is written: running total of body payload bytes written by this
    // server (all connections, chunk framing not counted).
    void bytesWritten(qint64 total);

private:
    friend class HttpConnection;
    Response takeResponse(const ReceivedRequest &request);
    void addBodyBytes(qint64 n);

    QTcpServer *m_server;
    QHash<QByteArray, QVector<Response>> m_routes;
    std::function<Response(const ReceivedRequest &)> m_responder;
    QVector<ReceivedRequest> m_requests;
    QList<HttpConnection *> m_connections;
    qint64 m_bodyBytesWritten = 0;
};

} // namespace penpal::test

Q_DECLARE_METATYPE(penpal::test::ReceivedRequest)
Q_DECLARE_METATYPE(penpal::test::Response)
Q_DECLARE_METATYPE(penpal::test::Step)
