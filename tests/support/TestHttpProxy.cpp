#include "support/TestHttpProxy.h"

#include "support/TestProxyRelay.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace penpal::test {

namespace {

constexpr qsizetype MaxHeadBytes = 64 * 1024;
const char *const BufferProperty = "penpalProxyBuffer";
const char *const SkipProperty = "penpalProxySkip"; // body bytes of a refused request

QByteArray headerValue(const QList<QByteArray> &lines, const QByteArray &name)
{
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

TestHttpProxy::TestHttpProxy(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &TestHttpProxy::onNewConnection);
}

TestHttpProxy::~TestHttpProxy() = default;

bool TestHttpProxy::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestHttpProxy::port() const
{
    return m_server->serverPort();
}

void TestHttpProxy::requireCredentials(const QByteArray &user, const QByteArray &password)
{
    m_expectedAuth = "Basic " + (user + ':' + password).toBase64();
}

void TestHttpProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        ++m_connections;
        connect(client, &QTcpSocket::readyRead, this, [this, client] { onClientData(client); });
        connect(client, &QTcpSocket::disconnected, client, [client] {
            // Sockets handed to a relay are deleted by it; the others here.
            if (client->property("penpalRelayed").isNull())
                client->deleteLater();
        });
    }
}

void TestHttpProxy::onClientData(QTcpSocket *client)
{
    QByteArray buffer = client->property(BufferProperty).toByteArray() + client->readAll();
    for (;;) {
        qint64 skip = client->property(SkipProperty).toLongLong();
        if (skip > 0) {
            const qint64 n = qMin<qint64>(skip, buffer.size());
            buffer.remove(0, n);
            client->setProperty(SkipProperty, skip - n);
            if (skip - n > 0)
                break;
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (buffer.size() > MaxHeadBytes)
                client->abort();
            break;
        }
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        if (!handleHead(client, head, buffer))
            return; // handed to a relay (or closed): no more parsing here
    }
    client->setProperty(BufferProperty, buffer);
}

// Returns false once the connection is no longer ours to parse.
bool TestHttpProxy::handleHead(QTcpSocket *client, const QByteArray &head, QByteArray rest)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &l : lines)
        l = l.trimmed();
    const QList<QByteArray> requestLine = lines.value(0).split(' ');
    if (requestLine.size() != 3) {
        client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        client->disconnectFromHost();
        return false;
    }
    const QByteArray method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    m_targets << target;

    if (!m_expectedAuth.isEmpty() && headerValue(lines, "Proxy-Authorization") != m_expectedAuth) {
        ++m_authFailures;
        // The refused request's body is still on its way: skip it, the client may retry on
        // this same connection with credentials.
        client->setProperty(SkipProperty, headerValue(lines, "Content-Length").toLongLong());
        client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                      "Proxy-Authenticate: Basic realm=\"penpal-test\"\r\n"
                      "Content-Length: 0\r\n\r\n");
        return true;
    }

    QString host;
    quint16 port = 0;
    QByteArray upstreamHead;
    if (method == "CONNECT") {
        const qsizetype colon = target.lastIndexOf(':');
        host = QString::fromLatin1(target.left(colon));
        port = quint16(target.mid(colon + 1).toUInt());
    } else {
        const QUrl url = QUrl::fromEncoded(target);
        if (!url.isValid() || url.scheme() != QLatin1String("http")) {
            client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return false;
        }
        host = url.host();
        port = quint16(url.port(80));
        // Origin form for the server, one request per connection (the pipe is dumb).
        upstreamHead =
            method + ' ' + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) + " HTTP/1.1\r\n";
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray name = lines.at(i).left(lines.at(i).indexOf(':')).trimmed().toLower();
            if (name.startsWith("proxy-") || name == "connection" || name.isEmpty())
                continue;
            upstreamHead += lines.at(i) + "\r\n";
        }
        upstreamHead += "Connection: close\r\n\r\n";
    }

    auto *upstream = new QTcpSocket(this);
    client->setProperty("penpalRelayed", true);
    client->setProperty(BufferProperty, QVariant());
    disconnect(client, &QTcpSocket::readyRead, this, nullptr);
    const bool tunnel = method == "CONNECT";
    QPointer<QTcpSocket> c(client);
    connect(upstream, &QTcpSocket::connected, this, [this, c, upstream, tunnel, upstreamHead, rest] {
        disconnect(upstream, &QTcpSocket::errorOccurred, this, nullptr); // the relay's now
        if (!c) {
            upstream->abort();
            upstream->deleteLater();
            return;
        }
        if (tunnel) {
            ++m_tunnels;
            c->write("HTTP/1.1 200 Connection established\r\n\r\n");
            TestProxyRelay::pipe(c, upstream, rest);
        } else {
            ++m_forwarded;
            TestProxyRelay::pipe(c, upstream, upstreamHead + rest);
        }
    });
    connect(upstream, &QTcpSocket::errorOccurred, this, [c, upstream](QAbstractSocket::SocketError) {
        if (c) {
            c->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            c->disconnectFromHost();
        }
        upstream->deleteLater();
    });
    upstream->connectToHost(TestProxyRelay::upstreamHost(host, m_upstreamHost), port);
    return false;
}

} // namespace penpal::test
