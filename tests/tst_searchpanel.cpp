// Searching all conversations from the main window, as a person would: Ctrl+K, type, see
// the results with the hit highlighted, Enter (or a click) opens the conversation scrolled to
// the message and marks it, Esc goes back to the conversation list.
#include "ChatPane.h"
#include "ChatView.h"
#include "MainWindow.h"
#include "PromptEditor.h"
#include "SearchPanel.h"
#include "SearchResultDelegate.h"
#include "Sidebar.h"
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

class TestSearchPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void typeAndOpenTheHit();
    void hitOnAnotherBranch();
    void keyboardAndMouseChooseResults();
    void escapeReturnsToTheList();
    void documentHitIsADraft();

private:
    QLineEdit *field() const { return m_window->findChild<QLineEdit *>(QStringLiteral("searchField")); }
    QListView *results() const { return m_window->findChild<QListView *>(QStringLiteral("searchResults")); }
    ChatView *chatView() const { return m_window->chatPane()->view(); }
    // Ctrl+K, then the query typed into the field; waits for the results.
    void search(const QString &query, int expectedResults);
    // The message is in the thread and (part of it) inside the view's viewport.
    bool isOnScreen(qint64 messageId) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_zoo = 0;
    qint64 m_okapi = 0; // old message of a long conversation: not in its newest page
    qint64 m_zooLast = 0;
    qint64 m_branched = 0; // a conversation with a regenerated reply
    qint64 m_firstAnswer = 0;
    qint64 m_secondAnswer = 0;
    qint64 m_walrusA = 0;
    qint64 m_walrusB = 0;
};

void TestSearchPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(m_ctx);
    Store &s = *m_ctx->store();
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-3);

    m_zoo = newConversation(s, QStringLiteral("Zoo notes"), t0);
    qint64 parent = 0;
    for (int i = 0; i < 260; ++i) {
        const QString text = i == 10 ? QStringLiteral("The Okapi lives in the forest of Congo.")
                                     : QStringLiteral("Filler message number %1, nothing to find.").arg(i);
        parent = addMsg(s, m_zoo, parent, i % 2 ? Role::Assistant : Role::User, text, MessageState::Complete,
                        t0.addSecs(i));
        QVERIFY(parent != 0);
        if (i == 10)
            m_okapi = parent;
    }
    m_zooLast = parent;

    m_branched = newConversation(s, QStringLiteral("Rodents"), t0.addSecs(1000));
    const qint64 q = addMsg(s, m_branched, 0, Role::User, QStringLiteral("Largest rodent?"));
    m_firstAnswer = addMsg(s, m_branched, q, Role::Assistant, QStringLiteral("The capybara, by far."));
    m_secondAnswer = addMsg(s, m_branched, q, Role::Assistant, QStringLiteral("A beaver, maybe."));
    QVERIFY(q && m_firstAnswer && m_secondAnswer);

    m_walrusA = addMsg(s, newConversation(s, QStringLiteral("Arctic")), 0, Role::User,
                       QStringLiteral("A walrus has tusks."));
    m_walrusB = addMsg(s, newConversation(s, QStringLiteral("Sea")), 0, Role::User,
                       QStringLiteral("Walruses sleep in water."));
    QVERIFY(m_walrusA && m_walrusB);

    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(field() && results());
}

void TestSearchPanel::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_dir.reset();
}

void TestSearchPanel::search(const QString &query, int expectedResults)
{
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(field()->hasFocus());
    QTest::keyClicks(field(), query);
    QTRY_VERIFY(results()->isVisible());
    QTRY_COMPARE(results()->model()->rowCount(), expectedResults);
}

bool TestSearchPanel::isOnScreen(qint64 messageId) const
{
    const int row = chatView()->model()->rowOf(messageId);
    if (row < 0)
        return false;
    const QRect r = chatView()->rowRect(row);
    return !r.isEmpty() && r.intersects(chatView()->viewport()->rect());
}

