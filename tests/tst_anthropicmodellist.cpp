// AnthropicModelListJob: GET {base}/models with the Messages API's headers against a loopback
// server, its pages, and typed failures.
#include "net/AnthropicModelListJob.h"
#include "net/AnthropicProvider.h"
#include "support/AnthropicFixtures.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QNetworkAccessManager>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

Q_DECLARE_METATYPE(penpal::JobError::Code)

namespace {

struct Outcome {
    QVector<QStringList> lists;
    QVector<JobError> errors;
    int terminalCount() const { return int(lists.size() + errors.size()); }
};

QByteArray model(const QByteArray &id, const QByteArray &name)
{
    return R"({"type":"model","id":")" + id + R"(","display_name":")" + name +
           R"(","created_at":"2025-05-22T00:00:00Z"})";
}

QByteArray page(const QList<QByteArray> &models, bool hasMore, const QByteArray &firstId,
                const QByteArray &lastId)
{
    return R"({"data":[)" + models.join(',') + R"(],"has_more":)" + (hasMore ? "true" : "false") +
           R"(,"first_id":")" + firstId + R"(","last_id":")" + lastId + R"("})";
}

} // namespace

class AnthropicModelListTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsePage_data();
    void parsePage();
    void listsModels_data();
    void listsModels();
    void followsPages();
    void failures_data();
    void failures();
    void abortIsCancelledOnce();

private:
    std::unique_ptr<ModelListJob> start(const QUrl &base, const QString &key, Outcome *out,
                                        const QString &apiVersion = QString());
    QNetworkAccessManager m_nam;
};

std::unique_ptr<ModelListJob> AnthropicModelListTest::start(const QUrl &base, const QString &key,
                                                            Outcome *out, const QString &apiVersion)
{
    ProviderProfile profile = testProfile(base);
    profile.kind = QStringLiteral("anthropic");
    profile.apiVersion = apiVersion;
    AnthropicProvider provider(&m_nam, profile, key);
    std::unique_ptr<ModelListJob> job(provider.listModels(nullptr));
    connect(job.get(), &ModelListJob::finished, this, [out](const QStringList &l) { out->lists << l; });
    connect(job.get(), &ModelListJob::failed, this, [out](const JobError &e) { out->errors << e; });
    return job;
}

void AnthropicModelListTest::parsePage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("hasMore");
    QTest::addColumn<QString>("lastId");

    QTest::newRow("documented page") << page({model("claude-opus-4-20250514", "Claude Opus 4"),
                                              model("claude-sonnet-4-20250514", "Claude Sonnet 4")},
                                             false, "claude-opus-4-20250514", "claude-sonnet-4-20250514")
                                     << true
                                     << QStringList{"claude-opus-4-20250514", "claude-sonnet-4-20250514"}
                                     << false << "claude-sonnet-4-20250514";
    QTest::newRow("server order kept, duplicates and blanks dropped")
        << QByteArray(R"({"data":[{"id":"b"},{"id":"a"},{"id":"b"},{"id":" "},{"name":"x"}],"has_more":true,)"
                      R"("last_id":"a"})")
        << true << QStringList{"b", "a"} << true << "a";
    QTest::newRow("empty list") << QByteArray(
                                       R"({"data":[],"has_more":false,"first_id":null,"last_id":null})")
                                << true << QStringList{} << false << "";
    QTest::newRow("no data") << QByteArray(R"({"models":[{"name":"a"}]})") << false << QStringList{} << false
                             << "";
    QTest::newRow("not json") << QByteArray("<html>nope</html>") << false << QStringList{} << false << "";
}

void AnthropicModelListTest::parsePage()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QStringList, ids);
    QFETCH(bool, hasMore);
    QFETCH(QString, lastId);
    bool parsedOk = !ok;
    const AnthropicModelListJob::Page p = AnthropicModelListJob::parsePage(body, &parsedOk);
    QCOMPARE(parsedOk, ok);
    QCOMPARE(p.ids, ids);
    QCOMPARE(p.hasMore, hasMore);
    QCOMPARE(p.lastId, lastId);
}

void AnthropicModelListTest::listsModels_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QByteArray>("expectedVersion");
    QTest::newRow("key, default version") << "sk-ant-1"
                                          << "" << QByteArray("2023-06-01");
    QTest::newRow("no key, own version") << ""
                                         << "2024-10-22" << QByteArray("2024-10-22");
}

