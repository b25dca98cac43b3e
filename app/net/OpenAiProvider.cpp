#include "net/OpenAiProvider.h"

#include "net/OpenAiChatJob.h"
#include "net/OpenAiModelListJob.h"

namespace penpal {

OpenAiProvider::OpenAiProvider(QNetworkAccessManager *nam, const ProviderProfile &profile,
                               const QString &apiKey)
    : m_nam(nam)
    , m_profile(profile)
    , m_apiKey(apiKey)
{
}

ChatJob *OpenAiProvider::startChat(const ChatRequest &request, QObject *parent)
{
    auto *job = new OpenAiChatJob(m_nam, m_profile, m_apiKey, request, parent);
    job->start();
    return job;
}

ModelListJob *OpenAiProvider::listModels(QObject *parent)
{
    auto *job = new OpenAiModelListJob(m_nam, m_profile, m_apiKey, parent);
    job->start();
    return job;
}

} // namespace penpal
