#include "net/OpenAiStreamDecoder.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

ChatStreamEvent malformedJson(QStringView data)
{
    ChatStreamEvent event =
        makeEvent(ChatStreamEvent::Error,
                  QCoreApplication::translate("OpenAiStreamDecoder", "Malformed JSON in the stream: %1")
                      .arg(excerpt(data, ExcerptChars)));
    event.errorType = QString::fromLatin1(OpenAiStreamDecoder::MalformedJsonErrorType);
    return event;
}

QString noDetailsMessage()
{
    return QCoreApplication::translate("OpenAiStreamDecoder",
                                       "The server reported an error without details.");
}

// `{"message": ..., "type": ..., "code": ...}` as OpenAI, llama.cpp, OpenRouter and Anthropic
// send it; `code` may be a string or a number.
ChatStreamEvent errorFromObject(const QJsonObject &error)
{
    QString message = error.value(QLatin1String("message")).toString().trimmed();
    if (message.isEmpty()) {
        const QString compact = QString::fromUtf8(QJsonDocument(error).toJson(QJsonDocument::Compact));
        message = error.isEmpty() ? noDetailsMessage() : excerpt(compact, PlainErrorChars);
    }
    ChatStreamEvent event = makeEvent(ChatStreamEvent::Error, message);

    event.errorType = error.value(QLatin1String("type")).toString();
    if (event.errorType.isEmpty()) {
        const QJsonValue code = error.value(QLatin1String("code"));
        if (code.isString())
            event.errorType = code.toString();
        else if (code.isDouble())
            event.errorType = QString::number(code.toDouble(), 'g', 16);
    }
    return event;
}

// The value of a top-level "error" key; null or an empty string mean "no error" to us.
bool errorFromValue(const QJsonValue &value, ChatStreamEvent *event)
{
    if (value.isObject()) {
        *event = errorFromObject(value.toObject());
        return true;
    }
    if (value.isString() && !value.toString().trimmed().isEmpty()) {
        *event = makeEvent(ChatStreamEvent::Error, excerpt(value.toString().trimmed(), PlainErrorChars));
        return true;
    }
    return false;
}

// The data of an SSE `event: error`: an error JSON in one of its shapes, or plain text.
ChatStreamEvent errorFromEventData(QStringView data)
{
    if (data.isEmpty())
        return makeEvent(ChatStreamEvent::Error, noDetailsMessage());

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data.toUtf8(), &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject root = doc.object();
        ChatStreamEvent event;
        if (errorFromValue(root.value(QLatin1String("error")), &event))
            return event;
        return errorFromObject(root);
    }
    return makeEvent(ChatStreamEvent::Error, excerpt(data, PlainErrorChars));
}

// A choice's index; servers that omit it (or send null) mean their only choice, 0. -1 for a
// value that is no index at all.
int choiceIndex(const QJsonObject &choice)
{
    const QJsonValue index = choice.value(QLatin1String("index"));
    if (index.isUndefined() || index.isNull())
        return 0;
    return index.toInt(-1);
}

// Only choice 0 is shown; servers that omit "index" get their first choice used.
QJsonObject firstChoice(const QJsonValue &choices)
{
    const QJsonArray array = choices.toArray();
    for (const QJsonValue &entry : array) {
        const QJsonObject choice = entry.toObject();
        if (choiceIndex(choice) == 0)
            return choice;
    }
    return {};
}

TokenUsage usageFromObject(const QJsonObject &usage)
{
    TokenUsage result;
    result.promptTokens = usage.value(QLatin1String("prompt_tokens")).toInt(-1);
    result.completionTokens = usage.value(QLatin1String("completion_tokens")).toInt(-1);
    result.totalTokens = usage.value(QLatin1String("total_tokens")).toInt(-1);
    const QJsonObject details = usage.value(QLatin1String("completion_tokens_details")).toObject();
    result.reasoningTokens = details.value(QLatin1String("reasoning_tokens")).toInt(-1);
    return result;
}

} // namespace

