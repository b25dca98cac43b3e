// Store organisation: the main, archive and trash views, tags, and the batch operations on
// them, checked through the Store's API and, for what lands on disk, a connection of its own.
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QDateTime at(int minutes)
{
    return QDateTime(QDate(2026, 10, 1), QTime(12, 0), Qt::UTC).addSecs(minutes * 60);
}

ConversationFilter view(ConversationFilter::View v, const QString &tag = {})
{
    ConversationFilter f;
    f.view = v;
    f.tag = tag;
    return f;
}

QVector<qint64> spied(const QSignalSpy &spy)
{
    QVector<qint64> ids;
    for (const QList<QVariant> &args : spy)
        ids << args.at(0).toLongLong();
    return ids;
}

} // namespace

class TestStoreOrganisation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void filters_data();
    void filters();
    void archiveBatch();
    void trashAndRestore();
    void deleteForeverTakesMessagesAndDeepThreads();
    void emptyTrash();
    void purgeTrashAfter30Days();
    void openPurgesOldTrash();
    void tags();
    void renameAndDeleteTags();
    void batchesAreAtomic();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("t.db")); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

void TestStoreOrganisation::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<Store>();
    QVERIFY2(m_store->open(dbPath()), qPrintable(m_store->lastError()));
}

void TestStoreOrganisation::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestStoreOrganisation::filters_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QStringList>("expected");
    using V = ConversationFilter::View;
    QTest::newRow("main") << int(V::Main) << QString() << QStringList{"pinned", "tagged", "plain"};
    QTest::newRow("archived") << int(V::Archived) << QString() << QStringList{"archived tagged", "archived"};
    QTest::newRow("trash") << int(V::Trash) << QString() << QStringList{"archived trashed", "trashed"};
    QTest::newRow("main+work") << int(V::Main) << QStringLiteral("work") << QStringList{"tagged"};
    QTest::newRow("tag case") << int(V::Main) << QStringLiteral("WORK") << QStringList{"tagged"};
    QTest::newRow("archived+work") << int(V::Archived) << QStringLiteral("work")
                                   << QStringList{"archived tagged"};
    QTest::newRow("trash+work") << int(V::Trash) << QStringLiteral("work") << QStringList{"trashed"};
    QTest::newRow("unknown tag") << int(V::Main) << QStringLiteral("nope") << QStringList{};
}

void TestStoreOrganisation::filters()
{
    QFETCH(int, view);
    QFETCH(QString, tag);
    QFETCH(QStringList, expected);
    Store &s = *m_store;
    const qint64 plain = newConversation(s, QStringLiteral("plain"), at(1));
    const qint64 archived = newConversation(s, QStringLiteral("archived"), at(2));
    const qint64 trashed = newConversation(s, QStringLiteral("trashed"), at(3));
    const qint64 archivedTrashed = newConversation(s, QStringLiteral("archived trashed"), at(4));
    const qint64 tagged = newConversation(s, QStringLiteral("tagged"), at(5));
    const qint64 archivedTagged = newConversation(s, QStringLiteral("archived tagged"), at(6));
    const qint64 pinned = newConversation(s, QStringLiteral("pinned"), at(0));
    QVERIFY(s.setPinned(pinned, true));
    QVERIFY(s.setArchived({archived, archivedTrashed, archivedTagged}, true));
    QVERIFY(s.moveToTrash({trashed, archivedTrashed}));
    QVERIFY(s.addTag({tagged, archivedTagged, trashed}, QStringLiteral("Work")));
    Q_UNUSED(plain);

    const ConversationFilter f = ::view(ConversationFilter::View(view), tag);
    QStringList titles;
    for (const Conversation &c : s.conversations(f))
        titles << c.title;
    QCOMPARE(titles, expected);
    QCOMPARE(s.conversationCount(f), int(expected.size()));
    // Paging covers the same list.
    QStringList paged;
    for (int offset = 0; offset < expected.size(); offset += 2) {
        for (const Conversation &c : s.conversations(f, offset, 2))
            paged << c.title;
    }
    QCOMPARE(paged, expected);
    // Without a filter: the main list.
    QCOMPARE(idsOf(s.conversations()), idsOf(s.conversations(ConversationFilter())));
    QCOMPARE(s.conversationCount(), 3);
}

