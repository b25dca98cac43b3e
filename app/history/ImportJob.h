#pragma once

#include "history/ImportResult.h"

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace penpal {

class Store;

// Runs an Importer on a worker thread over the Store's database file (a connection of its
// own, one transaction), reports progress, can be cancelled, and on success tells the Store
// about the new conversations so that the sidebar shows them. One import per job.
class ImportJob : public QObject {
    Q_OBJECT
public:
    ImportJob(Store *store, const QString &filePath, QObject *parent = nullptr);
    ~ImportJob() override; // cancels and waits for the thread

    void start();
    // Asks the worker to stop at the next chunk or conversation; it rolls back and
    // finished() reports cancelled.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    ImportResult result() const { return m_result; }

Q_SIGNALS:
    void progress(qint64 bytesRead, qint64 totalBytes);
    // The import is committed; its messages are being indexed for search before finished().
    void indexing();
    void finished(const penpal::ImportResult &result);

private:
    void onThreadFinished();

    Store *m_store;
    QString m_filePath;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    ImportResult m_result;
    ImportResult m_workerResult; // written by the worker, read after it ended
};

} // namespace penpal
