#pragma once

#include "core/Message.h"
#include "net/JobError.h"

#include <QObject>

namespace penpal {

// One streaming chat completion in flight. Emits deltas as they arrive, then exactly one of
// finished() or failed(). After abort(), failed() is emitted with JobError::Cancelled.
// Errors are never pasted into the reply text.
class ChatJob : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ChatJob() override = default;

    virtual void abort() = 0;
    bool isRunning() const { return m_running; }
    bool hasReceivedContent() const { return m_receivedContent; }

Q_SIGNALS:
    void contentDelta(const QString &text);
    void reasoningDelta(const QString &text);
    void usageReported(const penpal::TokenUsage &usage);
    void finished(const QString &finishReason);
    void failed(const penpal::JobError &error);
    // Requests for n > 1 alternatives: text and the end of alternative `index` >= 1.
    // Alternative 0 is reported through contentDelta()/finished() like a single reply.
    void alternativeDelta(int index, const QString &text);
    void alternativeFinished(int index, const QString &finishReason);
    // Nothing of the reply had arrived when `why` happened; the same request is sent again
    // in `delayMs` (attempt counts from 2). abort() during the wait cancels it.
    void retryScheduled(int attempt, int delayMs, const penpal::JobError &why);

protected:
    bool m_running = true;
    bool m_receivedContent = false;
};

} // namespace penpal
