#include "net/AnthropicRequestBuilder.h"

#include <QJsonDocument>
#include <QMimeDatabase>

namespace penpal {

namespace {

QJsonObject textBlock(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}

// The longest run of backticks in `text`.
int longestBacktickRun(const QString &text)
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = qMax(longest, run);
    }
    return longest;
}

QString imageMediaType(const Attachment &attachment)
{
    if (!attachment.mimeType.isEmpty())
        return attachment.mimeType;
    // Older stored attachments may lack a type; the API needs one, so ask the bytes.
    return QMimeDatabase().mimeTypeForFileNameAndData(attachment.fileName, attachment.data).name();
}

// The content blocks of one turn: a user turn's attachments first, then its text.
QJsonArray turnBlocks(const ChatTurn &turn)
{
    QJsonArray blocks;
    if (turn.role == Role::User) {
        for (const Attachment &attachment : turn.attachments)
            blocks.append(AnthropicRequestBuilder::attachmentBlock(attachment));
    }
    // The API refuses empty text blocks.
    if (!turn.content.isEmpty())
        blocks.append(textBlock(turn.content));
    return blocks;
}

QJsonValue contentValue(const QJsonArray &blocks)
{
    if (blocks.size() == 1) {
        const QJsonObject only = blocks.first().toObject();
        if (only.value(QLatin1String("type")) == QLatin1String("text"))
            return only.value(QLatin1String("text"));
    }
    return blocks;
}

} // namespace

QNetworkRequest AnthropicRequestBuilder::request(const QUrl &url, const QString &apiKey,
                                                 const QString &apiVersion, const QByteArray &accept,
                                                 bool hasJsonBody)
{
    QNetworkRequest request(url);
    if (hasJsonBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", accept);
    if (!apiKey.isEmpty())
        request.setRawHeader("x-api-key", apiKey.toUtf8());
    const QString version = apiVersion.trimmed();
    request.setRawHeader("anthropic-version",
                         version.isEmpty() ? QByteArray(DefaultApiVersion) : version.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Penpal/" PENPAL_VERSION));
    // Replies are never cached: they are per request, and a cached stream would be a lie.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

QJsonObject AnthropicRequestBuilder::attachmentBlock(const Attachment &attachment)
{
    if (attachment.isImage()) {
        const QJsonObject source{{QStringLiteral("type"), QStringLiteral("base64")},
                                 {QStringLiteral("media_type"), imageMediaType(attachment)},
                                 {QStringLiteral("data"), QString::fromLatin1(attachment.data.toBase64())}};
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                           {QStringLiteral("source"), source}};
    }
    // The same form as for OpenAI-compatible servers: the name, then the file fenced.
    QString text = QString::fromUtf8(attachment.data);
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    const QString fence(qMax(3, longestBacktickRun(text) + 1), QLatin1Char('`'));
    return textBlock(QStringLiteral("%1\n%2\n%3%2").arg(attachment.fileName, fence, text));
}

QJsonArray AnthropicRequestBuilder::messages(const QVector<ChatTurn> &turns)
{
    QJsonArray out;
    QJsonArray pending;
    Role pendingRole = Role::User;
    const auto flush = [&] {
        if (!pending.isEmpty()) {
            out.append(QJsonObject{{QStringLiteral("role"), roleToString(pendingRole)},
                                   {QStringLiteral("content"), contentValue(pending)}});
        }
        pending = QJsonArray();
    };
    for (const ChatTurn &turn : turns) {
        if (turn.role == Role::System)
            continue; // folded into the top-level system field
        // The first message must be the user's. A thread cut by the context limit can start
        // with a reply; without its question it is worth less than a made-up question.
        if (out.isEmpty() && pending.isEmpty() && turn.role == Role::Assistant)
            continue;
        const QJsonArray blocks = turnBlocks(turn);
        if (blocks.isEmpty())
            continue;
        if (!pending.isEmpty() && turn.role != pendingRole)
            flush();
        pendingRole = turn.role;
        for (const QJsonValue &block : blocks)
            pending.append(block);
    }
    flush();
    return out;
}

QString AnthropicRequestBuilder::systemText(const ChatRequest &request)
{
    QStringList parts;
    if (!request.systemPrompt.isEmpty())
        parts << request.systemPrompt;
    for (const ChatTurn &turn : request.turns) {
        if (turn.role == Role::System && !turn.content.isEmpty())
            parts << turn.content;
    }
    return parts.join(QStringLiteral("\n\n"));
}

QJsonObject AnthropicRequestBuilder::chatBodyObject(const ChatRequest &request, const QString &model)
{
    const SamplingParams &params = request.params;
    QJsonObject body;
    body.insert(QStringLiteral("model"), model);
    body.insert(QStringLiteral("max_tokens"), params.maxTokens.value_or(DefaultMaxTokens));
    const QString system = systemText(request);
    if (!system.isEmpty())
        body.insert(QStringLiteral("system"), system);
    body.insert(QStringLiteral("messages"), messages(request.turns));
    body.insert(QStringLiteral("stream"), true);
    if (params.temperature)
        body.insert(QStringLiteral("temperature"), *params.temperature);
    if (params.topP)
        body.insert(QStringLiteral("top_p"), *params.topP);
    if (!params.stop.isEmpty())
        body.insert(QStringLiteral("stop_sequences"), QJsonArray::fromStringList(params.stop));
    return body;
}

QByteArray AnthropicRequestBuilder::chatBody(const ChatRequest &request, const QString &model)
{
    return QJsonDocument(chatBodyObject(request, model)).toJson(QJsonDocument::Compact);
}

} // namespace penpal
