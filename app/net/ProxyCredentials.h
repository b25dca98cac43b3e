#pragma once

#include "net/ProviderProfile.h"
#include "secrets/SecretStore.h"

#include <functional>

class QNetworkAccessManager;

namespace penpal {

// Gets a profile's proxy password from the keychain (entry proxyKeychainEntry()) into the
// memory of the manager's ProxyRouter before its requests are made: the router answers Qt
// synchronously and cannot wait for the keychain. The password never goes to the settings.
class ProxyCredentials {
public:
    // A manual proxy (HTTP or SOCKS5) with a user name: only then is there a password.
    static bool needsPassword(const ProviderProfile &profile);

    // Reads the password (when needed) and caches it for the profile's requests, then calls
    // `done` with the keychain's answer: Ok (also when nothing was needed), NotFound (the
    // proxy gets the user without a password) or Error. `done` is always called later from
    // the event loop, never inside this call.
    static void load(SecretStore *secrets, QNetworkAccessManager *nam, const ProviderProfile &profile,
                     std::function<void(const SecretResult &)> done);
};

} // namespace penpal
