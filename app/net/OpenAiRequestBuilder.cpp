#include "net/OpenAiRequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace penpal {

QUrl OpenAiRequestBuilder::endpointUrl(const QUrl &base, const QString &endpoint)
{
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    QString tail = endpoint;
    while (tail.startsWith(QLatin1Char('/')))
        tail.remove(0, 1);
    url.setPath(path + QLatin1Char('/') + tail);
    url.setFragment(QString());
    return url;
}

QNetworkRequest OpenAiRequestBuilder::request(const QUrl &url, const QString &apiKey,
                                              const QByteArray &accept, bool hasJsonBody)
{
    QNetworkRequest request(url);
    if (hasJsonBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", accept);
    if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Penpal/" PENPAL_VERSION));
    // Replies are never cached: they are per request, and a cached stream would be a lie.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

QByteArray OpenAiRequestBuilder::chatBody(const ChatRequest &request, const QString &model)
{
    QJsonArray messages;
    if (!request.systemPrompt.isEmpty()) {
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), request.systemPrompt}});
    }
    for (const ChatTurn &turn : request.turns) {
        messages.append(QJsonObject{{QStringLiteral("role"), roleToString(turn.role)},
                                    {QStringLiteral("content"), turn.content}});
    }
    QJsonObject body = request.params.toJson();
    body.insert(QStringLiteral("model"), model);
    body.insert(QStringLiteral("messages"), messages);
    body.insert(QStringLiteral("stream"), true);
    body.insert(QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString OpenAiRequestBuilder::redacted(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

} // namespace penpal
