// Store schema migrations: from nothing, from every earlier version (with the backup taken
// first), refusal of newer files and of foreign ones, and rollback of a failing migration.
#include "RawDb.h"
#include "store/Store.h"
#include "store/StoreBackup.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QSet>
#include <QTest>

#include <map>

using namespace penpal;
using namespace penpal::test;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

const qint64 kCreatedMs = 1714564800123; // 2024-05-01T12:00:00.123Z
const QString kTitle = QStringLiteral("Alte Unterhaltung 旧会话 🗂");
const QString kQuestion = QStringLiteral("Wie spät ist es? 几点了？⏰");
const QString kAnswer = QStringLiteral("Zeit für Tee 🍵");

// The rows an older Penpal would have written: only the columns that exist at the file's
// version are filled, so the same fixture serves every version, including future ones.
struct Fixture {
    qint64 conversation = 0;
    qint64 question = 0;
    qint64 answer = 0;
    bool hasReasoning = false;
    bool hasLeaf = false;
    bool hasTimings = false;
    bool hasActions = false; // v4: finish reason, context limits
};

bool insertFixture(RawDb &raw, Fixture *f)
{
    f->hasReasoning = raw.hasColumn(QStringLiteral("messages"), QStringLiteral("reasoning"));
    f->hasLeaf = raw.hasColumn(QStringLiteral("conversations"), QStringLiteral("current_leaf_id"));
    f->hasTimings = raw.hasColumn(QStringLiteral("messages"), QStringLiteral("ttft_ms"));
    f->hasActions = raw.hasColumn(QStringLiteral("messages"), QStringLiteral("finish_reason"));
    if (!raw.exec(
            QStringLiteral("INSERT INTO conversations (title, created, updated, pinned, profile_id, model,"
                           " system_prompt, params) VALUES (?, ?, ?, 1, 'prof', 'old-model', 'sys', ?)"),
            {kTitle, kCreatedMs, kCreatedMs + 1000, QStringLiteral(R"({"temperature":0.25,"stop":["x"]})")}))
        return false;
    f->conversation = raw.scalar(QStringLiteral("SELECT MAX(id) FROM conversations")).toLongLong();
    if (!raw.exec(
            QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, content, model, created,"
                           " state, error_text, prompt_tokens, completion_tokens, total_tokens)"
                           " VALUES (?, NULL, 'user', ?, '', ?, 'complete', '', NULL, NULL, NULL)"),
            {f->conversation, kQuestion, kCreatedMs}))
        return false;
    f->question = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
    // Left streaming, as after a crash of that older version.
    if (!raw.exec(
            QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, content, model, created,"
                           " state, error_text, prompt_tokens, completion_tokens, total_tokens)"
                           " VALUES (?, ?, 'assistant', ?, 'old-model', ?, 'streaming', '', 7, 8, 15)"),
            {f->conversation, f->question, kAnswer, kCreatedMs + 500}))
        return false;
    f->answer = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
    if (f->hasReasoning &&
        !raw.exec(QStringLiteral("UPDATE messages SET reasoning = 'denk', reasoning_tokens = 3 WHERE id = ?"),
                  {f->answer}))
        return false;
    if (f->hasLeaf && !raw.exec(QStringLiteral("UPDATE conversations SET current_leaf_id = ? WHERE id = ?"),
                                {f->answer, f->conversation}))
        return false;
    if (f->hasTimings &&
        !raw.exec(QStringLiteral("UPDATE messages SET ttft_ms = 90, duration_ms = 900 WHERE id = ?"),
                  {f->answer}))
        return false;
    if (f->hasActions &&
        (!raw.exec(
             QStringLiteral("UPDATE messages SET finish_reason = 'length', context_omitted = 4 WHERE id = ?"),
             {f->answer}) ||
         !raw.exec(
             QStringLiteral("UPDATE conversations SET context_max_messages = 6, context_max_tokens = 900"
                            " WHERE id = ?"),
             {f->conversation})))
        return false;
    return true;
}

