// The chat pane's edges: a prompt that could not be stored stays in the editor, empty prompts
// send nothing, Esc with nothing streaming is harmless, and "Details…" shows the technical text.
#include "ChatPane.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

using namespace penpal;
using namespace penpal::test;

class TestChatPane : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void unsavedPromptStaysInEditor_data();
    void unsavedPromptStaysInEditor();
    void blankPromptSendsNothing_data();
    void blankPromptSendsNothing();
    void shiftEnterAddsLines();
    void escapeWhileIdleIsHarmless();
    void detailsShowTechnicalText();

private:
    QPlainTextEdit *editor() const
    {
        return m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    }
    QPushButton *sendButton() const
    {
        return m_window->findChild<QPushButton *>(QStringLiteral("sendButton"));
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestChatPane::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    if (qstrcmp(QTest::currentTestFunction(), "detailsShowTechnicalText") == 0)
        m_server->route("POST", "/v1/chat/completions",
                        Response::json(401, R"({"error":{"message":"Incorrect API key provided: sk-...abcd",)"
                                            R"("type":"invalid_request_error"}})"));
    else
        m_server->route("POST", "/v1/chat/completions",
                        Response::sse(openAiStream({QStringLiteral("Hi there")})));
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    editor()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), editor());
}

void TestChatPane::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

void TestChatPane::unsavedPromptStaysInEditor_data()
{
    QTest::addColumn<bool>("inExistingConversation");
    QTest::newRow("new chat") << false;
    QTest::newRow("existing conversation") << true;
}

void TestChatPane::unsavedPromptStaysInEditor()
{
    QFETCH(bool, inExistingConversation);
    if (inExistingConversation) {
        QTest::keyClicks(editor(), QStringLiteral("first"));
        QTest::keyClick(editor(), Qt::Key_Return);
        QTRY_COMPARE(sendButton()->text(), QStringLiteral("Send"));
        QVERIFY(m_window->chatPane()->conversationId() != 0);
        QCOMPARE(m_server->requests().size(), 1);
    }
    const qint64 before = m_window->chatPane()->conversationId();
    const int rowsBefore = m_window->chatPane()->messages()->rowCount();

    // The disk went away (closed here; a full disk or a lost folder look the same to the pane).
    m_ctx->store()->close();
    const QString prompt = QStringLiteral("A long prompt I wrote with care\nover two lines");
    editor()->setPlainText(prompt);
    QTest::keyClick(editor(), Qt::Key_Return);

    QCOMPARE(editor()->toPlainText(), prompt);
    QCOMPARE(m_server->requests().size(), inExistingConversation ? 1 : 0);
    QCOMPARE(m_window->chatPane()->conversationId(), before);
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), rowsBefore);
    QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
    // The user is told why.
    auto *notice = m_window->findChild<QLabel *>(QStringLiteral("chatNotice"));
    QVERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(QStringLiteral("could not be saved")), qPrintable(notice->text()));

    // Once the store is back, the same Enter sends it and only then clears the editor.
    QVERIFY(m_ctx->store()->open(m_ctx->databasePath()));
    QTest::keyClick(editor(), Qt::Key_Return);
    QCOMPARE(editor()->toPlainText(), QString());
    QVERIFY(!notice->isVisible());
    QTRY_COMPARE(m_server->requests().size(), inExistingConversation ? 2 : 1);
    const QJsonArray messages = QJsonDocument::fromJson(m_server->requests().last().body)
                                    .object()
                                    .value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.last().toObject().value(QStringLiteral("content")).toString(), prompt);
}

void TestChatPane::blankPromptSendsNothing_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << QStringLiteral("   ");
    QTest::newRow("tabs and newlines") << QStringLiteral(" \t\n \n");
}

void TestChatPane::blankPromptSendsNothing()
{
    QFETCH(QString, typed);
    editor()->setPlainText(typed);
    QTest::keyClick(editor(), Qt::Key_Return);
    QTest::mouseClick(sendButton(), Qt::LeftButton);
    // Sending stores the prompt synchronously, before any request: an empty store is the proof.
    QCOMPARE(m_ctx->store()->conversationCount(), 0);
    QCOMPARE(m_server->requests().size(), 0);
    QCOMPARE(editor()->toPlainText(), typed);
    QCOMPARE(m_window->chatPane()->conversationId(), qint64(0));
    QCOMPARE(m_window->chatPane()->messages()->rowCount(), 0);
    QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
}

