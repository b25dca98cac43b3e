#pragma once

#include "net/ChatRequest.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

namespace penpal {

// The wire form of requests to an OpenAI-compatible server: endpoint URLs, headers and the
// chat body. Kept apart from the jobs so the exact bytes are easy to check.
class OpenAiRequestBuilder {
public:
    // {base}/{endpoint}, whether or not the base path ends in '/'; the base's query is kept
    // (some gateways need e.g. ?api-version=).
    static QUrl endpointUrl(const QUrl &base, const QString &endpoint);

    // Accept as given; Authorization only with a non-empty key; Content-Type only for a body.
    static QNetworkRequest request(const QUrl &url, const QString &apiKey, const QByteArray &accept,
                                   bool hasJsonBody);

    // model, messages (the system prompt first when non-empty), the sampling parameters that
    // are set, stream: true and stream_options.include_usage.
    static QByteArray chatBody(const ChatRequest &request, const QString &model);

    // A URL safe to log: no user info, no query (keys sometimes travel there).
    static QString redacted(const QUrl &url);
};

} // namespace penpal
