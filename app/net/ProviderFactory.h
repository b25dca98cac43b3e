#pragma once

#include "net/ProviderProfile.h"

#include <memory>

class QNetworkAccessManager;

namespace penpal {

class Provider;

// Makes the provider implementation a profile's `kind` names. Unknown kinds give nullptr.
std::unique_ptr<Provider> createProvider(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                         const QString &apiKey);

} // namespace penpal
