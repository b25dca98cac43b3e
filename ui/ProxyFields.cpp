#include "ProxyFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace penpal {

ProxyFields::ProxyFields(QWidget *parent)
    : QGroupBox(tr("Proxy"), parent)
    , m_mode(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
{
    setObjectName(QStringLiteral("proxyGroup"));
    m_mode->setObjectName(QStringLiteral("proxyModeCombo"));
    m_mode->addItem(tr("System settings"), int(ProviderProfile::ProxyMode::System));
    m_mode->addItem(tr("No proxy"), int(ProviderProfile::ProxyMode::None));
    m_mode->addItem(tr("HTTP proxy"), int(ProviderProfile::ProxyMode::Http));
    m_mode->addItem(tr("SOCKS5 proxy"), int(ProviderProfile::ProxyMode::Socks5));
    m_mode->setToolTip(tr("System settings use the desktop's or the environment's proxy "
                          "(http_proxy, https_proxy), but never for localhost."));
    m_host->setObjectName(QStringLiteral("proxyHostEdit"));
    m_host->setPlaceholderText(QStringLiteral("proxy.example.com"));
    m_port->setObjectName(QStringLiteral("proxyPortSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Port"));
    m_user->setObjectName(QStringLiteral("proxyUserEdit"));
    m_user->setPlaceholderText(tr("Optional"));
    m_password->setObjectName(QStringLiteral("proxyPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Stored in the system keychain"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Mode:"), m_mode);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &ProxyFields::updateEnabled);
    connect(m_password, &QLineEdit::textEdited, this, [this] { m_passwordEdited = true; });
    updateEnabled();
}

void ProxyFields::setProfile(const ProviderProfile &p)
{
    m_mode->setCurrentIndex(qMax(0, m_mode->findData(int(p.proxyMode))));
    m_host->setText(p.proxyHost);
    m_port->setValue(p.proxyPort);
    m_user->setText(p.proxyUser);
    m_password->clear();
    m_password->setPlaceholderText(tr("Stored in the system keychain"));
    m_passwordEdited = false;
    updateEnabled();
}

void ProxyFields::applyTo(ProviderProfile &p) const
{
    p.proxyMode = ProviderProfile::ProxyMode(m_mode->currentData().toInt());
    p.proxyHost = m_host->text().trimmed();
    p.proxyPort = m_port->value();
    p.proxyUser = m_user->text().trimmed();
}

QString ProxyFields::password() const
{
    return m_password->text();
}

void ProxyFields::setPasswordPlaceholder(const QString &text)
{
    m_password->setPlaceholderText(text);
}

void ProxyFields::updateEnabled()
{
    const auto mode = ProviderProfile::ProxyMode(m_mode->currentData().toInt());
    const bool manual =
        mode == ProviderProfile::ProxyMode::Http || mode == ProviderProfile::ProxyMode::Socks5;
    for (QWidget *w : {static_cast<QWidget *>(m_host), static_cast<QWidget *>(m_port),
                       static_cast<QWidget *>(m_user), static_cast<QWidget *>(m_password)})
        w->setEnabled(manual);
}

} // namespace penpal
