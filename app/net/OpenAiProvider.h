#pragma once

#include "net/Provider.h"
#include "net/ProviderProfile.h"

namespace penpal {

// OpenAI's chat completions API and everything that speaks it (llama.cpp, Ollama, vLLM, LM
// Studio, OpenRouter, ...). Jobs are created started; their signals arrive from the event loop.
class OpenAiProvider : public Provider {
public:
    OpenAiProvider(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey);

    ChatJob *startChat(const ChatRequest &request, QObject *parent) override;
    ModelListJob *listModels(QObject *parent) override;

    const ProviderProfile &profile() const { return m_profile; }

private:
    QNetworkAccessManager *m_nam; // the application's one manager, shared by all jobs
    ProviderProfile m_profile;
    QString m_apiKey;
};

} // namespace penpal
