#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;

class TestMessageListModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void loadsNewestPageAndFetchesOlder();
    void appendsNewMessages();
    void liveTextChangesOneRow();
    void newBranchReloadsPath();
    void siblingRolesAndNavigation();
    void navigationFollowsNewestLeaf();
    void siblingListsAreCached();
    void rootSiblingsSwapWithoutReset();
    void divergenceAbovePageResets();
    void deletionUpdatesRowsAndCounts();
    void storeChangesRefreshRow();
    void branchChoiceSurvivesReopen();

private:
    qint64 add(Role role, const QString &text, qint64 parent);
    static QStringList contents(const MessageListModel &model);

    QTemporaryDir *m_dir = nullptr;
    Store *m_store = nullptr;
    qint64 m_conv = 0;
};

void TestMessageListModel::init()
{
    m_dir = new QTemporaryDir;
    m_store = new Store;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("t.db"))), qPrintable(m_store->lastError()));
    Conversation c;
    c.title = QStringLiteral("t");
    m_conv = m_store->createConversation(c);
    QVERIFY(m_conv != 0);
}

void TestMessageListModel::cleanup()
{
    delete m_store;
    delete m_dir;
}

qint64 TestMessageListModel::add(Role role, const QString &text, qint64 parent)
{
    Message m;
    m.conversationId = m_conv;
    m.role = role;
    m.content = text;
    m.parentId = parent;
    return m_store->addMessage(m);
}

void TestMessageListModel::loadsNewestPageAndFetchesOlder()
{
    qint64 parent = 0;
    for (int i = 0; i < 25; ++i)
        parent = add(i % 2 ? Role::Assistant : Role::User, QStringLiteral("m%1").arg(i), parent);
    MessageListModel model(m_store);
    model.setPageSize(10);
    model.openConversation(m_conv);
    // (No QAbstractItemModelTester until the paging is checked: the tester fetches everything.)
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.index(0).data(MessageListModel::ContentRole).toString(), QStringLiteral("m15"));
    QCOMPARE(model.index(9).data(MessageListModel::ContentRole).toString(), QStringLiteral("m24"));
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0); // prepended
    QCOMPARE(model.index(0).data(MessageListModel::ContentRole).toString(), QStringLiteral("m5"));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 25);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.index(0).data(MessageListModel::ContentRole).toString(), QStringLiteral("m0"));

    model.openConversation(m_conv);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 25); // the tester itself fetched the older pages
}

void TestMessageListModel::appendsNewMessages()
{
    const qint64 u = add(Role::User, QStringLiteral("hi"), 0);
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    add(Role::Assistant, QStringLiteral("hello"), u);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(Role(model.index(1).data(MessageListModel::RoleRole).toInt()), Role::Assistant);

    // Messages of another conversation do not show up here.
    Conversation other;
    m_store->createConversation(other);
    Message m;
    m.conversationId = other.id;
    m.content = QStringLiteral("elsewhere");
    m_store->addMessage(m);
    QCOMPARE(model.rowCount(), 2);
}

void TestMessageListModel::liveTextChangesOneRow()
{
    const qint64 u = add(Role::User, QStringLiteral("hi"), 0);
    const qint64 a = add(Role::Assistant, QString(), u);
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const uint rev = model.index(1).data(MessageListModel::RevisionRole).toUInt();
    model.setLiveText(a, QStringLiteral("Hel"), QString());
    model.setLiveText(a, QStringLiteral("Hello"), QStringLiteral("thinking"));
    QCOMPARE(changed.count(), 2);
    for (const auto &args : changed) {
        QCOMPARE(args.at(0).toModelIndex().row(), 1);
        QCOMPARE(args.at(1).toModelIndex().row(), 1);
    }
    QCOMPARE(model.index(1).data(MessageListModel::ContentRole).toString(), QStringLiteral("Hello"));
    QCOMPARE(model.index(1).data(MessageListModel::ReasoningRole).toString(), QStringLiteral("thinking"));
    QCOMPARE(model.index(1).data(MessageListModel::RevisionRole).toUInt(), rev + 2);
    model.setLiveText(a, QStringLiteral("Hello"), QStringLiteral("thinking")); // no change, no signal
    QCOMPARE(changed.count(), 2);

    // refreshMessage() shows what the store has.
    QVERIFY(
        m_store->updateMessageContent(a, QStringLiteral("Hello there"), QString(), MessageState::Complete));
    model.refreshMessage(a);
    QCOMPARE(model.index(1).data(MessageListModel::ContentRole).toString(), QStringLiteral("Hello there"));
}

void TestMessageListModel::newBranchReloadsPath()
{
    const qint64 u = add(Role::User, QStringLiteral("q"), 0);
    add(Role::Assistant, QStringLiteral("first try"), u);
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QCOMPARE(model.rowCount(), 2);
    add(Role::Assistant, QStringLiteral("second try"), u); // sibling of the first reply
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data(MessageListModel::ContentRole).toString(), QStringLiteral("second try"));
}

