#pragma once

#include "net/Provider.h"
#include "net/ProviderProfile.h"

namespace penpal {

// The legacy Completions API (kind "completions"): POST {base}/completions with a raw prompt
// (see CompletionsRequestBuilder), streamed as server-sent events in OpenAI's frame with the
// text in choices[].text, or answered with one JSON body. The jobs are OpenAiChatJobs with that
// URL, body and response shape: timeouts, errors and the end of the stream work as for chat.
// With n > 1, choice 0 is the reply (contentDelta/finished) and choices 1.. are alternatives
// (alternativeDelta/alternativeFinished). Models come from GET {base}/models as for OpenAI.
class CompletionsProvider : public Provider {
public:
    CompletionsProvider(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey);

    ChatJob *startChat(const ChatRequest &request, QObject *parent) override;
    ModelListJob *listModels(QObject *parent) override;

private:
    QNetworkAccessManager *m_nam;
    ProviderProfile m_profile;
    QString m_apiKey;
};

} // namespace penpal
