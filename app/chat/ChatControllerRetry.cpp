// The part of ChatController that wraps each provider job in retries and keeps track of a
// reply waiting to be sent again, so that views can show the wait and offer to stop it.
#include "chat/ChatController.h"

#include "net/Provider.h"
#include "net/RetryingChatJob.h"

namespace penpal {

ChatJob *ChatController::startRetryingJob(Provider *provider, qint64 conversationId, qint64 messageId,
                                          const ProviderProfile &profile, const ChatRequest &request)
{
    const RetryPolicy policy = RetryPolicy::fromProfile(profile);
    // The provider lives in the reply's Stream, which outlives the job's attempts: finish()
    // aborts the job before the Stream goes.
    auto *job = new RetryingChatJob(
        [provider, request](QObject *parent) { return provider->startChat(request, parent); }, policy, this);
    job->setDelayScale(m_retryDelayScale);
    connect(job, &ChatJob::retryScheduled, this,
            [this, conversationId, messageId, max = policy.maxAttempts()](int attempt, int delayMs,
                                                                          const JobError &why) {
                PendingRetry &p = m_retries[conversationId];
                p.messageId = messageId;
                p.attempt = attempt;
                p.maxAttempts = max;
                p.deadline = QDeadlineTimer(delayMs);
                p.reason = why.userMessage();
                p.error = why;
                Q_EMIT replyRetrying(conversationId, messageId, attempt, delayMs, p.reason);
            });
    connect(job, &RetryingChatJob::attemptStarted, this,
            [this, conversationId] { clearRetry(conversationId); });
    // Started from the event loop, once the caller has connected to the job's signals.
    QMetaObject::invokeMethod(job, &RetryingChatJob::start, Qt::QueuedConnection);
    return job;
}

void ChatController::clearRetry(qint64 conversationId)
{
    const auto it = m_retries.constFind(conversationId);
    if (it == m_retries.cend())
        return;
    const qint64 messageId = it->messageId;
    m_retries.erase(it);
    Q_EMIT replyRetryCleared(conversationId, messageId);
}

JobError ChatController::stoppedWhileWaiting(qint64 conversationId) const
{
    const PendingRetry p = m_retries.value(conversationId);
    JobError e = p.error;
    // Not translated: the details are the technical part, like the rest of them.
    const QString note =
        QStringLiteral("Stopped while waiting to send attempt %1 of %2.").arg(p.attempt).arg(p.maxAttempts);
    e.details = e.details.isEmpty() ? note : e.details + QLatin1Char('\n') + note;
    return e;
}

} // namespace penpal
