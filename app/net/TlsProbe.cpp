#include "net/TlsProbe.h"

#if QT_CONFIG(ssl)

#include "net/ProxyRouter.h"
#include "net/TlsTrust.h"

#include <QCoreApplication>
#include <QNetworkProxyQuery>
#include <QSslSocket>
#include <QTimer>

namespace penpal {

TlsProbe::TlsProbe(const ProviderProfile &profile, const QString &proxyPassword, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_proxyPassword(proxyPassword)
{
}

TlsProbe::~TlsProbe()
{
    abort();
}

void TlsProbe::start()
{
    if (m_socket || m_done)
        return;
    const QUrl url = m_profile.baseUrl;
    if (url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        m_done = true;
        const QString message =
            QCoreApplication::translate("TlsProbe", "Only an https:// base URL has a certificate to trust.");
        QTimer::singleShot(0, this, [this, message] { Q_EMIT failed(message); });
        return;
    }
    const QString host = url.host();
    const int port = url.port(443);

    // No parent: a listener may delete this probe from inside one of the socket's signals;
    // the socket then goes later (finish()), never while it is still in its own code.
    m_socket = new QSslSocket;
    const QList<QNetworkProxy> proxies = ProxyRouter::proxiesFor(
        m_profile, m_proxyPassword,
        QNetworkProxyQuery(host, port, QStringLiteral("https"), QNetworkProxyQuery::TcpSocket));
    m_socket->setProxy(proxies.value(0, QNetworkProxy(QNetworkProxy::NoProxy)));

    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (m_done)
            return;
        // Not ignored: the handshake fails after this, and nothing is ever sent.
        const QSslCertificate leaf = TlsTrust::leafOf(m_socket->peerCertificate(), errors);
        finish();
        Q_EMIT certificateReceived(leaf, errors);
    });
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        if (m_done)
            return;
        const QSslCertificate leaf = m_socket->peerCertificate();
        finish();
        Q_EMIT certificateReceived(leaf, {});
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_done)
            return;
        const QString message = m_socket->errorString();
        finish();
        Q_EMIT failed(message);
    });
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_done)
            return;
        finish();
        Q_EMIT failed(QCoreApplication::translate("TlsProbe", "The server did not answer in time."));
    });
    m_timer->start(qMax(1000, m_profile.connectTimeoutMs));
    m_socket->connectToHostEncrypted(host, quint16(port));
}

void TlsProbe::abort()
{
    m_done = true;
    finish();
}

void TlsProbe::finish()
{
    m_done = true;
    if (m_timer)
        m_timer->stop();
    if (m_socket) {
        QSslSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        QMetaObject::invokeMethod(socket, &QSslSocket::abort, Qt::QueuedConnection);
        socket->deleteLater();
    }
}

} // namespace penpal

#endif