void TestSearchPanel::typeAndOpenTheHit()
{
    QVERIFY(m_window->sidebar()->isVisible());
    QVERIFY(!results()->isVisible());
    QCOMPARE(field()->placeholderText(), QStringLiteral("Search all conversations (Ctrl+K)"));

    search(QStringLiteral("okap"), 1);
    // The results take the conversation list's place.
    QVERIFY(!m_window->sidebar()->isVisible());
    const QModelIndex hit = results()->model()->index(0, 0);
    QCOMPARE(hit.data(SearchResultDelegate::TitleRole).toString(), QStringLiteral("Zoo notes"));
    QCOMPARE(hit.data(SearchResultDelegate::MessageIdRole).toLongLong(), m_okapi);
    const QString snippet = hit.data(SearchResultDelegate::SnippetRole).toString();
    QVERIFY2(snippet.contains(QStringLiteral("The \x02Okap\x03i lives")), qPrintable(snippet));
    QCOMPARE(SearchResultDelegate::plainSnippet(snippet),
             QStringLiteral("The Okapi lives in the forest of Congo."));

    // The newest page of the conversation does not reach back to the hit.
    QVERIFY(m_zoo != m_window->chatPane()->conversationId());
    QTest::keyClick(field(), Qt::Key_Return);
    QCOMPARE(m_window->chatPane()->conversationId(), m_zoo);
    QCOMPARE(chatView()->highlightedMessageId(), m_okapi);
    QTRY_VERIFY(isOnScreen(m_okapi));
    QVERIFY(!isOnScreen(m_zooLast)); // scrolled up to it

    // The mark stays while the user looks, and goes once they type.
    QTest::qWait(50);
    QCOMPARE(chatView()->highlightedMessageId(), m_okapi);
    QTest::keyClicks(m_window->chatPane()->editor(), QStringLiteral("so"));
    QCOMPARE(chatView()->highlightedMessageId(), qint64(0));
}

void TestSearchPanel::hitOnAnotherBranch()
{
    // The regenerated reply is the shown branch; the hit is on the first one.
    QCOMPARE(m_ctx->store()->conversation(m_branched).currentLeafId, m_secondAnswer);
    search(QStringLiteral("capybara"), 1);
    QTest::keyClick(field(), Qt::Key_Return);
    QCOMPARE(m_window->chatPane()->conversationId(), m_branched);
    MessageListModel *thread = m_window->chatPane()->messages();
    QVERIFY(thread->rowOf(m_firstAnswer) >= 0);
    QCOMPARE(thread->rowOf(m_secondAnswer), -1);
    QCOMPARE(m_ctx->store()->conversation(m_branched).currentLeafId, m_firstAnswer);
    QCOMPARE(chatView()->highlightedMessageId(), m_firstAnswer);
    QTRY_VERIFY(isOnScreen(m_firstAnswer));

    // A click into the thread ends the mark.
    QTest::mouseClick(chatView()->viewport(), Qt::LeftButton, {}, QPoint(20, 20));
    QCOMPARE(chatView()->highlightedMessageId(), qint64(0));
}

void TestSearchPanel::keyboardAndMouseChooseResults()
{
    search(QStringLiteral("walrus"), 2);
    // Newest first; Down from the field moves to the second result, Up back.
    QCOMPARE(results()->currentIndex().row(), 0);
    QCOMPARE(results()->currentIndex().data(SearchResultDelegate::MessageIdRole).toLongLong(), m_walrusB);
    QTest::keyClick(field(), Qt::Key_Down);
    QCOMPARE(results()->currentIndex().row(), 1);
    QVERIFY(field()->hasFocus());
    QTest::keyClick(field(), Qt::Key_Return);
    QCOMPARE(m_window->chatPane()->conversationId(), m_ctx->store()->message(m_walrusA).conversationId);
    QCOMPARE(chatView()->highlightedMessageId(), m_walrusA);

    const QModelIndex first = results()->model()->index(0, 0);
    QTest::mouseClick(results()->viewport(), Qt::LeftButton, {}, results()->visualRect(first).center());
    QCOMPARE(m_window->chatPane()->conversationId(), m_ctx->store()->message(m_walrusB).conversationId);
    QCOMPARE(chatView()->highlightedMessageId(), m_walrusB);
    QTRY_VERIFY(isOnScreen(m_walrusB));

    // A title hit opens the conversation without marking a message.
    field()->clear();
    search(QStringLiteral("rodents"), 1);
    QCOMPARE(results()->model()->index(0, 0).data(SearchResultDelegate::MessageIdRole).toLongLong(),
             qint64(0));
    QTest::keyClick(field(), Qt::Key_Return);
    QCOMPARE(m_window->chatPane()->conversationId(), m_branched);
    QCOMPARE(chatView()->highlightedMessageId(), qint64(0));

    // Nothing found says so, and Enter opens nothing.
    field()->clear();
    search(QStringLiteral("xylophone"), 1);
    QVERIFY(!(results()->model()->index(0, 0).flags() & Qt::ItemIsEnabled));
    QTest::keyClick(field(), Qt::Key_Return);
    QCOMPARE(m_window->chatPane()->conversationId(), m_branched);
}

