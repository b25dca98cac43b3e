#include "net/SslErrorRecorder.h"

#include "net/TlsTrust.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QObject>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslError>
#endif

namespace penpal {

namespace {
Q_LOGGING_CATEGORY(lcTls, "penpal.net.tls", QtInfoMsg)
} // namespace

void SslErrorRecorder::record(QNetworkReply *reply, QObject *context, QStringList *into,
                              const QString &trustedCertSha256)
{
#if QT_CONFIG(ssl)
    const QString trusted = TlsTrust::normalize(trustedCertSha256);
    // Direct connection (same thread): ignoreSslErrors() only counts inside this signal.
    QObject::connect(
        reply, &QNetworkReply::sslErrors, context, [reply, into, trusted](const QList<QSslError> &errors) {
            const QSslCertificate leaf =
                TlsTrust::leafOf(reply->sslConfiguration().peerCertificate(), errors);
            if (TlsTrust::isTrusted(leaf, trusted)) {
                // Exactly these errors, for exactly this certificate: a later, different error
                // (or another certificate on a new connection) fails again.
                reply->ignoreSslErrors(errors);
                qCInfo(lcTls) << "accepting the certificate trusted for this profile despite" << errors.size()
                              << "TLS error(s)";
                return;
            }
            for (const QSslError &e : errors)
                *into << e.errorString();
            *into << TlsTrust::describe(leaf);
            if (!trusted.isEmpty())
                *into << QCoreApplication::translate(
                             "TlsTrust", "This profile trusts a different certificate: SHA-256 %1")
                             .arg(TlsTrust::display(trusted));
        });
#else
    Q_UNUSED(reply)
    Q_UNUSED(context)
    Q_UNUSED(into)
    Q_UNUSED(trustedCertSha256)
#endif
}

} // namespace penpal
