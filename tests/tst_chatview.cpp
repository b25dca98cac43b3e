// The thread view as a person uses it: long conversations open at the end without laying
// out every message, a streaming reply is followed unless the user scrolled away, older
// messages appear when scrolling up without the text jumping, and text and code copy.
#include "ChatView.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QClipboard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace penpal;

class TestChatView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void opensAtTheEndLayingOutOnlyWhatIsVisible();
    void followsStreamUnlessScrolledUp();
    void loadsOlderWithoutJumping();
    void copiesSelectionAndCode();
    void actionsAreClickable();

private:
    void fill(int count, const QString &text);
    QTemporaryDir *m_dir = nullptr;
    Store *m_store = nullptr;
    qint64 m_conv = 0;
    qint64 m_last = 0;
};

void TestChatView::init()
{
    m_dir = new QTemporaryDir;
    m_store = new Store;
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("t.db"))));
    Conversation c;
    m_conv = m_store->createConversation(c);
    m_last = 0;
}

void TestChatView::cleanup()
{
    delete m_store;
    delete m_dir;
}

void TestChatView::fill(int count, const QString &text)
{
    for (int i = 0; i < count; ++i) {
        Message m;
        m.conversationId = m_conv;
        m.parentId = m_last;
        m.role = i % 2 ? Role::Assistant : Role::User;
        m.content = text.arg(i);
        m_last = m_store->addMessage(m);
    }
}

void TestChatView::opensAtTheEndLayingOutOnlyWhatIsVisible()
{
    fill(600, QStringLiteral("Message **%1** with some text that wraps over a line or two in the view."));
    MessageListModel model(m_store);
    ChatView view;
    view.resize(600, 400);
    view.setModel(&model);
    model.openConversation(m_conv);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.isAtBottom());
    // The newest message is on screen, its bottom at the bottom of the view.
    const int last = model.rowCount() - 1;
    const QRect r = view.rowRect(last);
    QVERIFY(!r.isEmpty());
    QCOMPARE(r.bottom(), view.viewport()->height() - 1);
    // Only a screenful was laid out, not the loaded page, let alone the whole conversation.
    QVERIFY2(view.laidOutCount() < 20, qPrintable(QString::number(view.laidOutCount())));
    QVERIFY(!view.findChild<QToolButton *>(QStringLiteral("jumpToLatestButton"))->isVisible());

    // Narrower and back: the layouts for the first width are reused, with their real heights.
    view.resize(400, 400);
    view.resize(600, 400);
    QVERIFY(view.isAtBottom());
    QCOMPARE(view.rowRect(last).bottom(), view.viewport()->height() - 1);
    QVERIFY(view.rowAt(QPoint(10, 5)) > last - 20);
}

