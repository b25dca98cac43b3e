#include "support/TestHttpServer.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace penpal::test {

namespace {

constexpr qsizetype MaxHeadBytes = 64 * 1024;

bool isTokenUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

bool hasHeaderIn(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

Response Response::json(int status, const QByteArray &body)
{
    Response r;
    r.status = status;
    switch (status) {
    case 200:
        r.reason = "OK";
        break;
    case 400:
        r.reason = "Bad Request";
        break;
    case 401:
        r.reason = "Unauthorized";
        break;
    case 403:
        r.reason = "Forbidden";
        break;
    case 404:
        r.reason = "Not Found";
        break;
    case 429:
        r.reason = "Too Many Requests";
        break;
    case 500:
        r.reason = "Internal Server Error";
        break;
    case 502:
        r.reason = "Bad Gateway";
        break;
    case 503:
        r.reason = "Service Unavailable";
        break;
    default:
        r.reason = "Status";
        break;
    }
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    r.body.append(Step{body, 0});
    return r;
}

Response Response::sse(const QList<QByteArray> &rawChunks, int delayMs)
{
    Response r;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/event-stream")));
    r.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-cache")));
    r.chunked = true;
    for (const QByteArray &chunk : rawChunks)
        r.body.append(Step{chunk, delayMs});
    return r;
}

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool ReceivedRequest::hasHeader(const QByteArray &name) const
{
    return hasHeaderIn(headers, name);
}

// One accepted connection: reads requests (possibly in pieces), answers them one at a time.
class HttpConnection : public QObject {
public:
    HttpConnection(TestHttpServer *server, QTcpSocket *socket)
        : QObject(server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this] {
            m_in += m_socket->readAll();
            processInput();
        });
        connect(socket, &QTcpSocket::disconnected, this, [this] { dispose(); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this] { dispose(); });
    }

    void abortConnection()
    {
        if (m_socket)
            m_socket->abort();
        dispose();
    }

private:
    void dispose()
    {
        if (m_disposed)
            return;
        m_disposed = true;
        m_server->m_connections.removeOne(this);
        deleteLater();
    }

    void processInput()
    {
        while (!m_responding && !m_disposed) {
            if (!m_haveHead && !parseHead())
                return;
            if (m_in.size() < m_expectedBody)
                return;
            m_current.body = m_in.left(m_expectedBody);
            m_in.remove(0, m_expectedBody);
            m_haveHead = false;
            ReceivedRequest request = m_current;
            m_current = ReceivedRequest();
            m_server->m_requests.append(request);
            Q_EMIT m_server->requestReceived(request);
            if (m_disposed || !m_socket)
                return;
            respond(request, m_server->takeResponse(request));
        }
    }

