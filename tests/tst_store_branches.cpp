// Store: the message tree beyond the shown path (sibling lists, subtrees, deleting a branch at
// any depth) and the fields message actions write (finish reason, context limit and what a
// request left out, reopening a reply to continue it).
#include "StoreTestHelpers.h"
#include "store/Store.h"

#include <QAtomicInteger>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QVariant rawScalar(const QString &path, const QString &sql, const QVariantList &args = {})
{
    static QAtomicInteger<int> counter;
    const QString name = QStringLiteral("tst_store_branches.raw.%1").arg(counter.fetchAndAddRelaxed(1));
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(sql);
            for (const QVariant &a : args)
                q.addBindValue(a);
            if (q.exec() && q.next())
                result = q.value(0);
            else
                qWarning() << "raw query failed:" << sql << q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

class TestStoreBranches : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Store> m_store;
    qint64 m_conv = 0;

    qint64 add(qint64 parent, Role role = Role::User, const QString &text = QStringLiteral("x"),
               qint64 conversation = 0)
    {
        Message m;
        m.conversationId = conversation ? conversation : m_conv;
        m.parentId = parent;
        m.role = role;
        m.content = text;
        return m_store->addMessage(m);
    }
    qint64 chain(int length, qint64 parent = 0)
    {
        for (int i = 0; i < length; ++i)
            parent = add(parent, i % 2 ? Role::Assistant : Role::User, QStringLiteral("m%1").arg(i));
        return parent;
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<Store>();
        QVERIFY2(m_store->open(m_dir.filePath(QStringLiteral("b%1.db").arg(++m_counter))),
                 qPrintable(m_store->lastError()));
        Conversation c;
        c.title = QStringLiteral("tree");
        m_conv = m_store->createConversation(c);
        QVERIFY(m_conv != 0);
    }
    void cleanup() { m_store.reset(); }

    void newFieldsRoundTrip()
    {
        Message m;
        m.conversationId = m_conv;
        m.role = Role::Assistant;
        m.content = QStringLiteral("cut");
        m.finishReason = QStringLiteral("length");
        m.contextOmitted = 7;
        QVERIFY(m_store->addMessage(m));
        QCOMPARE(m_store->message(m.id).finishReason, QStringLiteral("length"));
        QCOMPARE(m_store->message(m.id).contextOmitted, 7);
        m.finishReason.clear();
        m.contextOmitted = 0;
        QVERIFY(m_store->finishMessage(m));
        QCOMPARE(m_store->message(m.id).finishReason, QString());
        QCOMPARE(m_store->message(m.id).contextOmitted, 0);
        QVERIFY(rawScalar(m_store->path(),
                          QStringLiteral("SELECT finish_reason IS NULL FROM messages WHERE id = ?"), {m.id})
                    .toBool());

        Conversation c;
        c.contextMaxMessages = 12;
        c.contextMaxTokens = 3000;
        QVERIFY(m_store->createConversation(c));
        QCOMPARE(m_store->conversation(c.id).contextMaxMessages, 12);
        QCOMPARE(m_store->conversation(c.id).contextMaxTokens, 3000);
        c.contextMaxMessages = -5; // nonsense reads as "no limit"
        c.contextMaxTokens = 100;
        QVERIFY(m_store->updateConversation(c));
        QCOMPARE(m_store->conversation(c.id).contextMaxMessages, 0);
        QCOMPARE(m_store->conversation(c.id).contextMaxTokens, 100);
        QSignalSpy changed(m_store.get(), &Store::conversationChanged);
        QVERIFY(m_store->setContextLimits(c.id, 4, 0));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_store->conversation(c.id).contextMaxMessages, 4);
        QCOMPARE(m_store->conversation(c.id).contextMaxTokens, 0);
        QVERIFY(!m_store->setContextLimits(c.id + 100, 1, 1));
    }

    void childIdsOfMatchesChildIds()
    {
        const qint64 r1 = add(0);
        const qint64 a = add(r1, Role::Assistant);
        const qint64 c = add(a);
        const qint64 b = add(r1, Role::Assistant);
        const qint64 r2 = add(0);
        Conversation other;
        QVERIFY(m_store->createConversation(other));
        add(0, Role::User, QStringLiteral("elsewhere"), other.id); // another conversation's root

        const auto lists = m_store->childIdsOf(m_conv, {0, r1, a, c, r1});
        QCOMPARE(lists.size(), 4);
        QCOMPARE(lists.value(0), (QVector<qint64>{r1, r2}));
        QCOMPARE(lists.value(r1), (QVector<qint64>{a, b}));
        QCOMPARE(lists.value(a), (QVector<qint64>{c}));
        QVERIFY(lists.contains(c));
        QVERIFY(lists.value(c).isEmpty());
        for (qint64 p : {qint64(0), r1, a, c})
            QCOMPARE(lists.value(p), m_store->childIds(m_conv, p));
        QVERIFY(m_store->hasReplies(r1));
        QVERIFY(!m_store->hasReplies(c));
        QCOMPARE(m_store->subtreeIds(r1), (QVector<qint64>{r1, a, b, c}));
    }

    void childIdsOfManyParents()
    {
        // More parents than one statement binds.
        QVector<qint64> parents;
        QHash<qint64, qint64> replyOf;
        for (int i = 0; i < 620; ++i) {
            const qint64 p = add(0);
            parents << p;
            replyOf.insert(p, add(p, Role::Assistant));
        }
        const auto lists = m_store->childIdsOf(m_conv, parents);
        QCOMPARE(lists.size(), parents.size());
        for (qint64 p : parents)
            QCOMPARE(lists.value(p), QVector<qint64>{replyOf.value(p)});
    }

    void foreignKeyCascadeExists()
    {
        QCOMPARE(rawScalar(m_store->path(),
                           QStringLiteral("SELECT on_delete FROM pragma_foreign_key_list('messages')"
                                          " WHERE \"from\" = 'parent_id'"))
                     .toString(),
                 QStringLiteral("CASCADE"));
    }

    // Tree:  q1 ─ a1 ─ q2 ─ a2
    //                  └ q2b ─ a2b      (q2b newer than q2)
    //             └ a1b                 (a1b newer than a1)
    void deleteMessage_data()
    {
        QTest::addColumn<QString>("leaf");     // shown leaf before
        QTest::addColumn<QString>("victim");   // deleted message
        QTest::addColumn<QStringList>("gone"); // deleted, parents first
        QTest::addColumn<QString>("newLeaf");  // "" = none left
        QTest::newRow("shown leaf") << "a2"
                                    << "a2" << QStringList{"a2"} << "q2";
        QTest::newRow("shown branch moves to the newest sibling") << "a2"
                                                                  << "q2" << QStringList{"q2", "a2"} << "a2b";
        QTest::newRow("another branch: leaf stays") << "a2"
                                                    << "q2b" << QStringList{"q2b", "a2b"} << "a2";
        QTest::newRow("subtree with two branches")
            << "a2b"
            << "a1" << QStringList{"a1", "q2", "q2b", "a2", "a2b"} << "a1b";
        QTest::newRow("the root") << "a1b"
                                  << "q1" << QStringList{"q1", "a1", "a1b", "q2", "q2b", "a2", "a2b"} << "";
    }

    void deleteMessage()
    {
        QFETCH(QString, leaf);
        QFETCH(QString, victim);
        QFETCH(QStringList, gone);
        QFETCH(QString, newLeaf);
        QHash<QString, qint64> id;
        id["q1"] = add(0);
        id["a1"] = add(id["q1"], Role::Assistant);
        id["q2"] = add(id["a1"]);
        id["a2"] = add(id["q2"], Role::Assistant);
        id["q2b"] = add(id["a1"]);
        id["a2b"] = add(id["q2b"], Role::Assistant);
        id["a1b"] = add(id["q1"], Role::Assistant);
        QVERIFY(m_store->setCurrentLeaf(m_conv, id[leaf]));

        QSignalSpy removed(m_store.get(), &Store::messagesRemoved);
        QSignalSpy leafChanged(m_store.get(), &Store::currentLeafChanged);
        QVERIFY2(m_store->deleteMessage(id[victim]), qPrintable(m_store->lastError()));

        QVector<qint64> goneIds;
        for (const QString &g : gone)
            goneIds << id[g];
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(0).toLongLong(), m_conv);
        QVector<qint64> reported = removed.first().at(1).value<QVector<qint64>>();
        QCOMPARE(reported.first(), id[victim]); // parents first
        std::sort(reported.begin(), reported.end());
        std::sort(goneIds.begin(), goneIds.end());
        QCOMPARE(reported, goneIds);
        for (qint64 g : goneIds)
            QCOMPARE(m_store->message(g).id, qint64(0));
        QCOMPARE(rawScalar(m_store->path(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(),
                 id.size() - gone.size());

        const qint64 expectedLeaf = newLeaf.isEmpty() ? 0 : id[newLeaf];
        QCOMPARE(m_store->conversation(m_conv).currentLeafId, expectedLeaf);
        QCOMPARE(leafChanged.count(), expectedLeaf == id[leaf] ? 0 : 1);
        if (!leafChanged.isEmpty())
            QCOMPARE(leafChanged.first().at(1).toLongLong(), expectedLeaf);
        const QVector<qint64> thread = idsOf(m_store->thread(m_conv));
        QCOMPARE(thread.isEmpty() ? qint64(0) : thread.last(), expectedLeaf);

        // Survives reopening.
        const QString path = m_store->path();
        m_store = std::make_unique<Store>();
        QVERIFY(m_store->open(path));
        QCOMPARE(m_store->conversation(m_conv).currentLeafId, expectedLeaf);
        QCOMPARE(idsOf(m_store->thread(m_conv)), thread);
    }

    void deleteRootKeepsOtherRoot()
    {
        const qint64 r1 = add(0);
        const qint64 r1a = add(r1, Role::Assistant);
        const qint64 r2 = add(0);
        const qint64 r2a = add(r2, Role::Assistant);
        QVERIFY(m_store->deleteMessage(r2));
        QCOMPARE(m_store->conversation(m_conv).currentLeafId, r1a);
        QCOMPARE(idsOf(m_store->thread(m_conv)), (QVector<qint64>{r1, r1a}));
        QVERIFY(!m_store->deleteMessage(r2a)); // gone with its parent
        QVERIFY(!m_store->lastError().isEmpty());
    }

    // SQLite runs ON DELETE CASCADE as nested triggers that stop at 1000 levels; deleting
    // must work on threads far deeper than that.
    void deleteDeepChain_data()
    {
        QTest::addColumn<int>("cutAt"); // index of the deleted message in the chain
        QTest::newRow("from the root") << 0;
        QTest::newRow("in the middle") << 200;
    }

    void deleteDeepChain()
    {
        QFETCH(int, cutAt);
        const int depth = 1500;
        chain(depth);
        const QVector<qint64> all = idsOf(m_store->thread(m_conv));
        QCOMPARE(all.size(), depth);
        QVERIFY2(m_store->deleteMessage(all.at(cutAt)), qPrintable(m_store->lastError()));
        QCOMPARE(idsOf(m_store->thread(m_conv)), all.mid(0, cutAt));
        QCOMPARE(m_store->conversation(m_conv).currentLeafId, cutAt ? all.at(cutAt - 1) : qint64(0));
    }

    void deleteConversationWithDeepChain()
    {
        chain(1500);
        QVERIFY2(m_store->deleteConversation(m_conv), qPrintable(m_store->lastError()));
        QCOMPARE(rawScalar(m_store->path(), QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 0);
    }

    void reopenMessageStreamsAgain()
    {
        const qint64 q = add(0);
        Message a;
        a.conversationId = m_conv;
        a.parentId = q;
        a.role = Role::Assistant;
        a.content = QStringLiteral("partial");
        a.state = MessageState::Interrupted;
        a.errorText = QStringLiteral("The connection was lost.");
        a.finishReason = QStringLiteral("length");
        QVERIFY(m_store->addMessage(a));
        QSignalSpy changed(m_store.get(), &Store::messageChanged);
        QVERIFY(m_store->reopenMessage(a.id));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toLongLong(), m_conv);
        QCOMPARE(changed.first().at(1).toLongLong(), a.id);
        const Message reopened = m_store->message(a.id);
        QCOMPARE(reopened.state, MessageState::Streaming);
        QCOMPARE(reopened.content, QStringLiteral("partial"));
        QCOMPARE(reopened.errorText, QString());
        QCOMPARE(reopened.finishReason, QString());
        QVERIFY(!m_store->reopenMessage(a.id + 100));

        QVERIFY(m_store->setContextOmitted(a.id, 5));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(m_store->message(a.id).contextOmitted, 5);
        QVERIFY(!m_store->setContextOmitted(a.id + 100, 1));

        // A crash while it streams again: the next start finds it interrupted, text intact.
        const QString path = m_store->path();
        m_store = std::make_unique<Store>();
        QVERIFY(m_store->open(path));
        QCOMPARE(m_store->message(a.id).state, MessageState::Interrupted);
        QCOMPARE(m_store->message(a.id).content, QStringLiteral("partial"));
        QCOMPARE(m_store->message(a.id).contextOmitted, 5);
    }

    void setCurrentLeafAnnouncesTheBranch()
    {
        const qint64 q = add(0);
        const qint64 a1 = add(q, Role::Assistant);
        add(q, Role::Assistant);
        QSignalSpy leafChanged(m_store.get(), &Store::currentLeafChanged);
        QVERIFY(m_store->setCurrentLeaf(m_conv, a1));
        QCOMPARE(leafChanged.count(), 1);
        QCOMPARE(leafChanged.first().at(0).toLongLong(), m_conv);
        QCOMPARE(leafChanged.first().at(1).toLongLong(), a1);
        QVERIFY(!m_store->setCurrentLeaf(m_conv, a1 + 100));
        QCOMPARE(leafChanged.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreBranches)
#include "tst_store_branches.moc"