void TestStoreOrganisation::archiveBatch()
{
    Store &s = *m_store;
    const qint64 a = newConversation(s, QStringLiteral("a"), at(1));
    const qint64 b = newConversation(s, QStringLiteral("b"), at(2));
    const qint64 c = newConversation(s, QStringLiteral("c"), at(3));
    QSignalSpy changed(&s, &Store::conversationChanged);
    QVERIFY(s.setArchived({a, c, 9999}, true)); // an unknown id is skipped
    QCOMPARE(spied(changed), (QVector<qint64>{a, c}));
    RawDb raw(dbPath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT group_concat(id) FROM conversations WHERE archived = 1"))
                 .toString(),
             QStringLiteral("%1,%2").arg(a).arg(c));
    QCOMPARE(idsOf(s.conversations()), (QVector<qint64>{b}));
    QCOMPARE(idsOf(s.conversations(view(ConversationFilter::View::Archived))), (QVector<qint64>{c, a}));
    QVERIFY(s.conversation(a).archived);

    // Archiving again changes nothing and says nothing.
    changed.clear();
    QVERIFY(s.setArchived({a}, true));
    QCOMPARE(changed.count(), 0);
    QVERIFY(s.setArchived({}, true));

    QVERIFY(s.setArchived({a, b, c}, false));
    QCOMPARE(spied(changed), (QVector<qint64>{a, c}));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE archived = 1")).toInt(), 0);
    QCOMPARE(s.conversationCount(), 3);
}

void TestStoreOrganisation::trashAndRestore()
{
    Store &s = *m_store;
    const qint64 a = newConversation(s, QStringLiteral("a"), at(1));
    const qint64 b = newConversation(s, QStringLiteral("b"), at(2));
    QVERIFY(addMsg(s, a, 0, Role::User, QStringLiteral("hello")) != 0);
    QSignalSpy changed(&s, &Store::conversationChanged);
    QSignalSpy removed(&s, &Store::conversationRemoved);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(s.moveToTrash({a, b}));
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(spied(changed), (QVector<qint64>{a, b}));
    QCOMPARE(removed.count(), 0); // still there, only elsewhere
    RawDb raw(dbPath());
    const qint64 deletedAt =
        raw.scalar(QStringLiteral("SELECT deleted_at FROM conversations WHERE id = ?"), {a}).toLongLong();
    QVERIFY(deletedAt >= before && deletedAt <= after);
    QCOMPARE(s.conversation(a).deletedAt.toMSecsSinceEpoch(), deletedAt);
    QCOMPARE(s.conversationCount(), 0);
    QCOMPARE(s.conversationCount(view(ConversationFilter::View::Trash)), 2);
    QCOMPARE(s.thread(a).size(), 1); // the messages stay while it is in the trash

    // Trashing again keeps the first time: the 30 days are not restarted.
    QVERIFY(raw.exec(QStringLiteral("UPDATE conversations SET deleted_at = 1000 WHERE id = ?"), {a}));
    changed.clear();
    QVERIFY(s.moveToTrash({a}));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(
        raw.scalar(QStringLiteral("SELECT deleted_at FROM conversations WHERE id = ?"), {a}).toLongLong(),
        qint64(1000));

    QVERIFY(s.restoreFromTrash({a}));
    QCOMPARE(spied(changed), (QVector<qint64>{a}));
    QVERIFY(raw.scalar(QStringLiteral("SELECT deleted_at FROM conversations WHERE id = ?"), {a}).isNull());
    QVERIFY(!raw.scalar(QStringLiteral("SELECT deleted_at FROM conversations WHERE id = ?"), {b}).isNull());
    QCOMPARE(idsOf(s.conversations()), (QVector<qint64>{a}));
    QCOMPARE(s.thread(a).size(), 1);
}

void TestStoreOrganisation::deleteForeverTakesMessagesAndDeepThreads()
{
    Store &s = *m_store;
    const qint64 deep = newConversation(s, QStringLiteral("deep"), at(1));
    const qint64 kept = newConversation(s, QStringLiteral("kept"), at(2));
    const qint64 other = newConversation(s, QStringLiteral("other"), at(3));
    // Deeper than SQLite's 1000 levels of nested cascades (see deleteConversation()).
    qint64 parent = 0;
    for (int i = 0; i < 1005; ++i) {
        parent = addMsg(s, deep, parent, i % 2 ? Role::Assistant : Role::User, QStringLiteral("m%1").arg(i));
        QVERIFY(parent != 0);
    }
    QVERIFY(addMsg(s, other, 0, Role::User, QStringLiteral("bye")) != 0);
    QVERIFY(addMsg(s, kept, 0, Role::User, QStringLiteral("stay")) != 0);
    QVERIFY(s.addTag({deep, other}, QStringLiteral("gone")));
    QVERIFY(s.addTag({deep, kept}, QStringLiteral("stays")));
    QSignalSpy removed(&s, &Store::conversationRemoved);
    QSignalSpy tagsChanged(&s, &Store::tagsChanged);
    QVERIFY2(s.deleteForever({deep, other, 4242}), qPrintable(s.lastError()));
    QCOMPARE(spied(removed), (QVector<qint64>{deep, other}));
    QCOMPARE(tagsChanged.count(), 1);
    RawDb raw(dbPath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id IN (?, ?)"),
                        {deep, other})
                 .toInt(),
             0);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations")).toInt(), 1);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);
    // A tag no conversation carries any more goes with them.
    QCOMPARE(raw.scalar(QStringLiteral("SELECT group_concat(name) FROM tags")).toString(),
             QStringLiteral("stays"));
    QCOMPARE(s.tagsOf(kept), QStringList{QStringLiteral("stays")});
}

