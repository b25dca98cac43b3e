#pragma once

#include "net/ProviderProfile.h"

#include <QGroupBox>
#include <QPointer>

#include <functional>

class QLabel;
class QPushButton;

namespace penpal {

class TlsProbe;

// The profile's trusted certificate: which one (its SHA-256, or none), "Trust this
// certificate…" and "Forget". Trusting connects to the server once (through the profile's
// proxy), shows the certificate's fingerprint, subject and issuer with the verification
// errors, and pins it only when the user confirms. Nothing is saved here: the editor's
// profile carries the fingerprint to the settings on OK/Apply.
class TlsTrustFields : public QGroupBox {
    Q_OBJECT
public:
    // Hands the profile as edited and its proxy password to `use`, possibly later (the
    // keychain answers asynchronously).
    using Source = std::function<void(std::function<void(const ProviderProfile &, const QString &)> use)>;

    explicit TlsTrustFields(QWidget *parent = nullptr);
    ~TlsTrustFields() override;

    void setSource(Source source) { m_source = std::move(source); }
    void setTrusted(const QString &sha256); // also stops a probe under way
    QString trusted() const { return m_trusted; }

public Q_SLOTS:
    void trustCertificate();
    void forget();

Q_SIGNALS:
    void trustChanged(const QString &sha256);
    // Every end of "Trust this certificate…", for tests and the status line.
    void trustFinished(bool pinned, const QString &message);

private:
    void probe(const ProviderProfile &p, const QString &proxyPassword);
    void stopProbe();
    void finish(bool pinned, const QString &message);
    void updateLabel();

    Source m_source;
    QString m_trusted;
    QLabel *m_label;
    QPushButton *m_trust;
    QPushButton *m_forget;
    QLabel *m_status;
    QPointer<TlsProbe> m_probe;
};

} // namespace penpal
