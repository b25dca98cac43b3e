#include "net/ProxyRoute.h"

#include "net/HttpErrorMapper.h"
#include "net/ProxyRouter.h"
#include "net/SslErrorRecorder.h"
#include "net/TlsTrust.h"

#include <QCoreApplication>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace penpal {

namespace {

// Qt's own messages (qhttpsocketengine.cpp, qsocks5socketengine.cpp), in English and as Qt's
// translations word them if loaded.
JobError::Code proxyCodeFromMessage(const QString &message, JobError::Code fallback)
{
    struct Known {
        const char *context;
        const char *text;
        JobError::Code code;
    };
    static const Known known[] = {
        {"QSocks5SocketEngine", "Connection to proxy refused", JobError::ProxyRefused},
        {"QSocks5SocketEngine", "Connection to proxy closed prematurely", JobError::ProxyClosed},
        {"QSocks5SocketEngine", "Proxy host not found", JobError::ProxyNotFound},
        {"QSocks5SocketEngine", "Connection to proxy timed out", JobError::ProxyClosed},
        {"QSocks5SocketEngine", "Proxy authentication failed", JobError::ProxyAuthFailed},
        {"QHttpSocketEngine", "Proxy connection refused", JobError::ProxyRefused},
        {"QHttpSocketEngine", "Proxy connection closed prematurely", JobError::ProxyClosed},
        {"QHttpSocketEngine", "Proxy server not found", JobError::ProxyNotFound},
        {"QHttpSocketEngine", "Proxy server connection timed out", JobError::ProxyClosed},
    };
    for (const Known &k : known) {
        if (message.startsWith(QLatin1String(k.text), Qt::CaseInsensitive) ||
            message.startsWith(QCoreApplication::translate(k.context, k.text), Qt::CaseInsensitive))
            return k.code;
    }
    return fallback;
}

} // namespace

ProxyRoute::ProxyRoute(const ProviderProfile &profile)
    : m_profile(profile)
{
}

void ProxyRoute::prepare(QNetworkAccessManager *nam, QNetworkRequest &request) const
{
    ProxyRouter::of(nam)->route(request, m_profile);
#if QT_CONFIG(ssl)
    if (!TlsTrust::normalize(m_profile.trustedCertSha256).isEmpty() && request.peerVerifyName().isEmpty())
        request.setPeerVerifyName(request.url().host());
#endif
}

void ProxyRoute::watch(QNetworkReply *reply, QObject *context, QStringList *sslErrors) const
{
    SslErrorRecorder::record(reply, context, sslErrors, m_profile.trustedCertSha256);
}

JobError ProxyRoute::transportFailure(QNetworkReply *reply, const QStringList &sslErrors) const
{
    JobError e = HttpErrorMapper::fromTransportFailure(reply->error(), reply->errorString(), sslErrors);
    const bool http = m_profile.proxyMode == ProviderProfile::ProxyMode::Http;
    const bool socks = m_profile.proxyMode == ProviderProfile::ProxyMode::Socks5;
    if (!http && !socks)
        return e;
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        // Through an HTTP proxy the socket's peer is the proxy; through SOCKS5 this is the
        // server refusing, as the proxy reports it.
        if (http)
            e.code = JobError::ProxyRefused;
        break;
    case QNetworkReply::HostNotFoundError:
        // The server's name is resolved by the proxy (HTTP always, SOCKS5 by default): what
        // failed here is the proxy's own name. A SOCKS5 proxy's "host unreachable" names the
        // server, not the proxy, so it keeps its meaning.
        if (http || reply->errorString().contains(m_profile.proxyHost.trimmed(), Qt::CaseInsensitive))
            e.code = JobError::ProxyNotFound;
        break;
    case QNetworkReply::RemoteHostClosedError:
        if (http)
            e.code = JobError::ProxyClosed;
        break;
    default:
        // Qt reports most failures of its proxy socket engines as UnknownNetworkError with a
        // sentence of their own; those sentences are the only way to tell them apart.
        e.code = proxyCodeFromMessage(reply->errorString(), e.code);
        break;
    }
    return e;
}

} // namespace penpal
