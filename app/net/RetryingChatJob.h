#pragma once

#include "net/ChatJob.h"
#include "net/RetryPolicy.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace penpal {

// A chat job that sends its request again when it fails before anything of the reply
// arrived and RetryPolicy allows it. Each attempt is a fresh inner job from the factory; every
// signal of the attempt running now is passed on as this job's own. Between attempts it emits
// retryScheduled(attempt, delayMs, why) and waits; abort() during the wait ends it with
// failed(Cancelled). Once content or reasoning has arrived a failure always goes through:
// sending again would repeat or contradict text the person has already seen (the UI offers
// Continue for that).
//
// The factory must return a started job whose signals arrive from the event loop (the ChatJob
// contract); the job is parented to this one and deleted when its attempt ends.
class RetryingChatJob : public ChatJob {
    Q_OBJECT
public:
    using Factory = std::function<ChatJob *(QObject *parent)>;

    RetryingChatJob(Factory factory, const RetryPolicy &policy, QObject *parent = nullptr);
    ~RetryingChatJob() override;

    // Sends the first attempt. Connect to the signals first.
    void start();
    void abort() override;

    // Tests: the waits between attempts last delayMs * scale (retryScheduled still reports
    // the unscaled delay). 1 by default.
    void setDelayScale(double scale) { m_delayScale = scale; }

    const RetryPolicy &policy() const { return m_policy; }
    int attempt() const { return m_attempt; } // the attempt running or waited for, from 1
    bool isWaiting() const { return m_waitTimer.isActive(); }

Q_SIGNALS:
    // Attempt `attempt` (from 1) has been sent.
    void attemptStarted(int attempt);

private:
    void launch();
    void onInnerFailed(const JobError &error);
    void markContent() { m_receivedContent = true; }
    void end();
    void fail(const JobError &error);

    Factory m_factory;
    RetryPolicy m_policy;
    QPointer<ChatJob> m_inner;
    QTimer m_waitTimer;
    QElapsedTimer m_clock; // since the first attempt, for the policy's total cap
    double m_delayScale = 1.0;
    int m_attempt = 0;
    bool m_started = false;
};

} // namespace penpal
