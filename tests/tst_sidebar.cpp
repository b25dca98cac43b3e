// The conversation list driven as a person would: click, F2, Delete, Ctrl+N, with the real
// main window over a temporary store. No keychain is involved (the profile has a session key).
#include "ChatPane.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "Sidebar.h"
#include "TestContext.h"
#include "model/ConversationListModel.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

// Times in the future: adding a message moves `updated` forward to "now" at most, so these
// scripted times (and with them the list order) stay as given.
QDateTime at(int minutes)
{
    return QDateTime(QDate(2090, 5, 1), QTime(12, 0), Qt::UTC).addSecs(minutes * 60);
}

} // namespace

class TestSidebar : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void listShowsPinnedFirstThenNewest();
    void selectingOpensConversation();
    void renameWithF2();
    void renameEscapeKeepsTitle();
    void pinMovesToTop();
    void deleteAsksFirst();
    void deleteOpenConversationStartsNewChat();
    void newChat_data();
    void newChat();

private:
    qint64 addConversation(const QString &title, int minutes, bool pinned = false,
                           const QString &prompt = {});
    QStringList shownTitles() const;
    QModelIndex rowOf(qint64 id) const;
    void clickRow(qint64 id);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    QListView *m_list = nullptr;
    qint64 m_older = 0, m_newer = 0, m_pinned = 0;
};

qint64 TestSidebar::addConversation(const QString &title, int minutes, bool pinned, const QString &prompt)
{
    Conversation c;
    c.title = title;
    c.created = at(minutes);
    c.updated = at(minutes);
    c.pinned = pinned;
    const qint64 id = m_ctx->store()->createConversation(c);
    if (id != 0 && !prompt.isEmpty()) {
        Message m;
        m.conversationId = id;
        m.role = Role::User;
        m.content = prompt;
        if (m_ctx->store()->addMessage(m) == 0)
            return 0;
    }
    return id;
}

QStringList TestSidebar::shownTitles() const
{
    QStringList titles;
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        titles << m_list->model()->index(row, 0).data().toString();
    return titles;
}

QModelIndex TestSidebar::rowOf(qint64 id) const
{
    for (int row = 0; row < m_list->model()->rowCount(); ++row) {
        const QModelIndex idx = m_list->model()->index(row, 0);
        if (idx.data(ConversationListModel::IdRole).toLongLong() == id)
            return idx;
    }
    return {};
}

void TestSidebar::clickRow(qint64 id)
{
    const QModelIndex idx = rowOf(id);
    QVERIFY(idx.isValid());
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, {}, m_list->visualRect(idx).center());
}

void TestSidebar::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // Nothing here talks to a server: a closed port makes any accidental request fail fast.
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(m_ctx);
    // Created before the window, so the list model must show what the store already holds,
    // and after: the model must follow the store's signals.
    m_older = addConversation(QStringLiteral("Older chat"), 1, false, QStringLiteral("first question"));
    m_pinned = addConversation(QStringLiteral("Pinned chat"), 0, true, QStringLiteral("pinned question"));
    QVERIFY(m_older && m_pinned);
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_newer = addConversation(QStringLiteral("Newer chat"), 2, false, QStringLiteral("newer question"));
    QVERIFY(m_newer);
    m_list = m_window->findChild<QListView *>(QStringLiteral("conversationList"));
    QVERIFY(m_list);
}

void TestSidebar::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_dir.reset();
    m_list = nullptr;
}

void TestSidebar::listShowsPinnedFirstThenNewest()
{
    QCOMPARE(shownTitles(), QStringList({QStringLiteral("Pinned chat"), QStringLiteral("Newer chat"),
                                         QStringLiteral("Older chat")}));
    // A fresh window over the same store sees the same order (read from the store, not the
    // order of signals).
    MainWindow second(m_ctx.get());
    auto *list = second.findChild<QListView *>(QStringLiteral("conversationList"));
    QCOMPARE(list->model()->index(0, 0).data(ConversationListModel::IdRole).toLongLong(), m_pinned);
    QCOMPARE(list->model()->index(1, 0).data(ConversationListModel::IdRole).toLongLong(), m_newer);
    QCOMPARE(list->model()->index(2, 0).data(ConversationListModel::IdRole).toLongLong(), m_older);
}

