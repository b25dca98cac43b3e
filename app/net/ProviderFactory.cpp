#include "net/ProviderFactory.h"

#include "net/AnthropicProvider.h"
#include "net/AzureProvider.h"
#include "net/CompletionsProvider.h"
#include "net/OpenAiProvider.h"

namespace penpal {

std::unique_ptr<Provider> createProvider(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                         const QString &apiKey)
{
    if (profile.kind == QLatin1String("openai"))
        return std::make_unique<OpenAiProvider>(nam, profile, apiKey);
    if (profile.kind == QLatin1String("anthropic"))
        return std::make_unique<AnthropicProvider>(nam, profile, apiKey);
    if (profile.kind == QLatin1String("azure"))
        return std::make_unique<AzureProvider>(nam, profile, apiKey);
    if (profile.kind == QLatin1String("completions"))
        return std::make_unique<CompletionsProvider>(nam, profile, apiKey);
    return nullptr;
}

} // namespace penpal
