#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class QSslServer;

namespace penpal::test {

// An https front on 127.0.0.1 for TLS tests: terminates TLS with a certificate from
// tests/fixtures/tls and relays the plain bytes to a TestHttpServer, so the same scripted
// routes answer over https. Counts handshakes started and finished.
class TestTlsServer : public QObject {
    Q_OBJECT
public:
    explicit TestTlsServer(QObject *parent = nullptr);
    ~TestTlsServer() override;

    // A file of tests/fixtures/tls ("server.crt", "other.key", ...).
    static QString fixture(const QString &name);
    // The SHA-256 of a fixture certificate, lower-case hex, computed here with Qt alone.
    static QString fixtureSha256(const QString &certName);

    // Serves `certName`/`keyName` (fixture names) and relays to 127.0.0.1:`upstreamPort`.
    bool listen(const QString &certName, const QString &keyName, quint16 upstreamPort);
    quint16 port() const;
    QUrl baseUrl() const; // https://127.0.0.1:<port>/v1

    int handshakesStarted() const { return m_started; }
    int handshakesFinished() const { return m_finished; }

private:
    QSslServer *m_server;
    quint16 m_upstreamPort = 0;
    int m_started = 0;
    int m_finished = 0;
};

} // namespace penpal::test
