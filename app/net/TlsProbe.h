#pragma once

#include "net/ProviderProfile.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <QtNetwork/qtnetworkglobal.h>

#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslError>
#endif

class QSslSocket;
class QTimer;

namespace penpal {

#if QT_CONFIG(ssl)

// Connects once to a profile's https server, through the profile's proxy, only to read the
// certificate it presents: what "Trust this certificate…" shows the user before pinning it.
// Nothing is sent; the connection is dropped after the handshake. Emits exactly one of
// certificateReceived()/failed(), always from the event loop after start().
class TlsProbe : public QObject {
    Q_OBJECT
public:
    TlsProbe(const ProviderProfile &profile, const QString &proxyPassword, QObject *parent = nullptr);
    ~TlsProbe() override;

    void start();
    void abort(); // no signal after this

Q_SIGNALS:
    // `errors` is empty when the certificate verifies: then there is nothing to trust.
    void certificateReceived(const QSslCertificate &leaf, const QList<QSslError> &errors);
    void failed(const QString &message);

private:
    void finish();

    ProviderProfile m_profile;
    QString m_proxyPassword;
    QPointer<QSslSocket> m_socket;
    QTimer *m_timer = nullptr;
    bool m_done = false;
};

#endif

} // namespace penpal
