#include "net/ReplyWatchdog.h"

#include <QNetworkReply>

namespace penpal {

ReplyWatchdog::ReplyWatchdog(QNetworkReply *reply, int connectTimeoutMs, int idleTimeoutMs, QObject *parent)
    : ReplyWatchdog(reply, connectTimeoutMs, idleTimeoutMs, 0, parent)
{
}

ReplyWatchdog::ReplyWatchdog(QNetworkReply *reply, int connectTimeoutMs, int idleTimeoutMs,
                             int totalTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_connectTimeoutMs(connectTimeoutMs)
    , m_idleTimeoutMs(idleTimeoutMs)
    , m_totalTimeoutMs(totalTimeoutMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_idlePhase)
            expire(JobError::IdleTimeout, m_idleTimeoutMs);
        else
            expire(JobError::ConnectTimeout, m_connectTimeoutMs);
    });
    m_totalTimer.setSingleShot(true);
    connect(&m_totalTimer, &QTimer::timeout, this,
            [this] { expire(JobError::TotalTimeout, m_totalTimeoutMs); });
    if (m_totalTimeoutMs > 0)
        m_totalTimer.start(m_totalTimeoutMs);
    connect(reply, &QNetworkReply::requestSent, this, &ReplyWatchdog::enterIdlePhase);
    connect(reply, &QNetworkReply::uploadProgress, this, [this] {
        if (!m_idlePhase && !m_stopped && m_connectTimeoutMs > 0)
            m_timer.start(m_connectTimeoutMs);
    });
    // Headers or body bytes prove the request went out even if requestSent was missed.
    connect(reply, &QNetworkReply::metaDataChanged, this, &ReplyWatchdog::activity);
    connect(reply, &QNetworkReply::readyRead, this, &ReplyWatchdog::activity);
    connect(reply, &QNetworkReply::finished, this, &ReplyWatchdog::stop);
    if (m_connectTimeoutMs > 0)
        m_timer.start(m_connectTimeoutMs);
}

void ReplyWatchdog::stop()
{
    m_stopped = true;
    m_timer.stop();
    m_totalTimer.stop();
}

void ReplyWatchdog::expire(JobError::Code code, int timeoutMs)
{
    if (m_stopped)
        return;
    stop();
    Q_EMIT timedOut(code, timeoutMs);
}

void ReplyWatchdog::enterIdlePhase()
{
    if (m_stopped)
        return;
    m_idlePhase = true;
    if (m_idleTimeoutMs > 0)
        m_timer.start(m_idleTimeoutMs);
    else
        m_timer.stop();
}

void ReplyWatchdog::activity()
{
    if (m_stopped)
        return;
    if (!m_idlePhase) {
        enterIdlePhase();
        return;
    }
    if (m_idleTimeoutMs > 0)
        m_timer.start(m_idleTimeoutMs);
}

} // namespace penpal