// What the current Store must read from the fixture, whatever version it was written at.
void verifyFixture(Store &s, const Fixture &f)
{
    const Conversation c = s.conversation(f.conversation);
    QCOMPARE(c.id, f.conversation);
    QCOMPARE(c.title, kTitle);
    QCOMPARE(c.created.toMSecsSinceEpoch(), kCreatedMs);
    QCOMPARE(c.updated.toMSecsSinceEpoch(), kCreatedMs + 1000);
    QVERIFY(c.pinned);
    QCOMPARE(c.profileId, QStringLiteral("prof"));
    QCOMPARE(c.model, QStringLiteral("old-model"));
    QCOMPARE(c.systemPrompt, QStringLiteral("sys"));
    QCOMPARE(c.params.temperature, std::optional<double>(0.25));
    QCOMPARE(c.params.stop, QStringList{QStringLiteral("x")});
    QCOMPARE(c.currentLeafId, f.hasLeaf ? f.answer : qint64(0));
    // No limit for conversations from before v4.
    QCOMPARE(c.contextMaxMessages, f.hasActions ? 6 : 0);
    QCOMPARE(c.contextMaxTokens, f.hasActions ? 900 : 0);

    const Message q = s.message(f.question);
    QCOMPARE(q.content, kQuestion);
    QCOMPARE(int(q.role), int(Role::User));
    QCOMPARE(q.parentId, qint64(0));
    QCOMPARE(q.created.toMSecsSinceEpoch(), kCreatedMs);
    QCOMPARE(q.usage.totalTokens, -1);

    const Message a = s.message(f.answer);
    QCOMPARE(a.content, kAnswer);
    QCOMPARE(a.parentId, f.question);
    QCOMPARE(a.model, QStringLiteral("old-model"));
    QCOMPARE(int(a.state), int(MessageState::Interrupted)); // recovered after migrating
    QCOMPARE(a.usage.promptTokens, 7);
    QCOMPARE(a.usage.completionTokens, 8);
    QCOMPARE(a.usage.totalTokens, 15);
    // Columns added later read as "not known" for rows older than them.
    QCOMPARE(a.reasoning, f.hasReasoning ? QStringLiteral("denk") : QString());
    QCOMPARE(a.usage.reasoningTokens, f.hasReasoning ? 3 : -1);
    QCOMPARE(a.timeToFirstTokenMs, f.hasTimings ? qint64(90) : qint64(-1));
    QCOMPARE(a.durationMs, f.hasTimings ? qint64(900) : qint64(-1));
    QCOMPARE(a.finishReason, f.hasActions ? QStringLiteral("length") : QString());
    QCOMPARE(a.contextOmitted, f.hasActions ? 4 : 0);

    // Without a stored leaf the newest message is the leaf, so the thread is the same.
    const QVector<Message> thread = s.thread(f.conversation);
    QCOMPARE(thread.size(), 2);
    QCOMPARE(thread.at(0).id, f.question);
    QCOMPARE(thread.at(1).id, f.answer);
}

// For each migration from 2 on: SQL that makes it fail on a late statement, a probe that
// must find nothing once it rolled back (its earlier statements' work), and SQL that clears
// the obstacle again.
struct FailureCase {
    QString conflict;
    QString leftoverProbe;
    QString undo;
};

