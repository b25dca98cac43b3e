#pragma once

#include "net/ProviderProfile.h"

#include <QGroupBox>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace penpal {

// The proxy part of the profile editor: mode (system / none / HTTP / SOCKS5), host, port, user
// and password. Host to password apply to the manual modes only and are disabled otherwise.
// The password is never part of the profile: it goes to the keychain (see
// AppContext::saveProxyPassword), and a stored one is never shown, only announced.
class ProxyFields : public QGroupBox {
    Q_OBJECT
public:
    explicit ProxyFields(QWidget *parent = nullptr);

    void setProfile(const ProviderProfile &p); // clears the password field
    void applyTo(ProviderProfile &p) const;

    QString password() const;
    bool passwordEdited() const { return m_passwordEdited; }
    // What the empty password field says (whether the keychain holds one).
    void setPasswordPlaceholder(const QString &text);

private:
    void updateEnabled();

    QComboBox *m_mode;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_password;
    bool m_passwordEdited = false;
};

} // namespace penpal
