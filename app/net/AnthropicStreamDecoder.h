#pragma once

#include "core/Message.h"
#include "net/OpenAiStreamDecoder.h" // ChatStreamEvent, shared by all chat stream decoders
#include "net/SseParser.h"
#include "net/Utf16DeltaJoiner.h"

#include <QJsonObject>
#include <QVector>

namespace penpal {

// Turns the SSE events of Anthropic's POST /messages (stream: true) into ChatStreamEvents.
// Pure: no networking, state only across events (the prompt's token count from message_start).
//
//   message_start        remembers usage.input_tokens (plus cache reads and writes)
//   content_block_start  a text/thinking block's initial text, if any (normally empty)
//   content_block_delta  text_delta -> Content, thinking_delta -> Reasoning; signature,
//                        tool-input JSON, citations and unknown deltas are ignored
//   message_delta        stop_reason -> Finish (mapped, see finishReason()), then usage ->
//                        Usage with prompt, completion and total tokens
//   message_stop         Done; nothing is decoded after it
//   error                Error with error.message and error.type
//   ping, content_block_stop and unknown events yield nothing.
//
// The event's kind is the JSON "type" (Anthropic always sends it); the SSE event name is the
// fallback for servers that omit it. Data that is not a JSON object yields an Error of type
// MalformedJsonErrorType, so the caller can tell a broken response from a server's error.
class AnthropicStreamDecoder {
public:
    static constexpr char MalformedJsonErrorType[] = "penpal_malformed_json";

    QVector<ChatStreamEvent> decode(const SseEvent &event);

    // A whole, non-streamed Messages response ({"type":"message","content":[...]}) as the
    // events a stream of it would give, Done last. For servers that ignore stream: true.
    QVector<ChatStreamEvent> decodeMessage(const QJsonObject &message);

    bool isDone() const { return m_done; }
    bool sawFinishReason() const { return m_sawFinish; }

    // Anthropic's stop_reason in Penpal's (OpenAI's) words: end_turn and stop_sequence are
    // "stop", max_tokens is "length"; others (tool_use, refusal, pause_turn, ...) unchanged.
    static QString finishReason(const QString &stopReason);

private:
    void readUsage(const QJsonObject &usage);
    void appendMessageDelta(const QJsonObject &root, QVector<ChatStreamEvent> &out);

    int m_promptTokens = -1;
    int m_completionTokens = -1;
    bool m_done = false;
    bool m_sawFinish = false;
    Utf16DeltaJoiner m_joiner; // 0: text, 1: thinking
};

} // namespace penpal
