// The Draft workspace's AI actions end to end on the offscreen platform, against a loopback
// OpenAI-compatible server standing in for the model: a document drafted from a brief (outline,
// then every section) and a rewrite accepted into it, title ideas renaming it, "Send to Draft"
// on a chat message, and a search hit opening a draft. What a person sees (cards, editor text)
// and what the database holds (document, versions) are both checked.
#include "ChatPane.h"
#include "ChatView.h"
#include "DraftAssistController.h"
#include "DraftView.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "ProposalCard.h"
#include "SearchPanel.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "draft/DraftDocument.h"
#include "store/Store.h"

#include <QAccessible>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

const QString kOutline = QStringLiteral("## Why tea\n## How to brew");
const QString kWhole = QStringLiteral("## Why tea\n\nTea is calm in a cup.\n\n## How to brew\n\n"
                                      "Boil the water, wait a minute, and pour it over the leaves slowly.");
const QString kSlowParagraph =
    QStringLiteral("Boil the water, wait a minute, and pour it over the leaves slowly.");
const QString kShorter = QStringLiteral("Pour hot water over the leaves.");

QString lastUserMessage(const ReceivedRequest &r)
{
    const QJsonArray messages =
        QJsonDocument::fromJson(r.body).object().value(QStringLiteral("messages")).toArray();
    return messages.last().toObject().value(QStringLiteral("content")).toString();
}

} // namespace

class TestDraftAssist : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void draftsFromABriefAndAcceptsARewrite();
    void titleIdeasRenameTheDocument();
    void sendToDraftFromAChatMessage();
    void searchHitOpensTheDraft();

