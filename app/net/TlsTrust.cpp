#include "net/TlsTrust.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>

namespace penpal {

QString TlsTrust::normalize(const QString &text)
{
    QString hex = text.toLower();
    hex.remove(QRegularExpression(QStringLiteral("[\\s:]")));
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-f]{64}$"));
    return sha256.match(hex).hasMatch() ? hex : QString();
}

QString TlsTrust::display(const QString &sha256)
{
    const QString hex = normalize(sha256).toUpper();
    QStringList pairs;
    for (int i = 0; i + 1 < hex.size(); i += 2)
        pairs << hex.mid(i, 2);
    return pairs.join(QLatin1Char(':'));
}

#if QT_CONFIG(ssl)

QString TlsTrust::fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

QStringList TlsTrust::describe(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    auto names = [](const QStringList &parts) {
        return parts.isEmpty() ? QStringLiteral("-") : parts.join(QStringLiteral(", "));
    };
    const QString subject = certificate.subjectDisplayName().isEmpty()
                                ? names(certificate.subjectInfo(QSslCertificate::CommonName))
                                : certificate.subjectDisplayName();
    const QString issuer = certificate.issuerDisplayName().isEmpty()
                               ? names(certificate.issuerInfo(QSslCertificate::CommonName))
                               : certificate.issuerDisplayName();
    return {
        QCoreApplication::translate("TlsTrust", "Certificate SHA-256: %1")
            .arg(display(fingerprint(certificate))),
        QCoreApplication::translate("TlsTrust", "Subject: %1").arg(subject),
        QCoreApplication::translate("TlsTrust", "Issuer: %1").arg(issuer),
        QCoreApplication::translate("TlsTrust", "Valid: %1 to %2")
            .arg(certificate.effectiveDate().toString(Qt::ISODate),
                 certificate.expiryDate().toString(Qt::ISODate)),
    };
}

bool TlsTrust::isTrusted(const QSslCertificate &leaf, const QString &trustedSha256)
{
    const QString trusted = normalize(trustedSha256);
    return !trusted.isEmpty() && !leaf.isNull() && fingerprint(leaf) == trusted;
}

QSslCertificate TlsTrust::leafOf(const QSslCertificate &peer, const QList<QSslError> &errors)
{
    if (!peer.isNull())
        return peer;
    for (const QSslError &e : errors) {
        if (!e.certificate().isNull())
            return e.certificate();
    }
    return QSslCertificate();
}

#endif

} // namespace penpal
