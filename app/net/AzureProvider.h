#pragma once

#include "net/Provider.h"
#include "net/ProviderProfile.h"

#include <QUrl>

namespace penpal {

// Azure OpenAI: OpenAI's chat completions behind a per-deployment URL,
//   {endpoint}/openai/deployments/{deployment}/chat/completions?api-version={version}
// with the key in an "api-key" header (never Authorization). The stream is OpenAI's, so the
// jobs are OpenAiChatJobs with that URL and header.
//
// Deployments are named by the person who made them and Azure offers no list of them to a key
// holder: listModels() sends nothing and finishes with an empty list (the deployment is typed
// into the profile).
class AzureProvider : public Provider {
public:
    // The api-version sent when the profile names none: the newest GA version.
    static constexpr char DefaultApiVersion[] = "2024-10-21";

    AzureProvider(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey);

    ChatJob *startChat(const ChatRequest &request, QObject *parent) override;
    ModelListJob *listModels(QObject *parent) override;

    // The chat URL for a profile: baseUrl is the resource endpoint (https://NAME.openai.azure.com;
    // a trailing "/" or "/openai" is tolerated), deployment and apiVersion from the profile.
    // Other query items of the endpoint are kept.
    static QUrl chatUrl(const ProviderProfile &profile);

private:
    QNetworkAccessManager *m_nam;
    ProviderProfile m_profile;
    QString m_apiKey;
};

} // namespace penpal