void TestChatView::followsStreamUnlessScrolledUp()
{
    fill(30, QStringLiteral("Line %1"));
    MessageListModel model(m_store);
    ChatView view;
    view.resize(500, 300);
    view.setModel(&model);
    model.openConversation(m_conv);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    Message reply;
    reply.conversationId = m_conv;
    reply.parentId = m_last;
    reply.role = Role::Assistant;
    reply.state = MessageState::Streaming;
    m_store->addMessage(reply);
    QString text;
    for (int i = 0; i < 20; ++i) {
        text += QStringLiteral("Token %1 grows the reply. ").arg(i);
        if (i % 4 == 3)
            text += QStringLiteral("\n\n");
        model.setLiveText(reply.id, text, {});
        QVERIFY(view.isAtBottom());
        const QRect r = view.rowRect(model.rowCount() - 1);
        QCOMPARE(r.bottom(), view.viewport()->height() - 1);
    }

    // The user scrolls up: the view stays where they are while the reply keeps growing.
    QWheelEvent wheel(QPointF(100, 100), view.mapToGlobal(QPointF(100, 100)), QPoint(), QPoint(0, 240),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(!view.isAtBottom());
    auto *jump = view.findChild<QToolButton *>(QStringLiteral("jumpToLatestButton"));
    QVERIFY(jump->isVisible());
    const int topRow = view.rowAt(QPoint(10, 5));
    const int topY = view.rowRect(topRow).top();
    for (int i = 0; i < 10; ++i) {
        text += QStringLiteral("More text %1. ").arg(i);
        model.setLiveText(reply.id, text, {});
    }
    QCOMPARE(view.rowAt(QPoint(10, 5)), topRow);
    QCOMPARE(view.rowRect(topRow).top(), topY);

    QTest::mouseClick(jump, Qt::LeftButton);
    QVERIFY(view.isAtBottom());
    QVERIFY(!jump->isVisible());
}

void TestChatView::loadsOlderWithoutJumping()
{
    fill(300, QStringLiteral("Message %1"));
    MessageListModel model(m_store);
    model.setPageSize(50);
    ChatView view;
    view.resize(500, 300);
    view.setModel(&model);
    model.openConversation(m_conv);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(model.rowCount() >= 50);

    // Scroll up step by step, as a person would, until the very first message shows.
    int guard = 0;
    while (view.rowAt(QPoint(10, 2)) != 0 || model.canFetchMore({})) {
        const qint64 topId =
            model.index(view.rowAt(QPoint(10, 2)), 0).data(MessageListModel::IdRole).toLongLong();
        const int topY = view.rowRect(view.rowAt(QPoint(10, 2))).top();
        QTest::keyClick(&view, Qt::Key_PageUp);
        QCoreApplication::processEvents(); // queued fetchMore
        // Whatever was at the top moved down by the scroll, never by rows appearing above.
        const int row = model.rowOf(topId);
        QVERIFY(row >= 0);
        QVERIFY(view.rowRect(row).isEmpty() || view.rowRect(row).top() >= topY);
        QVERIFY(++guard < 500);
    }
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(model.index(0, 0).data(MessageListModel::ContentRole).toString(), QStringLiteral("Message 0"));
    QCOMPARE(view.rowRect(0).top(), 0);
}

void TestChatView::copiesSelectionAndCode()
{
    Message u;
    u.conversationId = m_conv;
    u.content = QStringLiteral("Show me code");
    m_store->addMessage(u);
    Message a;
    a.conversationId = m_conv;
    a.parentId = u.id;
    a.role = Role::Assistant;
    a.content = QStringLiteral("Here it is:\n\n```python\nprint('hi')\n```\n\nDone.");
    m_store->addMessage(a);
    MessageListModel model(m_store);
    ChatView view;
    view.resize(500, 400);
    view.setModel(&model);
    model.openConversation(m_conv);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // Drag across the first word of the prompt.
    const QRect userRow = view.rowRect(0);
    QVERIFY(!userRow.isEmpty());
    const QPoint start(userRow.left() + 20, userRow.top() + 42);
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(200, 0)),
                     view.viewport()->mapToGlobal(QPointF(start + QPoint(200, 0))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, start + QPoint(200, 0));
    QVERIFY2(!view.selectedText().isEmpty(), "nothing selected");
    QVERIFY(QStringLiteral("Show me code").contains(view.selectedText()));
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), view.selectedText());

    // The code block's Copy button copies exactly the code.
    const QRect row = view.rowRect(1);
    bool found = false;
    for (int y = row.top(); y < row.bottom() && !found; y += 2) {
        for (int x = row.right() - 80; x < row.right() - 10 && !found; x += 4) {
            QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(x, y));
            found = QApplication::clipboard()->text() == QStringLiteral("print('hi')");
        }
    }
    QVERIFY(found);
}

void TestChatView::actionsAreClickable()
{
    fill(2, QStringLiteral("Text %1"));
    MessageListModel model(m_store);
    ChatView view;
    view.resize(500, 400);
    view.setModel(&model);
    model.openConversation(m_conv);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &ChatView::actionTriggered);
    const QRect regen = view.actionRect(1, ChatView::Action::Regenerate);
    QVERIFY(!regen.isEmpty());
    QVERIFY(
        view.actionRect(0, ChatView::Action::Regenerate).isEmpty()); // prompts are edited, not regenerated
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, regen.center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toLongLong(), m_last);
    QCOMPARE(spy.first().at(1).value<ChatView::Action>(), ChatView::Action::Regenerate);

    QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                      view.actionRect(0, ChatView::Action::Copy).center());
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Text 0"));
}

QTEST_MAIN(TestChatView)
#include "tst_chatview.moc"
