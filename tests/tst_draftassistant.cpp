// DraftAssistant against a loopback OpenAI-compatible server: answers stream into proposals,
// several run at once and finish in any order, a failure reads as a sentence and Retry
// recovers, Cancel stops one without touching the others, Translate takes the store's glossary.
#include "TestContext.h"
#include "TestHttpServer.h"
#include "draft/DraftAssistant.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "store/Store.h"
#include "translate/Glossary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QJsonArray messagesOf(const ReceivedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("messages")).toArray();
}

// The selection a rewrite request is about.
QString selectionOf(const ReceivedRequest &r)
{
    const QString user = messagesOf(r).last().toObject().value(QStringLiteral("content")).toString();
    static const QRegularExpression re(
        QStringLiteral("<(?:selection|source)>\\n(.*)\\n</(?:selection|source)>"),
        QRegularExpression::DotMatchesEverythingOption);
    return re.match(user).captured(1);
}

ProposalInput rewriteOf(const QString &selection)
{
    ProposalInput in;
    in.selection = selection;
    in.style = RewriteStyle::MoreFormal;
    return in;
}

} // namespace

class TestDraftAssistant : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void streamsIntoAProposal();
    void severalAtOnceFinishOutOfOrder();
    void failureIsHumanAndRetrySucceeds();
    void cancelStopsOnlyThatProposal();
    void translateTakesTheStoresGlossary();

private:
    QTemporaryDir *m_dir = nullptr;
    TestHttpServer *m_server = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    DraftAssistant *m_assistant = nullptr;
    QHash<QString, int> m_delay;        // selection -> delay per chunk (ms)
    QHash<QString, int> m_failuresLeft; // selection -> 401 answers before success
    QSet<QString> m_hang;
};

void TestDraftAssistant::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestHttpServer;
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_delay.clear();
    m_failuresLeft.clear();
    m_hang.clear();
    m_server->setResponder([this](const ReceivedRequest &r) {
        const QString selection = selectionOf(r);
        if (m_failuresLeft.value(selection) > 0) {
            --m_failuresLeft[selection];
            return Response::json(401, R"({"error":{"message":"bad key","type":"invalid_request_error"}})");
        }
        const QString answer = selection.toUpper();
        Response resp = Response::sse(
            openAiStream({QStringLiteral("Here is the text:\n"), answer.left(4), answer.mid(4)}, true),
            m_delay.value(selection, 0));
        if (m_hang.contains(selection)) {
            resp.body.resize(2); // the role chunk and the preamble, then silence
            resp.end = Response::Hang;
        }
        return resp;
    });
    m_assistant = new DraftAssistant(m_ctx->settings(), m_ctx->secrets(),
                                     [this](const ProviderProfile &p, const QString &key) {
                                         return createProvider(m_ctx->network(), p, key);
                                     });
    m_assistant->setStore(m_ctx->store());
}

void TestDraftAssistant::cleanup()
{
    delete m_assistant;
    m_ctx.reset();
    delete m_server;
    delete m_dir;
}

void TestDraftAssistant::streamsIntoAProposal()
{
    QSignalSpy updated(m_assistant, &DraftAssistant::proposalUpdated);
    QSignalSpy finished(m_assistant, &DraftAssistant::proposalFinished);
    const int id = m_assistant->propose(DraftAction::Rewrite, rewriteOf(QStringLiteral("hello there world")));
    QVERIFY(id > 0);
    QVERIFY(m_assistant->proposal(id));
    QCOMPARE(m_assistant->proposal(id)->state, Proposal::State::Streaming);
    QCOMPARE(m_assistant->proposal(id)->original, QStringLiteral("hello there world"));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), id);
    const Proposal *p = m_assistant->proposal(id);
    QCOMPARE(p->state, Proposal::State::Ready);
    // The preamble the model added is not part of the proposal.
    QCOMPARE(p->text, QStringLiteral("HELLO THERE WORLD"));
    QVERIFY(p->raw.startsWith(QStringLiteral("Here is")));
    QCOMPARE(p->instruction, QStringLiteral("Rewrite: more formal"));
    QVERIFY(updated.count() >= 1);
    // The request went out with the profile's model and the rewrite instruction.
    QCOMPARE(m_server->requests().size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(m_server->requests().first().body).object();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
    QVERIFY(QString::fromUtf8(m_server->requests().first().body).contains(QStringLiteral("more formal")));
}

