#pragma once

#include "chat/PromptVariables.h"
#include "core/Conversation.h"
#include "core/Persona.h"

namespace penpal {

// Applying a persona to a conversation COPIES it (no live link): the system prompt (its
// {{variables}} expanded once, now), the model when the persona names one, and the sampling
// values the persona sets (the others keep the conversation's). Later edits of the persona
// change only conversations it is applied to afterwards.
class PersonaApply {
public:
    static void applyTo(Conversation &c, const Persona &p, const QHash<QString, QString> &values,
                        const PromptVariables::Environment &env);
    // A conversation title from the first prompt: its first line, at most 60 characters.
    static QString titleFor(const QString &prompt);
};

} // namespace penpal
