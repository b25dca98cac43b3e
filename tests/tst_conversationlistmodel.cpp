#include "model/ConversationListModel.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;

class TestConversationListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ordersPinnedThenRecent();
    void followsStoreChanges();
    void renameThroughSetData();
    void fetchesMoreOnDemand();
    void rowsLeaveAndEnterWithTheirView();
    void filterAtRuntime();
    void tagFilterFollowsTagging();
    void pagingWithFilter();
    void groups_data();
    void groups();
    void groupsFollowTheClock();

private:
    qint64 addConversation(const QString &title);
    qint64 addAt(const QString &title, const QDateTime &updated);
    QStringList titles(const ConversationListModel &m) const;

    QTemporaryDir *m_dir = nullptr;
    Store *m_store = nullptr;
};

void TestConversationListModel::init()
{
    // Month names in the groups are the default locale's.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_dir = new QTemporaryDir;
    m_store = new Store;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("t.db"))), qPrintable(m_store->lastError()));
}

void TestConversationListModel::cleanup()
{
    delete m_store;
    delete m_dir;
}

qint64 TestConversationListModel::addConversation(const QString &title)
{
    Conversation c;
    c.title = title;
    const qint64 id = m_store->createConversation(c);
    // Distinct `updated` times keep the order well defined.
    QTest::qWait(3);
    return id;
}

qint64 TestConversationListModel::addAt(const QString &title, const QDateTime &updated)
{
    Conversation c;
    c.title = title;
    c.created = updated;
    c.updated = updated;
    return m_store->createConversation(c);
}

QStringList TestConversationListModel::titles(const ConversationListModel &m) const
{
    QStringList out;
    for (int i = 0; i < m.rowCount(); ++i)
        out << m.index(i).data().toString();
    return out;
}

void TestConversationListModel::ordersPinnedThenRecent()
{
    addConversation(QStringLiteral("a"));
    const qint64 b = addConversation(QStringLiteral("b"));
    addConversation(QStringLiteral("c"));
    QVERIFY(m_store->setPinned(b, true));
    ConversationListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(titles(model), (QStringList{QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("a")}));
    QCOMPARE(model.index(0).data(ConversationListModel::PinnedRole).toBool(), true);
}

void TestConversationListModel::followsStoreChanges()
{
    const qint64 a = addConversation(QStringLiteral("a"));
    addConversation(QStringLiteral("b"));
    ConversationListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(titles(model), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));

    // A new message in "a" makes it the most recent: it moves to the top, without a reset.
    Message m;
    m.conversationId = a;
    m.content = QStringLiteral("hello");
    QVERIFY(m_store->addMessage(m) != 0);
    QCOMPARE(titles(model), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(moved.count(), 1);

    addConversation(QStringLiteral("c"));
    QCOMPARE(titles(model), (QStringList{QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));

    QVERIFY(m_store->deleteConversation(a));
    QCOMPARE(titles(model), (QStringList{QStringLiteral("c"), QStringLiteral("b")}));
    QCOMPARE(reset.count(), 0);
}

void TestConversationListModel::renameThroughSetData()
{
    const qint64 a = addConversation(QStringLiteral("old"));
    ConversationListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(0), QStringLiteral("  new   name ")));
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("new name"));
    QCOMPARE(m_store->conversation(a).title, QStringLiteral("new name"));
    QVERIFY(changed.count() >= 1);
    QVERIFY(!model.setData(model.index(0), QStringLiteral("   "))); // empty titles are refused
    QCOMPARE(m_store->conversation(a).title, QStringLiteral("new name"));
}

void TestConversationListModel::fetchesMoreOnDemand()
{
    for (int i = 0; i < 7; ++i)
        addConversation(QStringLiteral("c%1").arg(i));
    ConversationListModel model(m_store);
    model.setPageSize(3);
    model.reload();
    // (No QAbstractItemModelTester until the paging is checked: the tester fetches everything.)
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 6);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 7);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(titles(model).first(), QStringLiteral("c6"));
    QCOMPARE(titles(model).last(), QStringLiteral("c0"));

    model.reload();
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 7);
}

namespace {

ConversationFilter viewOf(ConversationFilter::View v, const QString &tag = {})
{
    ConversationFilter f;
    f.view = v;
    f.tag = tag;
    return f;
}

// Local wall-clock times: the groups are calendar days where the user is.
QDateTime local(int y, int mo, int d, int h = 12, int mi = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi));
}

} // namespace

