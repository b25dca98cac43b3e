// Reasoning as a collapsed "Thinking" section: collapsed by default, a click on its header
// opens and closes it (remembered per message while the view lives), "Thinking…" while the
// reply streams, and the reasoning is never sent back to the model with the history.
#include "ChatFixture.h"
#include "ChatView.h"
#include "MessageLayout.h"
#include "OpenAiFixtures.h"
#include "chat/ChatController.h"
#include "model/MessageListModel.h"
#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {
const QString kThought = QStringLiteral("SECRET-THOUGHT: the user wants a number. ");

QString longThought()
{
    QString t;
    for (int i = 0; i < 12; ++i)
        t += kThought + QStringLiteral("Step %1 of the reasoning goes on for a while.\n").arg(i);
    return t;
}
} // namespace

class TestThinking : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_conv = 0;

    qint64 add(qint64 parent, Role role, const QString &content, const QString &reasoning,
               MessageState state = MessageState::Complete)
    {
        Message m;
        m.conversationId = m_conv;
        m.parentId = parent;
        m.role = role;
        m.content = content;
        m.reasoning = reasoning;
        m.state = state;
        return m_store->addMessage(m);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<Store>();
        QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("t.db"))));
        Conversation c;
        m_conv = m_store->createConversation(c);
        QVERIFY(m_conv != 0);
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void collapsedByDefaultClickToggles()
    {
        const qint64 q = add(0, Role::User, QStringLiteral("Pick a number."), QString());
        const qint64 a = add(q, Role::Assistant, QStringLiteral("Seven."), longThought());
        MessageListModel model(m_store.get());
        ChatView view;
        view.resize(600, 900);
        view.setModel(&model);
        model.openConversation(m_conv);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int row = model.rowOf(a);
        QCOMPARE(row, 1);

        QVERIFY(!view.isThinkingExpanded(a));
        const QRect header = view.actionRect(row, ChatView::Action::ToggleThinking);
        QVERIFY(!header.isEmpty());
        QVERIFY(view.actionRect(0, ChatView::Action::ToggleThinking).isEmpty()); // no reasoning, no header
        const int collapsed = view.rowRect(row).height();
        QSignalSpy actions(&view, &ChatView::actionTriggered);

        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, header.center());
        QVERIFY(view.isThinkingExpanded(a));
        const int expanded = view.rowRect(row).height();
        // Twelve wrapped paragraphs of reasoning now show between the header and the answer.
        QVERIFY2(expanded > collapsed + 12 * view.fontMetrics().height(),
                 qPrintable(QStringLiteral("%1 -> %2").arg(collapsed).arg(expanded)));
        QCOMPARE(actions.count(), 0); // handled by the view, not a message action

        // Kept across a new revision of the row.
        model.refreshMessage(a);
        QVERIFY(view.isThinkingExpanded(a));
        QCOMPARE(view.rowRect(row).height(), expanded);

        QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                          view.actionRect(row, ChatView::Action::ToggleThinking).center());
        QVERIFY(!view.isThinkingExpanded(a));
        QCOMPARE(view.rowRect(row).height(), collapsed);
    }

    void headerSaysWhatIsGoingOn_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("expanded");
        QTest::addColumn<QString>("start");
        QTest::addColumn<bool>("showsLength");
        QTest::newRow("streaming") << int(MessageState::Streaming) << false << QStringLiteral("▸ Thinking…")
                                   << false;
        QTest::newRow("done, collapsed")
            << int(MessageState::Complete) << false << QStringLiteral("▸ Thinking (") << true;
        QTest::newRow("done, open") << int(MessageState::Complete) << true << QStringLiteral("▾ Thinking (")
                                    << true;
    }

    void headerSaysWhatIsGoingOn()
    {
        QFETCH(int, state);
        QFETCH(bool, expanded);
        QFETCH(QString, start);
        QFETCH(bool, showsLength);
        const QString thought = QStringLiteral("Let me think.");
        const qint64 q = add(0, Role::User, QStringLiteral("Hi"), QString());
        add(q, Role::Assistant, QString(), thought, MessageState(state));
        MessageListModel model(m_store.get());
        model.openConversation(m_conv);
        auto renderer = std::make_shared<const MarkdownRenderer>(QFont());
        const MessageLayout layout(
            model.index(1), 500, {QFont(), QPalette()}, std::make_shared<RenderedMessage>(renderer),
            std::make_shared<RenderedMessage>(renderer, RenderedMessage::Format::PlainText), expanded);
        QVERIFY(layout.hasThinking());
        const QString label = layout.thinkingLabel();
        QVERIFY2(label.startsWith(start), qPrintable(label));
        QCOMPARE(label.contains(QString::number(thought.size())), showsLength);
        QCOMPARE(layout.isThinkingExpanded(), expanded);
    }

    // Reasoning streams in and is stored, but the next request carries only the answer.
    void reasoningIsNeverSentBack()
    {
        ChatFixture f;
        QVERIFY(f.isValid());
        f.queue(Response::sse({openai::roleChunk(),
                               openai::chunk(R"({"reasoning_content":"SECRET-THOUGHT one"})"),
                               openai::chunk(R"({"reasoning_content":" and two"})"),
                               openai::contentChunk("Seven."), openai::finishChunk(), openai::done()}));
        f.queueReply({QStringLiteral("Because.")});
        qint64 prompt = 0;
        const qint64 conv = f.chat()->send(0, QStringLiteral("Pick a number."), &prompt);
        QVERIFY(f.waitFinalized(1));
        const Message reply = f.store()->message(f.lastFinalized());
        QCOMPARE(reply.reasoning, QStringLiteral("SECRET-THOUGHT one and two"));
        QCOMPARE(reply.content, QStringLiteral("Seven."));

        f.chat()->send(conv, QStringLiteral("Why?"), &prompt);
        QVERIFY(f.waitFinalized(2));
        const auto requests = f.server()->requests();
        QCOMPARE(requests.size(), 2);
        QVERIFY(!requests.at(1).body.contains("SECRET-THOUGHT"));
        QCOMPARE(f.turns(1), (QStringList{QStringLiteral("user:Pick a number."),
                                          QStringLiteral("assistant:Seven."), QStringLiteral("user:Why?")}));
    }
};

QTEST_MAIN(TestThinking)
#include "tst_thinking.moc"
