// Continue and the context limit through controller, store and model against a loopback
// server: a length-cut or interrupted reply is continued in place with the partial reply
// and the instruction in the request; older turns beyond a conversation's limit are left
// out and the thread can say how many, also after a restart. Plus the footer data.
#include "ChatFixture.h"
#include "chat/ChatController.h"
#include "model/MessageFormat.h"
#include "model/MessageListModel.h"
#include "store/Store.h"
#include "support/OpenAiFixtures.h"

#include <QSignalSpy>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QList<QByteArray> stream(const QList<QByteArray> &contentChunks, const QByteArray &finishReason, int prompt,
                         int completion)
{
    QList<QByteArray> out{openai::roleChunk()};
    for (const QByteArray &c : contentChunks)
        out << openai::contentChunk(c);
    out << openai::finishChunk(finishReason) << openai::usageChunk(prompt, completion) << openai::done();
    return out;
}

} // namespace

class TestChatActions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<ChatFixture>();
        QVERIFY(m_f->isValid());
    }
    void cleanup() { m_f.reset(); }

    void continueAfterLengthAppends()
    {
        m_f->queue(Response::sse(stream({"Hello, ", "wor"}, "length", 9, 5)));
        m_f->queue(Response::sse(stream({"ld", "!"}, "stop", 20, 2)));
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Say hello"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        const qint64 a = m_f->lastFinalized();
        Message cut = m_f->store()->message(a);
        QCOMPARE(cut.finishReason, QStringLiteral("length"));
        QCOMPARE(cut.state, MessageState::Complete);
        QCOMPARE(m_f->model()->index(1).data(MessageListModel::FinishReasonRole).toString(),
                 QStringLiteral("length"));
        QVERIFY(m_f->chat()->canContinue(cut));

        // Continuing survives a restart in between: the finish reason is stored.
        QVERIFY(m_f->restart());
        cut = m_f->store()->message(a);
        QVERIFY(m_f->chat()->canContinue(cut));
        QSignalSpy inserted(m_f->model(), &QAbstractItemModel::rowsInserted);
        QVERIFY(m_f->chat()->continueReply(a));
        QCOMPARE(m_f->chat()->streamingMessageId(conv), a);
        QCOMPARE(MessageState(m_f->model()->index(1).data(MessageListModel::StateRole).toInt()),
                 MessageState::Streaming);
        QVERIFY(!m_f->chat()->canContinue(m_f->store()->message(a))); // streaming now
        QVERIFY(m_f->waitFinalized(1));
        QCOMPARE(m_f->lastFinalized(), a);

        const Message done = m_f->store()->message(a);
        QCOMPARE(done.content, QStringLiteral("Hello, world!"));
        QCOMPARE(done.state, MessageState::Complete);
        QCOMPARE(done.finishReason, QStringLiteral("stop"));
        // The footer describes the whole reply: completions add up, the prompt is the last one.
        QCOMPARE(done.usage.completionTokens, 7);
        QCOMPARE(done.usage.promptTokens, 20);
        QCOMPARE(done.usage.totalTokens, 27);
        QCOMPARE(done.timeToFirstTokenMs, cut.timeToFirstTokenMs);
        QVERIFY(done.durationMs >= cut.durationMs);
        QVERIFY(!m_f->chat()->canContinue(done));

        QCOMPARE(m_f->turns(1),
                 (QStringList{QStringLiteral("user:Say hello"), QStringLiteral("assistant:Hello, wor"),
                              QStringLiteral("user:") + ChatController::continueInstruction()}));
        QCOMPARE(m_f->shown(), (QStringList{QStringLiteral("Say hello"), QStringLiteral("Hello, world!")}));
        QCOMPARE(inserted.count(), 0); // the same row grew
        QCOMPARE(m_f->store()->childIds(conv, done.parentId), QVector<qint64>{a});

        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown(), (QStringList{QStringLiteral("Say hello"), QStringLiteral("Hello, world!")}));
        QCOMPARE(m_f->store()->message(a).finishReason, QStringLiteral("stop"));
    }

    void continueInterruptedReply()
    {
        m_f->queue(Response::sse(openAiStream({QStringLiteral("half "), QStringLiteral("an ")}, false)));
        m_f->queueReply({QStringLiteral("answer")});
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("q"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        const qint64 a = m_f->lastFinalized();
        QCOMPARE(m_f->store()->message(a).state, MessageState::Interrupted);
        QVERIFY(!m_f->store()->message(a).errorText.isEmpty());
        QVERIFY(m_f->restart());
        QVERIFY(m_f->chat()->continueReply(a));
        QVERIFY(m_f->waitFinalized(1));
        const Message m = m_f->store()->message(a);
        QCOMPARE(m.content, QStringLiteral("half an answer"));
        QCOMPARE(m.state, MessageState::Complete);
        QCOMPARE(m.errorText, QString());
        QCOMPARE(m_f->turns(1).value(1), QStringLiteral("assistant:half an "));
        QCOMPARE(m_f->shown().last(), QStringLiteral("half an answer"));
        QVERIFY(m_f->restart());
        QCOMPARE(m_f->shown().last(), QStringLiteral("half an answer"));
    }

    void continueIsCrashSafe()
    {
        QStringList more;
        for (int i = 0; i < 200; ++i)
            more << QStringLiteral("m%1 ").arg(i);
        m_f->queue(Response::sse(stream({"start "}, "length", 3, 1)));
        m_f->queue(Response::sse(openAiStream(more), 20));
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("q"));
        QVERIFY(m_f->waitFinalized(1));
        const qint64 a = m_f->lastFinalized();
        m_f->chat()->setPersistIntervalMs(50);
        QVERIFY(m_f->chat()->continueReply(a));

        // Another connection sees the appended text arrive, the old text first.
        Store other;
        QVERIFY(other.open(m_f->ctx()->databasePath()));
        QTRY_VERIFY(other.message(a).content.contains(QStringLiteral("m3 ")));
        QCOMPARE(other.message(a).state, MessageState::Streaming);
        QVERIFY(other.message(a).content.startsWith(QStringLiteral("start m0 m1 m2 ")));
        QVERIFY(m_f->chat()->isStreaming(conv));

        // Quitting mid-continuation keeps everything, and it can be continued again.
        QVERIFY(m_f->restart());
        const Message m = m_f->store()->message(a);
        QCOMPARE(m.state, MessageState::Interrupted);
        QVERIFY(m.content.startsWith(QStringLiteral("start m0 m1 m2 m3 ")));
        QVERIFY(m_f->chat()->canContinue(m));
    }

    void canContinue_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("finishReason");
        QTest::addColumn<QString>("content");
        QTest::addColumn<bool>("answered");
        QTest::addColumn<bool>("expected");
        const int a = int(Role::Assistant);
        const int complete = int(MessageState::Complete);
        const int interrupted = int(MessageState::Interrupted);
        QTest::newRow("length") << a << complete << "length"
                                << "text" << false << true;
        QTest::newRow("interrupted") << a << interrupted << ""
                                     << "text" << false << true;
        QTest::newRow("finished") << a << complete << "stop"
                                  << "text" << false << false;
        QTest::newRow("unknown reason") << a << complete << ""
                                        << "text" << false << false;
        QTest::newRow("failed") << a << int(MessageState::Failed) << ""
                                << "" << false << false;
        QTest::newRow("interrupted, no text") << a << interrupted << ""
                                              << "" << false << false;
        QTest::newRow("already answered") << a << complete << "length"
                                          << "text" << true << false;
        QTest::newRow("a prompt") << int(Role::User) << complete << ""
                                  << "text" << false << false;
    }

    void canContinue()
    {
        QFETCH(int, role);
        QFETCH(int, state);
        QFETCH(QString, finishReason);
        QFETCH(QString, content);
        QFETCH(bool, answered);
        QFETCH(bool, expected);
        Conversation c;
        QVERIFY(m_f->store()->createConversation(c));
        Message q;
        q.conversationId = c.id;
        q.content = QStringLiteral("q");
        QVERIFY(m_f->store()->addMessage(q));
        Message m;
        m.conversationId = c.id;
        m.parentId = q.id;
        m.role = Role(role);
        m.state = MessageState(state);
        m.finishReason = finishReason;
        m.content = content;
        QVERIFY(m_f->store()->addMessage(m));
        if (answered) {
            Message next;
            next.conversationId = c.id;
            next.parentId = m.id;
            next.content = QStringLiteral("next");
            QVERIFY(m_f->store()->addMessage(next));
        }
        QCOMPARE(m_f->chat()->canContinue(m), expected);
        QCOMPARE(m_f->chat()->continueReply(m.id), expected);
        if (expected)
            m_f->chat()->stop(c.id);
    }

    // History: Q1 A1 Q2 A2 Q3 A3, then Q4 is sent under the limit. Every text but Q4 is four
    // Latin characters (one token).
    void contextLimit_data()
    {
        QTest::addColumn<int>("maxMessages");
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<QString>("lastPrompt");
        QTest::addColumn<int>("omitted");
        QTest::newRow("no limit") << 0 << 0 << "Q4xx" << 0;
        QTest::newRow("three messages") << 3 << 0 << "Q4xx" << 4;
        QTest::newRow("two: no answer without its question") << 2 << 0 << "Q4xx" << 6;
        QTest::newRow("six messages") << 6 << 0 << "Q4xx" << 2;
        QTest::newRow("tokens") << 0 << 3 << "Q4xx" << 4;
        // 你好 is two tokens (one per Han character), so five tokens leave room for Q3..A3.
        QTest::newRow("tokens, CJK") << 0 << 5 << "你好" << 4;
        QTest::newRow("limit not reached") << 20 << 1000 << "Q4xx" << 0;
    }

    void contextLimit()
    {
        QFETCH(int, maxMessages);
        QFETCH(int, maxTokens);
        QFETCH(QString, lastPrompt);
        QFETCH(int, omitted);
        for (const char *r : {"A1xx", "A2xx", "A3xx", "A4xx"})
            m_f->queueReply({QString::fromLatin1(r)});
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q1xx"));
        QVERIFY(m_f->waitFinalized(1));
        m_f->chat()->send(conv, QStringLiteral("Q2xx"));
        QVERIFY(m_f->waitFinalized(2));
        m_f->chat()->send(conv, QStringLiteral("Q3xx"));
        QVERIFY(m_f->waitFinalized(3));
        Conversation c = m_f->store()->conversation(conv);
        c.systemPrompt = QStringLiteral("System.");
        QVERIFY(m_f->store()->updateConversation(c));
        QVERIFY(m_f->store()->setContextLimits(conv, maxMessages, maxTokens));
        m_f->openModel(conv);

        QSignalSpy trimmed(m_f->chat(), &ChatController::contextTrimmed);
        m_f->chat()->send(conv, lastPrompt);
        QVERIFY(m_f->waitFinalized(4));
        const qint64 reply = m_f->lastFinalized();

        const QStringList all{"user:Q1xx", "assistant:A1xx", "user:Q2xx",         "assistant:A2xx",
                              "user:Q3xx", "assistant:A3xx", "user:" + lastPrompt};
        QStringList expected{QStringLiteral("system:System.")}; // never left out
        expected += all.mid(omitted);
        QCOMPARE(m_f->turns(3), expected);
        QCOMPARE(trimmed.count(), omitted ? 1 : 0);
        if (omitted) {
            QCOMPARE(trimmed.first().at(0).toLongLong(), conv);
            QCOMPARE(trimmed.first().at(1).toLongLong(), reply);
            QCOMPARE(trimmed.first().at(2).toInt(), omitted);
        }
        QCOMPARE(m_f->store()->message(reply).contextOmitted, omitted);
        const int row = m_f->model()->rowOf(reply);
        QCOMPARE(row, 7);
        QCOMPARE(m_f->model()->index(row).data(MessageListModel::OmittedBeforeRole).toInt(), omitted);
        QCOMPARE(m_f->model()->index(row - 1).data(MessageListModel::OmittedBeforeRole).toInt(), 0);

        // The thread can still say so after a restart, and the limit is still in force.
        QVERIFY(m_f->restart());
        QCOMPARE(m_f->model()->index(7).data(MessageListModel::OmittedBeforeRole).toInt(), omitted);
        QCOMPARE(m_f->store()->conversation(conv).contextMaxMessages, maxMessages);
        QCOMPARE(m_f->store()->conversation(conv).contextMaxTokens, maxTokens);
    }

    void continuationKeepsPartialUnderLimit()
    {
        m_f->queueReply({QStringLiteral("A1xx")});
        m_f->queue(Response::sse(stream({"part"}, "length", 3, 1)));
        m_f->queueReply({QStringLiteral(" rest")});
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("Q1xx"));
        QVERIFY(m_f->waitFinalized(1));
        m_f->chat()->send(conv, QStringLiteral("Q2xx"));
        QVERIFY(m_f->waitFinalized(2));
        const qint64 a = m_f->lastFinalized();
        QVERIFY(m_f->store()->setContextLimits(conv, 1, 0));
        QVERIFY(m_f->chat()->continueReply(a));
        QVERIFY(m_f->waitFinalized(3));
        QCOMPARE(m_f->turns(2),
                 (QStringList{QStringLiteral("user:Q2xx"), QStringLiteral("assistant:part"),
                              QStringLiteral("user:") + ChatController::continueInstruction()}));
        QCOMPARE(m_f->store()->message(a).contextOmitted, 2);
        QCOMPARE(m_f->store()->message(a).content, QStringLiteral("part rest"));
    }

    void footerFromAStream()
    {
        m_f->queue(Response::sse(stream({"Hel", "lo"}, "stop", 1234, 2)));
        const qint64 conv = m_f->chat()->send(0, QStringLiteral("hi"));
        m_f->openModel(conv);
        QVERIFY(m_f->waitFinalized(1));
        const QString footer = m_f->model()->index(1).data(MessageListModel::FooterTextRole).toString();
        const QLocale locale;
        QVERIFY2(footer.startsWith(QStringLiteral("test-model · ")), qPrintable(footer));
        QVERIFY2(footer.contains(QStringLiteral("%1 prompt + %2 completion tokens")
                                     .arg(locale.toString(1234), locale.toString(2))),
                 qPrintable(footer));
        QVERIFY2(footer.contains(QStringLiteral("first token")), qPrintable(footer));
        QCOMPARE(footer, MessageFormat::footerText(m_f->store()->message(m_f->lastFinalized())));
        QCOMPARE(m_f->model()->index(0).data(MessageListModel::FooterTextRole).toString(), QString());
        QCOMPARE(m_f->model()->markdownOf(m_f->lastFinalized()), QStringLiteral("Hello"));
    }

private:
    std::unique_ptr<ChatFixture> m_f;
};

QTEST_GUILESS_MAIN(TestChatActions)
#include "tst_chatactions.moc"
