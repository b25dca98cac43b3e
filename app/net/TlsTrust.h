#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <QtNetwork/qtnetworkglobal.h>

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslError>
#endif

namespace penpal {

// The one exception to "TLS errors always fail": a server certificate the user accepted
// explicitly for one profile, pinned by its SHA-256 fingerprint. Pure functions, so the rule
// is testable without a handshake.
class TlsTrust {
public:
    // "a71d5d4d..." (64 lower-case hex digits) from any spelling: upper case, colons, spaces.
    // Empty if `text` is not a SHA-256 fingerprint.
    static QString normalize(const QString &text);
    // "A7:1D:5D:..." for people comparing it with what the server's admin reads out.
    static QString display(const QString &sha256);

#if QT_CONFIG(ssl)
    // Lower-case hex SHA-256 of the DER encoding (what `openssl x509 -fingerprint -sha256` shows).
    static QString fingerprint(const QSslCertificate &certificate);
    // Fingerprint, subject, issuer and validity, one per line, for a failure's details and for
    // the confirmation the profile editor shows.
    static QStringList describe(const QSslCertificate &certificate);
    // The errors of a handshake may be ignored only when the server's leaf certificate is the
    // pinned one; `trustedSha256` empty never matches.
    static bool isTrusted(const QSslCertificate &leaf, const QString &trustedSha256);
    // The certificate the errors are about: `peer` when known, else the first one an error names.
    static QSslCertificate leafOf(const QSslCertificate &peer, const QList<QSslError> &errors);
#endif
};

} // namespace penpal
