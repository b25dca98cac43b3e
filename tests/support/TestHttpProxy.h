#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;

namespace penpal::test {

// An HTTP proxy on 127.0.0.1 for network tests: relays absolute-form requests
// ("POST http://host:port/path HTTP/1.1", rewritten to origin form) and tunnels CONNECT
// requests, optionally demanding Basic proxy authentication (407 otherwise). It counts what
// it saw, so a test can prove a request really went through it.
class TestHttpProxy : public QObject {
    Q_OBJECT
public:
    explicit TestHttpProxy(QObject *parent = nullptr);
    ~TestHttpProxy() override;

    bool listen(); // 127.0.0.1, ephemeral port
    quint16 port() const;
    // Requests without "Proxy-Authorization: Basic base64(user:password)" get a 407.
    void requireCredentials(const QByteArray &user, const QByteArray &password);
    // Connect here instead of the host a request names (the port stays the request's).
    void setUpstreamHost(const QString &host) { m_upstreamHost = host; }

    int connectionCount() const { return m_connections; }   // client connections accepted
    int forwardedCount() const { return m_forwarded; }      // absolute-form requests relayed
    int tunnelCount() const { return m_tunnels; }           // CONNECT tunnels opened
    int authFailureCount() const { return m_authFailures; } // 407s sent
    // Request targets as received: "http://127.0.0.1:1234/v1/models", "127.0.0.1:4443".
    QList<QByteArray> targets() const { return m_targets; }

private:
    void onNewConnection();
    void onClientData(QTcpSocket *client);
    bool handleHead(QTcpSocket *client, const QByteArray &head, QByteArray rest);

    QTcpServer *m_server;
    QByteArray m_expectedAuth; // the whole header value, empty = no auth
    QString m_upstreamHost;
    int m_connections = 0;
    int m_forwarded = 0;
    int m_tunnels = 0;
    int m_authFailures = 0;
    QList<QByteArray> m_targets;
};

} // namespace penpal::test