    // Returns true once a complete request head is parsed into m_current.
    bool parseHead()
    {
        // Stray CRLFs between requests are allowed (RFC 9112 §2.2).
        while (m_in.startsWith("\r\n"))
            m_in.remove(0, 2);
        if (m_in.isEmpty())
            return false;
        // A TLS ClientHello or other non-HTTP bytes: answer at once rather than waiting for a
        // CRLFCRLF that will never come, so the client fails fast (as real servers do).
        if (!isTokenUpper(m_in.at(0))) {
            badRequest();
            return false;
        }
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_in.size() > MaxHeadBytes)
                badRequest();
            return false;
        }
        const QList<QByteArray> lines = m_in.left(end).split('\n');
        m_in.remove(0, end + 4);
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            badRequest();
            return false;
        }
        for (char c : requestLine.at(0)) {
            if (!isTokenUpper(c)) {
                badRequest();
                return false;
            }
        }
        m_current.method = requestLine.at(0);
        m_current.path = requestLine.at(1);
        m_http10 = requestLine.at(2) == "HTTP/1.0";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                badRequest();
                return false;
            }
            m_current.headers.append(qMakePair(line.left(colon).trimmed(), line.mid(colon + 1).trimmed()));
        }
        if (m_current.hasHeader("Transfer-Encoding")) { // not needed by any client we test
            badRequest();
            return false;
        }
        bool ok = true;
        const QByteArray length = m_current.header("Content-Length");
        m_expectedBody = length.isEmpty() ? 0 : length.toLongLong(&ok);
        if (!ok || m_expectedBody < 0) {
            badRequest();
            return false;
        }
        m_haveHead = true;
        return true;
    }

    void badRequest()
    {
        m_responding = true;
        m_socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        m_socket->disconnectFromHost();
    }

    void respond(const ReceivedRequest &request, const Response &r)
    {
        m_responding = true;
        m_response = r;
        const bool lengthDelimited = !r.chunked && !r.closeDelimited && r.end != Response::Hang;
        const bool clientWantsClose =
            request.header("Connection").compare("close", Qt::CaseInsensitive) == 0 || m_http10;
        m_closeAfter = r.end == Response::Close && (!r.keepAlive || r.closeDelimited || clientWantsClose);

        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + r.reason + "\r\n";
        for (const auto &h : r.headers)
            head += h.first + ": " + h.second + "\r\n";
        if (lengthDelimited && !hasHeaderIn(r.headers, "Content-Length")) {
            qint64 total = 0;
            for (const Step &s : r.body)
                total += s.bytes.size();
            head += "Content-Length: " + QByteArray::number(total) + "\r\n";
        }
        if (r.chunked && !hasHeaderIn(r.headers, "Transfer-Encoding"))
            head += "Transfer-Encoding: chunked\r\n";
        if (m_closeAfter && !hasHeaderIn(r.headers, "Connection"))
            head += "Connection: close\r\n";
        head += "\r\n";
        if (r.headerDelayMs > 0) {
            QTimer::singleShot(r.headerDelayMs, this, [this, head] { writeHead(head); });
            return;
        }
        writeHead(head);
    }

    void writeHead(const QByteArray &head)
    {
        if (!m_socket || m_disposed)
            return;
        m_socket->write(head);
        m_socket->flush();
        runSteps(0);
    }

    // Writes Steps from `index` on; zero-delay Steps go out at once, a delayed one re-enters
    // from a timer so that nothing ever blocks the event loop.
    void runSteps(int index)
    {
        for (; index < m_response.body.size(); ++index) {
            const Step &step = m_response.body.at(index);
            if (step.delayMs > 0 && m_waitedFor != index) {
                const int next = index;
                QTimer::singleShot(step.delayMs, this, [this, next] {
                    m_waitedFor = next;
                    runSteps(next);
                });
                return;
            }
            writeStep(step.bytes);
            if (m_disposed || !m_socket)
                return;
        }
        m_waitedFor = -1;
        finishResponse();
    }

    void writeStep(const QByteArray &bytes)
    {
        if (!m_socket || bytes.isEmpty())
            return;
        if (m_response.chunked)
            m_socket->write(QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
        else
            m_socket->write(bytes);
        m_socket->flush();
        m_server->addBodyBytes(bytes.size());
    }

    void finishResponse()
    {
        if (!m_socket)
            return;
        switch (m_response.end) {
        case Response::Close:
            if (m_response.chunked)
                m_socket->write("0\r\n\r\n");
            if (m_closeAfter) {
                m_socket->disconnectFromHost(); // graceful: pending bytes are flushed first
            } else {
                m_socket->flush();
                m_responding = false;
                processInput();
            }
            break;
        case Response::Hang:
            break;
        case Response::Reset: {
            m_socket->flush();
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            const struct linger lin = {1, 0};
            ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin,
                         sizeof lin);
            abortConnection();
            break;
        }
        }
    }

    TestHttpServer *m_server;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_in;
    ReceivedRequest m_current;
    bool m_haveHead = false;
    bool m_http10 = false;
    qint64 m_expectedBody = 0;
    bool m_responding = false;
    bool m_closeAfter = true;
    bool m_disposed = false;
    int m_waitedFor = -1;
    Response m_response;
};

TestHttpServer::TestHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    qRegisterMetaType<ReceivedRequest>();
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection())
            m_connections.append(new HttpConnection(this, socket));
    });
}

TestHttpServer::~TestHttpServer()
{
    closeAllConnections();
}

bool TestHttpServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl TestHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(QStringLiteral("/v1"));
    return url;
}

void TestHttpServer::route(const QByteArray &method, const QByteArray &path, const Response &r)
{
    m_routes[method + ' ' + path].append(r);
}

QVector<ReceivedRequest> TestHttpServer::requests() const
{
    return m_requests;
}

void TestHttpServer::closeAllConnections()
{
    const QList<HttpConnection *> connections = m_connections;
    for (HttpConnection *c : connections)
        c->abortConnection();
}

void TestHttpServer::close()
{
    m_server->close();
    closeAllConnections();
}

Response TestHttpServer::takeResponse(const ReceivedRequest &request)
{
    if (m_responder)
        return m_responder(request);
    QByteArray path = request.path;
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path.truncate(query);
    auto it = m_routes.find(request.method + ' ' + path);
    if (it == m_routes.end() || it->isEmpty()) {
        return Response::json(404, R"({"error":{"message":"no route for )" + request.method + ' ' + path +
                                       R"(","type":"invalid_request_error"}})");
    }
    if (it->size() > 1)
        return it->takeFirst();
    return it->first();
}

void TestHttpServer::addBodyBytes(qint64 n)
{
    m_bodyBytesWritten += n;
    Q_EMIT bytesWritten(m_bodyBytesWritten);
}

} // namespace penpal::test
