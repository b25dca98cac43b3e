#include "store/Migrations.h"

#include "store/StoreLog.h"
#include "store/StoreSql.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace penpal {

namespace {

QVector<Migration> buildMigrations()
{
    QVector<Migration> list;

    // v1: the first released schema. No branching, no reasoning, no timings.
    list.append(Migration{
        1,
        QStringLiteral("base tables"),
        {
            QStringLiteral("CREATE TABLE schema_version ("
                           " version INTEGER PRIMARY KEY,"
                           " applied INTEGER NOT NULL,"
                           " description TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE conversations ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " title TEXT NOT NULL DEFAULT '',"
                           " created INTEGER NOT NULL,"
                           " updated INTEGER NOT NULL,"
                           " pinned INTEGER NOT NULL DEFAULT 0,"
                           " profile_id TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " system_prompt TEXT NOT NULL DEFAULT '',"
                           " params TEXT NOT NULL DEFAULT '{}')"),
            QStringLiteral("CREATE TABLE messages ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " conversation_id INTEGER NOT NULL"
                           "  REFERENCES conversations(id) ON DELETE CASCADE,"
                           " parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,"
                           " role TEXT NOT NULL,"
                           " content TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " created INTEGER NOT NULL,"
                           " state TEXT NOT NULL DEFAULT 'complete',"
                           " error_text TEXT NOT NULL DEFAULT '',"
                           " prompt_tokens INTEGER,"
                           " completion_tokens INTEGER,"
                           " total_tokens INTEGER)"),
        },
    });

    // v2: branching (regenerate keeps siblings; the shown path ends at current_leaf_id) and
    // reasoning models. The indexes come first so that a failure in a later statement
    // proves the whole step rolls back.
    list.append(Migration{
        2,
        QStringLiteral("branches and reasoning"),
        {
            QStringLiteral(
                "CREATE INDEX idx_messages_conversation ON messages(conversation_id, created, id)"),
            // Also needed by ON DELETE CASCADE on parent_id, which otherwise scans the table.
            QStringLiteral("CREATE INDEX idx_messages_parent ON messages(parent_id)"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN reasoning TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN reasoning_tokens INTEGER"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN current_leaf_id INTEGER"),
        },
    });

    // v3: per-reply timings, and indexes for the sidebar order and for the crash recovery
    // that runs on every open (a partial index keeps it O(streaming rows)).
    list.append(Migration{
        3,
        QStringLiteral("timings and list order"),
        {
            QStringLiteral("ALTER TABLE messages ADD COLUMN ttft_ms INTEGER"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN duration_ms INTEGER"),
            QStringLiteral(
                "CREATE INDEX idx_messages_streaming ON messages(state) WHERE state = 'streaming'"),
            QStringLiteral("CREATE INDEX idx_conversations_order"
                           " ON conversations(pinned DESC, updated DESC, id DESC)"),
        },
    });

    // v4: message actions. The finish reason tells a length-cut reply (it can be continued)
    // from a finished one; the context limit is per conversation, and each reply records how
    // many earlier messages its request left out, so the thread can still say so after a
    // restart. NULL finish_reason: unknown (rows from before v4, or never finished).
    list.append(Migration{
        4,
        QStringLiteral("finish reason and context limits"),
        {
            QStringLiteral("ALTER TABLE messages ADD COLUMN finish_reason TEXT"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN context_omitted INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral(
                "ALTER TABLE conversations ADD COLUMN context_max_messages INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral(
                "ALTER TABLE conversations ADD COLUMN context_max_tokens INTEGER NOT NULL DEFAULT 0"),
        },
    });

    // v5: files attached to prompts, stored with them so that a regenerate, an edit or a
    // restart sends the same bytes. `size` spares views reading the blobs; the unique index
    // orders a message's files and serves ON DELETE CASCADE from messages.
    list.append(Migration{
        5,
        QStringLiteral("attachments"),
        {
            QStringLiteral("CREATE TABLE attachments ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                           " ordinal INTEGER NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " file_name TEXT NOT NULL DEFAULT '',"
                           " mime_type TEXT NOT NULL DEFAULT '',"
                           " size INTEGER NOT NULL,"
                           " data BLOB NOT NULL)"),
            QStringLiteral("CREATE UNIQUE INDEX idx_attachments_message ON attachments(message_id, ordinal)"),
        },
    });

    // v6: full-text search. Trigram FTS5 tables (SQLite 3.40 has no remove_diacritics for
    // trigram before 3.45, so matching folds case only) hold a copy of every message's text
    // and every title, kept in step by triggers so that writes from any connection, the
    // Store's or an older tool's, stay searchable. The rowid is the message / conversation id.
    // Messages deleted by ON DELETE CASCADE fire their DELETE trigger as well. The message
    // table comes first so that a failure in a later statement proves the step rolls back.
    list.append(Migration{
        6,
        QStringLiteral("full-text search"),
        {
            QStringLiteral("CREATE VIRTUAL TABLE message_fts USING fts5("
                           " content, conversation_id UNINDEXED, role UNINDEXED, tokenize = 'trigram')"),
            QStringLiteral("INSERT INTO message_fts (rowid, content, conversation_id, role)"
                           " SELECT id, content, conversation_id, role FROM messages"),
            QStringLiteral("CREATE TRIGGER message_fts_insert AFTER INSERT ON messages BEGIN"
                           " INSERT INTO message_fts (rowid, content, conversation_id, role)"
                           "  VALUES (new.id, new.content, new.conversation_id, new.role);"
                           " END"),
            // A streaming reply is written about twice a second; re-indexing its whole text each
            // time would make every write cost more as the reply grows. It is indexed when it
            // ends (complete, interrupted, failed - also when a restart marks it interrupted).
            QStringLiteral(
                "CREATE TRIGGER message_fts_update AFTER UPDATE OF content, role, state ON messages"
                " WHEN new.state <> 'streaming' BEGIN"
                " UPDATE message_fts SET content = new.content, role = new.role"
                "  WHERE rowid = new.id;"
                " END"),
            QStringLiteral("CREATE TRIGGER message_fts_delete AFTER DELETE ON messages BEGIN"
                           " DELETE FROM message_fts WHERE rowid = old.id;"
                           " END"),
            QStringLiteral("CREATE VIRTUAL TABLE title_fts USING fts5(title, tokenize = 'trigram')"),
            QStringLiteral("INSERT INTO title_fts (rowid, title) SELECT id, title FROM conversations"),
            QStringLiteral("CREATE TRIGGER title_fts_insert AFTER INSERT ON conversations BEGIN"
                           " INSERT INTO title_fts (rowid, title) VALUES (new.id, new.title);"
                           " END"),
            QStringLiteral("CREATE TRIGGER title_fts_update AFTER UPDATE OF title ON conversations BEGIN"
                           " UPDATE title_fts SET title = new.title WHERE rowid = new.id;"
                           " END"),
            QStringLiteral("CREATE TRIGGER title_fts_delete AFTER DELETE ON conversations BEGIN"
                           " DELETE FROM title_fts WHERE rowid = old.id;"
                           " END"),
        },
    });

    // v7: organising history. `uid` names a conversation across databases (exports carry it, an
    // import skips a uid it already has; imported ChatGPT conversations use "chatgpt:<id>").
    // Archived conversations leave the main list but stay searchable; a deleted one gets
    // `deleted_at` (the trash, emptied after confirmation or 30 days) so that delete can be
    // undone. `title_locked` marks a title the user set, which an automatic title never
    // replaces. Tags are many-to-many and case-insensitively unique.
    list.append(Migration{
        7,
        QStringLiteral("organisation: uid, archive, trash, tags, title lock"),
        {
            QStringLiteral("ALTER TABLE conversations ADD COLUMN uid TEXT"),
            QStringLiteral("UPDATE conversations SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL"),
            QStringLiteral("CREATE UNIQUE INDEX idx_conversations_uid ON conversations(uid)"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN archived INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN deleted_at INTEGER"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN title_locked INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE INDEX idx_conversations_trash ON conversations(deleted_at)"
                           " WHERE deleted_at IS NOT NULL"),
            QStringLiteral("CREATE TABLE tags ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                           " created INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE conversation_tags ("
                           " conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
                           " tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
                           " PRIMARY KEY (conversation_id, tag_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX idx_conversation_tags_tag ON conversation_tags(tag_id, conversation_id)"),
        },
    });

    // v8: word search. The trigram tables of v6 matched infixes, could not fold diacritics and
    // needed a LIKE scan for one- and two-character CJK queries. The new tables use the
    // "penpal" tokenizer (SearchTokenizer: unicode61 words with case and diacritics folded,
    // one token per CJK character) with prefix indexes for the short prefix queries a search
    // box sends while typing. They are external-content tables over messages / conversations
    // (the text is not stored twice); their rowid is the message / conversation id.
    // External content means the triggers must remove exactly what they indexed, so the rule
    // "a streaming reply is indexed when it stops streaming" is expressed on both sides: a row
    // is in the index exactly while its state is not 'streaming'. The message table comes
    // first so that a failure in a later statement proves the step rolls back.
    list.append(Migration{
        8,
        QStringLiteral("word search with CJK characters and folded diacritics"),
        {
            QStringLiteral("DROP TRIGGER message_fts_insert"),
            QStringLiteral("DROP TRIGGER message_fts_update"),
            QStringLiteral("DROP TRIGGER message_fts_delete"),
            QStringLiteral("DROP TRIGGER title_fts_insert"),
            QStringLiteral("DROP TRIGGER title_fts_update"),
            QStringLiteral("DROP TRIGGER title_fts_delete"),
            QStringLiteral("DROP TABLE message_fts"),
            QStringLiteral("DROP TABLE title_fts"),
            QStringLiteral("CREATE VIRTUAL TABLE message_fts USING fts5(content, content = 'messages',"
                           " content_rowid = 'id', tokenize = 'penpal', prefix = '1 2 3', columnsize = 0)"),
            QStringLiteral("INSERT INTO message_fts (rowid, content)"
                           " SELECT id, content FROM messages WHERE state <> 'streaming'"),
            QStringLiteral("CREATE TRIGGER message_fts_insert AFTER INSERT ON messages"
                           " WHEN new.state <> 'streaming' BEGIN"
                           " INSERT INTO message_fts (rowid, content) VALUES (new.id, new.content);"
                           " END"),
            // Out of the index when the text of an indexed row changes or it starts streaming
            // again (a continued reply); back in when it holds finished text.
            QStringLiteral("CREATE TRIGGER message_fts_update AFTER UPDATE OF content, state ON messages"
                           " WHEN old.state <> 'streaming' OR new.state <> 'streaming' BEGIN"
                           " INSERT INTO message_fts (message_fts, rowid, content)"
                           "  SELECT 'delete', old.id, old.content WHERE old.state <> 'streaming'"
                           "   AND (new.state = 'streaming' OR new.content IS NOT old.content);"
                           " INSERT INTO message_fts (rowid, content)"
                           "  SELECT new.id, new.content WHERE new.state <> 'streaming'"
                           "   AND (old.state = 'streaming' OR new.content IS NOT old.content);"
                           " END"),
            QStringLiteral("CREATE TRIGGER message_fts_delete AFTER DELETE ON messages"
                           " WHEN old.state <> 'streaming' BEGIN"
                           " INSERT INTO message_fts (message_fts, rowid, content)"
                           "  VALUES ('delete', old.id, old.content);"
                           " END"),
            QStringLiteral("CREATE VIRTUAL TABLE title_fts USING fts5(title, content = 'conversations',"
                           " content_rowid = 'id', tokenize = 'penpal', prefix = '1 2 3', columnsize = 0)"),
            QStringLiteral("INSERT INTO title_fts (rowid, title) SELECT id, title FROM conversations"),
            QStringLiteral("CREATE TRIGGER title_fts_insert AFTER INSERT ON conversations BEGIN"
                           " INSERT INTO title_fts (rowid, title) VALUES (new.id, new.title);"
                           " END"),
            QStringLiteral("CREATE TRIGGER title_fts_update AFTER UPDATE OF title ON conversations"
                           " WHEN new.title IS NOT old.title BEGIN"
                           " INSERT INTO title_fts (title_fts, rowid, title) VALUES ('delete', old.id, old.title);"
                           " INSERT INTO title_fts (rowid, title) VALUES (new.id, new.title);"
                           " END"),
            QStringLiteral("CREATE TRIGGER title_fts_delete AFTER DELETE ON conversations BEGIN"
                           " INSERT INTO title_fts (title_fts, rowid, title) VALUES ('delete', old.id, old.title);"
                           " END"),
        },
    });

    // v9: imports index their messages after they are committed. Indexing every message
    // inside the import's transaction made a 100 MB import three times slower (the prefix
    // indexes multiply the work). An import now records the ids it adds in `fts_pending`; the
    // triggers leave those rows alone, and SearchBacklog indexes them in small transactions
    // right after the import (and at the next start if the app was closed first). A row in a
    // pending range is "not in the index" for every trigger, so an edit or a delete before it
    // is indexed never removes what was never added.
    list.append(Migration{
        9,
        QStringLiteral("deferred search indexing of imported messages"),
        {
            QStringLiteral("CREATE TABLE fts_pending ("
                           " id INTEGER PRIMARY KEY,"
                           " first_id INTEGER NOT NULL,"
                           " last_id INTEGER NOT NULL)"),
            QStringLiteral("DROP TRIGGER message_fts_insert"),
            QStringLiteral("DROP TRIGGER message_fts_update"),
            QStringLiteral("DROP TRIGGER message_fts_delete"),
            QStringLiteral("CREATE TRIGGER message_fts_insert AFTER INSERT ON messages"
                           " WHEN new.state <> 'streaming' AND NOT EXISTS (SELECT 1 FROM fts_pending p"
                           "  WHERE new.id BETWEEN p.first_id AND p.last_id) BEGIN"
                           " INSERT INTO message_fts (rowid, content) VALUES (new.id, new.content);"
                           " END"),
            QStringLiteral("CREATE TRIGGER message_fts_update AFTER UPDATE OF content, state ON messages"
                           " WHEN (old.state <> 'streaming' OR new.state <> 'streaming')"
                           " AND NOT EXISTS (SELECT 1 FROM fts_pending p"
                           "  WHERE old.id BETWEEN p.first_id AND p.last_id) BEGIN"
                           " INSERT INTO message_fts (message_fts, rowid, content)"
                           "  SELECT 'delete', old.id, old.content WHERE old.state <> 'streaming'"
                           "   AND (new.state = 'streaming' OR new.content IS NOT old.content);"
                           " INSERT INTO message_fts (rowid, content)"
                           "  SELECT new.id, new.content WHERE new.state <> 'streaming'"
                           "   AND (old.state = 'streaming' OR new.content IS NOT old.content);"
                           " END"),
            QStringLiteral("CREATE TRIGGER message_fts_delete AFTER DELETE ON messages"
                           " WHEN old.state <> 'streaming' AND NOT EXISTS (SELECT 1 FROM fts_pending p"
                           "  WHERE old.id BETWEEN p.first_id AND p.last_id) BEGIN"
                           " INSERT INTO message_fts (message_fts, rowid, content)"
                           "  VALUES ('delete', old.id, old.content);"
                           " END"),
        },
    });

    // v10: the Translate workspace's history and glossaries. A translation job is one row with
    // the settings it ran with and the glossary terms it was given (JSON [{"source", "target"}]:
    // a snapshot, so later glossary edits do not rewrite history). Its texts are searchable
    // by the rules of the message index: an external-content table with the "penpal"
    // tokenizer over both texts, rowid = translation id, kept in step by triggers that remove
    // exactly what they indexed. Glossary terms are rows per language pair, ordered by
    // `position`; a source term appears once per pair. The pair index comes last so that a
    // failure there proves the whole step rolls back.
    list.append(Migration{
        10,
        QStringLiteral("translation history and glossaries"),
        {
            QStringLiteral("CREATE TABLE translations ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " created INTEGER NOT NULL,"
                           " updated INTEGER NOT NULL,"
                           " source_language TEXT NOT NULL DEFAULT '',"
                           " target_language TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " style TEXT NOT NULL DEFAULT '',"
                           " instruction TEXT NOT NULL DEFAULT '',"
                           " source_text TEXT NOT NULL DEFAULT '',"
                           " result_text TEXT NOT NULL DEFAULT '',"
                           " glossary TEXT NOT NULL DEFAULT '[]',"
                           " state TEXT NOT NULL DEFAULT 'complete')"),
            // The history list's order, read straight off the index.
            QStringLiteral("CREATE INDEX idx_translations_order ON translations(updated DESC, id DESC)"),
            QStringLiteral("CREATE VIRTUAL TABLE translation_fts USING fts5(source_text, result_text,"
                           " content = 'translations', content_rowid = 'id', tokenize = 'penpal',"
                           " prefix = '1 2 3', columnsize = 0)"),
            QStringLiteral("CREATE TRIGGER translation_fts_insert AFTER INSERT ON translations BEGIN"
                           " INSERT INTO translation_fts (rowid, source_text, result_text)"
                           "  VALUES (new.id, new.source_text, new.result_text);"
                           " END"),
            // Saving a job again with the same texts (a changed model, say) leaves the index alone.
            QStringLiteral("CREATE TRIGGER translation_fts_update AFTER UPDATE OF source_text, result_text"
                           " ON translations WHEN new.source_text IS NOT old.source_text"
                           " OR new.result_text IS NOT old.result_text BEGIN"
                           " INSERT INTO translation_fts (translation_fts, rowid, source_text, result_text)"
                           "  VALUES ('delete', old.id, old.source_text, old.result_text);"
                           " INSERT INTO translation_fts (rowid, source_text, result_text)"
                           "  VALUES (new.id, new.source_text, new.result_text);"
                           " END"),
            QStringLiteral("CREATE TRIGGER translation_fts_delete AFTER DELETE ON translations BEGIN"
                           " INSERT INTO translation_fts (translation_fts, rowid, source_text, result_text)"
                           "  VALUES ('delete', old.id, old.source_text, old.result_text);"
                           " END"),
            QStringLiteral("CREATE TABLE glossary_terms ("
                           " source_language TEXT NOT NULL,"
                           " target_language TEXT NOT NULL,"
                           " position INTEGER NOT NULL,"
                           " source TEXT NOT NULL,"
                           " target TEXT NOT NULL,"
                           " UNIQUE (source_language, target_language, source))"),
            // A pair's terms in their order straight off the index.
            QStringLiteral("CREATE INDEX idx_glossary_terms_pair"
                           " ON glossary_terms(source_language, target_language, position)"),
        },
    });

    // v11: the Draft workspace. A document is one row (Markdown text, title, language) saved
    // as it is typed; its title and text are searchable by the rules of the message index
    // (external-content FTS5 with the "penpal" tokenizer, rowid = document id, triggers that
    // remove exactly what they indexed and leave the index alone when an update keeps both
    // texts). The short columns come before the text, so reading a row's times (the list's
    // and search's order) never walks a long document's overflow pages. Versions are full
    // snapshots of the text, deleted with their document. The versions index comes last so
    // that a failure there proves the whole step rolls back.
    list.append(Migration{
        11,
        QStringLiteral("draft documents and versions"),
        {
            QStringLiteral("CREATE TABLE documents ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " created INTEGER NOT NULL,"
                           " updated INTEGER NOT NULL,"
                           " language TEXT NOT NULL DEFAULT '',"
                           " title TEXT NOT NULL DEFAULT '',"
                           " content TEXT NOT NULL DEFAULT '')"),
            // The document list's order, read straight off the index.
            QStringLiteral("CREATE INDEX idx_documents_order ON documents(updated DESC, id DESC)"),
            QStringLiteral("CREATE VIRTUAL TABLE document_fts USING fts5(title, content,"
                           " content = 'documents', content_rowid = 'id', tokenize = 'penpal',"
                           " prefix = '1 2 3', columnsize = 0)"),
            QStringLiteral("CREATE TRIGGER document_fts_insert AFTER INSERT ON documents BEGIN"
                           " INSERT INTO document_fts (rowid, title, content)"
                           "  VALUES (new.id, new.title, new.content);"
                           " END"),
            QStringLiteral("CREATE TRIGGER document_fts_update AFTER UPDATE OF title, content"
                           " ON documents WHEN new.title IS NOT old.title"
                           " OR new.content IS NOT old.content BEGIN"
                           " INSERT INTO document_fts (document_fts, rowid, title, content)"
                           "  VALUES ('delete', old.id, old.title, old.content);"
                           " INSERT INTO document_fts (rowid, title, content)"
                           "  VALUES (new.id, new.title, new.content);"
                           " END"),
            QStringLiteral("CREATE TRIGGER document_fts_delete AFTER DELETE ON documents BEGIN"
                           " INSERT INTO document_fts (document_fts, rowid, title, content)"
                           "  VALUES ('delete', old.id, old.title, old.content);"
                           " END"),
            QStringLiteral("CREATE TABLE document_versions ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " document_id INTEGER NOT NULL"
                           "  REFERENCES documents(id) ON DELETE CASCADE,"
                           " created INTEGER NOT NULL,"
                           " cause TEXT NOT NULL DEFAULT '',"
                           " name TEXT NOT NULL DEFAULT '',"
                           " content TEXT NOT NULL DEFAULT '')"),
            // A document's versions newest first, and ON DELETE CASCADE without a table scan.
            QStringLiteral("CREATE INDEX idx_document_versions_document"
                           " ON document_versions(document_id, created DESC, id DESC)"),
        },
    });

    // v12: personas and the prompt library. Built-ins are ordinary rows with a builtin
    // (the user may edit or delete them); library_seeded remembers which keys were ever
    // seeded, so a deleted built-in is not seeded again while a later release can add new
    // ones. Sampling parameters are SamplingParams' JSON, as in conversations.
    list.append(Migration{
        12,
        QStringLiteral("personas and prompt library"),
        {
            QStringLiteral("CREATE TABLE personas ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " created INTEGER NOT NULL,"
                           " updated INTEGER NOT NULL,"
                           " builtin TEXT NOT NULL DEFAULT '',"
                           " name TEXT NOT NULL DEFAULT '',"
                           " icon TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " params TEXT NOT NULL DEFAULT '{}',"
                           " system_prompt TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE prompts ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " created INTEGER NOT NULL,"
                           " updated INTEGER NOT NULL,"
                           " builtin TEXT NOT NULL DEFAULT '',"
                           " name TEXT NOT NULL DEFAULT '',"
                           " text TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE library_seeded (item TEXT PRIMARY KEY) WITHOUT ROWID"),
        },
    });

    return list;
}

bool run(QSqlQuery &q, const QString &sql, QString *error)
{
    if (q.exec(sql))
        return true;
    if (error)
        *error = storesql::errorText(q.lastError());
    return false;
}

} // namespace

const QVector<Migration> &Migrations::all()
{
    static const QVector<Migration> list = buildMigrations();
    return list;
}

int Migrations::latestVersion()
{
    return all().isEmpty() ? 0 : all().constLast().version;
}

int Migrations::readVersion(const QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))) {
        if (error)
            *error = QStringLiteral("cannot read the database: %1").arg(storesql::errorText(q.lastError()));
        return -1;
    }
    bool hasVersionTable = false;
    bool hasOtherObjects = false;
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("schema_version"))
            hasVersionTable = true;
        else
            hasOtherObjects = true;
    }
    q.finish();
    if (!hasVersionTable) {
        // Never add our tables to somebody else's database.
        if (hasOtherObjects) {
            if (error)
                *error = QStringLiteral("the file is an SQLite database but not a Penpal one");
            return -1;
        }
        return 0;
    }
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next()) {
        if (error)
            *error =
                QStringLiteral("cannot read the schema version: %1").arg(storesql::errorText(q.lastError()));
        return -1;
    }
    return q.value(0).toInt();
}

