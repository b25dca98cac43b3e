#include "net/RetryingChatJob.h"

#include <QLoggingCategory>

#include <cmath>
#include <utility>

namespace penpal {

namespace {
Q_LOGGING_CATEGORY(lcRetry, "penpal.net.retry", QtInfoMsg)

const char *outcomeName(RetryPolicy::Outcome o)
{
    switch (o) {
    case RetryPolicy::Outcome::Retry:
        return "retry";
    case RetryPolicy::Outcome::NotRetryable:
        return "not retryable";
    case RetryPolicy::Outcome::AttemptsExhausted:
        return "attempts exhausted";
    case RetryPolicy::Outcome::RetryAfterTooLong:
        return "Retry-After beyond the ceiling";
    case RetryPolicy::Outcome::BeyondTotalTimeout:
        return "beyond the total time limit";
    }
    return "?";
}
} // namespace

RetryingChatJob::RetryingChatJob(Factory factory, const RetryPolicy &policy, QObject *parent)
    : ChatJob(parent)
    , m_factory(std::move(factory))
    , m_policy(policy)
{
    m_waitTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, &RetryingChatJob::launch);
}

RetryingChatJob::~RetryingChatJob()
{
    // The inner job is our child and dies with us; nothing it says on the way matters.
    if (m_inner)
        m_inner->disconnect(this);
}

void RetryingChatJob::start()
{
    if (m_started || !m_running)
        return;
    m_started = true;
    m_clock.start();
    launch();
}

void RetryingChatJob::launch()
{
    if (!m_running)
        return;
    ++m_attempt;
    ChatJob *job = m_factory ? m_factory(this) : nullptr;
    if (!job) {
        JobError e;
        e.code = JobError::BadResponse;
        e.details = QStringLiteral("No request could be made for this provider.");
        fail(e);
        return;
    }
    m_inner = job;
    connect(job, &ChatJob::contentDelta, this, [this](const QString &t) {
        markContent();
        Q_EMIT contentDelta(t);
    });
    connect(job, &ChatJob::reasoningDelta, this, [this](const QString &t) {
        markContent();
        Q_EMIT reasoningDelta(t);
    });
    connect(job, &ChatJob::alternativeDelta, this, [this](int index, const QString &t) {
        markContent();
        Q_EMIT alternativeDelta(index, t);
    });
    connect(job, &ChatJob::alternativeFinished, this, &ChatJob::alternativeFinished);
    connect(job, &ChatJob::usageReported, this, &ChatJob::usageReported);
    connect(job, &ChatJob::finished, this, [this](const QString &reason) {
        end();
        if (!m_running)
            return;
        m_running = false;
        Q_EMIT finished(reason);
    });
    connect(job, &ChatJob::failed, this, &RetryingChatJob::onInnerFailed);
    if (m_attempt > 1)
        qCInfo(lcRetry) << "attempt" << m_attempt << "of" << m_policy.maxAttempts() << "sent";
    Q_EMIT attemptStarted(m_attempt);
}

// The attempt is over: its job goes, later than now because we may be inside its signal.
void RetryingChatJob::end()
{
    if (!m_inner)
        return;
    ChatJob *job = m_inner;
    m_inner = nullptr;
    if (job->hasReceivedContent())
        m_receivedContent = true;
    job->disconnect(this);
    job->deleteLater();
}

void RetryingChatJob::onInnerFailed(const JobError &error)
{
    end();
    if (!m_running)
        return;
    if (!m_receivedContent && error.code != JobError::Cancelled) {
        const RetryPolicy::Decision d = m_policy.decide(error, m_attempt, m_clock.elapsed());
        qCInfo(lcRetry) << "attempt" << m_attempt << "failed: code" << int(error.code) << "status"
                        << error.httpStatus << "->" << outcomeName(d.outcome) << d.delayMs << "ms";
        if (d.retry()) {
            const QPointer<RetryingChatJob> self(this);
            Q_EMIT retryScheduled(m_attempt + 1, d.delayMs, error);
            // A receiver may have aborted (or deleted) us from inside the signal.
            if (!self || !m_running)
                return;
            m_waitTimer.start(int(std::lround(qMax(0.0, d.delayMs * m_delayScale))));
            return;
        }
    }
    fail(error);
}

void RetryingChatJob::abort()
{
    if (!m_running)
        return;
    m_waitTimer.stop();
    const QPointer<RetryingChatJob> self(this);
    // The attempt in flight reports its own cancel (which is never retried) ...
    if (m_inner && m_inner->isRunning())
        m_inner->abort();
    // ... and the wait between attempts has nobody to report it.
    if (self && m_running) {
        end();
        JobError e;
        e.code = JobError::Cancelled;
        fail(e);
    }
}

void RetryingChatJob::fail(const JobError &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_waitTimer.stop();
    Q_EMIT failed(error);
}

} // namespace penpal
