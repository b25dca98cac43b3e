#pragma once

#include "core/Message.h"
#include "net/SseParser.h"

#include <QVector>

namespace penpal {

// One meaningful thing in an OpenAI-style chat stream.
struct ChatStreamEvent {
    enum Kind { Content, Reasoning, Usage, Finish, Error, Done };
    Kind kind = Content;
    QString text;      // Content/Reasoning: delta; Finish: finish_reason; Error: message
    TokenUsage usage;  // Usage
    QString errorType; // Error: error.type or error.code when given
    bool operator==(const ChatStreamEvent &o) const
    {
        return kind == o.kind && text == o.text && usage == o.usage && errorType == o.errorType;
    }
};

// Turns SSE events of POST /chat/completions (stream: true) into ChatStreamEvents. Pure: no
// networking. Tolerates servers' quirks: missing role delta, empty choices, usage in the
// final choice chunk, extra fields, `reasoning_content`, an `{"error": ...}` object or an
// `event: error` inside the stream. Malformed JSON yields an Error event.
//
// Within one chunk the events come in the order Reasoning, Content, Finish, Usage. A chunk that
// carries an error yields that Error only. Only the choice with index 0 is used. Nothing is
// decoded after [DONE].
class OpenAiStreamDecoder {
public:
    // ChatStreamEvent::errorType of the Error event for data that is not a JSON object, so a
    // caller can tell a broken response (JobError::BadResponse) from an error the server sent.
    static constexpr char MalformedJsonErrorType[] = "penpal_malformed_json";

    QVector<ChatStreamEvent> decode(const SseEvent &event);
    bool isDone() const { return m_done; }
    bool sawFinishReason() const { return m_sawFinish; }

private:
    bool m_done = false;
    bool m_sawFinish = false;
};

} // namespace penpal
