#pragma once

#include "core/Attachment.h"
#include "core/Message.h"
#include "core/SamplingParams.h"

#include <QString>
#include <QVector>

namespace penpal {

struct ChatTurn {
    ChatTurn(Role r = Role::User, QString text = {}, Attachments files = {})
        : role(r)
        , content(std::move(text))
        , attachments(std::move(files))
    {
    }
    Role role = Role::User;
    QString content;
    Attachments attachments; // user turns only
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
