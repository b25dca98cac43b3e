#pragma once

#include "core/SamplingParams.h"

#include <QDateTime>
#include <QString>

namespace penpal {

// A saved persona: what a conversation starts with when the persona is chosen. Choosing one
// copies these fields into the conversation (no live link), so editing a persona later never
// changes existing conversations.
struct Persona {
    qint64 id = 0;
    QString name;
    QString icon; // an emoji or "" for none
    QString systemPrompt;
    QString model; // "" keeps the conversation's / profile's model
    SamplingParams params;
    // Non-empty for the shipped personas (store/BuiltinLibrary): resetPersona() restores them.
    QString builtinKey;
    QDateTime created;
    QDateTime updated;
};

} // namespace penpal
