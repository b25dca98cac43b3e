#include "net/ReplyWatchdog.h"

#include <QNetworkReply>

namespace penpal {

ReplyWatchdog::ReplyWatchdog(QNetworkReply *reply, int connectTimeoutMs, int idleTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_connectTimeoutMs(connectTimeoutMs)
    , m_idleTimeoutMs(idleTimeoutMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_stopped)
            return;
        m_stopped = true;
        if (m_idlePhase)
            Q_EMIT timedOut(JobError::IdleTimeout, m_idleTimeoutMs);
        else
            Q_EMIT timedOut(JobError::ConnectTimeout, m_connectTimeoutMs);
    });
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
