#include "net/AzureModelListJob.h"

#include <QTimer>

namespace penpal {

void AzureModelListJob::start()
{
    if (m_started || !m_running)
        return;
    m_started = true;
    QTimer::singleShot(0, this, [this] {
        if (!m_running)
            return;
        m_running = false;
        Q_EMIT finished({});
    });
}

void AzureModelListJob::abort()
{
    if (!m_running)
        return;
    m_running = false;
    JobError e;
    e.code = JobError::Cancelled;
    Q_EMIT failed(e);
}

} // namespace penpal