const std::map<int, FailureCase> &failureCases()
{
    static const std::map<int, FailureCase> cases{
        {2,
         {QStringLiteral("ALTER TABLE conversations ADD COLUMN current_leaf_id INTEGER"),
          QStringLiteral(
              "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE name IN ('idx_messages_conversation',"
              " 'idx_messages_parent')) + (SELECT COUNT(*) FROM pragma_table_info('messages')"
              " WHERE name IN ('reasoning', 'reasoning_tokens'))"),
          QStringLiteral("ALTER TABLE conversations DROP COLUMN current_leaf_id")}},
        {3,
         {QStringLiteral("CREATE TABLE idx_conversations_order (x INTEGER)"),
          QStringLiteral(
              "SELECT (SELECT COUNT(*) FROM pragma_table_info('messages') WHERE name IN ('ttft_ms',"
              " 'duration_ms')) + (SELECT COUNT(*) FROM sqlite_master"
              " WHERE name = 'idx_messages_streaming')"),
          QStringLiteral("DROP TABLE idx_conversations_order")}},
        {4,
         {QStringLiteral("ALTER TABLE conversations ADD COLUMN context_max_tokens INTEGER"),
          QStringLiteral(
              "SELECT (SELECT COUNT(*) FROM pragma_table_info('messages') WHERE name IN ('finish_reason',"
              " 'context_omitted')) + (SELECT COUNT(*) FROM pragma_table_info('conversations')"
              " WHERE name = 'context_max_messages')"),
          QStringLiteral("ALTER TABLE conversations DROP COLUMN context_max_tokens")}},
        {5,
         {QStringLiteral("CREATE TABLE idx_attachments_message (x INTEGER)"),
          QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'attachments'"),
          QStringLiteral("DROP TABLE idx_attachments_message")}},
        {6,
         {QStringLiteral("CREATE TABLE title_fts (x INTEGER)"),
          QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'message_fts%'"),
          QStringLiteral("DROP TABLE title_fts")}},
        {7,
         {QStringLiteral("CREATE TABLE idx_conversation_tags_tag (x INTEGER)"),
          QStringLiteral("SELECT (SELECT COUNT(*) FROM pragma_table_info('conversations') WHERE name IN"
                         " ('uid', 'archived', 'deleted_at', 'title_locked')) + (SELECT COUNT(*)"
                         " FROM sqlite_master WHERE name IN ('tags', 'conversation_tags'))"),
          QStringLiteral("DROP TABLE idx_conversation_tags_tag")}},
        // The sixth statement finds its trigger gone; the five drops before it come back.
        {8,
         {QStringLiteral("DROP TRIGGER title_fts_delete"),
          QStringLiteral("SELECT 5 - COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN"
                         " ('message_fts_insert', 'message_fts_update', 'message_fts_delete',"
                         " 'title_fts_insert', 'title_fts_update')"),
          QStringLiteral("CREATE TRIGGER title_fts_delete AFTER DELETE ON conversations BEGIN"
                         " DELETE FROM title_fts WHERE rowid = old.id; END")}},
        // v9 fails at its third statement (the trigger it drops is gone): the new table and the
        // first dropped trigger must be as before.
        {9,
         {QStringLiteral("DROP TRIGGER message_fts_update"),
          QStringLiteral("SELECT (SELECT COUNT(*) FROM sqlite_master WHERE name = 'fts_pending') + 1 -"
                         " (SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'"
                         " AND name = 'message_fts_insert')"),
          QStringLiteral("CREATE TRIGGER message_fts_update AFTER UPDATE OF content, state ON messages"
                         " WHEN old.state <> 'streaming' OR new.state <> 'streaming' BEGIN"
                         " INSERT INTO message_fts (message_fts, rowid, content)"
                         "  SELECT 'delete', old.id, old.content WHERE old.state <> 'streaming'"
                         "   AND (new.state = 'streaming' OR new.content IS NOT old.content);"
                         " INSERT INTO message_fts (rowid, content)"
                         "  SELECT new.id, new.content WHERE new.state <> 'streaming'"
                         "   AND (old.state = 'streaming' OR new.content IS NOT old.content);"
                         " END")}},
        // v10 fails at its last statement (the pair index's name is taken): no table, index or
        // trigger of it may remain.
        {10,
         {QStringLiteral("CREATE TABLE idx_glossary_terms_pair (x INTEGER)"),
          QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('translations',"
                         " 'idx_translations_order', 'translation_fts', 'translation_fts_insert',"
                         " 'translation_fts_update', 'translation_fts_delete', 'glossary_terms')"),
          QStringLiteral("DROP TABLE idx_glossary_terms_pair")}},
        // v11 fails at its last statement (the versions index's name is taken): no table, index
        // or trigger of it may remain.
        {11,
         {QStringLiteral("CREATE TABLE idx_document_versions_document (x INTEGER)"),
          QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('documents',"
                         " 'idx_documents_order', 'document_fts', 'document_fts_insert',"
                         " 'document_fts_update', 'document_fts_delete', 'document_versions')"),
          QStringLiteral("DROP TABLE idx_document_versions_document")}},
        // v12 fails at its last statement (the seeded-keys table's name is taken): neither
        // library table may remain.
        {12,
         {QStringLiteral("CREATE VIEW library_seeded AS SELECT 1 AS item"),
          QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('personas', 'prompts')"),
          QStringLiteral("DROP VIEW library_seeded")}},
    };
    return cases;
}

} // namespace

