#pragma once

#include "history/ImportResult.h"

#include <QString>

#include <atomic>
#include <functional>

namespace penpal {

// Imports a ChatGPT data export (conversations.json, or the .zip that holds it anywhere) or
// a Penpal JSON export into the database at `databasePath`, synchronously, on a connection
// of its own (so it can run on a worker thread while the Store serves the GUI) and in ONE
// transaction: on any error or cancel it rolls back and the history is exactly as before.
// The file is read in chunks and parsed one conversation at a time, so memory is bounded by
// the largest conversation, not by the file. ImportJob runs this on a thread.
class Importer {
public:
    using Progress = std::function<void(qint64 bytesRead, qint64 totalBytes)>;

    Importer(const QString &databasePath, const QString &filePath);

    // Checked between chunks and conversations; true cancels (and rolls back).
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }
    void setProgress(Progress progress) { m_progress = std::move(progress); }
    void setChunkSize(qint64 bytes) { m_chunkSize = qMax<qint64>(1, bytes); }

    ImportResult run();

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    QString m_databasePath;
    QString m_filePath;
    const std::atomic<bool> *m_cancel = nullptr;
    Progress m_progress;
    qint64 m_chunkSize = 1024 * 1024;
};

} // namespace penpal
