#pragma once

#include "net/JobError.h"

#include <QObject>
#include <QTimer>

class QNetworkReply;

namespace penpal {

// The two timeouts of a streaming request, which QNetworkRequest::setTransferTimeout cannot
// tell apart. Connect phase: from construction until the request is sent (Qt's requestSent);
// upload progress restarts it so that a large prompt on a slow link is not cut short. Idle
// phase: after that, no byte for idleTimeoutMs; every header or body byte restarts it.
// Total cap: from construction (the request going out) to the end of the reply, whatever
// arrives meanwhile; it keeps a slow but steady stream from running for ever when the profile
// sets one (ProviderProfile::totalTimeoutMs).
// Emits timedOut() once; the owner aborts the reply. A limit <= 0 disables that timer.
class ReplyWatchdog : public QObject {
    Q_OBJECT
public:
    ReplyWatchdog(QNetworkReply *reply, int connectTimeoutMs, int idleTimeoutMs, QObject *parent);
    ReplyWatchdog(QNetworkReply *reply, int connectTimeoutMs, int idleTimeoutMs, int totalTimeoutMs,
                  QObject *parent);

    void stop();

Q_SIGNALS:
    // code is JobError::ConnectTimeout, IdleTimeout or TotalTimeout; timeoutMs the limit that
    // ran out.
    void timedOut(penpal::JobError::Code code, int timeoutMs);

private:
    void enterIdlePhase();
    void activity();

    void expire(JobError::Code code, int timeoutMs);

    QTimer m_timer;
    QTimer m_totalTimer;
    int m_connectTimeoutMs;
    int m_idleTimeoutMs;
    int m_totalTimeoutMs;
    bool m_idlePhase = false;
    bool m_stopped = false;
};

} // namespace penpal
