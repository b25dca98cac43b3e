#pragma once

#include "net/JobError.h"
#include "net/ProviderProfile.h"

#include <QStringList>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QObject;

namespace penpal {

// A job's way out, copied from its profile when the job is made: the profile's proxy (through
// the manager's ProxyRouter) and the certificate the profile trusts (through
// SslErrorRecorder). Every job that sends a profile's request does both:
//
//     QNetworkRequest request = ...;
//     m_route.prepare(m_nam, request);
//     m_reply = m_nam->post(request, body);
//     m_route.watch(m_reply, this, &m_sslErrors);
//     ... and on a failure without a status: m_route.transportFailure(m_reply, m_sslErrors)
class ProxyRoute {
public:
    ProxyRoute() = default;
    explicit ProxyRoute(const ProviderProfile &profile);

    // Routes `request` through the profile's proxy. With a trusted certificate the request
    // also names its TLS peer explicitly: Qt keys pooled connections by that name, so a
    // connection opened under this profile's exception is never reused by a profile without it.
    void prepare(QNetworkAccessManager *nam, QNetworkRequest &request) const;
    // Records TLS errors into `sslErrors` (owned by `context`), or ignores them for the trusted
    // certificate.
    void watch(QNetworkReply *reply, QObject *context, QStringList *sslErrors) const;
    // The typed failure of a reply that ended without an HTTP status (what
    // HttpErrorMapper::fromTransportFailure() makes of it), told apart for a manual proxy:
    // then the only connection made from here is the one to the proxy, so a refused
    // connection or an unknown host name is the proxy's, although Qt reports it as a plain
    // socket error for an HTTP proxy.
    JobError transportFailure(QNetworkReply *reply, const QStringList &sslErrors) const;

    const ProviderProfile &profile() const { return m_profile; }

private:
    ProviderProfile m_profile;
};

} // namespace penpal
