#include "support/TestSocks5Proxy.h"

#include "support/TestProxyRelay.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

#include <memory>

namespace penpal::test {

struct TestSocks5Proxy::Session {
    enum State { Greeting, Auth, Request, Done } state = Greeting;
    QByteArray buffer;
};

namespace {

constexpr char Version = 0x05;
constexpr char NoAuth = 0x00;
constexpr char UserPassword = 0x02;
constexpr char NoAcceptable = char(0xFF);

QByteArray pair(char a, char b)
{
    QByteArray out;
    out.append(a).append(b);
    return out;
}

quint8 byteAt(const QByteArray &b, qsizetype i)
{
    return quint8(b.at(i));
}

} // namespace

TestSocks5Proxy::TestSocks5Proxy(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &TestSocks5Proxy::onNewConnection);
}

TestSocks5Proxy::~TestSocks5Proxy() = default;

bool TestSocks5Proxy::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestSocks5Proxy::port() const
{
    return m_server->serverPort();
}

void TestSocks5Proxy::requireCredentials(const QByteArray &user, const QByteArray &password)
{
    m_user = user;
    m_password = password;
}

void TestSocks5Proxy::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        ++m_connections;
        auto session = std::make_shared<Session>();
        connect(client, &QTcpSocket::readyRead, this, [this, client, session] {
            session->buffer += client->readAll();
            for (;;) {
                bool progressed = false;
                switch (session->state) {
                case Session::Greeting:
                    progressed = greet(client, *session);
                    break;
                case Session::Auth:
                    progressed = authenticate(client, *session);
                    break;
                case Session::Request:
                    progressed = request(client, *session);
                    break;
                case Session::Done:
                    break;
                }
                if (!progressed || session->state == Session::Done)
                    break;
            }
        });
        connect(client, &QTcpSocket::disconnected, client, [client] {
            if (client->property("penpalRelayed").isNull())
                client->deleteLater();
        });
    }
}

bool TestSocks5Proxy::greet(QTcpSocket *client, Session &s)
{
    if (s.buffer.size() < 2)
        return false;
    if (byteAt(s.buffer, 0) != quint8(Version)) {
        client->abort();
        s.state = Session::Done;
        return true;
    }
    const int methods = byteAt(s.buffer, 1);
    if (s.buffer.size() < 2 + methods)
        return false;
    const QByteArray offered = s.buffer.mid(2, methods);
    s.buffer.remove(0, 2 + methods);
    const bool wantAuth = !m_user.isEmpty();
    const char chosen = wantAuth ? UserPassword : NoAuth;
    if (!offered.contains(chosen)) {
        client->write(pair(Version, NoAcceptable));
        client->disconnectFromHost();
        s.state = Session::Done;
        return true;
    }
    client->write(pair(Version, chosen));
    s.state = wantAuth ? Session::Auth : Session::Request;
    return true;
}

// RFC 1929: VER=1, ULEN, UNAME, PLEN, PASSWD; answered with VER=1, STATUS (0 = success).
bool TestSocks5Proxy::authenticate(QTcpSocket *client, Session &s)
{
    if (s.buffer.size() < 2)
        return false;
    const int ulen = byteAt(s.buffer, 1);
    if (s.buffer.size() < 2 + ulen + 1)
        return false;
    const int plen = byteAt(s.buffer, 2 + ulen);
    if (s.buffer.size() < 3 + ulen + plen)
        return false;
    const QByteArray user = s.buffer.mid(2, ulen);
    const QByteArray password = s.buffer.mid(3 + ulen, plen);
    s.buffer.remove(0, 3 + ulen + plen);
    if (user != m_user || password != m_password) {
        ++m_authFailures;
        client->write(pair(0x01, 0x01));
        client->disconnectFromHost();
        s.state = Session::Done;
        return true;
    }
    client->write(pair(0x01, 0x00));
    s.state = Session::Request;
    return true;
}

// VER, CMD, RSV, ATYP, DST.ADDR, DST.PORT.
bool TestSocks5Proxy::request(QTcpSocket *client, Session &s)
{
    if (s.buffer.size() < 5)
        return false;
    const quint8 command = byteAt(s.buffer, 1);
    const quint8 type = byteAt(s.buffer, 3);
    qsizetype addressEnd = 0;
    QString host;
    if (type == 0x01) {
        addressEnd = 4 + 4;
        if (s.buffer.size() < addressEnd + 2)
            return false;
        host = QHostAddress(qFromBigEndian<quint32>(s.buffer.constData() + 4)).toString();
    } else if (type == 0x03) {
        addressEnd = 5 + byteAt(s.buffer, 4);
        if (s.buffer.size() < addressEnd + 2)
            return false;
        host = QString::fromLatin1(s.buffer.mid(5, byteAt(s.buffer, 4)));
    } else if (type == 0x04) {
        addressEnd = 4 + 16;
        if (s.buffer.size() < addressEnd + 2)
            return false;
        host = QHostAddress(reinterpret_cast<const quint8 *>(s.buffer.constData() + 4)).toString();
    } else {
        client->write(QByteArray("\x05\x08\x00\x01\x00\x00\x00\x00\x00\x00", 10)); // address type
        client->disconnectFromHost();
        s.state = Session::Done;
        return true;
    }
    const quint16 port = qFromBigEndian<quint16>(s.buffer.constData() + addressEnd);
    const QByteArray rest = s.buffer.mid(addressEnd + 2);
    s.buffer.clear();
    s.state = Session::Done;
    m_destinations << host.toLatin1() + ':' + QByteArray::number(port);
    if (command != 0x01) {
        client->write(QByteArray("\x05\x07\x00\x01\x00\x00\x00\x00\x00\x00", 10)); // command
        client->disconnectFromHost();
        return true;
    }

    auto *upstream = new QTcpSocket(this);
    client->setProperty("penpalRelayed", true);
    disconnect(client, &QTcpSocket::readyRead, this, nullptr);
    QPointer<QTcpSocket> c(client);
    connect(upstream, &QTcpSocket::connected, this, [this, c, upstream, rest] {
        disconnect(upstream, &QTcpSocket::errorOccurred, this, nullptr); // the relay's now
        if (!c) {
            upstream->abort();
            upstream->deleteLater();
            return;
        }
        ++m_connects;
        c->write(QByteArray("\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x00", 10));
        TestProxyRelay::pipe(c, upstream, rest);
    });
    connect(upstream, &QTcpSocket::errorOccurred, this, [c, upstream](QAbstractSocket::SocketError) {
        if (c) {
            c->write(QByteArray("\x05\x05\x00\x01\x00\x00\x00\x00\x00\x00", 10)); // refused
            c->disconnectFromHost();
        }
        upstream->deleteLater();
    });
    upstream->connectToHost(TestProxyRelay::upstreamHost(host, m_upstreamHost), port);
    return true;
}

} // namespace penpal::test