QStringList TestMessageListModel::contents(const MessageListModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r).data(MessageListModel::ContentRole).toString();
    return out;
}

void TestMessageListModel::siblingRolesAndNavigation()
{
    const qint64 q = add(Role::User, QStringLiteral("q"), 0);
    const qint64 a1 = add(Role::Assistant, QStringLiteral("a1"), q);
    const qint64 a2 = add(Role::Assistant, QStringLiteral("a2"), q);
    const qint64 a3 = add(Role::Assistant, QStringLiteral("a3"), q);
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QCOMPARE(contents(model), (QStringList{QStringLiteral("q"), QStringLiteral("a3")}));
    QCOMPARE(model.index(0).data(MessageListModel::SiblingIndexRole).toInt(), 1);
    QCOMPARE(model.index(0).data(MessageListModel::SiblingCountRole).toInt(), 1);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingIndexRole).toInt(), 3);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingCountRole).toInt(), 3);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(model.showSibling(a3, -1));
    QCOMPARE(contents(model), (QStringList{QStringLiteral("q"), QStringLiteral("a2")}));
    QCOMPARE(model.index(1).data(MessageListModel::SiblingIndexRole).toInt(), 2);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingCountRole).toInt(), 3);
    QCOMPARE(m_store->conversation(m_conv).currentLeafId, a2);
    // Only the row below the shared part changed: one removed, one inserted, no reset.
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 1);
    QCOMPARE(inserted.first().at(2).toInt(), 1);

    QVERIFY(model.showSibling(a2, -1));
    QCOMPARE(model.index(1).data(MessageListModel::IdRole).toLongLong(), a1);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingIndexRole).toInt(), 1);
    QVERIFY(!model.showSibling(a1, -1)); // no wrap-around
    QVERIFY(!model.showSibling(q, 1));   // no siblings
    QVERIFY(!model.showSibling(a1, 0));
    QVERIFY(!model.showSibling(a3, 1)); // not shown
    QCOMPARE(m_store->conversation(m_conv).currentLeafId, a1);
    QVERIFY(model.showSibling(a1, 2)); // jumps
    QCOMPARE(model.index(1).data(MessageListModel::IdRole).toLongLong(), a3);
    QCOMPARE(reset.count(), 0);
}

void TestMessageListModel::navigationFollowsNewestLeaf()
{
    const qint64 q = add(Role::User, QStringLiteral("q"), 0);
    const qint64 a1 = add(Role::Assistant, QStringLiteral("a1"), q);
    const qint64 q2 = add(Role::User, QStringLiteral("q2"), a1);
    add(Role::Assistant, QStringLiteral("a2 old"), q2);
    add(Role::Assistant, QStringLiteral("a2 new"), q2);
    const qint64 a1b = add(Role::Assistant, QStringLiteral("a1b"), q);
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QCOMPARE(contents(model), (QStringList{QStringLiteral("q"), QStringLiteral("a1b")}));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(model.showSibling(a1b, -1));
    QCOMPARE(contents(model), (QStringList{QStringLiteral("q"), QStringLiteral("a1"), QStringLiteral("q2"),
                                           QStringLiteral("a2 new")}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 1);
    QCOMPARE(inserted.first().at(2).toInt(), 3);
    QCOMPARE(model.index(3).data(MessageListModel::SiblingIndexRole).toInt(), 2);
    QCOMPARE(model.index(3).data(MessageListModel::SiblingCountRole).toInt(), 2);
    QVERIFY(model.showSibling(model.index(3).data(MessageListModel::IdRole).toLongLong(), -1));
    QCOMPARE(contents(model).last(), QStringLiteral("a2 old"));
    QCOMPARE(model.index(1).data(MessageListModel::SiblingIndexRole).toInt(), 1);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingCountRole).toInt(), 2);
}

void TestMessageListModel::siblingListsAreCached()
{
    const qint64 q = add(Role::User, QStringLiteral("q"), 0);
    add(Role::Assistant, QStringLiteral("a1"), q);
    add(Role::Assistant, QStringLiteral("a2"), q);
    MessageListModel model(m_store);
    model.openConversation(m_conv);
    // Painting asks for these roles all the time: they come from memory, not the database.
    m_store->close();
    QCOMPARE(model.index(1).data(MessageListModel::SiblingIndexRole).toInt(), 2);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingCountRole).toInt(), 2);
}

void TestMessageListModel::rootSiblingsSwapWithoutReset()
{
    const qint64 q1 = add(Role::User, QStringLiteral("first prompt"), 0);
    add(Role::Assistant, QStringLiteral("a"), q1);
    const qint64 q1b = add(Role::User, QStringLiteral("edited prompt"), 0);
    add(Role::Assistant, QStringLiteral("b"), q1b);
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QCOMPARE(model.index(0).data(MessageListModel::SiblingIndexRole).toInt(), 2);
    QCOMPARE(model.index(0).data(MessageListModel::SiblingCountRole).toInt(), 2);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.showSibling(q1b, -1));
    QCOMPARE(contents(model), (QStringList{QStringLiteral("first prompt"), QStringLiteral("a")}));
    QCOMPARE(model.index(0).data(MessageListModel::SiblingIndexRole).toInt(), 1);
    QCOMPARE(reset.count(), 0);
}

