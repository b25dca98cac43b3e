#include "support/TestTlsServer.h"

#include "support/TestProxyRelay.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>

namespace penpal::test {

TestTlsServer::TestTlsServer(QObject *parent)
    : QObject(parent)
    , m_server(new QSslServer(this))
{
    connect(m_server, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *) { ++m_started; });
    // QSslServer hands out a socket only once its handshake succeeded, and says so with
    // pendingConnectionAvailable (not newConnection).
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *client = m_server->nextPendingConnection()) {
            ++m_finished;
            client->setProperty("penpalRelayed", true);
            auto *upstream = new QTcpSocket(this);
            connect(upstream, &QTcpSocket::connected, this,
                    [client, upstream] { TestProxyRelay::pipe(client, upstream); });
            upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
        }
    });
}

TestTlsServer::~TestTlsServer() = default;

QString TestTlsServer::fixture(const QString &name)
{
    return QDir(QStringLiteral(PENPAL_FIXTURES_DIR "/tls")).filePath(name);
}

QString TestTlsServer::fixtureSha256(const QString &certName)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(fixture(certName));
    if (certs.isEmpty())
        return {};
    return QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha256).toHex());
}

bool TestTlsServer::listen(const QString &certName, const QString &keyName, quint16 upstreamPort)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(fixture(certName));
    QFile keyFile(fixture(keyName));
    if (certs.isEmpty() || !keyFile.open(QIODevice::ReadOnly))
        return false;
    const QSslKey key(&keyFile, QSsl::Rsa);
    if (key.isNull())
        return false;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certs.first());
    config.setPrivateKey(key);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients show no certificate
    m_server->setSslConfiguration(config);
    m_upstreamPort = upstreamPort;
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TestTlsServer::port() const
{
    return m_server->serverPort();
}

QUrl TestTlsServer::baseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1/v1").arg(port()));
}

} // namespace penpal::test
