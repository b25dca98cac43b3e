// The thread is painted by ChatView itself; screen readers see it through ChatViewAccessible:
// a list of messages with who wrote them, their text, their state, and their actions.
#include "ChatPane.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QAccessible>
#include <QClipboard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

class TestChatViewAccessible : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void messagesAreListItems();
    void actionsCanBeTriggered();
    void hitTestingFindsTheMessage();

private:
    ChatView *view() const { return m_window->chatPane()->view(); }
    QAccessibleInterface *list() const { return QAccessible::queryAccessibleInterface(view()); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_api;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestChatViewAccessible::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_api = std::make_unique<TestHttpServer>();
    QVERIFY(m_api->listen());
    m_ctx = makeTestContext(m_dir->path(), m_api->baseUrl());
    QVERIFY(m_ctx);
    Conversation c;
    c.title = QStringLiteral("Spoken");
    const qint64 conversation = m_ctx->store()->createConversation(c);
    Message prompt;
    prompt.conversationId = conversation;
    prompt.role = Role::User;
    prompt.content = QStringLiteral("What is a monad?");
    const qint64 promptId = m_ctx->store()->addMessage(prompt);
    for (const char *text :
         {"An earlier answer.", "A **monad** is a monoid in the category of endofunctors."}) {
        Message reply;
        reply.conversationId = conversation;
        reply.parentId = promptId;
        reply.role = Role::Assistant;
        reply.model = QStringLiteral("test-model");
        reply.content = QString::fromUtf8(text);
        QVERIFY(m_ctx->store()->addMessage(reply) != 0);
    }
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->resize(900, 640);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->openConversation(conversation);
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 2);
    view()->viewport()->repaint();
}

void TestChatViewAccessible::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_api.reset();
    m_dir.reset();
}

void TestChatViewAccessible::messagesAreListItems()
{
    QAccessibleInterface *iface = list();
    QVERIFY(iface);
    QCOMPARE(iface->role(), QAccessible::List);
    QCOMPARE(iface->childCount(), 2);

    QAccessibleInterface *prompt = iface->child(0);
    QVERIFY(prompt && prompt->isValid());
    QCOMPARE(prompt->role(), QAccessible::ListItem);
    QCOMPARE(prompt->text(QAccessible::Name), QStringLiteral("You"));
    QCOMPARE(prompt->text(QAccessible::Value), QStringLiteral("What is a monad?"));
    QCOMPARE(prompt->parent(), iface);

    QAccessibleInterface *reply = iface->child(1);
    QVERIFY(reply && reply->isValid());
    QCOMPARE(reply->text(QAccessible::Name), QStringLiteral("Assistant (test-model)"));
    // The rendered text, not the Markdown source.
    QCOMPARE(reply->text(QAccessible::Value),
             QStringLiteral("A monad is a monoid in the category of endofunctors."));
    QVERIFY2(reply->text(QAccessible::Description).contains(QLatin1String("version 2 of 2")),
             qPrintable(reply->text(QAccessible::Description)));
    // Stable identities, and the index of each.
    QCOMPARE(iface->child(1), reply);
    QCOMPARE(iface->indexOfChild(reply), 1);
    QCOMPARE(iface->indexOfChild(prompt), 0);
    QVERIFY(!reply->state().offscreen);
    QVERIFY(!reply->rect().isEmpty());
}

void TestChatViewAccessible::actionsCanBeTriggered()
{
    QAccessibleInterface *reply = list()->child(1);
    QAccessibleActionInterface *actions = reply->actionInterface();
    QVERIFY(actions);
    const QStringList names = actions->actionNames();
    for (const char *name : {"Copy", "Copy Markdown", "Regenerate", "Delete", "Previous version"})
        QVERIFY2(names.contains(QLatin1String(name)), qPrintable(names.join(QLatin1String(", "))));
    QVERIFY(!names.contains(QStringLiteral("Next version"))); // already the last one

    QApplication::clipboard()->clear();
    actions->doAction(QStringLiteral("Copy"));
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("A monad is a monoid in the category of endofunctors."));

    // Going to the previous version is what the ‹ button does: the other answer is shown.
    actions->doAction(QStringLiteral("Previous version"));
    QTRY_COMPARE(list()->child(1)->text(QAccessible::Value), QStringLiteral("An earlier answer."));

    QSignalSpy triggered(view(), &ChatView::actionTriggered);
    list()->child(1)->actionInterface()->doAction(QStringLiteral("Regenerate"));
    QCOMPARE(triggered.size(), 1);
    QCOMPARE(triggered.first().at(1).value<MessageLayout::Action>(), MessageLayout::Action::Regenerate);
    // An action the message does not offer does nothing.
    list()->child(0)->actionInterface()->doAction(QStringLiteral("Regenerate"));
    QCOMPARE(triggered.size(), 1);
}

void TestChatViewAccessible::hitTestingFindsTheMessage()
{
    QAccessibleInterface *iface = list();
    for (int row = 0; row < 2; ++row) {
        QAccessibleInterface *item = iface->child(row);
        const QRect r = item->rect();
        QVERIFY(!r.isEmpty());
        QCOMPARE(iface->childAt(r.center().x(), r.center().y()), item);
    }
}

QTEST_MAIN(TestChatViewAccessible)
#include "tst_chatviewaccessible.moc"
