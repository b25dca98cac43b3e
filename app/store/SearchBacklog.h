#pragma once

#include <QString>

#include <atomic>

class QSqlDatabase;

namespace penpal {

// Messages an import added are indexed for search after the import is committed (schema v9:
// `fts_pending` holds their id ranges, which the index triggers leave alone). Indexing runs
// in transactions of kBatch messages, each also moving the pending range on, so the app's own
// writes interleave and a stop at any point keeps what was done; whatever is left is picked
// up at the next start. Runs on any thread, with a connection of its own.
class SearchBacklog {
public:
    // Records, inside the caller's (import) transaction on `db`, that every message from
    // `firstId` on will be indexed later. Returns the range's row id, 0 on error.
    static qint64 open(const QSqlDatabase &db, qint64 firstId, QString *error);
    // Closes the range at the largest message id now (drops it when nothing was added).
    static bool close(const QSqlDatabase &db, qint64 rangeId, QString *error);

    // Whether the database at `path` has messages waiting to be indexed.
    static bool hasPending(const QString &path);
    // Indexes everything pending in the database at `path`. False (with *error) on a database
    // error; a set `cancel` stops between batches and returns true.
    static bool indexPending(const QString &path, const std::atomic<bool> *cancel = nullptr,
                             QString *error = nullptr);

    static constexpr int kBatch = 2000;
};

} // namespace penpal
