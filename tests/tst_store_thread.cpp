// Store: the shown thread. Branches (siblings under one message, switching the current
// leaf), the newest-message fallback without a leaf, and paging with limit/beforeId.
#include "StoreTestHelpers.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QDateTime at(int minutes)
{
    return QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC).addSecs(minutes * 60);
}

} // namespace

class TestStoreThread : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_fileCounter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("db%1/penpal.db").arg(++m_fileCounter)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void threadFollowsBranches()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 conv = newConversation(s);
        const qint64 u1 = addMsg(s, conv, 0, Role::User, QStringLiteral("u1"));
        const qint64 a1 = addMsg(s, conv, u1, Role::Assistant, QStringLiteral("a1"));
        const qint64 u2 = addMsg(s, conv, a1, Role::User, QStringLiteral("u2"));
        const qint64 a2 = addMsg(s, conv, u2, Role::Assistant, QStringLiteral("a2"));
        const qint64 a2b = addMsg(s, conv, u2, Role::Assistant, QStringLiteral("a2, regenerated"));

        // The newest sibling became the current leaf.
        QCOMPARE(s.conversation(conv).currentLeafId, a2b);
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{u1, a1, u2, a2b}));
        QCOMPARE(s.childIds(conv, u2), (QVector<qint64>{a2, a2b}));
        QCOMPARE(s.childIds(conv, 0), (QVector<qint64>{u1}));
        QVERIFY(s.childIds(conv, a2).isEmpty());

        QSignalSpy changed(&s, &Store::conversationChanged);
        QVERIFY(s.setCurrentLeaf(conv, a2));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{u1, a1, u2, a2}));

        // Continuing on the old branch, then jumping back to the other sibling's newest leaf.
        const qint64 u3 = addMsg(s, conv, a2, Role::User, QStringLiteral("u3"));
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{u1, a1, u2, a2, u3}));
        QCOMPARE(s.newestLeafUnder(a2), u3);
        QCOMPARE(s.newestLeafUnder(a2b), a2b);
        QVERIFY(s.setCurrentLeaf(conv, s.newestLeafUnder(a2b)));
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{u1, a1, u2, a2b}));

        // A leaf in the middle shows the path up to it.
        QVERIFY(s.setCurrentLeaf(conv, a1));
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{u1, a1}));

        // A message of another conversation is refused.
        const qint64 other = newConversation(s);
        const qint64 foreign = addMsg(s, other, 0, Role::User, QStringLiteral("x"));
        changed.clear();
        QVERIFY(!s.setCurrentLeaf(conv, foreign));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(s.conversation(conv).currentLeafId, a1);
    }

    void threadWithoutLeafUsesNewestMessage()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 conv = newConversation(s);
        const qint64 u = addMsg(s, conv, 0, Role::User, QStringLiteral("u"), MessageState::Complete, at(0));
        // Inserted later but created earlier (an import): "newest" means created, not id.
        const qint64 newer =
            addMsg(s, conv, u, Role::Assistant, QStringLiteral("newer"), MessageState::Complete, at(9));
        const qint64 older =
            addMsg(s, conv, u, Role::Assistant, QStringLiteral("older"), MessageState::Complete, at(5));
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{u, older}));
        QVERIFY(s.setCurrentLeaf(conv, 0));
        QCOMPARE(s.conversation(conv).currentLeafId, qint64(0));
        QCOMPARE(idsOf(s.thread(conv)), (QVector<qint64>{u, newer}));
        QCOMPARE(s.newestLeafUnder(u), newer);
        QVERIFY(s.thread(newConversation(s)).isEmpty());
    }

    void threadPaging_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("beforeIndex"); // -1: no beforeId
        QTest::addColumn<QVector<int>>("expected");
        // A straight chain of 10 messages, indexes 0 (root) .. 9 (leaf).
        QTest::newRow("all") << -1 << -1 << QVector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        QTest::newRow("newest 3") << 3 << -1 << QVector<int>{7, 8, 9};
        QTest::newRow("more than there are") << 50 << -1 << QVector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        QTest::newRow("3 before 7") << 3 << 7 << QVector<int>{4, 5, 6};
        QTest::newRow("5 before 2") << 5 << 2 << QVector<int>{0, 1};
        QTest::newRow("all before 4") << -1 << 4 << QVector<int>{0, 1, 2, 3};
        QTest::newRow("before the root") << 3 << 0 << QVector<int>{};
        QTest::newRow("limit 0") << 0 << -1 << QVector<int>{};
    }

    void threadPaging()
    {
        QFETCH(int, limit);
        QFETCH(int, beforeIndex);
        QFETCH(QVector<int>, expected);
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 conv = newConversation(s);
        QVector<qint64> chain;
        for (int i = 0; i < 10; ++i)
            chain << addMsg(s, conv, chain.isEmpty() ? 0 : chain.last(), i % 2 ? Role::Assistant : Role::User,
                            QString::number(i));
        QVector<qint64> expectedIds;
        for (int i : expected)
            expectedIds << chain.at(i);
        const qint64 beforeId = beforeIndex < 0 ? 0 : chain.at(beforeIndex);
        QCOMPARE(idsOf(s.thread(conv, limit, beforeId)), expectedIds);
    }

    void threadPagesJoinUpOnABranch()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 conv = newConversation(s);
        QVector<qint64> chain;
        for (int i = 0; i < 7; ++i)
            chain << addMsg(s, conv, chain.isEmpty() ? 0 : chain.last(), Role::User, QString::number(i));
        // A side branch off message 3 that is not shown must never appear in the pages.
        addMsg(s, conv, chain.at(3), Role::Assistant, QStringLiteral("side"));
        QVERIFY(s.setCurrentLeaf(conv, chain.last()));

        QVector<qint64> loaded = idsOf(s.thread(conv, 3));
        for (int guard = 0; guard < 10; ++guard) {
            const QVector<Message> older = s.thread(conv, 3, loaded.first());
            if (older.isEmpty())
                break;
            QVERIFY(older.size() <= 3);
            loaded = idsOf(older) + loaded;
        }
        QCOMPARE(loaded, chain);
    }
};

QTEST_GUILESS_MAIN(TestStoreThread)
#include "tst_store_thread.moc"
