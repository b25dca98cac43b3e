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
// Emits timedOut() once; the owner aborts the reply. A limit <= 0 disables that phase's timer.
class ReplyWatchdog : public QObject {
    Q_OBJECT
public:
    ReplyWatchdog(QNetworkReply *reply, int connectTimeoutMs, int idleTimeoutMs, QObject *parent);

    void stop();

Q_SIGNALS:
    // code is JobError::ConnectTimeout or JobError::IdleTimeout; timeoutMs the limit that ran out.
    void timedOut(penpal::JobError::Code code, int timeoutMs);

private:
    void enterIdlePhase();
    void activity();

    QTimer m_timer;
    int m_connectTimeoutMs;
    int m_idleTimeoutMs;
    bool m_idlePhase = false;
    bool m_stopped = false;
};

} // namespace penpal