void TestMessageListModel::divergenceAbovePageResets()
{
    const qint64 q = add(Role::User, QStringLiteral("q"), 0);
    const qint64 a1 = add(Role::Assistant, QStringLiteral("a1"), q);
    qint64 parent = a1;
    for (int i = 0; i < 10; ++i)
        parent = add(i % 2 ? Role::Assistant : Role::User, QStringLiteral("long %1").arg(i), parent);
    const qint64 a1b = add(Role::Assistant, QStringLiteral("a1b"), q);
    QVERIFY(m_store->setCurrentLeaf(m_conv, parent));
    MessageListModel model(m_store);
    model.setPageSize(4);
    model.openConversation(m_conv);
    QCOMPARE(model.rowCount(), 4);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // Switching at q (not loaded) re-forms more than the loaded rows: a reset.
    QVERIFY(m_store->setCurrentLeaf(m_conv, a1b));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(contents(model), (QStringList{QStringLiteral("q"), QStringLiteral("a1b")}));
    QCOMPARE(model.index(1).data(MessageListModel::SiblingIndexRole).toInt(), 2);
    // And back: a new part longer than a page is a reset too, with older rows to fetch.
    QVERIFY(model.showSibling(a1b, -1));
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(contents(model).last(), QStringLiteral("long 9"));
}

void TestMessageListModel::deletionUpdatesRowsAndCounts()
{
    const qint64 q = add(Role::User, QStringLiteral("q"), 0);
    const qint64 a1 = add(Role::Assistant, QStringLiteral("a1"), q);
    const qint64 q2 = add(Role::User, QStringLiteral("q2"), a1);
    add(Role::Assistant, QStringLiteral("a2"), q2);
    const qint64 a1b = add(Role::Assistant, QStringLiteral("a1b"), q);
    QVERIFY(m_store->setCurrentLeaf(m_conv, m_store->newestLeafUnder(a1)));
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingCountRole).toInt(), 2);

    // A branch that is not shown: the rows stay, the sibling count of a1 drops.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_store->deleteMessage(a1b));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingCountRole).toInt(), 1);

    // The shown branch from q2 down: those rows go, the thread ends at a1.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(m_store->deleteMessage(q2));
    QCOMPARE(contents(model), (QStringList{QStringLiteral("q"), QStringLiteral("a1")}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QVERIFY(m_store->deleteMessage(q));
    QCOMPARE(model.rowCount(), 0);
}

void TestMessageListModel::storeChangesRefreshRow()
{
    const qint64 q = add(Role::User, QStringLiteral("q"), 0);
    Message a;
    a.conversationId = m_conv;
    a.parentId = q;
    a.role = Role::Assistant;
    a.content = QStringLiteral("partial");
    a.state = MessageState::Interrupted;
    QVERIFY(m_store->addMessage(a));
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    const uint rev = model.index(1).data(MessageListModel::RevisionRole).toUInt();
    QVERIFY(m_store->reopenMessage(a.id));
    QCOMPARE(MessageState(model.index(1).data(MessageListModel::StateRole).toInt()), MessageState::Streaming);
    QVERIFY(model.index(1).data(MessageListModel::RevisionRole).toUInt() != rev);
    // Live text is ahead of the store; a stored change of another field keeps it.
    model.setLiveText(a.id, QStringLiteral("partial and more"), QString());
    QVERIFY(m_store->setContextOmitted(a.id, 3));
    QCOMPARE(model.index(1).data(MessageListModel::OmittedBeforeRole).toInt(), 3);
    QCOMPARE(model.index(1).data(MessageListModel::ContentRole).toString(),
             QStringLiteral("partial and more"));
}

void TestMessageListModel::branchChoiceSurvivesReopen()
{
    const qint64 q = add(Role::User, QStringLiteral("q"), 0);
    add(Role::Assistant, QStringLiteral("a1"), q);
    const qint64 a2 = add(Role::Assistant, QStringLiteral("a2"), q);
    {
        MessageListModel model(m_store);
        model.openConversation(m_conv);
        QVERIFY(model.showSibling(a2, -1));
    }
    const QString path = m_store->path();
    delete m_store;
    m_store = new Store;
    QVERIFY(m_store->open(path));
    MessageListModel model(m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.openConversation(m_conv);
    QCOMPARE(contents(model), (QStringList{QStringLiteral("q"), QStringLiteral("a1")}));
    QCOMPARE(model.index(1).data(MessageListModel::SiblingIndexRole).toInt(), 1);
    QCOMPARE(model.index(1).data(MessageListModel::SiblingCountRole).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "tst_messagelistmodel.moc"
