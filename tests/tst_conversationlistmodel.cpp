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

private:
    qint64 addConversation(const QString &title);
    QStringList titles(const ConversationListModel &m) const;

    QTemporaryDir *m_dir = nullptr;
    Store *m_store = nullptr;
};

void TestConversationListModel::init()
{
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

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
