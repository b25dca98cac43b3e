#pragma once

#include "net/ChatRequest.h"

#include <QVector>

namespace penpal {

// Applies a conversation's context limit to the history of a request. Pure: turns in, fewer
// turns out, so every rule is testable without a server.
class ContextTrimmer {
public:
    // Drops turns from the front of `turns` (oldest first) until at most `maxMessages` are
    // left (0: any number) and their estimated tokens (TokenEstimate) are at most `maxTokens`
    // (0: any). The last `keep` turns (the newest user message and what follows it) are never
    // dropped, even when they alone exceed the limit. When anything was dropped, a history
    // left starting with an assistant turn loses that turn too: an answer without its
    // question misleads the model, and some providers reject it. The system prompt is not a
    // turn and never counted. Returns the number of turns dropped.
    static int trim(QVector<ChatTurn> &turns, int keep, int maxMessages, int maxTokens);
};

} // namespace penpal