void TestSearchPanel::escapeReturnsToTheList()
{
    search(QStringLiteral("walrus"), 2);
    QVERIFY(!m_window->sidebar()->isVisible());
    QTest::keyClick(field(), Qt::Key_Return);
    const qint64 open = m_window->chatPane()->conversationId();
    QCOMPARE(open, m_ctx->store()->message(m_walrusB).conversationId);
    QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(field()->hasFocus());
    QTest::keyClick(field(), Qt::Key_Escape);
    QCOMPARE(field()->text(), QString());
    QVERIFY(!results()->isVisible());
    QVERIFY(m_window->sidebar()->isVisible());
    QTRY_VERIFY(m_window->sidebar()->list()->hasFocus());
    QCOMPARE(m_window->sidebar()->selectedConversation(), open);
    QCOMPARE(m_window->chatPane()->conversationId(), open);

    // Ctrl+F as well, with what was typed before selected for replacing.
    QTest::keyClicks(field(), QStringLiteral("tusks"));
    m_window->sidebar()->list()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(field()->hasFocus());
    QCOMPARE(field()->selectedText(), QStringLiteral("tusks"));

    // Esc from the results list too.
    QTRY_COMPARE(results()->model()->rowCount(), 1);
    results()->setFocus();
    QTest::keyClick(results(), Qt::Key_Escape);
    QVERIFY(m_window->sidebar()->isVisible());
    QCOMPARE(field()->text(), QString());
}

void TestSearchPanel::documentHitIsADraft()
{
    Store &s = *m_ctx->store();
    const qint64 doc =
        s.createDocument(QStringLiteral("Penguin essay"), QStringLiteral("Penguins cannot fly."));
    QVERIFY(doc > 0);
    const qint64 message = addMsg(s, newConversation(s, QStringLiteral("Birds")), 0, Role::User,
                                  QStringLiteral("Do penguins swim?"), MessageState::Complete,
                                  QDateTime::currentDateTimeUtc().addDays(-1));
    QVERIFY(message > 0);
    auto *panel = m_window->findChild<SearchPanel *>(QStringLiteral("searchPanel"));
    QVERIFY(panel);
    QSignalSpy documents(panel, &SearchPanel::documentActivated);
    QSignalSpy hits(panel, &SearchPanel::hitActivated);

    // The document was edited last, so it comes first; only it wears the badge.
    search(QStringLiteral("penguin"), 2);
    const QModelIndex first = results()->model()->index(0, 0);
    QCOMPARE(first.data(SearchResultDelegate::DocumentIdRole).toLongLong(), doc);
    QCOMPARE(first.data(SearchResultDelegate::ConversationIdRole).toLongLong(), qint64(0));
    QCOMPARE(first.data(SearchResultDelegate::TitleRole).toString(), QStringLiteral("Penguin essay"));
    QCOMPARE(SearchResultDelegate::badgeText(first), QStringLiteral("Draft"));
    QVERIFY(first.data(Qt::DisplayRole).toString().startsWith(QStringLiteral("Draft: Penguin essay")));
    const QModelIndex second = results()->model()->index(1, 0);
    QCOMPARE(second.data(SearchResultDelegate::MessageIdRole).toLongLong(), message);
    QCOMPARE(SearchResultDelegate::badgeText(second), QString());
    results()->viewport()->repaint(); // the delegate paints a document row without trouble

    // Enter on the document asks for the document, not a conversation.
    const qint64 open = m_window->chatPane()->conversationId();
    QTest::keyClick(field(), Qt::Key_Return);
    QCOMPARE(documents.count(), 1);
    QCOMPARE(documents.at(0).at(0).toLongLong(), doc);
    QCOMPARE(hits.count(), 0);
    QCOMPARE(m_window->chatPane()->conversationId(), open);

    // A click on the message still opens its conversation.
    QTest::mouseClick(results()->viewport(), Qt::LeftButton, {}, results()->visualRect(second).center());
    QCOMPARE(hits.count(), 1);
    QCOMPARE(hits.at(0).at(1).toLongLong(), message);
    QCOMPARE(documents.count(), 1);
    QTest::mouseClick(results()->viewport(), Qt::LeftButton, {}, results()->visualRect(first).center());
    QCOMPARE(documents.count(), 2);
    QCOMPARE(hits.count(), 1);
}

QTEST_MAIN(TestSearchPanel)
#include "tst_searchpanel.moc"
