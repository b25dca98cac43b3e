#include "net/ProxyRouter.h"

#include <QHostAddress>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QUrl>

namespace penpal {

namespace {

const QLatin1String RoutePrefix("penpal-route=");

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
        host.endsWith(QLatin1String(".localhost"), Qt::CaseInsensitive))
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

QString hostOf(const QNetworkProxyQuery &query)
{
    return query.url().isEmpty() ? query.peerHostName() : query.url().host();
}

} // namespace

ProxyRouter::ProxyRouter() = default;
ProxyRouter::~ProxyRouter() = default;

ProxyRouter *ProxyRouter::of(QNetworkAccessManager *nam)
{
    if (auto *router = dynamic_cast<ProxyRouter *>(nam->proxyFactory()))
        return router;
    auto *router = new ProxyRouter;
    nam->setProxyFactory(router);
    return router;
}

void ProxyRouter::route(QNetworkRequest &request, const ProviderProfile &profile)
{
    Route r;
    r.mode = profile.proxyMode;
    if (r.mode == ProviderProfile::ProxyMode::Http || r.mode == ProviderProfile::ProxyMode::Socks5) {
        r.host = profile.proxyHost.trimmed();
        r.port = profile.proxyPort;
        r.user = profile.proxyUser;
        r.password = password(profile.proxyKeychainEntry());
    }
    int index;
    {
        QMutexLocker lock(&m_mutex);
        index = int(m_routes.indexOf(r));
        if (index < 0) {
            m_routes.append(r);
            index = int(m_routes.size()) - 1;
        }
    }
    QUrl url = request.url();
    url.setFragment(RoutePrefix + QString::number(index + 1));
    request.setUrl(url);
}

void ProxyRouter::setPassword(const QString &keychainEntry, const QString &password)
{
    QMutexLocker lock(&m_mutex);
    if (password.isEmpty())
        m_passwords.remove(keychainEntry);
    else
        m_passwords.insert(keychainEntry, password);
}

QString ProxyRouter::password(const QString &keychainEntry) const
{
    QMutexLocker lock(&m_mutex);
    return m_passwords.value(keychainEntry);
}

int ProxyRouter::routeOf(const QUrl &url)
{
    const QString fragment = url.fragment();
    if (!fragment.startsWith(RoutePrefix))
        return 0;
    bool ok = false;
    const int n = fragment.mid(RoutePrefix.size()).toInt(&ok);
    return ok ? n : 0;
}

QList<QNetworkProxy> ProxyRouter::queryProxy(const QNetworkProxyQuery &query)
{
    const int n = routeOf(query.url());
    Route r;
    {
        QMutexLocker lock(&m_mutex);
        if (n < 1 || n > m_routes.size())
            return systemProxies(query);
        r = m_routes.at(n - 1);
    }
    ProviderProfile p;
    p.proxyMode = r.mode;
    p.proxyHost = r.host;
    p.proxyPort = r.port;
    p.proxyUser = r.user;
    return proxiesFor(p, r.password, query);
}

QNetworkProxy ProxyRouter::manualProxy(const ProviderProfile &profile, const QString &password)
{
    const auto type = profile.proxyMode == ProviderProfile::ProxyMode::Socks5 ? QNetworkProxy::Socks5Proxy
                                                                              : QNetworkProxy::HttpProxy;
    // A user without a password is still sent: some proxies only want a name.
    return QNetworkProxy(type, profile.proxyHost.trimmed(), quint16(qBound(0, profile.proxyPort, 65535)),
                         profile.proxyUser, profile.proxyUser.isEmpty() ? QString() : password);
}

QList<QNetworkProxy> ProxyRouter::proxiesFor(const ProviderProfile &profile, const QString &password,
                                             const QNetworkProxyQuery &query)
{
    switch (profile.proxyMode) {
    case ProviderProfile::ProxyMode::None:
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    case ProviderProfile::ProxyMode::Http:
    case ProviderProfile::ProxyMode::Socks5:
        return {manualProxy(profile, password)};
    case ProviderProfile::ProxyMode::System:
        break;
    }
    return systemProxies(query);
}

QList<QNetworkProxy> ProxyRouter::systemProxies(const QNetworkProxyQuery &query)
{
    if (isLoopback(hostOf(query)))
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    QList<QNetworkProxy> proxies = systemProxyForQuery(query);
    if (proxies.isEmpty())
        proxies << QNetworkProxy(QNetworkProxy::NoProxy);
    return proxies;
}

} // namespace penpal