void TestConversationListModel::rowsLeaveAndEnterWithTheirView()
{
    const qint64 a = addConversation(QStringLiteral("a"));
    const qint64 b = addConversation(QStringLiteral("b"));
    addConversation(QStringLiteral("c"));
    ConversationListModel main(m_store);
    ConversationListModel archive(m_store);
    archive.setFilter(viewOf(ConversationFilter::View::Archived));
    ConversationListModel trash(m_store);
    trash.setFilter(viewOf(ConversationFilter::View::Trash));
    QAbstractItemModelTester t1(&main, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&archive, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&trash, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&main, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&main, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&main, &QAbstractItemModel::rowsInserted);
    QCOMPARE(titles(main), (QStringList{QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(archive.rowCount(), 0);

    QVERIFY(m_store->setArchived({b}, true));
    QCOMPARE(titles(main), (QStringList{QStringLiteral("c"), QStringLiteral("a")}));
    QCOMPARE(titles(archive), QStringList{QStringLiteral("b")});
    QCOMPARE(archive.index(0).data(ConversationListModel::ArchivedRole).toBool(), true);

    QVERIFY(m_store->moveToTrash({a, b}));
    QCOMPARE(titles(main), QStringList{QStringLiteral("c")});
    QCOMPARE(archive.rowCount(), 0);
    QCOMPARE(titles(trash), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    QVERIFY(trash.index(0).data(ConversationListModel::DeletedAtRole).toDateTime().isValid());

    // Restored, each goes back where it came from, in its place by time.
    QVERIFY(m_store->restoreFromTrash({a, b}));
    QCOMPARE(titles(main), (QStringList{QStringLiteral("c"), QStringLiteral("a")}));
    QCOMPARE(titles(archive), QStringList{QStringLiteral("b")});
    QCOMPARE(trash.rowCount(), 0);
    QVERIFY(m_store->setArchived({b}, false));
    QCOMPARE(titles(main), (QStringList{QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")}));

    QVERIFY(m_store->moveToTrash({a}));
    QCOMPARE(m_store->emptyTrash(), 1);
    QCOMPARE(titles(main), (QStringList{QStringLiteral("c"), QStringLiteral("b")}));
    QCOMPARE(trash.rowCount(), 0);
    // Minimal changes, never a reset.
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 3);
    QCOMPARE(inserted.count(), 2);
}

void TestConversationListModel::filterAtRuntime()
{
    const qint64 a = addConversation(QStringLiteral("a"));
    const qint64 b = addConversation(QStringLiteral("b"));
    addConversation(QStringLiteral("c"));
    QVERIFY(m_store->moveToTrash({a}));
    QVERIFY(m_store->setArchived({b}, true));
    ConversationListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy filterChanged(&model, &ConversationListModel::filterChanged);
    QCOMPARE(titles(model), QStringList{QStringLiteral("c")});
    model.setFilter(viewOf(ConversationFilter::View::Trash));
    QCOMPARE(titles(model), QStringList{QStringLiteral("a")});
    model.setFilter(viewOf(ConversationFilter::View::Archived));
    QCOMPARE(titles(model), QStringList{QStringLiteral("b")});
    QCOMPARE(filterChanged.count(), 2);
    model.setFilter(viewOf(ConversationFilter::View::Archived)); // the same: nothing happens
    QCOMPARE(filterChanged.count(), 2);
    QCOMPARE(model.filter().view, ConversationFilter::View::Archived);
}

void TestConversationListModel::tagFilterFollowsTagging()
{
    const qint64 a = addConversation(QStringLiteral("a"));
    const qint64 b = addConversation(QStringLiteral("b"));
    const qint64 c = addConversation(QStringLiteral("c"));
    ConversationListModel model(m_store);
    model.setFilter(viewOf(ConversationFilter::View::Main, QStringLiteral("work")));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(m_store->addTag({a, c}, QStringLiteral("Work")));
    QCOMPARE(titles(model), (QStringList{QStringLiteral("c"), QStringLiteral("a")}));
    QVERIFY(m_store->addTag({b}, QStringLiteral("home")));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(m_store->removeTag({c}, QStringLiteral("work")));
    QCOMPARE(titles(model), QStringList{QStringLiteral("a")});
    // Archived, it leaves the main view even with the tag.
    QVERIFY(m_store->setArchived({a}, true));
    QCOMPARE(model.rowCount(), 0);
}

void TestConversationListModel::pagingWithFilter()
{
    QVector<qint64> ids;
    for (int i = 0; i < 7; ++i)
        ids << addConversation(QStringLiteral("c%1").arg(i));
    QVERIFY(m_store->setArchived({ids.at(6), ids.at(4), ids.at(1)}, true));
    ConversationListModel model(m_store);
    model.setPageSize(2);
    model.reload();
    QCOMPARE(titles(model), (QStringList{QStringLiteral("c5"), QStringLiteral("c3")}));
    QVERIFY(model.canFetchMore({}));
    // A loaded row leaving the view does not make the next page skip one.
    QVERIFY(m_store->setArchived({ids.at(5)}, true));
    model.fetchMore({});
    QCOMPARE(titles(model), (QStringList{QStringLiteral("c3"), QStringLiteral("c2"), QStringLiteral("c0")}));
    QVERIFY(!model.canFetchMore({}));
    // Restored past the loaded rows while nothing is left to load: it shows at once.
    QVERIFY(m_store->setArchived({ids.at(1)}, false));
    QCOMPARE(titles(model), (QStringList{QStringLiteral("c3"), QStringLiteral("c2"), QStringLiteral("c1"),
                                         QStringLiteral("c0")}));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestConversationListModel::groups_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("updated");
    QTest::addColumn<bool>("pinned");
    QTest::addColumn<QString>("group");
    const QDateTime now = local(2026, 10, 15, 10, 0);
    QTest::newRow("this morning") << now << local(2026, 10, 15, 0, 30) << false << "Today";
    QTest::newRow("later today (clock skew)") << now << local(2026, 10, 15, 23, 0) << false << "Today";
    QTest::newRow("last night") << now << local(2026, 10, 14, 23, 59) << false << "Yesterday";
    QTest::newRow("yesterday morning") << now << local(2026, 10, 14, 0, 1) << false << "Yesterday";
    QTest::newRow("2 days") << now << local(2026, 10, 13, 23, 0) << false << "Previous 7 days";
    QTest::newRow("7 days") << now << local(2026, 10, 8) << false << "Previous 7 days";
    QTest::newRow("8 days") << now << local(2026, 10, 7) << false << "Previous 30 days";
    QTest::newRow("30 days") << now << local(2026, 9, 15) << false << "Previous 30 days";
    QTest::newRow("31 days") << now << local(2026, 9, 14) << false << "September 2026";
    QTest::newRow("last year") << now << local(2025, 12, 31) << false << "December 2025";
    QTest::newRow("pinned and old") << now << local(2024, 1, 1) << true << "Pinned";
    QTest::newRow("pinned today") << now << now << true << "Pinned";
    // Across a month and a year boundary, just after midnight.
    const QDateTime newYear = local(2027, 1, 1, 0, 10);
    QTest::newRow("new year: old year's evening")
        << newYear << local(2026, 12, 31, 23, 50) << false << "Yesterday";
    QTest::newRow("new year: minutes ago") << newYear << local(2027, 1, 1, 0, 5) << false << "Today";
    QTest::newRow("new year: 30 days") << newYear << local(2026, 12, 2) << false << "Previous 30 days";
    QTest::newRow("new year: 31 days") << newYear << local(2026, 12, 1) << false << "December 2026";
    QTest::newRow("new year: november") << newYear << local(2026, 11, 30) << false << "November 2026";
}

void TestConversationListModel::groups()
{
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, updated);
    QFETCH(bool, pinned);
    QFETCH(QString, group);
    const qint64 id = addAt(QStringLiteral("x"), updated);
    QVERIFY(id != 0);
    if (pinned)
        QVERIFY(m_store->setPinned(id, true));
    ConversationListModel model(m_store);
    model.setNow(now);
    QCOMPARE(model.index(0).data(ConversationListModel::GroupRole).toString(), group);
}

void TestConversationListModel::groupsFollowTheClock()
{
    addAt(QStringLiteral("older"), local(2026, 10, 14, 9));
    addAt(QStringLiteral("newer"), local(2026, 10, 15, 9));
    ConversationListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(local(2026, 10, 15, 10));
    const auto groups = [&model] {
        QStringList out;
        for (int i = 0; i < model.rowCount(); ++i)
            out << model.index(i).data(ConversationListModel::GroupRole).toString();
        return out;
    };
    QCOMPARE(groups(), (QStringList{QStringLiteral("Today"), QStringLiteral("Yesterday")}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(local(2026, 10, 16, 10)); // a day later
    QCOMPARE(groups(), (QStringList{QStringLiteral("Yesterday"), QStringLiteral("Previous 7 days")}));
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(ConversationListModel::GroupRole));
}

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
