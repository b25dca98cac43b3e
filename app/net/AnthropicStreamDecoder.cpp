#include "net/AnthropicStreamDecoder.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace penpal {

namespace {

// Enough of a broken payload to recognise it in a report, never a whole prompt echo.
constexpr qsizetype ExcerptChars = 80;
// A plain-text error may be a whole HTML page from a proxy; keep the part a person reads.
constexpr qsizetype PlainErrorChars = 500;

QString excerpt(QStringView text, qsizetype maxChars)
{
    QString shortened = text.left(maxChars).toString();
    shortened.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.size() > maxChars)
        shortened += QChar(0x2026); // …
    return shortened;
}

ChatStreamEvent makeEvent(ChatStreamEvent::Kind kind, const QString &text = QString())
{
    ChatStreamEvent event;
    event.kind = kind;
    event.text = text;
    return event;
}

QString noDetailsMessage()
{
    return QCoreApplication::translate("AnthropicStreamDecoder",
                                       "The server reported an error without details.");
}

// {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}, or the inner
// object alone as some proxies send it.
ChatStreamEvent errorFromRoot(const QJsonObject &root)
{
    const QJsonValue inner = root.value(QLatin1String("error"));
    if (inner.isString() && !inner.toString().trimmed().isEmpty())
        return makeEvent(ChatStreamEvent::Error, excerpt(inner.toString().trimmed(), PlainErrorChars));
    const QJsonObject error = inner.isObject() ? inner.toObject() : root;
    QString message = error.value(QLatin1String("message")).toString().trimmed();
    if (message.isEmpty()) {
        const bool bare = error.isEmpty() || (error.size() == 1 && error.contains(QLatin1String("type")));
        message = bare ? noDetailsMessage()
                       : excerpt(QString::fromUtf8(QJsonDocument(error).toJson(QJsonDocument::Compact)),
                                 PlainErrorChars);
    }
    ChatStreamEvent event = makeEvent(ChatStreamEvent::Error, message);
    const QString type = error.value(QLatin1String("type")).toString();
    if (type != QLatin1String("error")) // the envelope's type says nothing
        event.errorType = type;
    return event;
}

int tokenCount(const QJsonObject &usage, const char *key)
{
    const QJsonValue v = usage.value(QLatin1String(key));
    return v.isDouble() && v.toDouble() >= 0 ? v.toInt() : -1;
}

} // namespace

QString AnthropicStreamDecoder::finishReason(const QString &stopReason)
{
    if (stopReason == QLatin1String("end_turn") || stopReason == QLatin1String("stop_sequence"))
        return QStringLiteral("stop");
    if (stopReason == QLatin1String("max_tokens"))
        return QStringLiteral("length");
    return stopReason;
}

// Anthropic counts the prompt in three parts: uncached input, input written to the cache and
// input read from it. The prompt's size is their sum, which is what the context meter needs.
void AnthropicStreamDecoder::readUsage(const QJsonObject &usage)
{
    const int input = tokenCount(usage, "input_tokens");
    if (input >= 0) {
        m_promptTokens = input;
        for (const char *key : {"cache_creation_input_tokens", "cache_read_input_tokens"})
            m_promptTokens += qMax(0, tokenCount(usage, key));
    }
    const int output = tokenCount(usage, "output_tokens");
    if (output >= 0)
        m_completionTokens = output;
}

void AnthropicStreamDecoder::appendMessageDelta(const QJsonObject &root, QVector<ChatStreamEvent> &out)
{
    const QString stopReason =
        root.value(QLatin1String("delta")).toObject().value(QLatin1String("stop_reason")).toString();
    if (!stopReason.isEmpty()) {
        m_sawFinish = true;
        out.append(makeEvent(ChatStreamEvent::Finish, finishReason(stopReason)));
    }
    const QJsonValue usage = root.value(QLatin1String("usage"));
    if (!usage.isObject())
        return;
    // The numbers are cumulative; message_delta's output_tokens is the reply's final count.
    readUsage(usage.toObject());
    ChatStreamEvent event = makeEvent(ChatStreamEvent::Usage);
    event.usage.promptTokens = m_promptTokens;
    event.usage.completionTokens = m_completionTokens;
    if (m_promptTokens >= 0 && m_completionTokens >= 0)
        event.usage.totalTokens = m_promptTokens + m_completionTokens;
    if (event.usage.isValid())
        out.append(event);
}

