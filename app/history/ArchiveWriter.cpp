#include "history/ArchiveWriter.h"

#include "store/StoreSql.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

namespace penpal {

using namespace storesql;

namespace {

const QString kConversationColumns = QStringLiteral(
    "id, title, created, updated, pinned, profile_id, model, system_prompt, params, context_max_messages,"
    " context_max_tokens, uid, archived, deleted_at, title_locked, current_leaf_id");
constexpr int kConversationColumnCount = 16;
const QString kMessageColumns = QStringLiteral(
    "id, conversation_id, parent_id, role, content, reasoning, model, created, state, error_text,"
    " prompt_tokens, completion_tokens, total_tokens, reasoning_tokens, ttft_ms, duration_ms, finish_reason,"
    " context_omitted");
constexpr int kMessageColumnCount = 18;
const QString kAttachmentColumns =
    QStringLiteral("message_id, ordinal, kind, file_name, mime_type, size, data");
constexpr int kAttachmentColumnCount = 7;
const QString kTagColumns = QStringLiteral("conversation_id, tag_id");
constexpr int kTagColumnCount = 2;

// Rows per statement: enough that the per-statement cost (and the FTS5 flush) is spread over
// many rows; 18 columns x 500 stays well below SQLite's 32766 parameters.
constexpr int kRowsPerStatement = 500;
// Buffered text and files before a flush: bounds memory whatever the conversations hold.
constexpr qint64 kFlushBytes = 8 * 1024 * 1024;

} // namespace

ArchiveWriter::ArchiveWriter(const QSqlDatabase &db)
    : m_db(db)
{
}

ArchiveWriter::~ArchiveWriter()
{
    for (sqlite3_stmt *stmt : qAsConst(m_batchStatements))
        sqlite3_finalize(stmt);
}

ArchiveWriter::Outcome ArchiveWriter::fail(const QString &what)
{
    m_error = what;
    return Outcome::Failed;
}

bool ArchiveWriter::start()
{
    if (m_started)
        return true;
    m_findUid = std::make_unique<QSqlQuery>(m_db);
    if (!m_findUid->prepare(QStringLiteral("SELECT 1 FROM conversations WHERE uid = ?"))) {
        m_error = QStringLiteral("cannot prepare the import: %1").arg(errorOf(*m_findUid));
        return false;
    }
    // The next ids, as AUTOINCREMENT would give them (never one used before, even if deleted).
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'conversations'), 0),"
            " COALESCE((SELECT MAX(id) FROM conversations), 0)),"
            " MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0),"
            " COALESCE((SELECT MAX(id) FROM messages), 0))")) ||
        !q.next()) {
        m_error = QStringLiteral("cannot prepare the import: %1").arg(errorOf(q));
        return false;
    }
    m_nextConversationId = q.value(0).toLongLong() + 1;
    m_nextMessageId = q.value(1).toLongLong() + 1;
    m_firstMessageId = m_nextMessageId;
    m_started = true;
    return true;
}

