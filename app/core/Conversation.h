#pragma once

#include "core/SamplingParams.h"

#include <QDateTime>
#include <QString>

namespace penpal {

// One chat conversation as the store keeps it. `currentLeafId` is the last message of the
// branch that is shown; the thread is the path from that message up to the root.
struct Conversation {
    qint64 id = 0;
    QString title;
    QDateTime created;
    QDateTime updated;
    bool pinned = false;
    QString profileId;
    QString model;
    QString systemPrompt;
    SamplingParams params;
    qint64 currentLeafId = 0;
    // How much of the thread a request carries: at most this many messages (0: all) and about
    // this many tokens of them (0: no limit), the oldest left out first. The system prompt is
    // always sent and not counted; the newest user message is always sent.
    int contextMaxMessages = 0;
    int contextMaxTokens = 0;
    // Names the conversation across databases (export/import); filled on creation when empty.
    QString uid;
    bool archived = false;   // hidden from the main list, still searchable
    QDateTime deletedAt;     // valid while it is in the trash
    bool titleLocked = false; // the user set the title; automatic titles leave it alone
};

} // namespace penpal