QVector<ChatStreamEvent> AnthropicStreamDecoder::decode(const SseEvent &sse)
{
    QVector<ChatStreamEvent> out;
    if (m_done)
        return out; // whatever follows message_stop is not part of this reply

    const bool errorEvent = sse.event == QLatin1String("error");
    const QStringView data = QStringView(sse.data).trimmed();
    if (data.isEmpty()) {
        if (errorEvent)
            out.append(makeEvent(ChatStreamEvent::Error, noDetailsMessage()));
        return out; // otherwise an empty keep-alive
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (errorEvent) {
            out.append(makeEvent(ChatStreamEvent::Error, excerpt(data, PlainErrorChars)));
        } else {
            ChatStreamEvent event = makeEvent(
                ChatStreamEvent::Error,
                QCoreApplication::translate("AnthropicStreamDecoder", "Malformed JSON in the stream: %1")
                    .arg(excerpt(data, ExcerptChars)));
            event.errorType = QString::fromLatin1(MalformedJsonErrorType);
            out.append(event);
        }
        return out;
    }
    const QJsonObject root = doc.object();
    QString type = root.value(QLatin1String("type")).toString();
    if (type.isEmpty())
        type = sse.event;

    if (type == QLatin1String("content_block_delta")) {
        const QJsonObject delta = root.value(QLatin1String("delta")).toObject();
        const QString deltaType = delta.value(QLatin1String("type")).toString();
        if (deltaType == QLatin1String("text_delta")) {
            const QString text = m_joiner.join(0, delta.value(QLatin1String("text")).toString());
            if (!text.isEmpty())
                out.append(makeEvent(ChatStreamEvent::Content, text));
        } else if (deltaType == QLatin1String("thinking_delta")) {
            const QString text = m_joiner.join(1, delta.value(QLatin1String("thinking")).toString());
            if (!text.isEmpty())
                out.append(makeEvent(ChatStreamEvent::Reasoning, text));
        }
        // signature_delta, input_json_delta, citations_delta: nothing a person reads.
    } else if (type == QLatin1String("content_block_start")) {
        // Anthropic starts blocks empty, but the format allows initial text.
        const QJsonObject block = root.value(QLatin1String("content_block")).toObject();
        const QString blockType = block.value(QLatin1String("type")).toString();
        if (blockType == QLatin1String("text")) {
            const QString text = block.value(QLatin1String("text")).toString();
            if (!text.isEmpty())
                out.append(makeEvent(ChatStreamEvent::Content, text));
        } else if (blockType == QLatin1String("thinking")) {
            const QString text = block.value(QLatin1String("thinking")).toString();
            if (!text.isEmpty())
                out.append(makeEvent(ChatStreamEvent::Reasoning, text));
        }
    } else if (type == QLatin1String("message_start")) {
        readUsage(root.value(QLatin1String("message")).toObject().value(QLatin1String("usage")).toObject());
    } else if (type == QLatin1String("message_delta")) {
        appendMessageDelta(root, out);
    } else if (type == QLatin1String("message_stop")) {
        m_done = true;
        out.append(makeEvent(ChatStreamEvent::Done));
    } else if (type == QLatin1String("error") || errorEvent) {
        out.append(errorFromRoot(root));
    }
    // ping, content_block_stop and event types added after this was written: nothing to show.
    return out;
}

QVector<ChatStreamEvent> AnthropicStreamDecoder::decodeMessage(const QJsonObject &message)
{
    QVector<ChatStreamEvent> out;
    if (m_done)
        return out;
    if (message.value(QLatin1String("type")) == QLatin1String("error") ||
        message.contains(QLatin1String("error"))) {
        out.append(errorFromRoot(message));
        return out;
    }
    readUsage(message.value(QLatin1String("usage")).toObject());
    const QJsonArray blocks = message.value(QLatin1String("content")).toArray();
    for (const QJsonValue &value : blocks) {
        const QJsonObject block = value.toObject();
        const QString blockType = block.value(QLatin1String("type")).toString();
        if (blockType == QLatin1String("thinking")) {
            const QString text = block.value(QLatin1String("thinking")).toString();
            if (!text.isEmpty())
                out.append(makeEvent(ChatStreamEvent::Reasoning, text));
        } else if (blockType == QLatin1String("text")) {
            const QString text = block.value(QLatin1String("text")).toString();
            if (!text.isEmpty())
                out.append(makeEvent(ChatStreamEvent::Content, text));
        }
    }
    // The same order as a stream's message_delta: stop reason, then the final usage.
    QJsonObject delta{{QStringLiteral("delta"), QJsonObject{{QStringLiteral("stop_reason"),
                                                             message.value(QLatin1String("stop_reason"))}}}};
    if (message.value(QLatin1String("usage")).isObject())
        delta.insert(QStringLiteral("usage"), QJsonObject());
    appendMessageDelta(delta, out);
    m_done = true;
    out.append(makeEvent(ChatStreamEvent::Done));
    return out;
}

} // namespace penpal
