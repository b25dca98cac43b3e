#include "net/ProxyCredentials.h"

#include "net/ProxyRouter.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QTimer>

namespace penpal {

bool ProxyCredentials::needsPassword(const ProviderProfile &profile)
{
    const bool manual = profile.proxyMode == ProviderProfile::ProxyMode::Http ||
                        profile.proxyMode == ProviderProfile::ProxyMode::Socks5;
    return manual && !profile.proxyUser.isEmpty();
}

void ProxyCredentials::load(SecretStore *secrets, QNetworkAccessManager *nam, const ProviderProfile &profile,
                            std::function<void(const SecretResult &)> done)
{
    if (!needsPassword(profile)) {
        QTimer::singleShot(0, nam, [done] { done(SecretResult{}); });
        return;
    }
    QPointer<QNetworkAccessManager> guard(nam);
    const QString entry = profile.proxyKeychainEntry();
    secrets->readKey(entry, [guard, entry, done](const SecretResult &r) {
        // A password that is gone from the keychain must not linger in memory either.
        if (guard && r.status != SecretResult::Error)
            ProxyRouter::of(guard)->setPassword(entry, r.status == SecretResult::Ok ? r.value : QString());
        done(r);
    });
}

} // namespace penpal
