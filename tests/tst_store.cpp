// Store: round trips of every field, list order, cascades, signals, incremental
// persistence and crash recovery. Threads: tst_store_thread; migrations: tst_store_migrations.
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "store/Store.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace penpal;
using namespace penpal::test;

Q_DECLARE_METATYPE(penpal::Conversation)
Q_DECLARE_METATYPE(penpal::Message)

namespace {

QDateTime at(int minutes, int ms = 0)
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC).addSecs(minutes * 60).addMSecs(ms);
}

void compareConversation(const Conversation &actual, const Conversation &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.title, expected.title);
    QCOMPARE(actual.created, expected.created);
    QCOMPARE(actual.updated, expected.updated);
    QCOMPARE(actual.pinned, expected.pinned);
    QCOMPARE(actual.profileId, expected.profileId);
    QCOMPARE(actual.model, expected.model);
    QCOMPARE(actual.systemPrompt, expected.systemPrompt);
    QVERIFY(actual.params == expected.params);
    QCOMPARE(actual.params.stop, expected.params.stop);
    QCOMPARE(actual.currentLeafId, expected.currentLeafId);
}

void compareMessage(const Message &actual, const Message &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.conversationId, expected.conversationId);
    QCOMPARE(actual.parentId, expected.parentId);
    QCOMPARE(int(actual.role), int(expected.role));
    QCOMPARE(actual.content, expected.content);
    QCOMPARE(actual.reasoning, expected.reasoning);
    QCOMPARE(actual.model, expected.model);
    QCOMPARE(actual.created, expected.created);
    QCOMPARE(int(actual.state), int(expected.state));
    QCOMPARE(actual.errorText, expected.errorText);
    QCOMPARE(actual.usage.promptTokens, expected.usage.promptTokens);
    QCOMPARE(actual.usage.completionTokens, expected.usage.completionTokens);
    QCOMPARE(actual.usage.totalTokens, expected.usage.totalTokens);
    QCOMPARE(actual.usage.reasoningTokens, expected.usage.reasoningTokens);
    QCOMPARE(actual.timeToFirstTokenMs, expected.timeToFirstTokenMs);
    QCOMPARE(actual.durationMs, expected.durationMs);
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_fileCounter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("db%1/penpal.db").arg(++m_fileCounter)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void openCreatesDirectoryAndUsesWal()
    {
        const QString path = m_dir.filePath(QStringLiteral("a/b/c/penpal.db"));
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QVERIFY(s.isOpen());
        QVERIFY(QFile::exists(path));
        QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        s.close();
        QVERIFY(!s.isOpen());
    }

    void twoInstancesOnOneFile()
    {
        // Each Store has its own connection name; a second one must not steal the first's.
        const QString path = freshPath();
        Store a, b;
        QVERIFY(a.open(path));
        QVERIFY(b.open(path));
        const qint64 id = newConversation(a, QStringLiteral("from a"));
        QVERIFY(id > 0);
        QCOMPARE(b.conversation(id).title, QStringLiteral("from a"));
        b.close();
        QVERIFY(a.isOpen());
        QCOMPARE(a.conversation(id).title, QStringLiteral("from a"));
    }

    void closedStoreFailsCleanly()
    {
        Store s;
        Conversation c;
        QCOMPARE(s.createConversation(c), qint64(0));
        QVERIFY(!s.lastError().isEmpty());
        Message m;
        QCOMPARE(s.addMessage(m), qint64(0));
        QVERIFY(!s.updateMessageContent(1, QStringLiteral("x"), QString(), MessageState::Streaming));
        QVERIFY(s.conversations().isEmpty());
        QVERIFY(s.thread(1).isEmpty());
        QCOMPARE(s.conversation(1).id, qint64(0));
    }

    void conversationRoundTrip_data()
    {
        QTest::addColumn<Conversation>("input");

        Conversation ascii;
        ascii.title = QStringLiteral("Plan the trip");
        ascii.created = at(0, 123);
        ascii.updated = at(5, 456);
        ascii.profileId = QStringLiteral("openai-main");
        ascii.model = QStringLiteral("gpt-4o-mini");
        ascii.systemPrompt = QStringLiteral("You are terse.");
        ascii.params.temperature = 0.7;
        ascii.params.topP = 0.9;
        ascii.params.maxTokens = 512;
        ascii.params.stop = {QStringLiteral("\n\n"), QStringLiteral("END")};
        QTest::newRow("ascii, all params") << ascii;

        Conversation unicode;
        unicode.title = QStringLiteral("旅行の計画 🚀 Ünïcödé");
        unicode.created = at(-60 * 24 * 365, 1);
        unicode.updated = at(10);
        unicode.pinned = true;
        unicode.profileId = QStringLiteral("local-ollama");
        unicode.model = QStringLiteral("qwen2.5:7b");
        unicode.systemPrompt = QStringLiteral("Réponds en 中文 😀\n\"quoted\" 'single' \\ backslash");
        unicode.params.temperature = 0.0; // set to zero is not "unset"
        unicode.params.stop = {QStringLiteral("終"), QStringLiteral("👋")};
        QTest::newRow("unicode, pinned, zero temperature") << unicode;

        Conversation empty;
        empty.created = at(1);
        empty.updated = at(1);
        QTest::newRow("empty fields, no params") << empty;
    }

    void conversationRoundTrip()
    {
        QFETCH(Conversation, input);
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        QSignalSpy added(&s, &Store::conversationAdded);
        Conversation c = input;
        const qint64 id = s.createConversation(c);
        QVERIFY2(id > 0, qPrintable(s.lastError()));
        QCOMPARE(c.id, id);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.at(0).at(0).toLongLong(), id);

        Conversation expected = input;
        expected.id = id;
        compareConversation(s.conversation(id), expected);
        if (QTest::currentTestFailed())
            return;

        // Through a second instance: what is on disk, not what this one remembers.
        Store other;
        QVERIFY(other.open(path));
        compareConversation(other.conversation(id), expected);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(other.conversations().size(), 1);
        compareConversation(other.conversations().at(0), expected);
    }

    void createConversationFillsTimes()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        Conversation c;
        QVERIFY(s.createConversation(c) > 0);
        QVERIFY(c.created.isValid());
        QVERIFY(c.created >= before.addSecs(-1));
        QCOMPARE(c.updated, c.created);
        QCOMPARE(c.currentLeafId, qint64(0));
        const Conversation stored = s.conversation(c.id);
        QCOMPARE(stored.created, c.created);
        QCOMPARE(stored.updated, c.created);
        QCOMPARE(s.conversation(c.id + 1000).id, qint64(0));
    }

    void messageRoundTrip_data()
    {
        QTest::addColumn<Message>("input");
        QTest::addColumn<int>("stateAfterReopen");

        Message user;
        user.role = Role::User;
        user.content = QStringLiteral("Hello");
        user.created = at(1, 5);
        QTest::newRow("user, plain") << user << int(MessageState::Complete);

        Message full;
        full.role = Role::Assistant;
        full.content = QStringLiteral("答えは42です 🎉\n```cpp\nint x = 0;\n```\n'quote' \"double\" \\");
        full.reasoning = QStringLiteral("Let me think… 🤔 第一步");
        full.model = QStringLiteral("o3-mini-2025-01-31");
        full.created = at(2, 999);
        full.usage = {12, 34, 46, 20};
        full.timeToFirstTokenMs = 350;
        full.durationMs = 4200;
        QTest::newRow("assistant, reasoning, usage, timings") << full << int(MessageState::Complete);

        Message zeros = full;
        zeros.usage = {0, 0, 0, 0};
        zeros.timeToFirstTokenMs = 0;
        zeros.durationMs = 0;
        QTest::newRow("zero counts are not unknown") << zeros << int(MessageState::Complete);

        Message failed;
        failed.role = Role::Assistant;
        failed.state = MessageState::Failed;
        failed.errorText =
            QStringLiteral("The server could not be reached.\n\nConnection refused (ECONNREFUSED)");
        failed.usage.promptTokens = 5; // the rest stays unknown
        failed.created = at(3);
        QTest::newRow("failed, partial usage") << failed << int(MessageState::Failed);

        Message system;
        system.role = Role::System;
        system.content = QStringLiteral("Be brief.");
        system.created = at(0);
        QTest::newRow("system") << system << int(MessageState::Complete);

        Message interrupted;
        interrupted.role = Role::Assistant;
        interrupted.state = MessageState::Interrupted;
        interrupted.content = QStringLiteral("half an ans");
        interrupted.created = at(4);
        QTest::newRow("interrupted") << interrupted << int(MessageState::Interrupted);

        Message streaming = interrupted;
        streaming.state = MessageState::Streaming;
        QTest::newRow("streaming becomes interrupted on reopen")
            << streaming << int(MessageState::Interrupted);

        Message big;
        big.role = Role::Assistant;
        big.content = QString(200000, QLatin1Char('x')) + QStringLiteral("🙂");
        big.created = at(5);
        QTest::newRow("200k characters") << big << int(MessageState::Complete);
    }

    void messageRoundTrip()
    {
        QFETCH(Message, input);
        QFETCH(int, stateAfterReopen);
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 conv = newConversation(s, QStringLiteral("t"));
        const qint64 root = addMsg(s, conv, 0, Role::User, QStringLiteral("root"));
        QVERIFY(root > 0);

        Message m = input;
        m.conversationId = conv;
        m.parentId = root;
        const qint64 id = s.addMessage(m);
        QVERIFY2(id > 0, qPrintable(s.lastError()));
        QCOMPARE(m.id, id);

        Message expected = input;
        expected.id = id;
        expected.conversationId = conv;
        expected.parentId = root;
        compareMessage(s.message(id), expected);
        if (QTest::currentTestFailed())
            return;

        Store other;
        QVERIFY(other.open(path));
        expected.state = MessageState(stateAfterReopen);
        compareMessage(other.message(id), expected);
        if (QTest::currentTestFailed())
            return;
        const QVector<Message> thread = other.thread(conv);
        QCOMPARE(thread.size(), 2);
        compareMessage(thread.at(1), expected);
    }

    void conversationOrder()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 a = newConversation(s, QStringLiteral("a"), at(60));
        const qint64 b = newConversation(s, QStringLiteral("b"), at(180));
        const qint64 c = newConversation(s, QStringLiteral("c"), at(120));
        const qint64 d = newConversation(s, QStringLiteral("d"), at(180)); // ties with b: higher id first
        QVERIFY(s.setPinned(c, true));

        QCOMPARE(idsOf(s.conversations()), (QVector<qint64>{c, d, b, a}));
        QCOMPARE(s.conversationCount(), 4);
        // Pages join up to the whole list, without repeats.
        QCOMPARE(idsOf(s.conversations(0, 2)) + idsOf(s.conversations(2, 2)), idsOf(s.conversations()));
        QCOMPARE(idsOf(s.conversations(3, 10)), (QVector<qint64>{a}));
        QVERIFY(s.conversations(4, 2).isEmpty());
        QVERIFY(s.conversations(0, 0).isEmpty());

        QVERIFY(s.setPinned(c, false));
        QCOMPARE(idsOf(s.conversations()), (QVector<qint64>{d, b, c, a}));
        QVERIFY(s.setPinned(a, true));
        QCOMPARE(idsOf(s.conversations()), (QVector<qint64>{a, d, b, c}));

        // New activity moves a conversation to the top of the unpinned ones.
        QVERIFY(addMsg(s, c, 0, Role::User, QStringLiteral("hi")) > 0);
        QCOMPARE(idsOf(s.conversations()), (QVector<qint64>{a, c, d, b}));
        QVERIFY(s.conversation(c).updated > at(180));
    }

    void addMessageNeverMovesUpdatedBack()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const QDateTime future = QDateTime::currentDateTimeUtc().addDays(1);
        const qint64 conv = newConversation(s, QStringLiteral("future"), future);
        QVERIFY(addMsg(s, conv, 0, Role::User, QStringLiteral("hi")) > 0);
        QCOMPARE(s.conversation(conv).updated, future);
    }

    void changesEmitConversationChanged_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::newRow("rename") << QStringLiteral("rename");
        QTest::newRow("pin") << QStringLiteral("pin");
        QTest::newRow("update") << QStringLiteral("update");
        QTest::newRow("current leaf") << QStringLiteral("leaf");
    }

    void changesEmitConversationChanged()
    {
        QFETCH(QString, operation);
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 id = newConversation(s, QStringLiteral("before"));
        const qint64 msg = addMsg(s, id, 0, Role::User, QStringLiteral("q"));
        const qint64 other = newConversation(s, QStringLiteral("t"));
        const qint64 foreignMsg = addMsg(s, other, 0, Role::User, QStringLiteral("elsewhere"));
        QSignalSpy changed(&s, &Store::conversationChanged);

        auto apply = [&](qint64 target) {
            if (operation == QLatin1String("rename"))
                return s.renameConversation(target, QStringLiteral("après 🍰"));
            if (operation == QLatin1String("pin"))
                return s.setPinned(target, true);
            if (operation == QLatin1String("leaf"))
                return s.setCurrentLeaf(target, target == id ? msg : foreignMsg);
            Conversation c = s.conversation(id);
            c.id = target;
            c.title = QStringLiteral("après 🍰");
            c.pinned = true;
            c.profileId = QStringLiteral("p2");
            c.model = QStringLiteral("m2");
            c.systemPrompt = QStringLiteral("sys2");
            c.params.maxTokens = 99;
            return s.updateConversation(c);
        };

        QVERIFY2(apply(id), qPrintable(s.lastError()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toLongLong(), id);
        const Conversation c = s.conversation(id);
        if (operation == QLatin1String("rename") || operation == QLatin1String("update"))
            QCOMPARE(c.title, QStringLiteral("après 🍰"));
        if (operation == QLatin1String("pin") || operation == QLatin1String("update"))
            QVERIFY(c.pinned);
        if (operation == QLatin1String("update")) {
            QCOMPARE(c.profileId, QStringLiteral("p2"));
            QCOMPARE(c.model, QStringLiteral("m2"));
            QCOMPARE(c.systemPrompt, QStringLiteral("sys2"));
            QCOMPARE(c.params.maxTokens, std::optional<int>(99));
        }

        // A missing conversation fails, says why, and signals nothing.
        changed.clear();
        QVERIFY(!apply(id + other + 1000));
        QVERIFY(!s.lastError().isEmpty());
        QCOMPARE(changed.count(), 0);
    }

    void deleteCascades()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 gone = newConversation(s, QStringLiteral("gone"));
        const qint64 kept = newConversation(s, QStringLiteral("kept"));
        const qint64 g1 = addMsg(s, gone, 0, Role::User, QStringLiteral("q"));
        const qint64 g2 = addMsg(s, gone, g1, Role::Assistant, QStringLiteral("a"));
        addMsg(s, gone, g1, Role::Assistant, QStringLiteral("a, again"));
        const qint64 k1 = addMsg(s, kept, 0, Role::User, QStringLiteral("q"));
        QSignalSpy removed(&s, &Store::conversationRemoved);

        QVERIFY(s.deleteConversation(gone));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toLongLong(), gone);
        QCOMPARE(s.conversation(gone).id, qint64(0));
        QCOMPARE(s.message(g1).id, qint64(0));
        QCOMPARE(s.message(g2).id, qint64(0));
        QVERIFY(s.thread(gone).isEmpty());
        QCOMPARE(s.message(k1).content, QStringLiteral("q"));
        QCOMPARE(idsOf(s.conversations()), (QVector<qint64>{kept}));

        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = ?"), {gone})
                     .toInt(),
                 0);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);

        QVERIFY(!s.deleteConversation(gone));
        QCOMPARE(removed.count(), 1);
    }

    void addMessageIsCommittedBeforeSignals()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 conv = newConversation(s, QStringLiteral("t"));
        QSignalSpy added(&s, &Store::messageAdded);
        QSignalSpy changed(&s, &Store::conversationChanged);

        // A listener reading through its own connection must already find the row.
        int seenOnDisk = -1;
        connect(&s, &Store::messageAdded, this, [&](qint64, qint64 messageId) {
            RawDb raw(path);
            seenOnDisk =
                raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE id = ?"), {messageId}).toInt();
        });

        Message m;
        m.conversationId = conv;
        m.content = QStringLiteral("my prompt");
        const qint64 id = s.addMessage(m);
        QVERIFY(id > 0);
        QVERIFY(m.created.isValid());
        QCOMPARE(seenOnDisk, 1);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.at(0).at(0).toLongLong(), conv);
        QCOMPARE(added.at(0).at(1).toLongLong(), id);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toLongLong(), conv);

        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT current_leaf_id FROM conversations WHERE id = ?"), {conv})
                     .toLongLong(),
                 id);
        QCOMPARE(s.conversation(conv).currentLeafId, id);
    }

    void addMessageRejectsBadLinks()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 a = newConversation(s, QStringLiteral("t"));
        const qint64 b = newConversation(s, QStringLiteral("t"));
        const qint64 inA = addMsg(s, a, 0, Role::User, QStringLiteral("q"));
        QSignalSpy added(&s, &Store::messageAdded);

        QCOMPARE(addMsg(s, a + b + 100, 0, Role::User, QStringLiteral("nowhere")), qint64(0));
        QVERIFY(!s.lastError().isEmpty());
        QCOMPARE(addMsg(s, b, inA, Role::Assistant, QStringLiteral("wrong parent")), qint64(0));
        QCOMPARE(addMsg(s, b, inA + 100, Role::Assistant, QStringLiteral("missing parent")), qint64(0));
        QCOMPARE(added.count(), 0);
        QVERIFY(s.thread(b).isEmpty());
        QCOMPARE(s.conversation(b).currentLeafId, qint64(0));
        // A failed add leaves no transaction open behind it.
        QVERIFY(addMsg(s, b, 0, Role::User, QStringLiteral("fine")) > 0);
    }

    void incrementalPersistence()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 conv = newConversation(s, QStringLiteral("t"));
        const qint64 q = addMsg(s, conv, 0, Role::User, QStringLiteral("tell me"));
        const qint64 reply = addMsg(s, conv, q, Role::Assistant, QString(), MessageState::Streaming);
        QVERIFY(reply > 0);

        QString text;
        QString reasoning;
        const QStringList chunks{QStringLiteral("Hel"), QStringLiteral("lo, "), QStringLiteral("世界 🌍")};
        for (const QString &chunk : chunks) {
            text += chunk;
            reasoning += QStringLiteral("r");
            QVERIFY2(s.updateMessageContent(reply, text, reasoning, MessageState::Streaming),
                     qPrintable(s.lastError()));
            // On disk right away, for any other connection.
            RawDb raw(path);
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT content FROM messages WHERE id = ?"), {reply}).toString(),
                text);
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT reasoning FROM messages WHERE id = ?"), {reply}).toString(),
                reasoning);
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT state FROM messages WHERE id = ?"), {reply}).toString(),
                QStringLiteral("streaming"));
        }

        // A second Store, as after a crash: the text is there, the reply is interrupted.
        Store second;
        QVERIFY(second.open(path));
        const Message m = second.message(reply);
        QCOMPARE(m.content, text);
        QCOMPARE(m.reasoning, reasoning);
        QCOMPARE(int(m.state), int(MessageState::Interrupted));

        QVERIFY(!s.updateMessageContent(reply + 100, text, QString(), MessageState::Streaming));
    }

    void finishMessageWritesFinalFields()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 conv = newConversation(s, QStringLiteral("t"));
        Message reply;
        reply.conversationId = conv;
        reply.role = Role::Assistant;
        reply.model = QStringLiteral("gpt-4o");
        reply.state = MessageState::Streaming;
        QVERIFY(s.addMessage(reply) > 0);
        QVERIFY(
            s.updateMessageContent(reply.id, QStringLiteral("partial"), QString(), MessageState::Streaming));

        Message done = reply;
        done.model.clear(); // keeps the stored model
        done.content = QStringLiteral("Final answer ✅");
        done.reasoning = QStringLiteral("because");
        done.state = MessageState::Failed;
        done.errorText = QStringLiteral("The connection dropped.\n\nread: ECONNRESET");
        done.usage = {10, 20, 30, 5};
        done.timeToFirstTokenMs = 120;
        done.durationMs = 3456;
        QVERIFY2(s.finishMessage(done), qPrintable(s.lastError()));

        Message expected = done;
        expected.model = QStringLiteral("gpt-4o");
        Store other;
        QVERIFY(other.open(path));
        compareMessage(other.message(reply.id), expected);
        if (QTest::currentTestFailed())
            return;

        done.id += 100;
        QVERIFY(!s.finishMessage(done));
    }

    void streamingBecomesInterruptedOnReopen()
    {
        const QString path = freshPath();
        qint64 conv = 0, user = 0, streaming = 0, failed = 0, done = 0;
        {
            Store s;
            QVERIFY(s.open(path));
            conv = newConversation(s, QStringLiteral("t"));
            user = addMsg(s, conv, 0, Role::User, QStringLiteral("q"));
            failed = addMsg(s, conv, user, Role::Assistant, QStringLiteral("f"), MessageState::Failed);
            done = addMsg(s, conv, user, Role::Assistant, QStringLiteral("d"), MessageState::Complete);
            streaming = addMsg(s, conv, user, Role::Assistant, QString(), MessageState::Streaming);
            QVERIFY(s.updateMessageContent(streaming, QStringLiteral("partial 部分"), QStringLiteral("hmm"),
                                           MessageState::Streaming));
            QCOMPARE(int(s.message(streaming).state), int(MessageState::Streaming));
        }
        Store s;
        QVERIFY(s.open(path));
        const Message m = s.message(streaming);
        QCOMPARE(int(m.state), int(MessageState::Interrupted));
        QCOMPARE(m.content, QStringLiteral("partial 部分"));
        QCOMPARE(m.reasoning, QStringLiteral("hmm"));
        QCOMPARE(int(s.message(user).state), int(MessageState::Complete));
        QCOMPARE(int(s.message(failed).state), int(MessageState::Failed));
        QCOMPARE(int(s.message(done).state), int(MessageState::Complete));
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{user, streaming}));
    }

    void schemaHasNoPlaceForSecrets()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        RawDb raw(path);
        const QVariant hits = raw.scalar(
            QStringLiteral("SELECT group_concat(m.name || '.' || p.name) FROM sqlite_master m,"
                           " pragma_table_info(m.name) p WHERE m.type = 'table' AND"
                           " (p.name LIKE '%key%' OR p.name LIKE '%secret%' OR p.name LIKE '%password%'"
                           "  OR p.name LIKE '%auth%' OR p.name LIKE '%credential%')"));
        QVERIFY2(hits.isNull(), qPrintable(hits.toString()));
        // The query itself has to see the columns, or the check above proves nothing.
        QVERIFY(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master m, pragma_table_info(m.name) p"
                                          " WHERE m.type = 'table'"))
                    .toInt() > 20);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
