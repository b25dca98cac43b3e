#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;

namespace penpal::test {

// A SOCKS5 proxy on 127.0.0.1 for network tests: RFC 1928 CONNECT (IPv4, IPv6 and domain
// addresses) with either no authentication or, once credentials are required, only RFC 1929
// username/password. Counts what it saw, so a test can prove a connection went through it.
class TestSocks5Proxy : public QObject {
    Q_OBJECT
public:
    explicit TestSocks5Proxy(QObject *parent = nullptr);
    ~TestSocks5Proxy() override;

    bool listen(); // 127.0.0.1, ephemeral port
    quint16 port() const;
    void requireCredentials(const QByteArray &user, const QByteArray &password);
    // Connect here instead of the address a request names (the port stays the request's).
    void setUpstreamHost(const QString &host) { m_upstreamHost = host; }

    int connectionCount() const { return m_connections; } // client connections accepted
    int connectCount() const { return m_connects; }       // CONNECTs relayed
    int authFailureCount() const { return m_authFailures; }
    QList<QByteArray> destinations() const { return m_destinations; } // "host:port" as asked

private:
    struct Session;
    void onNewConnection();
    void onData(QTcpSocket *client);
    // Each step consumes its message from the session's buffer; false = wait for more bytes.
    bool greet(QTcpSocket *client, Session &s);
    bool authenticate(QTcpSocket *client, Session &s);
    bool request(QTcpSocket *client, Session &s);

    QTcpServer *m_server;
    QByteArray m_user;
    QByteArray m_password;
    QString m_upstreamHost;
    int m_connections = 0;
    int m_connects = 0;
    int m_authFailures = 0;
    QList<QByteArray> m_destinations;
};

} // namespace penpal::test