bool Migrations::migrate(const QSqlDatabase &db, int targetVersion, QString *error)
{
    for (const Migration &m : all()) {
        if (m.version > targetVersion)
            break;
        if (!apply(db, m, error))
            return false;
    }
    return true;
}

bool Migrations::apply(const QSqlDatabase &db, const Migration &m, QString *error)
{
    QSqlQuery q(db);
    QString err;
    // IMMEDIATE takes the write lock up front, so two processes opening the same old file
    // serialize here and the second one sees the first one's work below.
    if (!run(q, QStringLiteral("BEGIN IMMEDIATE"), &err)) {
        if (error)
            *error = QStringLiteral("cannot start migration %1: %2").arg(m.version).arg(err);
        return false;
    }
    const int current = readVersion(db, &err);
    if (current < 0 || current >= m.version) {
        run(q, QStringLiteral("ROLLBACK"), nullptr);
        if (current < 0 && error)
            *error = err;
        return current >= 0;
    }
    if (current != m.version - 1) {
        run(q, QStringLiteral("ROLLBACK"), nullptr);
        if (error)
            *error = QStringLiteral("schema version %1 cannot be migrated to %2").arg(current).arg(m.version);
        return false;
    }

    for (const QString &sql : m.statements) {
        if (!run(q, sql, &err)) {
            run(q, QStringLiteral("ROLLBACK"), nullptr);
            qCWarning(lcStore) << "migration" << m.version << "failed, rolled back:" << err;
            if (error)
                *error = QStringLiteral("migration to schema version %1 (%2) failed and was rolled back: %3")
                             .arg(m.version)
                             .arg(m.description, err);
            return false;
        }
    }

    q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied, description) VALUES (?, ?, ?)"));
    q.addBindValue(m.version);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(m.description);
    if (!q.exec() || !run(q, QStringLiteral("COMMIT"), &err)) {
        if (err.isEmpty())
            err = storesql::errorText(q.lastError());
        run(q, QStringLiteral("ROLLBACK"), nullptr);
        if (error)
            *error = QStringLiteral("cannot record schema version %1: %2").arg(m.version).arg(err);
        return false;
    }
    qCDebug(lcStore) << "migrated to schema version" << m.version << m.description;
    return true;
}

} // namespace penpal