void TestSidebar::selectingOpensConversation()
{
    ChatPane *pane = m_window->chatPane();
    QCOMPARE(pane->conversationId(), qint64(0)); // nothing was open before: a new chat
    clickRow(m_older);
    QCOMPARE(pane->conversationId(), m_older);
    QCOMPARE(pane->messages()->rowCount(), 1);
    QCOMPARE(pane->messages()->index(0).data(MessageListModel::ContentRole).toString(),
             QStringLiteral("first question"));
    QCOMPARE(m_window->sidebar()->selectedConversation(), m_older);

    // Keyboard: Up from "Older chat" goes to "Newer chat" and opens it.
    m_list->setFocus();
    QTest::keyClick(m_list, Qt::Key_Up);
    QCOMPARE(pane->conversationId(), m_newer);
    QCOMPARE(pane->messages()->index(0).data(MessageListModel::ContentRole).toString(),
             QStringLiteral("newer question"));
}

void TestSidebar::renameWithF2()
{
    clickRow(m_older);
    m_list->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), m_list);
    QTest::keyClick(m_list, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY2(editor, "F2 should open an editor on the selected row");
    QCOMPARE(editor->text(), QStringLiteral("Older chat"));
    // The whole title is selected, so typing replaces it.
    QTest::keyClicks(editor, QStringLiteral("Trip to Kyoto"));
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits on the next turn of the event loop.
    QTRY_COMPARE(m_ctx->store()->conversation(m_older).title, QStringLiteral("Trip to Kyoto"));
    QTRY_VERIFY(shownTitles().contains(QStringLiteral("Trip to Kyoto")));
    QVERIFY(!shownTitles().contains(QStringLiteral("Older chat")));
    // Still the open, selected conversation.
    QCOMPARE(m_window->chatPane()->conversationId(), m_older);
    QCOMPARE(m_window->sidebar()->selectedConversation(), m_older);
}

void TestSidebar::renameEscapeKeepsTitle()
{
    clickRow(m_newer);
    m_list->setFocus();
    QTest::keyClick(m_list, Qt::Key_F2);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("Not this"));
    QTest::keyClick(editor, Qt::Key_Escape);
    QTRY_VERIFY(!qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    QCOMPARE(m_ctx->store()->conversation(m_newer).title, QStringLiteral("Newer chat"));
    QVERIFY(shownTitles().contains(QStringLiteral("Newer chat")));
}

void TestSidebar::pinMovesToTop()
{
    clickRow(m_older);
    QCOMPARE(rowOf(m_older).row(), 2);
    m_window->sidebar()->togglePinSelected();
    QVERIFY(m_ctx->store()->conversation(m_older).pinned);
    // Pinned ones come first; among them the newest first ("Older" was updated after "Pinned").
    QCOMPARE(rowOf(m_older).row(), 0);
    QCOMPARE(rowOf(m_older).data(ConversationListModel::PinnedRole).toBool(), true);
    QCOMPARE(rowOf(m_pinned).row(), 1);
    // The selection moved with the row, and the open conversation did not change.
    QCOMPARE(m_window->sidebar()->selectedConversation(), m_older);
    QCOMPARE(m_window->chatPane()->conversationId(), m_older);

    // And back: unpinned it sorts among the others by time again.
    m_window->sidebar()->togglePinSelected();
    QVERIFY(!m_ctx->store()->conversation(m_older).pinned);
    QCOMPARE(rowOf(m_older).row(), 2);
    QCOMPARE(m_window->sidebar()->selectedConversation(), m_older);
}