class TestStoreMigrations : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("m%1/penpal.db").arg(++m_counter)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(Store::currentSchemaVersion() >= 2,
                 "at least one earlier schema must exist to migrate from");
    }

    void fromNothing_data()
    {
        QTest::addColumn<bool>("zeroByteFile");
        QTest::newRow("no file") << false;
        QTest::newRow("empty file") << true;
    }

    void fromNothing()
    {
        QFETCH(bool, zeroByteFile);
        const QString path = freshPath();
        if (zeroByteFile) {
            QVERIFY(QDir().mkpath(QFileInfo(path).path()));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
        QVERIFY(s.migrationBackups().isEmpty()); // nothing worth a copy
        RawDb raw(path);
        // One row per applied migration, none skipped.
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                 Store::currentSchemaVersion());
        QCOMPARE(raw.scalar(QStringLiteral("SELECT MIN(version) FROM schema_version")).toInt(), 1);
    }

    void migrateToBuildsEachVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 0; v <= Store::currentSchemaVersion(); ++v)
            QTest::addRow("v%d", v) << v;
    }

    void migrateToBuildsEachVersion()
    {
        QFETCH(int, version);
        const QString path = freshPath();
        QString error;
        QVERIFY2(Store::migrateTo(path, version, &error), qPrintable(error));
        RawDb raw(path);
        QCOMPARE(raw.version(), version);
        QCOMPARE(raw.hasObject(QStringLiteral("conversations")), version >= 1);
        QCOMPARE(raw.hasColumn(QStringLiteral("messages"), QStringLiteral("reasoning")), version >= 2);
        QCOMPARE(raw.hasColumn(QStringLiteral("messages"), QStringLiteral("ttft_ms")), version >= 3);
        QCOMPARE(raw.hasColumn(QStringLiteral("messages"), QStringLiteral("finish_reason")), version >= 4);
        QCOMPARE(raw.hasColumn(QStringLiteral("conversations"), QStringLiteral("context_max_tokens")),
                 version >= 4);

        // Never down, never past the code.
        if (version > 0) {
            QVERIFY(!Store::migrateTo(path, version - 1, &error));
            QVERIFY(!error.isEmpty());
        }
        QVERIFY(!Store::migrateTo(path, Store::currentSchemaVersion() + 1, &error));
        QCOMPARE(raw.version(), version);
    }

    void fromEachEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < Store::currentSchemaVersion(); ++v)
            QTest::addRow("v%d", v) << v;
    }

    void fromEachEarlierVersion()
    {
        QFETCH(int, version);
        const QString path = freshPath();
        QString error;
        QVERIFY2(Store::migrateTo(path, version, &error), qPrintable(error));
        Fixture f;
        {
            // The old version's connection stays open while the new one migrates, so its
            // rows may still be only in the -wal file: the backup must include them anyway.
            RawDb old(path);
            QVERIFY2(insertFixture(old, &f), qPrintable(old.error()));

            Store s;
            QVERIFY2(s.open(path), qPrintable(s.lastError()));
            QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
            verifyFixture(s, f);
            if (QTest::currentTestFailed())
                return;

            const QStringList backups = s.migrationBackups();
            QCOMPARE(backups.size(), 1);
            QVERIFY2(QFileInfo(backups.first())
                         .fileName()
                         .startsWith(QStringLiteral("penpal.db.v%1-").arg(version)),
                     qPrintable(backups.first()));
            QVERIFY(backups.first().endsWith(QStringLiteral(".bak")));

            RawDb backup(backups.first());
            QCOMPARE(backup.scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
                     QStringLiteral("ok"));
            QCOMPARE(backup.version(), version);
            QCOMPARE(backup.scalar(QStringLiteral("SELECT title FROM conversations")).toString(), kTitle);
            QCOMPARE(backup.scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 2);
            // The copy is as the old version left it: not migrated, not recovered.
            QCOMPARE(backup.hasColumn(QStringLiteral("messages"), QStringLiteral("ttft_ms")), version >= 3);
            QCOMPARE(backup.scalar(QStringLiteral("SELECT state FROM messages WHERE id = ?"), {f.answer})
                         .toString(),
                     QStringLiteral("streaming"));
        }

        // Already current: opening again takes no further copy and keeps the data.
        Store again;
        QVERIFY(again.open(path));
        QCOMPARE(again.migrationBackups().size(), 1);
        verifyFixture(again, f);
    }

    void newerVersionIsRefusedUntouched()
    {
        const QString path = freshPath();
        QVERIFY(Store::migrateTo(path, Store::currentSchemaVersion()));
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO schema_version (version, applied, description)"
                                            " VALUES (?, 0, 'from the future')"),
                             {Store::currentSchemaVersion() + 1}));
            // Back to a rollback journal, so that switching to WAL would show in the bytes.
            QVERIFY(raw.exec(QStringLiteral("PRAGMA journal_mode = DELETE")));
        }
        const QByteArray before = fileHash(path);
        QVERIFY(!before.isEmpty());

        Store s;
        QVERIFY(!s.open(path));
        QVERIFY(!s.isOpen());
        QVERIFY2(s.lastError().contains(QStringLiteral("newer")), qPrintable(s.lastError()));
        QVERIFY2(s.lastError().contains(QString::number(Store::currentSchemaVersion() + 1)),
                 qPrintable(s.lastError()));
        QCOMPARE(fileHash(path), before);
        QVERIFY(s.migrationBackups().isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void foreignFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("sql");
        QTest::newRow("not SQLite") << QByteArray("this is a text file, not a database\n").repeated(200)
                                    << QString();
        QTest::newRow("another app's SQLite")
            << QByteArray() << QStringLiteral("CREATE TABLE notes (id INTEGER)");
    }

    void foreignFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, sql);
        const QString path = freshPath();
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        if (!bytes.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        } else {
            RawDb raw(path);
            QVERIFY(raw.exec(sql));
        }
        const QByteArray before = fileHash(path);
        Store s;
        QVERIFY(!s.open(path));
        QVERIFY(!s.lastError().isEmpty());
        QCOMPARE(fileHash(path), before);
    }

    void everyMigrationHasAFailureCase()
    {
        for (int v = 2; v <= Store::currentSchemaVersion(); ++v)
            QVERIFY2(failureCases().count(v) == 1,
                     qPrintable(QStringLiteral("no failure case for v%1").arg(v)));
    }

    void failingMigrationRollsBack_data()
    {
        QTest::addColumn<int>("startVersion");
        QTest::addColumn<int>("failingVersion");
        for (const auto &[v, unused] : failureCases()) {
            Q_UNUSED(unused)
            if (v <= Store::currentSchemaVersion())
                QTest::addRow("v%d fails, from v%d", v, v - 1) << v - 1 << v;
        }
        // Earlier steps of the same open stay committed: the file ends just below the failure.
        if (Store::currentSchemaVersion() >= 3)
            QTest::addRow("v3 fails, from v1") << 1 << 3;
    }

    void failingMigrationRollsBack()
    {
        QFETCH(int, startVersion);
        QFETCH(int, failingVersion);
        const FailureCase &fc = failureCases().at(failingVersion);
        const QString path = freshPath();
        QVERIFY(Store::migrateTo(path, startVersion));
        Fixture f;
        {
            RawDb raw(path);
            QVERIFY(insertFixture(raw, &f));
            QVERIFY2(raw.exec(fc.conflict), qPrintable(raw.error()));
        }

        Store s;
        QVERIFY(!s.open(path));
        QVERIFY(!s.isOpen());
        QVERIFY2(s.lastError().contains(QStringLiteral("rolled back")), qPrintable(s.lastError()));
        QCOMPARE(s.migrationBackups().size(), 1); // taken before the first step

        {
            RawDb raw(path);
            QCOMPARE(raw.version(), failingVersion - 1);
            QCOMPARE(raw.scalar(fc.leftoverProbe).toInt(), 0);
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT title FROM conversations WHERE id = ?"), {f.conversation})
                    .toString(),
                kTitle);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 2);
            // Recovery runs only on a successful open.
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT state FROM messages WHERE id = ?"), {f.answer}).toString(),
                QStringLiteral("streaming"));
            QVERIFY2(raw.exec(fc.undo), qPrintable(raw.error()));
        }

        // With the obstacle gone the next start finishes the job.
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
        verifyFixture(s, f);
        QCOMPARE(s.migrationBackups().size(), 2);
    }

    // v3 -> v4 in detail: old rows read as "unknown"/"no limit", and the new columns take
    // writes through the Store afterwards (also after reopening).
    void fromV3ToV4()
    {
        const QString path = freshPath();
        QVERIFY(Store::migrateTo(path, 3));
        Fixture f;
        {
            RawDb old(path);
            QVERIFY2(insertFixture(old, &f), qPrintable(old.error()));
            QVERIFY(!f.hasActions);
        }
        {
            Store s;
            QVERIFY2(s.open(path), qPrintable(s.lastError()));
            QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
            verifyFixture(s, f);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(s.setContextLimits(f.conversation, 8, 2000));
            Message a = s.message(f.answer);
            a.finishReason = QStringLiteral("length");
            a.contextOmitted = 3;
            QVERIFY(s.finishMessage(a));
        }
        RawDb raw(path);
        QCOMPARE(raw.version(), Store::currentSchemaVersion());
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT description FROM schema_version WHERE version = 4")).toString(),
            QStringLiteral("finish reason and context limits"));
        QVERIFY(raw.scalar(QStringLiteral("SELECT finish_reason IS NULL FROM messages WHERE id = ?"),
                           {f.question})
                    .toBool()); // unknown
        Store again;
        QVERIFY(again.open(path));
        QCOMPARE(again.message(f.answer).finishReason, QStringLiteral("length"));
        QCOMPARE(again.message(f.answer).contextOmitted, 3);
        QCOMPARE(again.conversation(f.conversation).contextMaxMessages, 8);
        QCOMPARE(again.conversation(f.conversation).contextMaxTokens, 2000);
    }

    // v7: every existing conversation gets its own uid; titles are not locked until the user
    // renames; new conversations get a uid on creation.
    void fromV6ToV7()
    {
        const QString path = freshPath();
        QVERIFY(Store::migrateTo(path, 6));
        {
            RawDb old(path);
            for (int i = 0; i < 3; ++i)
                QVERIFY2(old.exec(QStringLiteral("INSERT INTO conversations (title, created, updated)"
                                                 " VALUES ('Old', 1, 2)")),
                         qPrintable(old.error()));
        }
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        const QVector<Conversation> all = s.conversations();
        QCOMPARE(all.size(), 3);
        QSet<QString> uids;
        for (const Conversation &c : all) {
            QCOMPARE(c.uid.size(), 32);
            QVERIFY(!c.archived);
            QVERIFY(!c.deletedAt.isValid());
            QVERIFY(!c.titleLocked);
            uids.insert(c.uid);
        }
        QCOMPARE(uids.size(), 3);

        Conversation fresh;
        fresh.title = QStringLiteral("New");
        QVERIFY(s.createConversation(fresh) > 0);
        QCOMPARE(fresh.uid.size(), 32);
        QCOMPARE(s.conversation(fresh.id).uid, fresh.uid);
        QVERIFY(!uids.contains(fresh.uid));

        // Saving unchanged settings keeps the title unlocked; changing the title locks it.
        Conversation c = s.conversation(all[0].id);
        c.model = QStringLiteral("m");
        QVERIFY(s.updateConversation(c));
        QVERIFY(!s.conversation(c.id).titleLocked);
        c.title = QStringLiteral("Mine");
        QVERIFY(s.updateConversation(c));
        QVERIFY(s.conversation(c.id).titleLocked);
        QVERIFY(s.renameConversation(all[1].id, QStringLiteral("Renamed")));
        QVERIFY(s.conversation(all[1].id).titleLocked);
        QVERIFY(!s.conversation(all[2].id).titleLocked);
    }

    void backupNamesAndOrder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("names"));
        QVERIFY(QDir().mkpath(dir));
        const QString db = dir + QStringLiteral("/chat.db");
        const QDateTime when(QDate(2024, 2, 3), QTime(4, 5, 6), Qt::UTC);
        const QString first = StoreBackup::backupPath(db, 2, when);
        QCOMPARE(first, dir + QStringLiteral("/chat.db.v2-20240203-040506.bak"));
        QVERIFY(QFile(first).open(QIODevice::WriteOnly));
        // The same second again gets a suffix instead of failing or overwriting.
        const QString second = StoreBackup::backupPath(db, 2, when);
        QCOMPARE(second, dir + QStringLiteral("/chat.db.v2-20240203-040506-2.bak"));
        QVERIFY(QFile(second).open(QIODevice::WriteOnly));

        for (const QString &name : {QStringLiteral("chat.db.v1-20250101-000000.bak"),
                                    QStringLiteral("chat.db.v3-20230101-000000.bak"),
                                    QStringLiteral("other.db.v1-20240101-000000.bak"), // another database
                                    QStringLiteral("chat.db.v1-garbage.bak"), QStringLiteral("chat.db")})
            QVERIFY(QFile(dir + QLatin1Char('/') + name).open(QIODevice::WriteOnly));

        const QStringList expected{dir + QStringLiteral("/chat.db.v3-20230101-000000.bak"), first, second,
                                   dir + QStringLiteral("/chat.db.v1-20250101-000000.bak")};
        QCOMPARE(StoreBackup::list(db), expected);
    }

    void backupsOfSuccessiveMigrationsNewestLast()
    {
        // An old file is migrated, then replaced by an even older copy and migrated again.
        const QString path = freshPath();
        const QString older = m_dir.filePath(QStringLiteral("older.db"));
        QVERIFY(Store::migrateTo(path, Store::currentSchemaVersion() - 1));
        QVERIFY(Store::migrateTo(older, 1));
        Store s;
        QVERIFY(s.open(path));
        QCOMPARE(s.migrationBackups().size(), 1);
        s.close();
        QVERIFY(QFile::remove(path));
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        QVERIFY(QFile::copy(older, path));
        QVERIFY(s.open(path));
        const QStringList backups = s.migrationBackups();
        QCOMPARE(backups.size(), 2);
        QVERIFY2(QFileInfo(backups.last()).fileName().startsWith(QStringLiteral("penpal.db.v1-")),
                 qPrintable(backups.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_store_migrations.moc"
