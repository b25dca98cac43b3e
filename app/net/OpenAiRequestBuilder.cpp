#include "net/OpenAiRequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace penpal {

namespace {

// A fence longer than any run of backticks inside the file, so that a Markdown file with
// its own code blocks cannot close ours early.
QString fenceFor(const QString &text)
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = qMax(longest, run);
    }
    return QString(qMax(3, longest + 1), QLatin1Char('`'));
}

// A user turn with files: the text files inlined with their names in fenced blocks, the
// images as data URLs, in the order they were attached, then the prompt itself (the
// question reads best after what it is about).
QJsonArray contentParts(const ChatTurn &turn)
{
    QJsonArray parts;
    for (const Attachment &a : turn.attachments) {
        if (a.isImage()) {
            const QString url =
                QStringLiteral("data:%1;base64,%2").arg(a.mimeType, QString::fromLatin1(a.data.toBase64()));
            const QJsonObject image{{QStringLiteral("url"), url}};
            parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                                     {QStringLiteral("image_url"), image}});
            continue;
        }
        QString body = QString::fromUtf8(a.data);
        if (!body.isEmpty() && !body.endsWith(QLatin1Char('\n')))
            body += QLatin1Char('\n');
        const QString fence = fenceFor(body);
        parts.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("text"), QStringLiteral("%1\n%2\n%3%2").arg(a.fileName, fence, body)}});
    }
    if (!turn.content.isEmpty())
        parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                 {QStringLiteral("text"), turn.content}});
    return parts;
}

} // namespace

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
        // Plain string content where there are no files: every server understands that form.
        const bool parts = turn.role == Role::User && !turn.attachments.isEmpty();
        messages.append(QJsonObject{
            {QStringLiteral("role"), roleToString(turn.role)},
            {QStringLiteral("content"), parts ? QJsonValue(contentParts(turn)) : QJsonValue(turn.content)}});
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