private:
    DraftView *draft() const { return m_window->draftView(); }
    QVector<ProposalCard *> cards() const { return draft()->assist()->cards(); }
    QWidget *currentWorkspace() const
    {
        auto *workspace = m_window->findChild<QStackedWidget *>(QStringLiteral("workspace"));
        return workspace ? workspace->currentWidget() : nullptr;
    }
    QString storedContent() const { return m_ctx->store()->document(draft()->documentId()).content; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestDraftAssist::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    // The model, stood in for: it answers each kind of request the way a model would.
    m_server->setResponder([](const ReceivedRequest &r) {
        const QString user = lastUserMessage(r);
        QString answer;
        if (user.contains(QLatin1String("Propose an outline")))
            answer = kOutline;
        else if (user.contains(QLatin1String("Write the whole text following the outline")))
            answer = kWhole;
        else if (user.contains(QLatin1String("Rewrite the text inside <selection>")))
            answer = kShorter;
        else if (user.contains(QLatin1String("Suggest 5 titles")))
            answer = QStringLiteral(
                "1. A Calm Cup\n2. Tea Without Hurry\n3. Steeped\n4. Leaves and Water\n5. Slow Tea");
        else
            answer = QStringLiteral("(unexpected request)");
        return Response::sse(openAiStream({answer.left(7), answer.mid(7)}));
    });
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestDraftAssist::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

void TestDraftAssist::draftsFromABriefAndAcceptsARewrite()
{
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier);
    QVERIFY(draft());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(draft()));

    // Write → New from Brief…: the brief dialog, answered as a person would.
    ModalAnswerer brief([](QWidget *w) {
        auto *topic = w->findChild<QPlainTextEdit *>(QStringLiteral("briefTopic"));
        auto *audience = w->findChild<QLineEdit *>(QStringLiteral("briefAudience"));
        if (!topic || !audience) {
            w->close();
            return;
        }
        topic->setPlainText(QStringLiteral("Making tea slowly"));
        audience->setText(QStringLiteral("busy people"));
        w->findChild<QDialogButtonBox *>(QStringLiteral("briefButtons"))
            ->button(QDialogButtonBox::Ok)
            ->click();
    });
    draft()->assist()->action("draftNewFromBrief")->trigger();
    QVERIFY(brief.answered());
    QCOMPARE(brief.seenObjectName(), QStringLiteral("briefDialog"));

    // A new document named after the topic; its outline is proposed, not written into it.
    QVERIFY(draft()->documentId() != 0);
    QCOMPARE(m_ctx->store()->document(draft()->documentId()).title, QStringLiteral("Making tea slowly"));
    QTRY_COMPARE(cards().size(), 1);
    ProposalCard *outline = cards().first();
    QTRY_VERIFY(outline->outlineText().contains(QStringLiteral("## How to brew")));
    QVERIFY(lastUserMessage(m_server->requests().last()).contains(QStringLiteral("busy people")));
    QCOMPARE(draft()->editor()->toPlainText(), QString());

    // Write All Sections: a second card with the whole text, shown as a diff until accepted.
    QTest::mouseClick(outline->findChild<QPushButton *>(QStringLiteral("writeAllSections")), Qt::LeftButton);
    QTRY_COMPARE(cards().size(), 2);
    ProposalCard *whole = cards().last();
    auto *accept = whole->findChild<QPushButton *>(QStringLiteral("acceptProposal"));
    QTRY_VERIFY(accept->isEnabled());
    QTRY_VERIFY(whole->findChild<QTextBrowser *>(QStringLiteral("proposalDiff"))
                    ->toPlainText()
                    .contains(QStringLiteral("Tea is calm in a cup.")));
    QCOMPARE(draft()->editor()->toPlainText(), QString()); // nothing changes before Accept
    QTest::mouseClick(accept, Qt::LeftButton);
    QCOMPARE(draft()->editor()->toPlainText(), kWhole);
    QTRY_COMPARE(storedContent(), kWhole);
    QVector<DraftVersion> versions = m_ctx->store()->versions(draft()->documentId());
    QCOMPARE(versions.size(), 1);
    QCOMPARE(versions.first().cause, QStringLiteral("accept"));
    QCOMPARE(versions.first().content, kWhole);

    // Rewrite Selection → Shorter on the last paragraph.
    QPlainTextEdit *editor = draft()->editor();
    QTextCursor c = editor->textCursor();
    const int start = int(kWhole.indexOf(kSlowParagraph));
    c.setPosition(start);
    c.setPosition(start + int(kSlowParagraph.size()), QTextCursor::KeepAnchor);
    editor->setTextCursor(c);
    draft()->assist()->action("draftRewriteShorter")->trigger();
    QTRY_COMPARE(
        lastUserMessage(m_server->requests().last())
            .contains(QStringLiteral("<selection>\n") + kSlowParagraph + QStringLiteral("\n</selection>")),
        true);
    ProposalCard *rewrite = nullptr;
    QTRY_VERIFY((rewrite = cards().isEmpty() ? nullptr : cards().last()) &&
                rewrite->findChild<QPushButton *>(QStringLiteral("acceptProposal"))->isEnabled());
    const QString diff = rewrite->findChild<QTextBrowser *>(QStringLiteral("proposalDiff"))->toHtml();
    QVERIFY2(diff.contains(QStringLiteral("line-through")), qPrintable(diff)); // the deleted words
    QTest::mouseClick(rewrite->findChild<QPushButton *>(QStringLiteral("acceptProposal")), Qt::LeftButton);
    QString expected = kWhole;
    expected.replace(kSlowParagraph, kShorter);
    QCOMPARE(editor->toPlainText(), expected);
    QTRY_COMPARE(storedContent(), expected);
    QTRY_COMPARE(m_ctx->store()->versions(draft()->documentId()).size(), 2);

    // Accepting was one undo step.
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), kWhole);
    QTRY_COMPARE(storedContent(), kWhole);
}

void TestDraftAssist::titleIdeasRenameTheDocument()
{
    m_window->showDraftWorkspace();
    const qint64 id = draft()->newDocument(QStringLiteral("Untitled"), kWhole);
    QVERIFY(id != 0);
    ProposalCard *card = draft()->assist()->titleIdeas();
    QVERIFY(card);
    auto *titles = card->findChild<QListWidget *>(QStringLiteral("titleList"));
    QVERIFY(titles);
    QTRY_COMPARE(titles->count(), 5);
    QCOMPARE(titles->item(1)->text(), QStringLiteral("Tea Without Hurry"));
    QTest::mouseClick(titles->viewport(), Qt::LeftButton, {},
                      titles->visualItemRect(titles->item(1)).center());
    QTRY_COMPARE(m_ctx->store()->document(id).title, QStringLiteral("Tea Without Hurry"));
    QCOMPARE(draft()->editor()->toPlainText(), kWhole); // the text is untouched
    QTRY_VERIFY(cards().isEmpty());
}

