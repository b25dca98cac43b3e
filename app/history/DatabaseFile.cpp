#include "history/DatabaseFile.h"


#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QUrl>

#include <sqlite3.h>

#include <memory>

namespace penpal {

namespace {

constexpr int kBusyTimeoutMs = 5000;

struct Connection {
    sqlite3 *db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
    QString error() const
    {
        return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    }
};

bool openDb(Connection &c, const QString &path, int flags, QString *error)
{
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db, flags, nullptr);
    if (rc != SQLITE_OK) {
        *error = c.error();
        return false;
    }
    sqlite3_busy_timeout(c.db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(c.db, 0);
    return true;
}

// Runs `sql` and hands each row's first column to `row` (which may stop by returning false).
// Returns the SQLite result code of the step or prepare that ended it.
template<typename F> int eachRow(sqlite3 *db, const char *sql, F row)
{
    sqlite3_stmt *raw = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> stmt(raw, sqlite3_finalize);
    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        if (!row(raw))
            return SQLITE_OK;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

bool isCorruptCode(int rc)
{
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

quint32 be32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}
quint16 be16(const uchar *p)
{
    return quint16((p[0] << 8) | p[1]);
}

// Reads the raw file (no WAL involved: only called when there is none) and checks that each
// sampled page looks like what SQLite could have written there.
class PageScanner {
public:
    explicit PageScanner(QFile &f)
        : m_file(f)
    {
    }

    QString scan(const uchar *header, qint64 fileSize, int maxPages)
    {
        m_pageSize = be16(header + 16) == 1 ? 65536 : be16(header + 16);
        if (m_pageSize < 512 || (m_pageSize & (m_pageSize - 1)) != 0)
            return QStringLiteral("invalid page size %1").arg(m_pageSize);
        m_usable = m_pageSize - header[20];
        // The header's page count is only trusted when it was written by a version that keeps it.
        const quint32 inHeader = be32(header + 28);
        const quint32 fromFile = quint32(fileSize / m_pageSize);
        m_pageCount =
            be32(header + 24) == be32(header + 92) && inHeader != 0 ? qMin(inHeader, fromFile) : fromFile;
        // Auto-vacuum files hold pointer-map pages this scan does not know; Penpal never uses it.
        if (be32(header + 52) != 0 || m_pageCount < 2)
            return {};
        if (const QString err = readFreelist(be32(header + 32), be32(header + 36)); !err.isEmpty())
            return err;
        const quint32 lockBytePage = quint32(0x40000000 / m_pageSize) + 1;
        const quint32 step = qMax<quint32>(1, (m_pageCount - 1) / quint32(qMax(1, maxPages)));
        for (quint32 pgno = 2; pgno <= m_pageCount; pgno += step) {
            if (pgno == lockBytePage || m_freeLeaves.contains(pgno))
                continue;
            uchar buf[12];
            if (!read(pgno, buf, sizeof buf))
                return QStringLiteral("page %1 cannot be read").arg(pgno);
            if (!plausible(buf))
                return QStringLiteral("page %1 holds no valid data").arg(pgno);
        }
        return {};
    }

private:
    bool read(quint32 pgno, uchar *buf, qint64 n)
    {
        return m_file.seek(qint64(pgno - 1) * m_pageSize) &&
               m_file.read(reinterpret_cast<char *>(buf), n) == n;
    }

    QString readFreelist(quint32 trunk, quint32 total)
    {
        // Each trunk lists leaf pages whose content is anything at all; they are skipped.
        for (quint32 seen = 0; trunk != 0; ++seen) {
            if (trunk > m_pageCount || seen > total)
                return QStringLiteral("the free-page list is damaged");
            m_freeLeaves.insert(trunk);
            QByteArray page(int(m_usable), Qt::Uninitialized);
            auto *p = reinterpret_cast<uchar *>(page.data());
            if (!read(trunk, p, page.size()))
                return QStringLiteral("the free-page list cannot be read");
            const quint32 leaves = be32(p + 4);
            if (leaves > m_usable / 4 - 2)
                return QStringLiteral("the free-page list is damaged");
            for (quint32 i = 0; i < leaves; ++i) {
                const quint32 leaf = be32(p + 8 + 4 * i);
                if (leaf < 2 || leaf > m_pageCount)
                    return QStringLiteral("the free-page list is damaged");
                m_freeLeaves.insert(leaf);
            }
            trunk = be32(p);
        }
        return {};
    }

    // A b-tree page with a sane header, or an overflow page whose next-page pointer is in
    // range. Random bytes pass this with a probability of about one in a billion.
    bool plausible(const uchar *b) const
    {
        const uchar type = b[0];
        if (type == 2 || type == 5 || type == 10 || type == 13) {
            const bool interior = type == 2 || type == 5;
            const quint32 headerSize = interior ? 12 : 8;
            const quint32 freeblock = be16(b + 1);
            const quint32 cells = be16(b + 3);
            const quint32 content = be16(b + 5) == 0 ? 65536 : be16(b + 5);
            if (b[7] > 60 || content > m_usable || headerSize + 2 * cells > m_usable)
                return false;
            if (cells > 0 && content < headerSize + 2 * cells)
                return false;
            if (freeblock != 0 && (freeblock < headerSize || freeblock >= m_usable))
                return false;
            if (interior) {
                const quint32 right = be32(b + 8);
                if (right < 2 || right > m_pageCount)
                    return false;
            }
            return true;
        }
        return be32(b) <= m_pageCount;
    }

    QFile &m_file;
    quint32 m_pageSize = 0;
    quint32 m_usable = 0;
    quint32 m_pageCount = 0;
    QSet<quint32> m_freeLeaves;
};

QString scanPages(const QString &path, int maxPages)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {}; // not ours to judge: SQLite's open reports it
    uchar header[100];
    if (f.read(reinterpret_cast<char *>(header), sizeof header) != qint64(sizeof header))
        return QStringLiteral("the file is too short to be a database");
    if (memcmp(header, "SQLite format 3", 16) != 0)
        return QStringLiteral("the file is not an SQLite database");
    PageScanner scanner(f);
    return scanner.scan(header, f.size(), maxPages);
}

} // namespace

void DatabaseFile::Cancel::cancel()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cancelled = true;
    if (m_db)
        sqlite3_interrupt(m_db);
}

