#pragma once

#include "core/Message.h"
#include "net/SseParser.h"
#include "net/Utf16DeltaJoiner.h"

#include <QHash>
#include <QVector>

class QJsonObject;

namespace penpal {

// One meaningful thing in an OpenAI-style chat stream.
struct ChatStreamEvent {
    enum Kind { Content, Reasoning, Usage, Finish, Error, Done };
    Kind kind = Content;
    QString text;      // Content/Reasoning: delta; Finish: finish_reason; Error: message
    TokenUsage usage;  // Usage
    QString errorType; // Error: error.type or error.code when given
    int index = 0;     // Content/Reasoning/Finish: the choice (n > 1 alternatives); else 0
    bool operator==(const ChatStreamEvent &o) const
    {
        return kind == o.kind && text == o.text && usage == o.usage && errorType == o.errorType &&
               index == o.index;
    }
};

// Turns SSE events of POST /chat/completions (stream: true) into ChatStreamEvents. Pure: no
// networking. Tolerates servers' quirks: missing role delta, empty choices, usage in the
// final choice chunk, extra fields, `reasoning_content`, an `{"error": ...}` object or an
// `event: error` inside the stream. Malformed JSON yields an Error event.
//
// Within one chunk the events come in the order Reasoning, Content, Finish (per choice, in the
// chunk's order), then Usage. A chunk that carries an error yields that Error only. Only the
// choice with index 0 is used unless setAllChoices(true). Nothing is decoded after [DONE].
// The content (and the reasoning) deltas of a choice always join to valid UTF-16: unpaired
// surrogates from JSON escapes become U+FFFD, a pair split over two deltas is kept whole.
//
// The legacy Completions API (POST /completions) streams the same frame with the text in
// choice.text instead of choice.delta.content; Shape::Completions reads that.
class OpenAiStreamDecoder {
public:
    enum class Shape { Chat, Completions };

    // ChatStreamEvent::errorType of the Error event for data that is not a JSON object, so a
    // caller can tell a broken response (JobError::BadResponse) from an error the server sent.
    static constexpr char MalformedJsonErrorType[] = "penpal_malformed_json";

    explicit OpenAiStreamDecoder(Shape shape = Shape::Chat)
        : m_shape(shape)
    {
    }

    // Requests with n > 1: every choice is decoded, its events carry the choice's index.
    void setAllChoices(bool all) { m_allChoices = all; }
    Shape shape() const { return m_shape; }

    QVector<ChatStreamEvent> decode(const SseEvent &event);
    bool isDone() const { return m_done; }
    // A finish reason arrived for choice 0 (the reply shown).
    bool sawFinishReason() const { return m_sawFinish; }

private:
    void decodeChoice(const QJsonObject &choice, int index, QVector<ChatStreamEvent> &out);

    Shape m_shape = Shape::Chat;
    bool m_allChoices = false;
    bool m_done = false;
    bool m_sawFinish = false;
    Utf16DeltaJoiner m_joiner; // per choice index * 2 + (1 for reasoning)
};

} // namespace penpal