void AnthropicModelListTest::listsModels()
{
    QFETCH(QString, key);
    QFETCH(QString, apiVersion);
    QFETCH(QByteArray, expectedVersion);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/v1/models",
                 Response::json(200, page({model("claude-opus-4-20250514", "Claude Opus 4"),
                                           model("claude-3-5-haiku-20241022", "Claude Haiku 3.5")},
                                          false, "claude-opus-4-20250514", "claude-3-5-haiku-20241022")));
    Outcome out;
    auto job = start(server.baseUrl(), key, &out, apiVersion);
    QTRY_COMPARE(out.terminalCount(), 1);
    QCOMPARE(out.errors.size(), 0);
    QCOMPARE(out.lists.first(), (QStringList{"claude-opus-4-20250514", "claude-3-5-haiku-20241022"}));

    QCOMPARE(server.requests().size(), 1);
    const ReceivedRequest r = server.requests().first();
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.path, QByteArray("/v1/models?limit=1000"));
    QCOMPARE(r.hasHeader("x-api-key"), !key.isEmpty());
    QCOMPARE(r.header("x-api-key"), key.toUtf8());
    QCOMPARE(r.header("anthropic-version"), expectedVersion);
    QVERIFY(!r.hasHeader("Authorization"));
}

void AnthropicModelListTest::followsPages()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/v1/models",
                 Response::json(200, page({model("m1", "M1"), model("m2", "M2")}, true, "m1", "m2")));
    server.route("GET", "/v1/models", Response::json(200, page({model("m3", "M3")}, false, "m3", "m3")));
    Outcome out;
    auto job = start(server.baseUrl(), QStringLiteral("k"), &out);
    QTRY_COMPARE(out.terminalCount(), 1);
    QCOMPARE(out.errors.size(), 0);
    QCOMPARE(out.lists.first(), (QStringList{"m1", "m2", "m3"}));
    const QVector<ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[1].path, QByteArray("/v1/models?limit=1000&after_id=m2"));
}

void AnthropicModelListTest::failures_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<JobError::Code>("code");
    QTest::addColumn<QString>("serverMessage");

    QTest::newRow("401") << Response::json(
                                401, test::anthropic::errorBody("authentication_error", "invalid x-api-key"))
                         << JobError::Unauthorized << "invalid x-api-key";
    Response overloaded = Response::json(529, test::anthropic::errorBody("overloaded_error", "Overloaded"));
    overloaded.reason = "Overloaded";
    QTest::newRow("529") << overloaded << JobError::ServerError << "Overloaded";
    QTest::newRow("not a list") << Response::json(200, R"({"hello":1})") << JobError::BadResponse << "";
}

void AnthropicModelListTest::failures()
{
    QFETCH(Response, response);
    QFETCH(JobError::Code, code);
    QFETCH(QString, serverMessage);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/v1/models", response);
    Outcome out;
    auto job = start(server.baseUrl(), QStringLiteral("k"), &out);
    QTRY_COMPARE(out.terminalCount(), 1);
    QTest::qWait(50);
    QCOMPARE(out.terminalCount(), 1);
    QCOMPARE(out.errors.size(), 1);
    QCOMPARE(out.errors.first().code, code);
    QCOMPARE(out.errors.first().serverMessage, serverMessage);
    QVERIFY2(out.errors.first().details.contains(QLatin1String("/v1/models")),
             qPrintable(out.errors.first().details));
}

void AnthropicModelListTest::abortIsCancelledOnce()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response slow = Response::json(200, page({model("m1", "M1")}, false, "m1", "m1"));
    slow.headerDelayMs = 60000;
    server.route("GET", "/v1/models", slow);
    Outcome out;
    auto job = start(server.baseUrl(), QStringLiteral("k"), &out);
    QTRY_COMPARE(server.requests().size(), 1);
    job->abort();
    job->abort();
    QCOMPARE(out.terminalCount(), 1);
    QCOMPARE(out.errors.first().code, JobError::Cancelled);
    QTest::qWait(50);
    QCOMPARE(out.terminalCount(), 1);
}

QTEST_GUILESS_MAIN(AnthropicModelListTest)
#include "tst_anthropicmodellist.moc"
