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
};

} // namespace penpal