void TestStoreOrganisation::emptyTrash()
{
    Store &s = *m_store;
    const qint64 a = newConversation(s, QStringLiteral("a"), at(1));
    const qint64 b = newConversation(s, QStringLiteral("b"), at(2));
    const qint64 c = newConversation(s, QStringLiteral("c"), at(3));
    QVERIFY(addMsg(s, a, 0, Role::User, QStringLiteral("x")) != 0);
    QVERIFY(s.setArchived({c}, true));
    QVERIFY(s.moveToTrash({a, c}));
    QSignalSpy removed(&s, &Store::conversationRemoved);
    QCOMPARE(s.emptyTrash(), 2);
    QCOMPARE(removed.count(), 2);
    RawDb raw(dbPath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT group_concat(id) FROM conversations")).toLongLong(), b);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 0);
    QCOMPARE(s.emptyTrash(), 0); // nothing left to take
}

void TestStoreOrganisation::purgeTrashAfter30Days()
{
    Store &s = *m_store;
    const qint64 old = newConversation(s, QStringLiteral("old"), at(1));
    const qint64 recent = newConversation(s, QStringLiteral("recent"), at(2));
    const qint64 live = newConversation(s, QStringLiteral("live"), at(3));
    QVERIFY(s.moveToTrash({old, recent}));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    RawDb raw(dbPath());
    QVERIFY(raw.exec(QStringLiteral("UPDATE conversations SET deleted_at = ? WHERE id = ?"),
                     {now.addDays(-31).toMSecsSinceEpoch(), old}));
    QVERIFY(raw.exec(QStringLiteral("UPDATE conversations SET deleted_at = ? WHERE id = ?"),
                     {now.addDays(-29).toMSecsSinceEpoch(), recent}));
    QSignalSpy removed(&s, &Store::conversationRemoved);
    QCOMPARE(s.purgeTrash(now.addDays(-30)), 1);
    QCOMPARE(spied(removed), (QVector<qint64>{old}));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE id = ?"), {old}).toInt(), 0);
    QCOMPARE(
        raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE id IN (?, ?)"), {recent, live})
            .toInt(),
        2);
    QCOMPARE(s.purgeTrash(now.addDays(-30)), 0);
}

void TestStoreOrganisation::openPurgesOldTrash()
{
    const QString dir = m_dir->filePath(QStringLiteral("ctx"));
    qint64 old = 0, recent = 0;
    {
        auto ctx = makeTestContext(dir, QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
        QVERIFY(ctx);
        old = newConversation(*ctx->store(), QStringLiteral("old"), at(1));
        recent = newConversation(*ctx->store(), QStringLiteral("recent"), at(2));
        QVERIFY(ctx->store()->moveToTrash({old, recent}));
        RawDb raw(ctx->databasePath());
        QVERIFY(raw.exec(QStringLiteral("UPDATE conversations SET deleted_at = ? WHERE id = ?"),
                         {QDateTime::currentDateTimeUtc().addDays(-40).toMSecsSinceEpoch(), old}));
    }
    auto ctx = makeTestContext(dir, QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(ctx);
    QCOMPARE(ctx->store()->conversation(old).id, qint64(0));
    QCOMPARE(ctx->store()->conversation(recent).id, recent);
    QVERIFY(ctx->store()->conversation(recent).deletedAt.isValid());
}

void TestStoreOrganisation::tags()
{
    Store &s = *m_store;
    const qint64 a = newConversation(s, QStringLiteral("a"), at(1));
    const qint64 b = newConversation(s, QStringLiteral("b"), at(2));
    const qint64 c = newConversation(s, QStringLiteral("c"), at(3));
    QSignalSpy tagsChanged(&s, &Store::tagsChanged);
    QSignalSpy changed(&s, &Store::conversationChanged);
    QVERIFY(s.addTag({a, b}, QStringLiteral("  Work ")));
    QCOMPARE(tagsChanged.count(), 1);
    QCOMPARE(spied(changed), (QVector<qint64>{a, b}));
    // Same tag whatever the case or a leading "#": the first spelling stays.
    QVERIFY(s.addTag({b, c, 777}, QStringLiteral("#work")));
    QVERIFY(s.addTag({a}, QStringLiteral("home")));
    QVERIFY(!s.addTag({a}, QStringLiteral("  # ")));

    const QVector<TagCount> all = s.allTags();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).name, QStringLiteral("home"));
    QCOMPARE(all.at(0).count, 1);
    QCOMPARE(all.at(1).name, QStringLiteral("Work"));
    QCOMPARE(all.at(1).count, 3);
    QCOMPARE(s.tagsOf(a), (QStringList{QStringLiteral("home"), QStringLiteral("Work")}));
    QCOMPARE(s.tagsOf(c), QStringList{QStringLiteral("Work")});
    RawDb raw(dbPath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversation_tags")).toInt(), 4);

    changed.clear();
    QVERIFY(s.removeTag({a, b}, QStringLiteral("WORK")));
    QCOMPARE(spied(changed), (QVector<qint64>{a, b}));
    QCOMPARE(s.tagsOf(a), QStringList{QStringLiteral("home")});
    QCOMPARE(s.allTags().at(1).count, 1);
    // The last carrier gone, the tag goes too.
    QVERIFY(s.removeTag({a}, QStringLiteral("home")));
    QCOMPARE(s.allTags().size(), 1);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM tags")).toInt(), 1);
}

void TestStoreOrganisation::renameAndDeleteTags()
{
    Store &s = *m_store;
    const qint64 a = newConversation(s, QStringLiteral("a"), at(1));
    const qint64 b = newConversation(s, QStringLiteral("b"), at(2));
    QVERIFY(s.addTag({a, b}, QStringLiteral("work")));
    QVERIFY(s.addTag({b}, QStringLiteral("home")));
    QVERIFY(!s.renameTag(QStringLiteral("work"), QStringLiteral("Home"))); // taken
    QCOMPARE(s.tagsOf(a), QStringList{QStringLiteral("work")});
    QVERIFY(s.renameTag(QStringLiteral("work"), QStringLiteral("Work"))); // its own name, other case
    QVERIFY(s.renameTag(QStringLiteral("work"), QStringLiteral("job")));
    QCOMPARE(s.tagsOf(b), (QStringList{QStringLiteral("home"), QStringLiteral("job")}));
    QCOMPARE(idsOf(s.conversations(view(ConversationFilter::View::Main, QStringLiteral("job")))),
             (QVector<qint64>{b, a}));
    QVERIFY(s.conversations(view(ConversationFilter::View::Main, QStringLiteral("work"))).isEmpty());

    QSignalSpy changed(&s, &Store::conversationChanged);
    QVERIFY(s.deleteTag(QStringLiteral("JOB")));
    QCOMPARE(spied(changed), (QVector<qint64>{a, b}));
    QVERIFY(s.tagsOf(a).isEmpty());
    QCOMPARE(s.tagsOf(b), QStringList{QStringLiteral("home")});
    QVERIFY(!s.deleteTag(QStringLiteral("job")));
    // The conversations themselves stay.
    QCOMPARE(s.conversationCount(), 2);
}

void TestStoreOrganisation::batchesAreAtomic()
{
    Store &s = *m_store;
    const qint64 a = newConversation(s, QStringLiteral("a"), at(1));
    const qint64 b = newConversation(s, QStringLiteral("b"), at(2));
    QVERIFY(addMsg(s, a, 0, Role::User, QStringLiteral("x")) != 0);
    RawDb raw(dbPath());
    // A row that refuses to change, after one that already did in the same batch.
    QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER refuse_b BEFORE UPDATE ON conversations WHEN OLD.id = %1"
                                    " BEGIN SELECT RAISE(ABORT, 'refused'); END")
                         .arg(b)));
    QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER keep_b BEFORE DELETE ON conversations WHEN OLD.id = %1"
                                    " BEGIN SELECT RAISE(ABORT, 'kept'); END")
                         .arg(b)));
    QSignalSpy changed(&s, &Store::conversationChanged);
    QSignalSpy removed(&s, &Store::conversationRemoved);
    QVERIFY(!s.moveToTrash({a, b}));
    QVERIFY(s.lastError().contains(QStringLiteral("refused")));
    QVERIFY(raw.scalar(QStringLiteral("SELECT deleted_at FROM conversations WHERE id = ?"), {a}).isNull());
    QVERIFY(!s.setArchived({a, b}, true));
    QCOMPARE(raw.scalar(QStringLiteral("SELECT archived FROM conversations WHERE id = ?"), {a}).toInt(), 0);
    QVERIFY(!s.deleteForever({a, b}));
    QCOMPARE(
        raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = ?"), {a}).toInt(),
        1);
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations")).toInt(), 2);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(removed.count(), 0);
}

QTEST_GUILESS_MAIN(TestStoreOrganisation)
#include "tst_store_organisation.moc"
