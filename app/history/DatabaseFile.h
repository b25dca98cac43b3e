#pragma once

#include <QString>

#include <atomic>
#include <mutex>

struct sqlite3;

namespace penpal {

// Whole-file operations on a Penpal database through SQLite's C API, each on a connection of
// its own, so they can run on a worker thread while the Store keeps writing on the GUI thread
// (WAL lets readers and the writer go on side by side).
class DatabaseFile {
public:
    // Lets another thread stop a long integrity_check or VACUUM INTO (sqlite3_interrupt).
    class Cancel {
    public:
        void cancel();
        bool isCancelled() const { return m_cancelled; }

    private:
        friend class DatabaseFile;
        void attach(sqlite3 *db);
        void detach();

        std::mutex m_mutex;
        sqlite3 *m_db = nullptr;
        std::atomic<bool> m_cancelled{false};
    };

    struct Counts {
        bool ok = false;
        int conversations = 0;
        int messages = 0;
        int schemaVersion = 0;
        QString error;
    };

    enum class Health { Ok, Corrupt, Unknown };
    struct Probe {
        Health health = Health::Unknown;
        QString detail; // why, in SQLite's or our words
    };

    // PRAGMA integrity_check: true when SQLite answers "ok"; otherwise *problem says what it
    // found (or why it could not check) and *damaged whether the data itself is bad, as opposed
    // to the check not running (locked, missing, cancelled). Reads every page: seconds on a
    // large database.
    static bool integrityCheck(const QString &path, QString *problem, Cancel *cancel = nullptr,
                               bool *damaged = nullptr);

    // A consistent, self-contained copy of the database at `path` (VACUUM INTO), written to a
    // temporary name first and renamed, so a half-written file never looks like a backup.
    static bool copyTo(const QString &path, const QString &target, QString *error, Cancel *cancel = nullptr);

    // Conversation and message counts of a backup, opened read-only and immutable: the file
    // is never changed, not even its locks or a -shm beside it.
    static Counts counts(const QString &path);

    // The cheap start-up check: the file header, the schema, the first row of every table and
    // the headers of up to `maxPages` pages spread evenly over the file (all of them in a
    // small file). Damage no read touches stays unseen here: the daily integrity_check finds
    // it. Never writes the file. A missing or empty file is Ok (a new database).
    static Probe probe(const QString &path, int maxPages = 256);

    // True for SQLite's "file is not a database" and "database disk image is malformed".
    static bool looksCorrupt(const QString &errorText);
};

} // namespace penpal
