#include "net/ProviderFactory.h"

#include "net/OpenAiProvider.h"

namespace penpal {

std::unique_ptr<Provider> createProvider(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                         const QString &apiKey)
{
    if (profile.kind == QLatin1String("openai"))
        return std::make_unique<OpenAiProvider>(nam, profile, apiKey);
    return nullptr;
}

} // namespace penpal
