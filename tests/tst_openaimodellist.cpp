// OpenAiModelListJob: GET {base}/models against a loopback server, the body shapes servers
// use, and typed failures.
#include "net/OpenAiModelListJob.h"
#include "net/OpenAiProvider.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
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

} // namespace

class OpenAiModelListTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseModels_data();
    void parseModels();
    void listsModels_data();
    void listsModels();
    void failures_data();
    void failures();
    void abortIsCancelledOnce();

private:
    std::unique_ptr<ModelListJob> start(const QUrl &base, const QString &key, Outcome *out);
    QNetworkAccessManager m_nam;
};

std::unique_ptr<ModelListJob> OpenAiModelListTest::start(const QUrl &base, const QString &key, Outcome *out)
{
    OpenAiProvider provider(&m_nam, testProfile(base), key);
    std::unique_ptr<ModelListJob> job(provider.listModels(nullptr));
    connect(job.get(), &ModelListJob::finished, this, [out](const QStringList &l) { out->lists << l; });
    connect(job.get(), &ModelListJob::failed, this, [out](const JobError &e) { out->errors << e; });
    return job;
}

void OpenAiModelListTest::parseModels_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("models");

    QTest::newRow("openai") << QByteArray(R"({"object":"list","data":[{"id":"gpt-4o","object":"model"},)"
                                          R"({"id":"gpt-4o-mini","object":"model"},{"id":"dall-e-3"}]})")
                            << true << QStringList{"dall-e-3", "gpt-4o", "gpt-4o-mini"};
    QTest::newRow("ollama native") << QByteArray(R"({"models":[{"name":"qwen2.5:7b","model":"qwen2.5:7b"},)"
                                                 R"({"name":"llama3.2:3b","size":2019393189}]})")
                                   << true << QStringList{"llama3.2:3b", "qwen2.5:7b"};
    QTest::newRow("duplicates and blanks")
        << QByteArray(R"({"data":[{"id":"b"},{"id":"a"},{"id":"b"},{"id":""},{}]})") << true
        << QStringList{"a", "b"};
    QTest::newRow("bare strings") << QByteArray(R"({"data":["m2","m1"]})") << true << QStringList{"m1", "m2"};
    QTest::newRow("empty list") << QByteArray(R"({"data":[]})") << true << QStringList{};
    QTest::newRow("not a list") << QByteArray(R"({"object":"model","id":"x"})") << false << QStringList{};
    QTest::newRow("not json") << QByteArray("<html>hi</html>") << false << QStringList{};
}

void OpenAiModelListTest::parseModels()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QStringList, models);
    bool parsedOk = !ok;
    QCOMPARE(OpenAiModelListJob::parseModels(body, &parsedOk), models);
    QCOMPARE(parsedOk, ok);
}

void OpenAiModelListTest::listsModels_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("basePath");
    QTest::newRow("key, /v1") << "sk-abc"
                              << "/v1";
    QTest::newRow("no key, /v1/") << ""
                                  << "/v1/";
}

void OpenAiModelListTest::listsModels()
{
    QFETCH(QString, key);
    QFETCH(QString, basePath);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/v1/models",
                 Response::json(200, R"({"object":"list","data":[{"id":"zeta"},{"id":"alpha"}]})"));
    QUrl base = server.baseUrl();
    base.setPath(basePath);
    Outcome out;
    auto job = start(base, key, &out);
    QVERIFY(QTest::qWaitFor([&] { return out.terminalCount() > 0; }, 15000));
    QTest::qWait(50);
    QCOMPARE(out.terminalCount(), 1);
    QCOMPARE(out.lists.value(0), (QStringList{"alpha", "zeta"}));

    const QVector<ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("GET"));
    QCOMPARE(requests.first().path, QByteArray("/v1/models"));
    QCOMPARE(requests.first().hasHeader("Authorization"), !key.isEmpty());
    if (!key.isEmpty())
        QCOMPARE(requests.first().header("Authorization"), "Bearer " + key.toUtf8());
    QVERIFY(requests.first().body.isEmpty());
}

void OpenAiModelListTest::failures_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<bool>("serverDown");
    QTest::addColumn<JobError::Code>("code");
    QTest::addColumn<int>("status");

    QTest::newRow("401") << Response::json(401, R"({"error":{"message":"bad key"}})") << false
                         << JobError::Unauthorized << 401;
    QTest::newRow("404") << Response::json(404, R"({"error":"no such route"})") << false << JobError::NotFound
                         << 404;
    Response html = Response::json(200, "<html><body>Log in</body></html>");
    html.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("text/html"))};
    QTest::newRow("200 html") << html << false << JobError::BadResponse << 200;
    QTest::newRow("200 not a list") << Response::json(200, R"({"hello":1})") << false << JobError::BadResponse
                                    << 200;
    QTest::newRow("refused") << Response() << true << JobError::NetworkError << 0;
}

void OpenAiModelListTest::failures()
{
    QFETCH(Response, response);
    QFETCH(bool, serverDown);
    QFETCH(JobError::Code, code);
    QFETCH(int, status);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/v1/models", response);
    if (serverDown)
        server.close();
    Outcome out;
    auto job = start(server.baseUrl(), QStringLiteral("k"), &out);
    QVERIFY(QTest::qWaitFor([&] { return out.terminalCount() > 0; }, 15000));
    QTest::qWait(50);
    QCOMPARE(out.terminalCount(), 1);
    QCOMPARE(out.errors.size(), 1);
    QCOMPARE(out.errors.first().code, code);
    QCOMPARE(out.errors.first().httpStatus, status);
    QVERIFY(out.errors.first().details.contains(QLatin1String("/v1/models")));
    QVERIFY(!out.errors.first().userMessage().isEmpty());
}

void OpenAiModelListTest::abortIsCancelledOnce()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    Response hanging = Response::json(200, R"({"data":[)");
    hanging.end = Response::Hang;
    server.route("GET", "/v1/models", hanging);
    QSignalSpy received(&server, &TestHttpServer::requestReceived);
    Outcome out;
    auto job = start(server.baseUrl(), QString(), &out);
    QVERIFY(received.wait(15000));
    job->abort();
    job->abort();
    QTest::qWait(50);
    QCOMPARE(out.terminalCount(), 1);
    QCOMPARE(out.errors.value(0).code, JobError::Cancelled);
    QTRY_COMPARE(server.connectionCount(), 0);
}

QTEST_GUILESS_MAIN(OpenAiModelListTest)
#include "tst_openaimodellist.moc"
