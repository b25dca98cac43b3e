// n alternatives through controller, store and model against a loopback server: a request for
// n replies stores n sibling replies under the prompt (the first stays shown, ‹ 1/n › reaches
// the others), streamed into the store like any reply, ended by their own finish reasons or by
// the request's end, and all of it survives a restart. Also the "Alternatives (n)" field.
#include "ChatFixture.h"
#include "SamplingFields.h"
#include "chat/ChatController.h"
#include "model/MessageListModel.h"
#include "net/OpenAiStreamDecoder.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSpinBox>
#include <QtTest>

#include <functional>

Q_DECLARE_METATYPE(penpal::SamplingParams)

using namespace penpal;
using namespace penpal::test;

namespace {

// One OpenAI chat chunk for choice `index`; `finish` is raw JSON ("null" or "\"stop\"").
QByteArray chatChunk(int index, const QString &content, const QByteArray &finish = "null")
{
    const QJsonObject delta =
        content.isNull() ? QJsonObject() : QJsonObject{{QStringLiteral("content"), content}};
    const QByteArray choice = "{\"index\":" + QByteArray::number(index) +
                              ",\"delta\":" + QJsonDocument(delta).toJson(QJsonDocument::Compact) +
                              ",\"finish_reason\":" + finish + "}";
    return R"(data: {"id":"chatcmpl-n3","object":"chat.completion.chunk","created":1745000000,)"
           R"("model":"test-model","choices":[)" +
           choice + "]}\n\n";
}

QByteArray usageChunk()
{
    return R"(data: {"id":"chatcmpl-n3","object":"chat.completion.chunk","created":1745000000,)"
           R"("model":"test-model","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":9,)"
           R"("total_tokens":12}})"
           "\n\n";
}

// Three replies interleaved as OpenAI streams them for n=3, the first of them finishing last.
QList<QByteArray> threeReplies(bool complete)
{
    QList<QByteArray> chunks{chatChunk(0, QStringLiteral("Red")),    chatChunk(1, QStringLiteral("Gre")),
                             chatChunk(2, QStringLiteral("Blue")),   chatChunk(1, QStringLiteral("en")),
                             chatChunk(0, QStringLiteral(" apple")), chatChunk(2, QStringLiteral(" sky ☁"))};
    if (!complete)
        return chunks;
    chunks << chatChunk(1, QString(), "\"stop\"") << chatChunk(2, QString(), "\"length\"")
           << chatChunk(0, QString(), "\"stop\"") << usageChunk() << QByteArrayLiteral("data: [DONE]\n\n");
    return chunks;
}

QStringList contents(Store *store, const QVector<qint64> &ids)
{
    QStringList out;
    for (qint64 id : ids)
        out << store->message(id).content;
    return out;
}

QStringList states(Store *store, const QVector<qint64> &ids)
{
    QStringList out;
    for (qint64 id : ids)
        out << stateToString(store->message(id).state);
    return out;
}

QStringList finishReasons(Store *store, const QVector<qint64> &ids)
{
    QStringList out;
    for (qint64 id : ids)
        out << store->message(id).finishReason;
    return out;
}

void editProfile(ChatFixture &f, const std::function<void(ProviderProfile &)> &change)
{
    Settings *settings = f.ctx()->settings();
    ProviderProfile p = settings->profile(settings->value(Settings::ActiveProfileId).toString());
    change(p);
    settings->saveProfile(p);
}

QByteArray readFixture(const QString &file)
{
    QFile f(QStringLiteral(PENPAL_FIXTURES_DIR "/completions/") + file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestAlternatives : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<ChatFixture>();
        QVERIFY(m_f->isValid());
        editProfile(*m_f, [](ProviderProfile &p) { p.params.n = 3; });
    }
    void cleanup() { m_f.reset(); }

    void threeSiblingRepliesFromChat();
    void threeSiblingRepliesFromCompletions();
    void failedAlternativeKeepsItsText();
    void alternativesAreStoredWhileTheyStream();
    void stopEndsTheAlternativesToo();
    void deletingAnAlternativeStopsTheReply();
    void oneReplyWithoutN();
    void rawContinuationSendsPromptAndPartialReply();
    void chatDecoderReportsEveryChoice();

    void samplingFieldRoundTrip_data();
    void samplingFieldRoundTrip();
    void samplingFieldNamesItsFallback();

private:
    // Sends "Q" and returns the prompt's id.
    qint64 sendQ(qint64 *conversation);
    std::unique_ptr<ChatFixture> m_f;
};

qint64 TestAlternatives::sendQ(qint64 *conversation)
{
    qint64 prompt = 0;
    *conversation = m_f->chat()->send(0, QStringLiteral("Q"), &prompt);
    m_f->openModel(*conversation);
    return prompt;
}

void TestAlternatives::threeSiblingRepliesFromChat()
{
    m_f->queue(Response::sse(threeReplies(true), 2));
    qint64 conv = 0;
    const qint64 prompt = sendQ(&conv);
    QVERIFY(prompt != 0);
    const qint64 first = m_f->chat()->streamingMessageId(conv);
    QVERIFY(m_f->waitFinalized(3));
    QVERIFY(!m_f->chat()->isStreaming(conv));

    QCOMPARE(
        QJsonDocument::fromJson(m_f->server()->requests().first().body).object().value(QLatin1String("n")),
        QJsonValue(3));
    const QVector<qint64> replies = m_f->store()->childIds(conv, prompt);
    QCOMPARE(replies.size(), 3);
    QCOMPARE(replies.first(), first);
    const QStringList texts{QStringLiteral("Red apple"), QStringLiteral("Green"),
                            QStringLiteral("Blue sky ☁")};
    QCOMPARE(contents(m_f->store(), replies), texts);
    QCOMPARE(states(m_f->store(), replies), QStringList(3, QStringLiteral("complete")));
    QCOMPARE(finishReasons(m_f->store(), replies),
             QStringList({QStringLiteral("stop"), QStringLiteral("stop"), QStringLiteral("length")}));
    // The usage is the request's: it stays with the first reply.
    QCOMPARE(m_f->store()->message(first).usage.totalTokens, 12);
    QCOMPARE(m_f->store()->message(replies.at(1)).model, QStringLiteral("test-model"));

    // The shown branch is the first reply; ‹ 1/3 › reaches the others.
    QCOMPARE(m_f->store()->conversation(conv).currentLeafId, first);
    QCOMPARE(m_f->shown(), QStringList({QStringLiteral("Q"), QStringLiteral("Red apple")}));
    QCOMPARE(m_f->siblings(1), QStringLiteral("1/3"));

    QVERIFY(m_f->restart());
    QCOMPARE(m_f->store()->childIds(conv, prompt), replies);
    QCOMPARE(contents(m_f->store(), replies), texts);
    QCOMPARE(states(m_f->store(), replies), QStringList(3, QStringLiteral("complete")));
    QCOMPARE(m_f->shown(), QStringList({QStringLiteral("Q"), QStringLiteral("Red apple")}));
    QCOMPARE(m_f->siblings(1), QStringLiteral("1/3"));
    QVERIFY(m_f->model()->showSibling(first, +2));
    QCOMPARE(m_f->shown(), QStringList({QStringLiteral("Q"), QStringLiteral("Blue sky ☁")}));
}

void TestAlternatives::threeSiblingRepliesFromCompletions()
{
    editProfile(*m_f, [](ProviderProfile &p) { p.kind = QStringLiteral("completions"); });
    m_f->server()->route("POST", "/v1/completions",
                         Response::sse({readFixture(QStringLiteral("openai_n3_interleaved.sse"))}));
    qint64 conv = 0;
    const qint64 prompt = sendQ(&conv);
    QVERIFY(m_f->waitFinalized(3));
    QCOMPARE(m_f->server()->requests().first().path, QByteArray("/v1/completions"));

    const QVector<qint64> replies = m_f->store()->childIds(conv, prompt);
    QCOMPARE(replies.size(), 3);
    // Alternative 1 sends text before alternative 2 in the transcript, so it is created first.
    QCOMPARE(contents(m_f->store(), replies),
             QStringList({QStringLiteral(" Paris is the capital."),
                          QStringLiteral(" Lyon était une capitale romaine."),
                          QStringLiteral("\n\nParis, France")}));
    QCOMPARE(finishReasons(m_f->store(), replies),
             QStringList({QStringLiteral("stop"), QStringLiteral("stop"), QStringLiteral("length")}));
    QCOMPARE(m_f->store()->conversation(conv).currentLeafId, replies.first());
    QCOMPARE(m_f->store()->message(replies.first()).usage.completionTokens, 16);
}

void TestAlternatives::failedAlternativeKeepsItsText()
{
    Response broken = Response::sse(threeReplies(false), 2);
    broken.end = Response::Reset;
    m_f->queue(broken);
    qint64 conv = 0;
    const qint64 prompt = sendQ(&conv);
    QVERIFY(m_f->waitFinalized(3));

    const QVector<qint64> replies = m_f->store()->childIds(conv, prompt);
    QCOMPARE(replies.size(), 3);
    const QStringList partial{QStringLiteral("Red apple"), QStringLiteral("Green"),
                              QStringLiteral("Blue sky ☁")};
    QCOMPARE(contents(m_f->store(), replies), partial);
    QCOMPARE(states(m_f->store(), replies), QStringList(3, QStringLiteral("interrupted")));
    for (qint64 id : replies)
        QVERIFY2(!m_f->store()->message(id).errorText.isEmpty(), qPrintable(QString::number(id)));

    QVERIFY(m_f->restart());
    QCOMPARE(contents(m_f->store(), replies), partial);
    QCOMPARE(states(m_f->store(), replies), QStringList(3, QStringLiteral("interrupted")));
}

// Crash safety: what arrived is in the database while the request still streams, and a
// restart finds every alternative (the app ended the stream as interrupted on its way out).
void TestAlternatives::alternativesAreStoredWhileTheyStream()
{
    m_f->chat()->setPersistIntervalMs(20);
    Response hanging = Response::sse(threeReplies(false), 2);
    hanging.end = Response::Hang;
    m_f->queue(hanging);
    qint64 conv = 0;
    const qint64 prompt = sendQ(&conv);

    QVERIFY(QTest::qWaitFor(
        [&] {
            const QVector<qint64> ids = m_f->store()->childIds(conv, prompt);
            return ids.size() == 3 && contents(m_f->store(), ids) ==
                                          QStringList({QStringLiteral("Red apple"), QStringLiteral("Green"),
                                                       QStringLiteral("Blue sky ☁")});
        },
        10000));
    const QVector<qint64> replies = m_f->store()->childIds(conv, prompt);
    QCOMPARE(states(m_f->store(), replies), QStringList(3, QStringLiteral("streaming")));
    QVERIFY(m_f->chat()->isStreaming(conv));
    QCOMPARE(m_f->store()->conversation(conv).currentLeafId, replies.first());

    QVERIFY(m_f->restart());
    QCOMPARE(states(m_f->store(), replies), QStringList(3, QStringLiteral("interrupted")));
    QCOMPARE(contents(m_f->store(), replies).at(2), QStringLiteral("Blue sky ☁"));
    QCOMPARE(m_f->siblings(1), QStringLiteral("1/3"));
}

void TestAlternatives::stopEndsTheAlternativesToo()
{
    Response hanging = Response::sse(threeReplies(false), 2);
    hanging.end = Response::Hang;
    m_f->queue(hanging);
    qint64 conv = 0;
    const qint64 prompt = sendQ(&conv);
    QVERIFY(QTest::qWaitFor([&] { return m_f->store()->childIds(conv, prompt).size() == 3; }, 10000));
    m_f->chat()->stop(conv);
    QVERIFY(m_f->waitFinalized(3));
    const QVector<qint64> replies = m_f->store()->childIds(conv, prompt);
    QCOMPARE(states(m_f->store(), replies), QStringList(3, QStringLiteral("interrupted")));
    QVERIFY(!m_f->store()->message(replies.at(1)).content.isEmpty());
}

void TestAlternatives::deletingAnAlternativeStopsTheReply()
{
    Response hanging = Response::sse(threeReplies(false), 2);
    hanging.end = Response::Hang;
    m_f->queue(hanging);
    qint64 conv = 0;
    const qint64 prompt = sendQ(&conv);
    QVERIFY(QTest::qWaitFor([&] { return m_f->store()->childIds(conv, prompt).size() == 3; }, 10000));
    const QVector<qint64> replies = m_f->store()->childIds(conv, prompt);
    QVERIFY(m_f->chat()->deleteMessage(replies.at(2)));
    QVERIFY(!m_f->chat()->isStreaming(conv));
    QCOMPARE(m_f->store()->childIds(conv, prompt), replies.mid(0, 2));
    QCOMPARE(m_f->store()->message(replies.at(2)).id, 0);
}

void TestAlternatives::oneReplyWithoutN()
{
    editProfile(*m_f, [](ProviderProfile &p) { p.params.n.reset(); });
    // A server that sends a second choice anyway: it is not stored.
    m_f->queue(Response::sse(threeReplies(true), 1));
    qint64 conv = 0;
    const qint64 prompt = sendQ(&conv);
    QVERIFY(m_f->waitFinalized(1));
    QTest::qWait(50);
    QCOMPARE(m_f->finalizedCount(), 1);
    QVERIFY(!QJsonDocument::fromJson(m_f->server()->requests().first().body)
                 .object()
                 .contains(QLatin1String("n")));
    const QVector<qint64> replies = m_f->store()->childIds(conv, prompt);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(m_f->store()->message(replies.first()).content, QStringLiteral("Red apple"));
}

// A raw completion continues the text itself: the prompt with the partial reply after it, no
// instruction, and one reply (the one being continued) whatever n says.
void TestAlternatives::rawContinuationSendsPromptAndPartialReply()
{
    editProfile(*m_f, [](ProviderProfile &p) { p.kind = QStringLiteral("completions"); });
    m_f->server()->route("POST", "/v1/completions",
                         Response::sse({readFixture(QStringLiteral("vllm_length.sse"))}));
    // The continuation's answer: each request takes the next response.
    m_f->server()->route(
        "POST", "/v1/completions",
        Response::sse({QByteArrayLiteral("data: {\"choices\":[{\"text\":\" away\",\"index\":0,"
                                         "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")}));
    qint64 prompt = 0;
    const qint64 conv = m_f->chat()->send(0, QStringLiteral("Once"), &prompt);
    m_f->openModel(conv);
    QVERIFY(m_f->waitFinalized(1));
    const qint64 reply = m_f->lastFinalized();
    const Message cut = m_f->store()->message(reply);
    QCOMPARE(cut.finishReason, QStringLiteral("length"));
    QCOMPARE(cut.content, QStringLiteral(" upon a time, in a land far,"));
    QVERIFY(m_f->chat()->canContinue(cut));

    QVERIFY(m_f->chat()->continueReply(reply));
    QVERIFY(m_f->waitFinalized(2));
    QCOMPARE(m_f->server()->requests().size(), 2);
    const QJsonObject body = QJsonDocument::fromJson(m_f->server()->requests().at(1).body).object();
    QCOMPARE(body.value(QLatin1String("prompt")).toString(),
             QStringLiteral("Once upon a time, in a land far,"));
    QVERIFY(!body.contains(QLatin1String("n")));
    QCOMPARE(m_f->store()->message(reply).content, QStringLiteral(" upon a time, in a land far, away"));
    QCOMPARE(m_f->store()->childIds(conv, prompt).size(), 1);
}

// Several choices in one chunk (as a non-streamed body has them): every one, in the chunk's
// order, each with its index; the reply counts as finished only when choice 0 is.
void TestAlternatives::chatDecoderReportsEveryChoice()
{
    const QString data = QStringLiteral(
        R"({"choices":[{"index":1,"delta":{"content":"B"},"finish_reason":"stop"},)"
        R"({"index":0,"delta":{"reasoning_content":"r","content":"A"},"finish_reason":null},)"
        R"({"index":2,"delta":{"content":"C"},"finish_reason":null}],"usage":{"total_tokens":5}})");
    OpenAiStreamDecoder decoder;
    decoder.setAllChoices(true);
    const QVector<ChatStreamEvent> events =
        decoder.decode(SseEvent{QStringLiteral("message"), data, QString()});
    QStringList got;
    for (const ChatStreamEvent &e : events)
        got << QStringLiteral("%1:%2:%3").arg(e.index).arg(int(e.kind)).arg(e.text);
    const QStringList expected{QStringLiteral("1:%1:B").arg(int(ChatStreamEvent::Content)),
                               QStringLiteral("1:%1:stop").arg(int(ChatStreamEvent::Finish)),
                               QStringLiteral("0:%1:r").arg(int(ChatStreamEvent::Reasoning)),
                               QStringLiteral("0:%1:A").arg(int(ChatStreamEvent::Content)),
                               QStringLiteral("2:%1:C").arg(int(ChatStreamEvent::Content)),
                               QStringLiteral("0:%1:").arg(int(ChatStreamEvent::Usage))};
    QCOMPARE(got, expected);
    QVERIFY(!decoder.sawFinishReason());

    // Without setAllChoices the same chunk is choice 0 alone, as before.
    OpenAiStreamDecoder single;
    QCOMPARE(single.decode(SseEvent{QStringLiteral("message"), data, QString()}).size(), 3);
}

void TestAlternatives::samplingFieldRoundTrip_data()
{
    QTest::addColumn<SamplingParams>("params");
    QTest::addColumn<int>("shown");
    SamplingParams unset;
    QTest::newRow("unset") << unset << 0;
    for (int n : {1, 3, 8}) {
        SamplingParams p;
        p.n = n;
        p.temperature = 0.5;
        QTest::addRow("n=%d", n) << p << n;
    }
}

void TestAlternatives::samplingFieldRoundTrip()
{
    QFETCH(SamplingParams, params);
    QFETCH(int, shown);
    QWidget host;
    SamplingFields fields(&host);
    QCOMPARE(fields.alternatives()->objectName(), QStringLiteral("alternativesSpin"));
    QCOMPARE(fields.alternatives()->maximum(), 8);
    fields.setParams(params);
    QCOMPARE(fields.alternatives()->value(), shown);
    QVERIFY(fields.params(params) == params);
    QCOMPARE(fields.params().n, params.n);
    // Typed by the person: more than 8 is not offered.
    fields.alternatives()->setValue(12);
    QCOMPARE(fields.params().n, std::optional<int>(8));
}

void TestAlternatives::samplingFieldNamesItsFallback()
{
    QWidget host;
    SamplingFields fields(&host);
    fields.setParams({});
    QCOMPARE(fields.alternatives()->text(), QStringLiteral("One reply"));
    SamplingParams profile;
    profile.n = 4;
    fields.setFallback(profile);
    QCOMPARE(fields.alternatives()->text(), QStringLiteral("Profile default (4)"));
    QVERIFY(!fields.params().n); // the fallback is shown, never copied in
}

QTEST_MAIN(TestAlternatives)
#include "tst_alternatives.moc"
