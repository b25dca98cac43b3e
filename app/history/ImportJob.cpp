#include "history/ImportJob.h"

#include "history/Importer.h"
#include "store/SearchBacklog.h"
#include "store/Store.h"

#include <QThread>

namespace penpal {

ImportJob::ImportJob(Store *store, const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_filePath(filePath)
{
}

ImportJob::~ImportJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

void ImportJob::start()
{
    if (m_thread)
        return;
    m_cancel = false;
    const QString databasePath = m_store ? m_store->path() : QString();
    m_thread = QThread::create([this, databasePath] {
        Importer importer(databasePath, m_filePath);
        importer.setCancelFlag(&m_cancel);
        // Emitted from the worker: queued to receivers on the GUI thread.
        importer.setProgress([this](qint64 done, qint64 total) { Q_EMIT progress(done, total); });
        m_workerResult = importer.run();
        // Committed: the new messages become searchable before the job reports back. A
        // failure or a cancel here loses nothing (the rows are in); the next start indexes
        // what is left.
        if (m_workerResult.ok) {
            Q_EMIT indexing();
            QString error;
            if (!SearchBacklog::indexPending(databasePath, &m_cancel, &error))
                qWarning("search indexing after the import stopped: %s", qPrintable(error));
        }
    });
    connect(m_thread, &QThread::finished, this, &ImportJob::onThreadFinished, Qt::QueuedConnection);
    m_thread->start();
}

void ImportJob::cancel()
{
    m_cancel = true;
}

void ImportJob::onThreadFinished()
{
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_result = m_workerResult;
    // Committed by then: the Store's connection sees the rows.
    if (m_result.ok && m_store && !m_result.conversationIds.isEmpty())
        m_store->announceImported(m_result.conversationIds);
    Q_EMIT finished(m_result);
}

} // namespace penpal