void TestDraftAssist::sendToDraftFromAChatMessage()
{
    Conversation conv;
    conv.title = QStringLiteral("Tea");
    const qint64 conversation = m_ctx->store()->createConversation(conv);
    Message prompt;
    prompt.conversationId = conversation;
    prompt.role = Role::User;
    prompt.content = QStringLiteral("How do I brew green tea?");
    const qint64 promptId = m_ctx->store()->addMessage(prompt);
    Message reply;
    reply.conversationId = conversation;
    reply.parentId = promptId;
    reply.role = Role::Assistant;
    reply.model = QStringLiteral("test-model");
    reply.content = QStringLiteral("# Green tea\n\nUse water at **80 °C** and steep for two minutes.");
    QVERIFY(m_ctx->store()->addMessage(reply) != 0);
    m_window->openConversation(conversation);
    ChatView *chat = m_window->chatPane()->view();
    chat->viewport()->repaint();

    // "Send to Draft" on the reply, as a screen reader (or the footer button) triggers it.
    QAccessibleInterface *message = QAccessible::queryAccessibleInterface(chat)->child(1);
    QVERIFY(message && message->actionInterface());
    QVERIFY2(message->actionInterface()->actionNames().contains(QStringLiteral("Send to Draft")),
             qPrintable(message->actionInterface()->actionNames().join(QLatin1String(", "))));
    message->actionInterface()->doAction(QStringLiteral("Send to Draft"));
    QVERIFY(draft());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(draft()));
    const qint64 id = draft()->documentId();
    QVERIFY(id != 0);
    QCOMPARE(m_ctx->store()->document(id).title, QStringLiteral("Green tea"));
    QCOMPARE(m_ctx->store()->document(id).content.trimmed(), reply.content);

    // Again from the prompt: appended to the open document, a blank line apart.
    m_window->showChatWorkspace();
    QAccessible::queryAccessibleInterface(chat)->child(0)->actionInterface()->doAction(
        QStringLiteral("Send to Draft"));
    QCOMPARE(draft()->documentId(), id);
    QVERIFY2(draft()->editor()->toPlainText().endsWith(
                 QStringLiteral("two minutes.\n\nHow do I brew green tea?")) ||
                 draft()->editor()->toPlainText().trimmed().endsWith(
                     QStringLiteral("two minutes.\n\nHow do I brew green tea?")),
             qPrintable(draft()->editor()->toPlainText()));
    QTRY_VERIFY(m_ctx->store()->document(id).content.contains(QStringLiteral("How do I brew green tea?")));
    QCOMPARE(m_ctx->store()->documents().size(), 1);
}

void TestDraftAssist::searchHitOpensTheDraft()
{
    const qint64 tea =
        m_ctx->store()->createDocument(QStringLiteral("Tea notes"), QStringLiteral("Oolong is rolled."));
    const qint64 other =
        m_ctx->store()->createDocument(QStringLiteral("Other"), QStringLiteral("Nothing here."));
    QVERIFY(tea && other);
    auto *search = m_window->findChild<SearchPanel *>();
    QVERIFY(search);
    search->focusField();
    QTest::keyClicks(search->field(), QStringLiteral("oolong"));
    search->searchNow();
    QTRY_COMPARE(search->resultCount(), 1);
    QTest::keyClick(search->field(), Qt::Key_Return);
    QVERIFY(draft());
    QCOMPARE(currentWorkspace(), static_cast<QWidget *>(draft()));
    QCOMPARE(draft()->documentId(), tea);
    QCOMPARE(draft()->editor()->toPlainText(), QStringLiteral("Oolong is rolled."));
}

QTEST_MAIN(TestDraftAssist)
#include "tst_draftassist.moc"
