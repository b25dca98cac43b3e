#pragma once

#include "history/ConversationArchive.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <memory>

class QSqlQuery;
struct sqlite3_stmt;

namespace penpal {

// Inserts ConversationArchives into a Penpal database through the given connection; the
// caller owns the transaction (an import wraps all of them in one) and must hold the write
// lock from the first write() to finish() (BEGIN IMMEDIATE): ids are assigned here, not by
// SQLite. A conversation whose uid the database already has, in the trash too, is skipped:
// importing the same file twice adds nothing. The same uid twice within one writer's
// lifetime (one import) is an error, as are duplicate message ids and parents that do not
// come before their replies.
//
// Rows are buffered and written in multi-row INSERTs. Why: the search index's triggers write
// to FTS5 tables, and FTS5 flushes its pending index to a new segment at every statement
// savepoint, so one INSERT per message made indexing cost more than everything else together.
class ArchiveWriter {
public:
    enum class Outcome { Inserted, AlreadyPresent, Failed };

    explicit ArchiveWriter(const QSqlDatabase &db);
    ~ArchiveWriter();
    ArchiveWriter(const ArchiveWriter &) = delete;
    ArchiveWriter &operator=(const ArchiveWriter &) = delete;

    // `conversationId` gets the new row's id when Inserted (the row itself may still be
    // buffered until finish()).
    Outcome write(const ConversationArchive &archive, qint64 *conversationId = nullptr);
    // Writes what is buffered; call before committing. False with errorString().
    bool finish();
    QString errorString() const { return m_error; }
    int messagesWritten() const { return m_messagesWritten; }
    // Reads the ids the rows will get (as AUTOINCREMENT would give them); done by the first
    // write() too. After it, firstMessageId() is the id the first message written gets.
    bool start();
    qint64 firstMessageId() const { return m_firstMessageId; }

private:
    Outcome fail(const QString &what);
    bool flush();
    bool insertRows(const QString &table, const QString &columns, int columnCount, QVariantList &values);
    qint64 tagId(const QString &name);

    QSqlDatabase m_db;
    bool m_started = false;
    std::unique_ptr<QSqlQuery> m_findUid;
    QHash<QString, sqlite3_stmt *> m_batchStatements; // full batches, by table
    qint64 m_nextConversationId = 0;
    qint64 m_nextMessageId = 0;
    qint64 m_firstMessageId = 0;
    // Buffered rows, column values in order (see the *Columns constants in the .cpp).
    QVariantList m_conversationRows;
    QVariantList m_messageRows;
    QVariantList m_attachmentRows;
    QVariantList m_tagRows;
    qint64 m_bufferedBytes = 0;
    QSet<QString> m_written;         // uids inserted by this writer
    QHash<QString, qint64> m_tagIds; // by lower-case name
    QString m_error;
    int m_messagesWritten = 0;
};

} // namespace penpal