void TestChatPane::shiftEnterAddsLines()
{
    QTest::keyClicks(editor(), QStringLiteral("one"));
    QTest::keyClick(editor(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClick(editor(), Qt::Key_Enter, Qt::ShiftModifier | Qt::KeypadModifier);
    QTest::keyClicks(editor(), QStringLiteral("three"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("one\n\nthree"));
    QCOMPARE(m_server->requests().size(), 0);
    QCOMPARE(m_ctx->store()->conversationCount(), 0);

    QTest::keyClick(editor(), Qt::Key_Return);
    QCOMPARE(editor()->toPlainText(), QString());
    QTRY_COMPARE(m_server->requests().size(), 1);
    const QJsonArray messages = QJsonDocument::fromJson(m_server->requests().first().body)
                                    .object()
                                    .value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.last().toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("one\n\nthree"));
    // After a sent prompt the editor still takes new lines.
    QTRY_COMPARE(sendButton()->text(), QStringLiteral("Send"));
    QTest::keyClicks(editor(), QStringLiteral("a"));
    QTest::keyClick(editor(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(editor(), QStringLiteral("b"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("a\nb"));
    QCOMPARE(m_server->requests().size(), 1);
}

void TestChatPane::escapeWhileIdleIsHarmless()
{
    // Once in a new chat, once after a finished reply.
    for (int round = 0; round < 2; ++round) {
        const qint64 conv = m_window->chatPane()->conversationId();
        const int rows = m_window->chatPane()->messages()->rowCount();
        const int conversations = m_ctx->store()->conversationCount();
        editor()->setPlainText(QStringLiteral("draft"));
        QTest::keyClick(editor(), Qt::Key_Escape);
        QTest::keyClick(m_window.get(), Qt::Key_Escape);
        QCOMPARE(editor()->toPlainText(), QStringLiteral("draft"));
        QCOMPARE(m_window->chatPane()->conversationId(), conv);
        QCOMPARE(m_window->chatPane()->messages()->rowCount(), rows);
        QCOMPARE(m_ctx->store()->conversationCount(), conversations);
        QCOMPARE(sendButton()->text(), QStringLiteral("Send"));
        QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("replyErrorBar"))->isVisible());
        QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("chatNotice"))->isVisible());
        if (round == 0) {
            QTest::keyClick(editor(), Qt::Key_Return);
            QTRY_COMPARE(sendButton()->text(), QStringLiteral("Send"));
            QCOMPARE(m_window->chatPane()->messages()->rowCount(), 2);
        }
    }
    // The finished reply was not touched by the second Esc.
    const Message *last = m_window->chatPane()->messages()->lastMessage();
    QVERIFY(last);
    QCOMPARE(last->state, MessageState::Complete);
    QCOMPARE(last->content, QStringLiteral("Hi there"));
}

void TestChatPane::detailsShowTechnicalText()
{
    QTest::keyClicks(editor(), QStringLiteral("hello"));
    QTest::keyClick(editor(), Qt::Key_Return);
    auto *bar = m_window->findChild<QWidget *>(QStringLiteral("replyErrorBar"));
    QTRY_VERIFY(bar->isVisible());
    auto *details = m_window->findChild<QPushButton *>(QStringLiteral("errorDetailsButton"));
    QVERIFY(details->isVisible());

    QString shownText, shownDetails;
    ModalAnswerer read([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        shownText = box->text();
        shownDetails = box->detailedText();
        box->button(QMessageBox::Close)->click();
    });
    QTest::mouseClick(details, Qt::LeftButton);
    QVERIFY(read.answered());
    QCOMPARE(shownText, QStringLiteral("The API key was rejected."));
    QVERIFY2(shownDetails.contains(QStringLiteral("Incorrect API key provided")), qPrintable(shownDetails));
    // The dialog is gone and the bar still offers a retry.
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(bar->isVisible());
}

QTEST_MAIN(TestChatPane)
#include "tst_chatpane.moc"