void TestDraftAssistant::severalAtOnceFinishOutOfOrder()
{
    m_delay.insert(QStringLiteral("slow one"), 150);
    QSignalSpy finished(m_assistant, &DraftAssistant::proposalFinished);
    const int slow = m_assistant->propose(DraftAction::Rewrite, rewriteOf(QStringLiteral("slow one")));
    const int fast = m_assistant->propose(DraftAction::Rewrite, rewriteOf(QStringLiteral("fast one")));
    QVERIFY(slow != fast);
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(finished.at(0).first().toInt(), fast);
    QCOMPARE(finished.at(1).first().toInt(), slow);
    QCOMPARE(m_assistant->proposal(slow)->text, QStringLiteral("SLOW ONE"));
    QCOMPARE(m_assistant->proposal(fast)->text, QStringLiteral("FAST ONE"));
    QCOMPARE(m_assistant->proposalIds(), (QVector<int>{slow, fast}));
}

void TestDraftAssistant::failureIsHumanAndRetrySucceeds()
{
    m_failuresLeft.insert(QStringLiteral("try me"), 1);
    QSignalSpy failed(m_assistant, &DraftAssistant::proposalFailed);
    QSignalSpy finished(m_assistant, &DraftAssistant::proposalFinished);
    const int id = m_assistant->propose(DraftAction::Rewrite, rewriteOf(QStringLiteral("try me")));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).toInt(), id);
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("The API key was rejected."));
    QCOMPARE(m_assistant->proposal(id)->state, Proposal::State::Failed);
    QCOMPARE(m_assistant->proposal(id)->error, QStringLiteral("The API key was rejected."));
    QCOMPARE(finished.count(), 0);

    m_assistant->retry(id);
    QCOMPARE(m_assistant->proposal(id)->state, Proposal::State::Streaming);
    QVERIFY(m_assistant->proposal(id)->error.isEmpty());
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(m_assistant->proposal(id)->text, QStringLiteral("TRY ME"));
    QCOMPARE(m_assistant->proposal(id)->attempt, 2);
    QCOMPARE(failed.count(), 1);
}

void TestDraftAssistant::cancelStopsOnlyThatProposal()
{
    m_hang.insert(QStringLiteral("never ends"));
    QSignalSpy finished(m_assistant, &DraftAssistant::proposalFinished);
    QSignalSpy failed(m_assistant, &DraftAssistant::proposalFailed);
    const int hanging = m_assistant->propose(DraftAction::Rewrite, rewriteOf(QStringLiteral("never ends")));
    const int other = m_assistant->propose(DraftAction::Rewrite, rewriteOf(QStringLiteral("other text")));
    QTRY_VERIFY(!m_assistant->proposal(hanging)->raw.isEmpty()); // it is streaming
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().toInt(), other);

    m_assistant->cancel(hanging);
    QCOMPARE(m_assistant->proposal(hanging)->state, Proposal::State::Cancelled);
    QTRY_COMPARE(m_server->connectionCount(), 0); // the request was really dropped
    QCOMPARE(failed.count(), 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_assistant->proposal(other)->state, Proposal::State::Ready);

    m_assistant->discard(hanging);
    QVERIFY(!m_assistant->proposal(hanging));
    QCOMPARE(m_assistant->proposalIds(), QVector<int>{other});
}

void TestDraftAssistant::translateTakesTheStoresGlossary()
{
    QVERIFY(m_ctx->store()->setGlossary(
        QStringLiteral("en"), QStringLiteral("fr"),
        Glossary({{QStringLiteral("compost bin"), QStringLiteral("composteur")}})));
    ProposalInput in;
    in.selection = QStringLiteral("the compost bin");
    in.sourceLanguage = QStringLiteral("en");
    in.targetLanguage = QStringLiteral("fr");
    QSignalSpy finished(m_assistant, &DraftAssistant::proposalFinished);
    const int id = m_assistant->propose(DraftAction::Translate, in);
    QCOMPARE(m_assistant->proposal(id)->instruction, QStringLiteral("Translate to French"));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(m_assistant->proposal(id)->text, QStringLiteral("THE COMPOST BIN"));
    const QString system = messagesOf(m_server->requests().first())
                               .first()
                               .toObject()
                               .value(QStringLiteral("content"))
                               .toString();
    QVERIFY2(system.contains(QStringLiteral("compost bin → composteur")), qPrintable(system));
    QVERIFY(system.contains(QStringLiteral("into French")));
}

QTEST_MAIN(TestDraftAssistant)
#include "tst_draftassistant.moc"