void DatabaseFile::Cancel::attach(sqlite3 *db)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = db;
    if (m_cancelled)
        sqlite3_interrupt(db);
}

void DatabaseFile::Cancel::detach()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_db = nullptr;
}

bool DatabaseFile::integrityCheck(const QString &path, QString *problem, Cancel *cancel, bool *damaged)
{
    bool ignored = false;
    if (!damaged)
        damaged = &ignored;
    *damaged = false;
    Connection c;
    if (!openDb(c, path, SQLITE_OPEN_READONLY, problem))
        return false;
    if (cancel)
        cancel->attach(c.db);
    QStringList found;
    const int rc = eachRow(c.db, "PRAGMA integrity_check(20)", [&](sqlite3_stmt *s) {
        found << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
        return true;
    });
    if (cancel)
        cancel->detach();
    if (rc != SQLITE_OK) {
        *problem = c.error();
        *damaged = isCorruptCode(rc);
        return false;
    }
    if (found == QStringList{QStringLiteral("ok")})
        return true;
    *problem = found.join(QLatin1Char('\n'));
    *damaged = true;
    return false;
}

bool DatabaseFile::copyTo(const QString &path, const QString &target, QString *error, Cancel *cancel)
{
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    Connection c;
    if (!openDb(c, path, SQLITE_OPEN_READONLY, error))
        return false;
    if (cancel)
        cancel->attach(c.db);
    sqlite3_stmt *raw = nullptr;
    int rc = sqlite3_prepare_v2(c.db, "VACUUM INTO ?", -1, &raw, nullptr);
    if (rc == SQLITE_OK) {
        const QByteArray name = QFile::encodeName(partial);
        sqlite3_bind_text(raw, 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
        rc = sqlite3_step(raw);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK)
        *error = c.error();
    sqlite3_finalize(raw);
    if (cancel)
        cancel->detach();
    if (rc == SQLITE_OK && !QFile::rename(partial, target)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(partial, target);
        rc = SQLITE_ERROR;
    }
    if (rc != SQLITE_OK) {
        QFile::remove(partial);
        return false;
    }
    return true;
}

DatabaseFile::Counts DatabaseFile::counts(const QString &path)
{
    Counts result;
    Connection c;
    QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    uri.setQuery(QStringLiteral("immutable=1"));
    if (!openDb(c, uri.toString(QUrl::FullyEncoded), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &result.error))
        return result;
    auto scalar = [&](const char *sql, int *out) {
        const int rc = eachRow(c.db, sql, [&](sqlite3_stmt *s) {
            *out = sqlite3_column_int(s, 0);
            return false;
        });
        if (rc != SQLITE_OK && result.error.isEmpty())
            result.error = c.error();
        return rc == SQLITE_OK;
    };
    result.ok = scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version", &result.schemaVersion) &&
                scalar("SELECT COUNT(*) FROM conversations", &result.conversations) &&
                scalar("SELECT COUNT(*) FROM messages", &result.messages);
    return result;
}

DatabaseFile::Probe DatabaseFile::probe(const QString &path, int maxPages)
{
    const QFileInfo info(path);
    if (!info.exists() || info.size() == 0)
        return {Health::Ok, {}};
    // Without a WAL the file alone is the database, so its pages can be read directly. With
    // one (after a crash) the file may hold half a checkpoint that the WAL completes: only
    // reads through SQLite can be trusted then.
    const QFileInfo wal(path + QStringLiteral("-wal"));
    if (!wal.exists() || wal.size() == 0) {
        const QString bad = scanPages(path, maxPages);
        if (!bad.isEmpty())
            return {Health::Corrupt, bad};
    }

    Connection c;
    QString err;
    // Read-only: closing it never checkpoints a WAL into the file.
    if (!openDb(c, path, SQLITE_OPEN_READONLY, &err))
        return {Health::Unknown, err};
    QStringList tables;
    int rc =
        eachRow(c.db,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND sql NOT LIKE 'CREATE VIRTUAL%'",
                [&](sqlite3_stmt *s) {
                    tables << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
                    return true;
                });
    // The root and the last leaf of every table: what the first queries after opening read.
    for (const QString &t : qAsConst(tables)) {
        if (rc != SQLITE_OK)
            break;
        QString quoted = t;
        quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
        const QByteArray sql =
            QStringLiteral("SELECT 1 FROM \"%1\" ORDER BY rowid DESC LIMIT 1").arg(quoted).toUtf8();
        rc = eachRow(c.db, sql.constData(), [](sqlite3_stmt *) { return false; });
        if (rc != SQLITE_OK && !isCorruptCode(rc))
            rc = SQLITE_OK; // a WITHOUT ROWID table: not a sign of damage
    }
    if (isCorruptCode(rc))
        return {Health::Corrupt, c.error()};
    if (rc != SQLITE_OK)
        return {Health::Unknown, c.error()};
    return {Health::Ok, {}};
}

bool DatabaseFile::looksCorrupt(const QString &errorText)
{
    return errorText.contains(QLatin1String("file is not a database"), Qt::CaseInsensitive) ||
           errorText.contains(QLatin1String("malformed"), Qt::CaseInsensitive);
}

} // namespace penpal
