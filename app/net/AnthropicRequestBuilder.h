#pragma once

#include "core/Attachment.h"
#include "net/ChatRequest.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QString>
#include <QUrl>

namespace penpal {

// The wire form of requests to Anthropic's Messages API: headers and the chat body. Kept apart
// from the jobs so the exact bytes are easy to check. URLs are built like OpenAI's
// ({base}/messages, {base}/models), with OpenAiRequestBuilder::endpointUrl.
class AnthropicRequestBuilder {
public:
    // The Messages API rejects a request without max_tokens, while Penpal's sampling parameters
    // leave it unset to mean "the server's default". 4096 is what every current Claude model
    // accepts as output length, so an unset value still gets a full-length answer.
    static constexpr int DefaultMaxTokens = 4096;
    // The anthropic-version header when the profile names none: the one version the API has
    // documented as current since it was introduced.
    static constexpr char DefaultApiVersion[] = "2023-06-01";

    // x-api-key only with a non-empty key (never Authorization); anthropic-version from
    // `apiVersion` or DefaultApiVersion; Accept as given; content-type only for a body.
    static QNetworkRequest request(const QUrl &url, const QString &apiKey, const QString &apiVersion,
                                   const QByteArray &accept, bool hasJsonBody);

    // model, max_tokens, system (top-level, omitted when empty), messages, stream: true, and
    // temperature, top_p and stop_sequences when set. SamplingParams::n is not sent: the
    // Messages API has no alternatives.
    static QJsonObject chatBodyObject(const ChatRequest &request, const QString &model);
    static QByteArray chatBody(const ChatRequest &request, const QString &model);

    // The "messages" array: user/assistant only (system turns go to the system field),
    // consecutive turns of one role merged into one message, leading assistant turns and empty
    // turns left out, because the API refuses each of these. A message with one plain text is
    // sent as a string, anything else as an array of content blocks.
    static QJsonArray messages(const QVector<ChatTurn> &turns);

    // The system prompt followed by the text of any system-role turns, blank-line separated.
    static QString systemText(const ChatRequest &request);

    // One content block for an attachment: an image as a base64 image block, a text file as a
    // text block with its name and its content in a code fence longer than any run of
    // backticks inside it (so the file cannot close the fence early).
    static QJsonObject attachmentBlock(const Attachment &attachment);
};

} // namespace penpal
