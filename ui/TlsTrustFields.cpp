#include "TlsTrustFields.h"

#include "net/TlsProbe.h"
#include "net/TlsTrust.h"

#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

namespace penpal {

TlsTrustFields::TlsTrustFields(QWidget *parent)
    : QGroupBox(tr("Server certificate"), parent)
    , m_label(new QLabel(this))
    , m_trust(new QPushButton(tr("Trust This Certificate…"), this))
    , m_forget(new QPushButton(tr("Forget"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("tlsTrustGroup"));
    m_label->setObjectName(QStringLiteral("trustedCertLabel"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trust->setObjectName(QStringLiteral("trustCertButton"));
    m_trust->setToolTip(tr("For a server with a self-signed certificate: connect once, compare its "
                           "fingerprint with the one its administrator gave you, and accept it for "
                           "this profile only"));
    m_forget->setObjectName(QStringLiteral("forgetCertButton"));
    m_status->setObjectName(QStringLiteral("trustCertStatus"));
    m_status->setWordWrap(true);

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_label, 0, 0, 1, 3);
    grid->addWidget(m_trust, 1, 0);
    grid->addWidget(m_forget, 1, 1);
    grid->addWidget(m_status, 2, 0, 1, 3);
    grid->setColumnStretch(2, 1);

    connect(m_trust, &QPushButton::clicked, this, &TlsTrustFields::trustCertificate);
    connect(m_forget, &QPushButton::clicked, this, &TlsTrustFields::forget);
    updateLabel();
}

TlsTrustFields::~TlsTrustFields()
{
    stopProbe();
}

void TlsTrustFields::setTrusted(const QString &sha256)
{
    stopProbe();
    m_status->clear();
    const QString normalized = TlsTrust::normalize(sha256);
    if (normalized == m_trusted)
        return;
    m_trusted = normalized;
    updateLabel();
    Q_EMIT trustChanged(m_trusted);
}

void TlsTrustFields::forget()
{
    setTrusted({});
    m_status->setText(tr("TLS errors fail again for this profile once you save."));
}

void TlsTrustFields::updateLabel()
{
    m_label->setText(
        m_trusted.isEmpty()
            ? tr("No exception: certificates must verify.")
            : tr("Trusted despite failed verification: SHA-256 %1").arg(TlsTrust::display(m_trusted)));
    m_forget->setEnabled(!m_trusted.isEmpty());
}

void TlsTrustFields::trustCertificate()
{
    stopProbe();
    if (!m_source)
        return;
    m_status->setText(tr("Connecting…"));
    QPointer<TlsTrustFields> self(this);
    m_source([self](const ProviderProfile &p, const QString &proxyPassword) {
        if (self)
            self->probe(p, proxyPassword);
    });
}

void TlsTrustFields::probe(const ProviderProfile &p, const QString &proxyPassword)
{
    stopProbe();
    m_probe = new TlsProbe(p, proxyPassword, this);
    const QString server = QStringLiteral("%1:%2").arg(p.baseUrl.host()).arg(p.baseUrl.port(443));
    connect(m_probe, &TlsProbe::failed, this, [this](const QString &message) {
        stopProbe();
        finish(false, tr("Could not read the certificate: %1").arg(message));
    });
    connect(m_probe, &TlsProbe::certificateReceived, this,
            [this, server](const QSslCertificate &leaf, const QList<QSslError> &errors) {
                stopProbe();
                if (errors.isEmpty()) {
                    finish(false, tr("The certificate of %1 verifies; no exception is needed.").arg(server));
                    return;
                }
                QStringList problems;
                for (const QSslError &e : errors)
                    problems << QStringLiteral("• ") + e.errorString();
                QMessageBox box(QMessageBox::Warning, tr("Trust This Certificate?"),
                                tr("The certificate of %1 could not be verified:\n%2\n\nTrust it only if its "
                                   "fingerprint is exactly the one the server's administrator gave you.")
                                    .arg(server, problems.join(QLatin1Char('\n'))),
                                QMessageBox::Cancel, this);
                box.setObjectName(QStringLiteral("trustCertificateDialog"));
                box.setInformativeText(TlsTrust::describe(leaf).join(QLatin1Char('\n')));
                box.setTextInteractionFlags(Qt::TextSelectableByMouse);
                QPushButton *trust = box.addButton(tr("Trust for This Profile"), QMessageBox::AcceptRole);
                trust->setObjectName(QStringLiteral("trustCertificateConfirm"));
                box.setDefaultButton(qobject_cast<QPushButton *>(box.button(QMessageBox::Cancel)));
                box.exec();
                if (box.clickedButton() != trust) {
                    finish(false, tr("Not trusted."));
                    return;
                }
                setTrusted(TlsTrust::fingerprint(leaf));
                finish(true, tr("Trusted. OK or Apply keeps it for this profile."));
            });
    m_probe->start();
}

void TlsTrustFields::finish(bool pinned, const QString &message)
{
    m_status->setText(message);
    Q_EMIT trustFinished(pinned, message);
}

void TlsTrustFields::stopProbe()
{
    if (!m_probe)
        return;
    TlsProbe *probe = m_probe;
    m_probe = nullptr;
    probe->disconnect(this);
    probe->abort();
    probe->deleteLater();
}

} // namespace penpal
