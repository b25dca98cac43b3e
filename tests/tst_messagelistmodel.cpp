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

private:
    qint64 add(Role role, const QString &text, qint64 parent);

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
    QVERIFY(m_store->updateMessageContent(a, QStringLiteral("Hello there"), QString(), MessageState::Complete));
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

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "tst_messagelistmodel.moc"