QVector<ChatStreamEvent> OpenAiStreamDecoder::decode(const SseEvent &sse)
{
    QVector<ChatStreamEvent> out;
    if (m_done)
        return out; // whatever follows [DONE] is not part of this reply

    const QStringView data = QStringView(sse.data).trimmed();
    if (sse.event == QLatin1String("error")) {
        out.append(errorFromEventData(data));
        return out;
    }
    if (data.isEmpty())
        return out; // an empty keep-alive event
    if (data == QLatin1String("[DONE]")) {
        m_done = true;
        out.append(makeEvent(ChatStreamEvent::Done));
        return out;
    }

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(sse.data.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        out.append(malformedJson(data));
        return out;
    }
    const QJsonObject root = doc.object();

    // An error chunk may also carry a choice with finish_reason "error" (OpenRouter); the
    // error is what matters, and a Finish next to it would read as success.
    ChatStreamEvent error;
    if (errorFromValue(root.value(QLatin1String("error")), &error)) {
        out.append(error);
        return out;
    }

    const QJsonObject choice = firstChoice(root.value(QLatin1String("choices")));
    if (m_allChoices) {
        // n > 1: each choice in the chunk's order; a server may put several in one chunk.
        const QJsonArray choices = root.value(QLatin1String("choices")).toArray();
        for (const QJsonValue &entry : choices) {
            const QJsonObject c = entry.toObject();
            const int index = choiceIndex(c);
            if (index >= 0)
                decodeChoice(c, index, out);
        }
    } else {
        decodeChoice(choice, 0, out);
    }

    // OpenAI sends "usage": null on every chunk and the numbers on a last chunk with empty
    // choices; others put them on the final choice chunk, a few inside the choice itself.
    QJsonValue usageValue = root.value(QLatin1String("usage"));
    if (!usageValue.isObject())
        usageValue = choice.value(QLatin1String("usage"));
    if (usageValue.isObject()) {
        const TokenUsage usage = usageFromObject(usageValue.toObject());
        if (usage.isValid()) {
            ChatStreamEvent event = makeEvent(ChatStreamEvent::Usage);
            event.usage = usage;
            out.append(event);
        }
    }
    return out;
}

void OpenAiStreamDecoder::decodeChoice(const QJsonObject &choice, int index, QVector<ChatStreamEvent> &out)
{
    const auto add = [this, &out, index](ChatStreamEvent::Kind kind, QString text) {
        if (kind == ChatStreamEvent::Content || kind == ChatStreamEvent::Reasoning) {
            // Deltas of one choice and kind join to valid UTF-16 (see Utf16DeltaJoiner).
            const qint64 key = qint64(index) * 2 + (kind == ChatStreamEvent::Reasoning ? 1 : 0);
            text = m_joiner.join(key, std::move(text));
            if (text.isEmpty())
                return;
        }
        ChatStreamEvent event = makeEvent(kind, text);
        event.index = index;
        out.append(event);
    };
    if (m_shape == Shape::Completions) {
        // Legacy completions carry plain text, the same in a stream and in a whole body.
        const QString text = choice.value(QLatin1String("text")).toString();
        if (!text.isEmpty())
            add(ChatStreamEvent::Content, text);
    } else {
        const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();

        // DeepSeek and llama.cpp say reasoning_content, OpenRouter and Ollama say reasoning. A
        // server that sends both sends the same text twice, so one of them is enough.
        QString reasoning = delta.value(QLatin1String("reasoning_content")).toString();
        if (reasoning.isEmpty())
            reasoning = delta.value(QLatin1String("reasoning")).toString();
        if (!reasoning.isEmpty())
            add(ChatStreamEvent::Reasoning, reasoning);

        const QString content = delta.value(QLatin1String("content")).toString();
        if (!content.isEmpty())
            add(ChatStreamEvent::Content, content);
        // OpenAI streams a refusal in its own field; it is the reply the person gets to read.
        const QString refusal = delta.value(QLatin1String("refusal")).toString();
        if (!refusal.isEmpty())
            add(ChatStreamEvent::Content, refusal);
    }

    const QString finishReason = choice.value(QLatin1String("finish_reason")).toString();
    if (!finishReason.isEmpty()) {
        if (index == 0)
            m_sawFinish = true;
        add(ChatStreamEvent::Finish, finishReason);
    }
}

} // namespace penpal