bool ArchiveWriter::insertRows(const QString &table, const QString &columns, int columnCount,
                               QVariantList &values)
{
    const int rows = int(values.size() / columnCount);
    if (rows == 0)
        return true;
    // Straight to SQLite on the same connection (so in the same transaction): the Qt driver
    // hands SQLite named parameters, whose lookup makes compiling a statement with thousands
    // of them take longer than running it.
    sqlite3 *handle = nullptr;
    const QVariant h = m_db.driver()->handle();
    if (h.isValid() && qstrcmp(h.typeName(), "sqlite3*") == 0)
        handle = *static_cast<sqlite3 *const *>(h.constData());
    if (!handle) {
        m_error = QStringLiteral("cannot store the import: not an SQLite connection");
        return false;
    }
    auto prepare = [&](int n, sqlite3_stmt **stmt) {
        QByteArray row = "(?";
        for (int i = 1; i < columnCount; ++i)
            row += ",?";
        row += ')';
        QByteArray sql = "INSERT INTO " + table.toUtf8() + " (" + columns.toUtf8() + ") VALUES " + row;
        for (int i = 1; i < n; ++i)
            sql += ',' + row;
        if (sqlite3_prepare_v2(handle, sql.constData(), int(sql.size()), stmt, nullptr) != SQLITE_OK) {
            m_error =
                QStringLiteral("cannot store the import: %1").arg(QString::fromUtf8(sqlite3_errmsg(handle)));
            sqlite3_finalize(*stmt);
            *stmt = nullptr;
            return false;
        }
        return true;
    };
    sqlite3_stmt *&full = m_batchStatements[table];
    for (int first = 0; first < rows; first += kRowsPerStatement) {
        const int n = qMin(kRowsPerStatement, rows - first);
        sqlite3_stmt *stmt = nullptr;
        if (n == kRowsPerStatement) {
            if (!full && !prepare(n, &full))
                return false;
            stmt = full;
        } else if (!prepare(n, &stmt)) {
            return false;
        }
        const int base = first * columnCount;
        for (int i = 0; i < n * columnCount; ++i) {
            const QVariant &v = values.at(base + i);
            int rc = SQLITE_OK;
            if (v.isNull()) {
                rc = sqlite3_bind_null(stmt, i + 1);
            } else if (v.userType() == QMetaType::QString) {
                const QByteArray utf8 = v.toString().toUtf8();
                rc = sqlite3_bind_text(stmt, i + 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            } else if (v.userType() == QMetaType::QByteArray) {
                const QByteArray bytes = v.toByteArray();
                rc = sqlite3_bind_blob(stmt, i + 1, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
            } else {
                rc = sqlite3_bind_int64(stmt, i + 1, v.toLongLong());
            }
            if (rc != SQLITE_OK)
                break;
        }
        const int rc = sqlite3_step(stmt);
        if (rc != SQLITE_DONE)
            m_error = QStringLiteral("cannot store the import (%1): %2")
                          .arg(table, QString::fromUtf8(sqlite3_errmsg(handle)));
        if (stmt == full)
            sqlite3_reset(stmt);
        else
            sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE)
            return false;
    }
    values.clear();
    return true;
}

bool ArchiveWriter::flush()
{
    // Parents first: conversations, then messages (each batch in file order, parents before
    // replies), then what refers to them.
    const bool ok =
        insertRows(QStringLiteral("conversations"), kConversationColumns, kConversationColumnCount,
                   m_conversationRows) &&
        insertRows(QStringLiteral("messages"), kMessageColumns, kMessageColumnCount, m_messageRows) &&
        insertRows(QStringLiteral("attachments"), kAttachmentColumns, kAttachmentColumnCount,
                   m_attachmentRows) &&
        insertRows(QStringLiteral("conversation_tags"), kTagColumns, kTagColumnCount, m_tagRows);
    m_bufferedBytes = 0;
    return ok;
}

bool ArchiveWriter::finish()
{
    return !m_started || flush();
}

qint64 ArchiveWriter::tagId(const QString &name)
{
    const QString key = name.toLower();
    const auto known = m_tagIds.constFind(key);
    if (known != m_tagIds.constEnd())
        return *known;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM tags WHERE name = ?")); // the column is NOCASE
    q.addBindValue(name);
    if (!q.exec())
        return 0;
    qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    if (id == 0) {
        q.prepare(QStringLiteral("INSERT INTO tags (name, created) VALUES (?, ?)"));
        q.addBindValue(name);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return 0;
        id = q.lastInsertId().toLongLong();
    }
    m_tagIds.insert(key, id);
    return id;
}

ArchiveWriter::Outcome ArchiveWriter::write(const ConversationArchive &archive, qint64 *conversationId)
{
    m_error.clear();
    if (!start())
        return Outcome::Failed;
    const Conversation &c = archive.conversation;
    const QString where = QStringLiteral("conversation \"%1\" (%2)").arg(c.title, c.uid);
    if (c.uid.isEmpty())
        return fail(QStringLiteral("conversation \"%1\" has no uid").arg(c.title));
    if (m_written.contains(c.uid))
        return fail(
            QStringLiteral("conversation id %1 appears twice in the file (\"%2\")").arg(c.uid, c.title));

    m_findUid->addBindValue(c.uid);
    if (!m_findUid->exec())
        return fail(QStringLiteral("cannot look up %1: %2").arg(where, errorOf(*m_findUid)));
    const bool present = m_findUid->next();
    m_findUid->finish();
    if (present)
        return Outcome::AlreadyPresent;

    // Checked before anything is buffered, so that the message names the fault, not a
    // constraint; and the new ids are known up front.
    QHash<qint64, qint64> newIdOf;
    newIdOf.reserve(archive.messages.size());
    qint64 nextId = m_nextMessageId;
    for (const ArchivedMessage &am : archive.messages) {
        const Message &m = am.message;
        if (newIdOf.contains(m.id))
            return fail(QStringLiteral("%1: duplicate message id %2").arg(where).arg(m.id));
        if (m.parentId != 0 && !newIdOf.contains(m.parentId))
            return fail(QStringLiteral("%1: the parent %2 of message %3 does not come before it")
                            .arg(where)
                            .arg(m.parentId)
                            .arg(m.id));
        newIdOf.insert(m.id, nextId++);
    }
    if (c.currentLeafId != 0 && !newIdOf.contains(c.currentLeafId))
        return fail(QStringLiteral("%1: the current leaf %2 is not one of its messages")
                        .arg(where)
                        .arg(c.currentLeafId));
    QVector<qint64> tagIds;
    for (const QString &tag : archive.tags) {
        const qint64 tid = tagId(tag.trimmed());
        if (tid == 0)
            return fail(QStringLiteral("cannot tag %1 with \"%2\"").arg(where, tag));
        if (!tagIds.contains(tid))
            tagIds << tid;
    }

    const qint64 cid = m_nextConversationId++;
    m_nextMessageId = nextId;
    const QDateTime created = c.created.isValid() ? c.created : QDateTime::currentDateTimeUtc();
    m_conversationRows << cid << text(c.title) << timeValue(created)
                       << timeValue(c.updated.isValid() ? c.updated : created) << (c.pinned ? 1 : 0)
                       << text(c.profileId) << text(c.model) << text(c.systemPrompt)
                       << QString::fromUtf8(QJsonDocument(c.params.toJson()).toJson(QJsonDocument::Compact))
                       << qMax(c.contextMaxMessages, 0) << qMax(c.contextMaxTokens, 0) << c.uid
                       << (c.archived ? 1 : 0) << timeValue(c.deletedAt) << (c.titleLocked ? 1 : 0)
                       << idValue(c.currentLeafId == 0 ? 0 : newIdOf.value(c.currentLeafId));
    m_bufferedBytes += c.title.size() + c.systemPrompt.size() + 256;

    for (const ArchivedMessage &am : archive.messages) {
        const Message &m = am.message;
        const qint64 mid = newIdOf.value(m.id);
        // A streaming row would be "recovered" as interrupted on the next start anyway.
        m_messageRows << mid << cid << idValue(m.parentId == 0 ? 0 : newIdOf.value(m.parentId))
                      << roleToString(m.role) << text(m.content) << text(m.reasoning) << text(m.model)
                      << timeValue(m.created.isValid() ? m.created : created)
                      << stateToString(m.state == MessageState::Streaming ? MessageState::Interrupted
                                                                          : m.state)
                      << text(m.errorText) << countValue(m.usage.promptTokens)
                      << countValue(m.usage.completionTokens) << countValue(m.usage.totalTokens)
                      << countValue(m.usage.reasoningTokens) << countValue(m.timeToFirstTokenMs)
                      << countValue(m.durationMs)
                      << (m.finishReason.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                   : QVariant(m.finishReason))
                      << qMax(m.contextOmitted, 0);
        m_bufferedBytes += 2 * (m.content.size() + m.reasoning.size()) + 128;
        for (int i = 0; i < am.attachments.size(); ++i) {
            const Attachment &a = am.attachments.at(i);
            m_attachmentRows << mid << i << (a.isImage() ? QStringLiteral("image") : QStringLiteral("text"))
                             << text(a.fileName) << text(a.mimeType) << qint64(a.data.size())
                             << (a.data.isNull() ? QByteArray("") : a.data);
            m_bufferedBytes += a.data.size() + 64;
        }
        ++m_messagesWritten;
    }
    for (const qint64 tid : qAsConst(tagIds))
        m_tagRows << cid << tid;

    m_written.insert(c.uid);
    if (conversationId)
        *conversationId = cid;
    if ((m_bufferedBytes >= kFlushBytes ||
         m_messageRows.size() >= 2 * kRowsPerStatement * kMessageColumnCount) &&
        !flush())
        return Outcome::Failed;
    return Outcome::Inserted;
}

} // namespace penpal
