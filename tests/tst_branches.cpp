// Branches through controller, store and model against a loopback server: regenerate and
// edit-and-resend make siblings reachable with ‹ n/m ›, each branch's request carries its own
// history, deletions take subtrees, and all of it survives a restart.
#include "ChatFixture.h"
#include "chat/ChatController.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {
QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items)
        out << QString::fromUtf8(s);
    return out;
}
} // namespace

class TestBranches : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<ChatFixture>();
        QVERIFY(m_f->isValid());
    }
    void cleanup() { m_f.reset(); }

    void regenerateKeepsTheEarlierAnswer()
    {
        m_f->queueReply({QStringLiteral("A1")});
        m_f->queueReply({QStringLiteral("A2")});
        m_f->queueReply({QStringLiteral("A3")});
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        const qint64 a1 = m_f->lastFinalized();
        QCOMPARE(m_f->shown(), list({"Q", "A1"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("1/1"));

        QSignalSpy reset(m_f->model(), &QAbstractItemModel::modelReset);
        const qint64 a2 = m_f->chat()->regenerate(a1);
        QVERIFY(a2 != 0 && a2 != a1);
        QCOMPARE(m_f->chat()->streamingMessageId(conv), a2);
        QCOMPARE(m_f->shown(), list({"Q", ""})); // the new reply streams where the old one was
        QVERIFY(m_f->waitFinalized(2));
        QCOMPARE(m_f->shown(), list({"Q", "A2"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("2/2"));
        QCOMPARE(m_f->store()->message(a2).parentId, m_f->store()->message(a1).parentId);
        // The earlier answer is not part of the new request.
        QCOMPARE(m_f->turns(0), list({"user:Q"}));
        QCOMPARE(m_f->turns(1), list({"user:Q"}));

        // ‹ and › switch between them.
        QVERIFY(m_f->model()->showSibling(a2, -1));
        QCOMPARE(m_f->shown(), list({"Q", "A1"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("1/2"));
        QVERIFY(m_f->model()->showSibling(a1, +1));
        QCOMPARE(m_f->shown(), list({"Q", "A2"}));
        QVERIFY(m_f->model()->showSibling(a2, -1));
        QCOMPARE(reset.count(), 0);

        // The choice is stored: after a restart the first answer is still the one shown...
        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown(), list({"Q", "A1"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("1/2"));
        QCOMPARE(m_f->store()->message(a2).content, QStringLiteral("A2"));
        QCOMPARE(m_f->store()->message(a2).state, MessageState::Complete);
        // ...and the conversation goes on from it.
        QCOMPARE(m_f->chat()->send(conv, QStringLiteral("Q2")), conv);
        QVERIFY(m_f->waitFinalized(1));
        QCOMPARE(m_f->turns(2), list({"user:Q", "assistant:A1", "user:Q2"}));
        QCOMPARE(m_f->shown(), list({"Q", "A1", "Q2", "A3"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("1/2"));
        QVERIFY(m_f->model()->showSibling(a1, +1));
        QCOMPARE(m_f->shown(), list({"Q", "A2"}));
        QVERIFY(m_f->model()->showSibling(a2, -1)); // back down to the newest leaf under A1
        QCOMPARE(m_f->shown(), list({"Q", "A1", "Q2", "A3"}));
    }

    void retryIsRegenerate()
    {
        m_f->queueReply({QStringLiteral("A1")});
        m_f->queueReply({QStringLiteral("A2")});
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        QVERIFY(m_f->chat()->retry(m_f->lastFinalized()));
        QVERIFY(m_f->waitFinalized(2));
        QCOMPARE(m_f->shown(), list({"Q", "A2"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("2/2"));
    }

    void regenerateEarlierAnswerBranchesTheThread()
    {
        m_f->queueReply({QStringLiteral("A1")});
        m_f->queueReply({QStringLiteral("A2")});
        m_f->queueReply({QStringLiteral("A1 again")});
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q1"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        const qint64 a1 = m_f->lastFinalized();
        m_f->chat()->send(conv, QStringLiteral("Q2"));
        QVERIFY(m_f->waitFinalized(2));
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2", "A2"}));

        const qint64 a1b = m_f->chat()->regenerate(a1);
        QVERIFY(a1b != 0);
        QVERIFY(m_f->waitFinalized(3));
        QCOMPARE(m_f->turns(2), list({"user:Q1"}));
        QCOMPARE(m_f->shown(), list({"Q1", "A1 again"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("2/2"));
        QVERIFY(m_f->model()->showSibling(a1b, -1));
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2", "A2"}));

        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2", "A2"}));
        QCOMPARE(m_f->siblings(1), QStringLiteral("1/2"));
    }

    void editAndResendMakesABranch()
    {
        m_f->queueReply({QStringLiteral("A1")});
        m_f->queueReply({QStringLiteral("A2")});
        m_f->queueReply({QStringLiteral("B2")});
        m_f->queueReply({QStringLiteral("A3")});
        qint64 q2 = 0;
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q1"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        m_f->chat()->send(conv, QStringLiteral("Q2"), &q2);
        QVERIFY(m_f->waitFinalized(2));

        QSignalSpy reset(m_f->model(), &QAbstractItemModel::modelReset);
        const qint64 edited = m_f->chat()->editAndResend(q2, QStringLiteral("Q2, better"));
        QVERIFY(edited != 0 && edited != q2);
        QVERIFY(m_f->waitFinalized(3));
        // The new prompt replaces the old one in the request; the old answer is not sent.
        QCOMPARE(m_f->turns(2), list({"user:Q1", "assistant:A1", "user:Q2, better"}));
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2, better", "B2"}));
        QCOMPARE(m_f->siblings(2), QStringLiteral("2/2"));
        QCOMPARE(m_f->siblings(3), QStringLiteral("1/1"));
        QCOMPARE(m_f->store()->message(edited).parentId, m_f->store()->message(q2).parentId);
        QCOMPARE(m_f->store()->message(q2).content, QStringLiteral("Q2")); // untouched

        QVERIFY(m_f->model()->showSibling(edited, -1));
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2", "A2"}));
        QCOMPARE(m_f->siblings(2), QStringLiteral("1/2"));
        QCOMPARE(reset.count(), 0);

        // The old branch is the stored choice, and sending continues it.
        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2", "A2"}));
        m_f->chat()->send(conv, QStringLiteral("Q3"));
        QVERIFY(m_f->waitFinalized(1));
        QCOMPARE(m_f->turns(3), list({"user:Q1", "assistant:A1", "user:Q2", "assistant:A2", "user:Q3"}));
        QVERIFY(m_f->model()->showSibling(q2, +1));
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2, better", "B2"}));
        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2, better", "B2"}));
        QCOMPARE(m_f->siblings(2), QStringLiteral("2/2"));
    }

    void editTheFirstPrompt()
    {
        m_f->queueReply({QStringLiteral("A")});
        m_f->queueReply({QStringLiteral("B")});
        qint64 q1 = 0;
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("first"), &q1);
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        const qint64 root2 = m_f->chat()->editAndResend(q1, QStringLiteral("first, edited"));
        QVERIFY(root2 != 0);
        QCOMPARE(m_f->store()->message(root2).parentId, qint64(0));
        QVERIFY(m_f->waitFinalized(2));
        QCOMPARE(m_f->turns(1), list({"user:first, edited"}));
        QCOMPARE(m_f->shown(), list({"first, edited", "B"}));
        QCOMPARE(m_f->siblings(0), QStringLiteral("2/2"));
        QVERIFY(m_f->model()->showSibling(root2, -1));
        QCOMPARE(m_f->shown(), list({"first", "A"}));
        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown(), list({"first", "A"}));
        QCOMPARE(m_f->siblings(0), QStringLiteral("1/2"));
    }

    void actionsRefusedWhereTheyDoNotApply()
    {
        QStringList slow;
        for (int i = 0; i < 50; ++i)
            slow << QStringLiteral("w%1 ").arg(i);
        m_f->queueReply({QStringLiteral("A")});
        m_f->queue(Response::sse(openAiStream(slow), 30));
        qint64 q = 0;
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q"), &q);
        QVERIFY(m_f->waitFinalized(1));
        const qint64 a = m_f->lastFinalized();
        QCOMPARE(m_f->chat()->regenerate(q), qint64(0));                          // not a reply
        QCOMPARE(m_f->chat()->editAndResend(a, QStringLiteral("x")), qint64(0));  // not a prompt
        QCOMPARE(m_f->chat()->editAndResend(q, QStringLiteral("  ")), qint64(0)); // nothing to send
        QCOMPARE(m_f->chat()->regenerate(a + 1000), qint64(0));
        QCOMPARE(m_f->store()->childIds(conv, 0).size(), 1);

        // One reply at a time per conversation.
        QVERIFY(m_f->chat()->regenerate(a) != 0);
        QVERIFY(m_f->chat()->isStreaming(conv));
        QSignalSpy errors(m_f->chat(), &ChatController::errorOccurred);
        QCOMPARE(m_f->chat()->regenerate(a), qint64(0));
        QCOMPARE(m_f->chat()->editAndResend(q, QStringLiteral("other")), qint64(0));
        QCOMPARE(errors.count(), 2);
        QCOMPARE(m_f->store()->childIds(conv, q).size(), 2);
        m_f->chat()->stop(conv);
    }

    void deleteTakesTheSubtree()
    {
        m_f->queueReply({QStringLiteral("A1")});
        m_f->queueReply({QStringLiteral("A2")});
        m_f->queueReply({QStringLiteral("A2b")});
        qint64 q2 = 0;
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q1"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        m_f->chat()->send(conv, QStringLiteral("Q2"), &q2);
        QVERIFY(m_f->waitFinalized(2));
        const qint64 a2 = m_f->lastFinalized();
        const qint64 a2b = m_f->chat()->regenerate(a2);
        QVERIFY(m_f->waitFinalized(3));
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2", "A2b"}));
        QCOMPARE(m_f->siblings(3), QStringLiteral("2/2"));

        // Deleting the shown reply shows its remaining sibling.
        QSignalSpy reset(m_f->model(), &QAbstractItemModel::modelReset);
        QVERIFY(m_f->chat()->deleteMessage(a2b));
        QCOMPARE(m_f->shown(), list({"Q1", "A1", "Q2", "A2"}));
        QCOMPARE(m_f->siblings(3), QStringLiteral("1/1"));
        QCOMPARE(m_f->store()->message(a2b).id, qint64(0));

        // Deleting a prompt takes its answers along.
        QVERIFY(m_f->chat()->deleteMessage(q2));
        QCOMPARE(m_f->shown(), list({"Q1", "A1"}));
        QCOMPARE(m_f->store()->message(a2).id, qint64(0));
        QCOMPARE(reset.count(), 0);
        QVERIFY(!m_f->chat()->deleteMessage(q2)); // already gone

        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown(), list({"Q1", "A1"}));
        QCOMPARE(m_f->store()->thread(conv).size(), 2);
    }

    void deleteWhileStreamingStopsTheReply()
    {
        QStringList slow;
        for (int i = 0; i < 200; ++i)
            slow << QStringLiteral("w%1 ").arg(i);
        m_f->queue(Response::sse(openAiStream(slow), 20));
        qint64 q = 0;
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q"), &q);
        m_f->openModel(conv);
        const qint64 reply = m_f->chat()->streamingMessageId(conv);
        QVERIFY(reply != 0);
        QTRY_VERIFY(m_f->shown().value(1).contains(QStringLiteral("w2 ")));
        QSignalSpy streaming(m_f->chat(), &ChatController::streamingChanged);
        QVERIFY(m_f->chat()->deleteMessage(q));
        QVERIFY(!m_f->chat()->isStreaming(conv));
        QCOMPARE(streaming.count(), 1);
        QCOMPARE(m_f->model()->rowCount(), 0);
        QCOMPARE(m_f->store()->message(reply).id, qint64(0));
        QCOMPARE(m_f->store()->conversation(conv).currentLeafId, qint64(0));
        QVERIFY(m_f->restart());
        QCOMPARE(m_f->model()->rowCount(), 0);
    }

private:
    std::unique_ptr<ChatFixture> m_f;
};

QTEST_GUILESS_MAIN(TestBranches)
#include "tst_branches.moc"
