#pragma once

#include <QString>
#include <QStringList>

class QNetworkReply;
class QObject;

namespace penpal {

// Keeps what a failed TLS handshake is about, for a failure's details: each error's text,
// then the server certificate's SHA-256 fingerprint, subject, issuer and validity, so that
// the user can compare the fingerprint with the one the server's admin gives.
//
// TLS errors are never ignored, with one exception: when the server's leaf certificate has
// exactly the SHA-256 fingerprint `trustedCertSha256` (the profile's explicitly trusted
// certificate), exactly the errors reported for it are ignored and nothing is recorded.
// Without TLS support in Qt there is nothing to record.
class SslErrorRecorder {
public:
    // Appends to `into` while `context` (which owns `into`) lives.
    static void record(QNetworkReply *reply, QObject *context, QStringList *into,
                       const QString &trustedCertSha256 = {});
};

} // namespace penpal
