#pragma once

#include "core/Message.h"
#include "core/SamplingParams.h"

#include <QString>
#include <QVector>

namespace penpal {

struct ChatTurn {
    Role role = Role::User;
    QString content;
};

// What a provider needs to produce one reply. The system prompt is a separate field because
// providers place it differently (OpenAI: first message; Anthropic: top-level field).
struct ChatRequest {
    QString model;
    QString systemPrompt;
    QVector<ChatTurn> turns;
    SamplingParams params;
};

} // namespace penpal