void TestSidebar::deleteAsksFirst()
{
    // Outside the trash Delete is undoable (tst_sidebar_organisation); in the trash it is
    // forever, so there it asks.
    QVERIFY(m_ctx->store()->moveToTrash({m_newer}));
    ConversationFilter trash;
    trash.view = ConversationFilter::View::Trash;
    m_window->sidebar()->setFilter(trash);
    QCOMPARE(shownTitles(), QStringList{QStringLiteral("Newer chat")});
    clickRow(m_newer);
    m_list->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), m_list);
    {
        ModalAnswerer cancel([](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            QVERIFY(box->text().contains(QStringLiteral("Newer chat")));
            box->button(QMessageBox::Cancel)->click();
        });
        QTest::keyClick(m_list, Qt::Key_Delete);
        QVERIFY2(cancel.answered(), "Delete in the trash should ask before deleting");
        QCOMPARE(cancel.seenObjectName(), QStringLiteral("confirmDeleteDialog"));
    }
    QCOMPARE(m_ctx->store()->conversation(m_newer).id, m_newer);
    QVERIFY(rowOf(m_newer).isValid());
    QCOMPARE(m_window->chatPane()->conversationId(), m_newer);

    // Escape in the dialog is Cancel as well. The offscreen platform has no window manager to
    // hand activation back to the main window when the dialog closes; do what one would.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_COMPARE(QApplication::focusWidget(), m_list);
    {
        ModalAnswerer escape([](QWidget *modal) { QTest::keyClick(modal, Qt::Key_Escape); });
        QTest::keyClick(m_list, Qt::Key_Delete);
        QVERIFY(escape.answered());
    }
    QCOMPARE(m_ctx->store()->conversation(m_newer).id, m_newer);
    QCOMPARE(m_list->model()->rowCount(), 1);
}

void TestSidebar::deleteOpenConversationStartsNewChat()
{
    clickRow(m_newer);
    QCOMPARE(m_window->chatPane()->conversationId(), m_newer);
    m_list->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), m_list);
    QTest::keyClick(m_list, Qt::Key_Delete); // to the trash at once, no question

    // In the trash with its messages, and gone from the list.
    QVERIFY(m_ctx->store()->conversation(m_newer).deletedAt.isValid());
    QCOMPARE(m_ctx->store()->thread(m_newer).size(), 1);
    QCOMPARE(m_ctx->store()->conversationCount(), 2);
    QVERIFY(!rowOf(m_newer).isValid());
    QCOMPARE(shownTitles(), QStringList({QStringLiteral("Pinned chat"), QStringLiteral("Older chat")}));
    // The pane does not jump to a neighbour: it shows a new, empty chat, nothing selected.
    QCOMPARE(m_window->chatPane()->conversationId(), qint64(0));
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 0);
    QCOMPARE(m_window->sidebar()->selectedConversation(), qint64(0));
    QVERIFY(!m_list->selectionModel()->hasSelection());
    // The other conversations are untouched.
    QCOMPARE(m_ctx->store()->thread(m_older).size(), 1);
}

void TestSidebar::newChat_data()
{
    QTest::addColumn<bool>("useShortcut");
    QTest::newRow("button") << false;
    QTest::newRow("Ctrl+N") << true;
}

void TestSidebar::newChat()
{
    QFETCH(bool, useShortcut);
    clickRow(m_older);
    QCOMPARE(m_window->chatPane()->conversationId(), m_older);
    if (useShortcut) {
        m_list->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), m_list);
        QTest::keyClick(m_list, Qt::Key_N, Qt::ControlModifier);
    } else {
        QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("newChatButton")),
                          Qt::LeftButton);
    }
    QCOMPARE(m_window->chatPane()->conversationId(), qint64(0));
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 0);
    QVERIFY(!m_list->currentIndex().isValid());
    QVERIFY(!m_list->selectionModel()->hasSelection());
    // Ready to type at once.
    QCOMPARE(QApplication::focusWidget(), m_window->findChild<QWidget *>(QStringLiteral("promptEditor")));
    // Nothing was created or removed.
    QCOMPARE(m_ctx->store()->conversationCount(), 3);
}

QTEST_MAIN(TestSidebar)
#include "tst_sidebar.moc"
