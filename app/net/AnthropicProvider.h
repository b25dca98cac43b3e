#pragma once

#include "net/Provider.h"
#include "net/ProviderProfile.h"

namespace penpal {

// Anthropic's Messages API (POST {base}/messages, x-api-key, anthropic-version; preset base
// URL https://api.anthropic.com/v1). Jobs are created started; their signals arrive from the
// event loop.
class AnthropicProvider : public Provider {
public:
    AnthropicProvider(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey);

    ChatJob *startChat(const ChatRequest &request, QObject *parent) override;
    ModelListJob *listModels(QObject *parent) override;

    const ProviderProfile &profile() const { return m_profile; }

private:
    QNetworkAccessManager *m_nam; // the application's one manager, shared by all jobs
    ProviderProfile m_profile;
    QString m_apiKey;
};

} // namespace penpal
