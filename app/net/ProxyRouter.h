#pragma once

#include "net/ProviderProfile.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QString>

class QNetworkAccessManager;
class QNetworkRequest;
class QUrl;

namespace penpal {

// Gives every profile its own proxy although all requests share the one
// QNetworkAccessManager: the router is that manager's QNetworkProxyFactory, and each request
// names its proxy settings in its URL's fragment ("#penpal-route=N").
//
// Why the fragment: the manager asks its factory with nothing but the request URL, and asks
// later, from the event loop, so neither a per-request attribute nor "the proxy for the next
// request" can reach it. A fragment is never sent (not in the request line, not to a proxy,
// not in Host), yet stays on the URL Qt hands to queryProxy(). Routes are keyed by the proxy
// settings themselves (mode, host, port, user, password), not by profile id: an edited,
// unsaved profile being tested and the saved one streaming a reply can never take each
// other's proxy, and a changed setting is simply a new route. Qt keys its pooled connections
// by proxy (user and password included), so requests of different routes never share one.
//
// Requests without a route (an image fetched from a link, a redirect target) get what the
// system says, like System mode.
class ProxyRouter : public QNetworkProxyFactory {
public:
    ProxyRouter();
    ~ProxyRouter() override;

    // The router of `nam`, installing one first when the manager has none (the manager owns it).
    static ProxyRouter *of(QNetworkAccessManager *nam);

    // Tags `request` (its URL's fragment) with the route of `profile`'s proxy settings and the
    // password cached for its keychain entry.
    void route(QNetworkRequest &request, const ProviderProfile &profile);

    // Proxy passwords by keychain entry (ProviderProfile::proxyKeychainEntry()), in memory only,
    // filled from the keychain by ProxyCredentials before requests are made.
    void setPassword(const QString &keychainEntry, const QString &password);
    QString password(const QString &keychainEntry) const;

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query = QNetworkProxyQuery()) override;

    // The manual proxy of a profile (Http or Socks5 mode), user and password included.
    static QNetworkProxy manualProxy(const ProviderProfile &profile, const QString &password);
    // What a profile's settings mean for one connection. System mode asks the system
    // (environment, desktop settings) except for loopback hosts, which Qt never proxies by
    // default either: a local model server must not go through the office proxy.
    static QList<QNetworkProxy> proxiesFor(const ProviderProfile &profile, const QString &password,
                                           const QNetworkProxyQuery &query);
    static QList<QNetworkProxy> systemProxies(const QNetworkProxyQuery &query);

private:
    struct Route {
        ProviderProfile::ProxyMode mode = ProviderProfile::ProxyMode::System;
        QString host;
        int port = 0;
        QString user;
        QString password;
        bool operator==(const Route &o) const
        {
            return mode == o.mode && host == o.host && port == o.port && user == o.user &&
                   password == o.password;
        }
    };
    static int routeOf(const QUrl &url);

    mutable QMutex m_mutex; // Qt may ask a factory from any thread
    QList<Route> m_routes;  // index = route number; a handful, one per distinct setting
    QHash<QString, QString> m_passwords;
};

} // namespace penpal
