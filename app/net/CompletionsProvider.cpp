#include "net/CompletionsProvider.h"

#include "net/CompletionsRequestBuilder.h"
#include "net/OpenAiChatJob.h"
#include "net/OpenAiModelListJob.h"
#include "net/OpenAiRequestBuilder.h"

namespace penpal {

CompletionsProvider::CompletionsProvider(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                         const QString &apiKey)
    : m_nam(nam)
    , m_profile(profile)
    , m_apiKey(apiKey)
{
}

ChatJob *CompletionsProvider::startChat(const ChatRequest &request, QObject *parent)
{
    auto *job = new OpenAiChatJob(m_nam, m_profile, m_apiKey, request, parent);
    job->setUrl(OpenAiRequestBuilder::endpointUrl(m_profile.baseUrl, QStringLiteral("completions")));
    job->setBody(CompletionsRequestBuilder::body(request, job->model()));
    job->setResponseShape(OpenAiStreamDecoder::Shape::Completions);
    job->start();
    return job;
}

ModelListJob *CompletionsProvider::listModels(QObject *parent)
{
    auto *job = new OpenAiModelListJob(m_nam, m_profile, m_apiKey, parent);
    job->start();
    return job;
}

} // namespace penpal
