#include "net/AnthropicProvider.h"

#include "net/AnthropicChatJob.h"
#include "net/AnthropicModelListJob.h"

namespace penpal {

AnthropicProvider::AnthropicProvider(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                     const QString &apiKey)
    : m_nam(nam)
    , m_profile(profile)
    , m_apiKey(apiKey)
{
}

ChatJob *AnthropicProvider::startChat(const ChatRequest &request, QObject *parent)
{
    auto *job = new AnthropicChatJob(m_nam, m_profile, m_apiKey, request, parent);
    job->start();
    return job;
}

ModelListJob *AnthropicProvider::listModels(QObject *parent)
{
    auto *job = new AnthropicModelListJob(m_nam, m_profile, m_apiKey, parent);
    job->start();
    return job;
}

} // namespace penpal
