#pragma once

#include "net/ChatJob.h"

#include <QObject>
#include <QStringList>
#include <QVector>

#include <functional>

namespace penpal::test {

// Records everything a ChatJob emits, in order, for assertions.
class ChatJobRecorder : public QObject {
public:
    explicit ChatJobRecorder(ChatJob *job);

    QString content;
    QString reasoning;
    QVector<TokenUsage> usages;
    QStringList finishReasons;
    QVector<JobError> errors;
    // "content:<text>", "reasoning:<text>", "usage", "finished:<reason>", "failed:<code>"
    QStringList log;
    // Called from inside the first contentDelta, before it is recorded (to test re-entrancy).
    std::function<void()> onFirstContent;

    int terminalCount() const { return int(finishReasons.size() + errors.size()); }
    // Spins the event loop until a terminal signal arrived; false on timeout.
    bool waitForTerminal(int timeoutMs = 15000) const;
    // Lets the event loop run a little to catch signals that must not come.
    void settle(int ms = 100) const;
};

} // namespace penpal::test
