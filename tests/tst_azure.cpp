// Azure OpenAI: the deployment URL with its api-version, the api-key header instead of
// Authorization, the OpenAI stream read as for OpenAI, and the model list that is not offered.
#include "net/AzureProvider.h"
#include "net/ProviderFactory.h"
#include "net/ProviderPresets.h"
#include "support/ChatJobRecorder.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

ProviderProfile azureProfile(const QUrl &endpoint, const QString &deployment, const QString &apiVersion = {})
{
    ProviderProfile p = testProfile(endpoint);
    p.kind = QStringLiteral("azure");
    p.model.clear();
    p.deployment = deployment;
    p.apiVersion = apiVersion;
    return p;
}

} // namespace

class TestAzure : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chatUrl_data();
    void chatUrl();
    void requestOnTheWire_data();
    void requestOnTheWire();
    void noKeyNoHeader();
    void httpErrorsAreTyped();
    void modelListIsEmptyAndSendsNothing();
    void modelListAbort();
    // The presets, the Azure one among them (kept here rather than in a file of their own).
    void presets_data();
    void presets();
    void presetOrderAndIds();

private:
    QNetworkAccessManager m_nam;
};

void TestAzure::chatUrl_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QString>("expected");

    const QString def = QString::fromLatin1(AzureProvider::DefaultApiVersion);
    QTest::newRow("portal endpoint, default version")
        << "https://contoso.openai.azure.com/"
        << "gpt-4o-prod" << QString()
        << "https://contoso.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=" +
               def;
    QTest::newRow("no trailing slash, own version")
        << "https://contoso.openai.azure.com"
        << "gpt-4o-prod"
        << "2025-01-01-preview"
        << "https://contoso.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions"
           "?api-version=2025-01-01-preview";
    QTest::newRow("pasted with /openai")
        << "https://contoso.openai.azure.com/openai/"
        << "d1"
        << "2024-06-01"
        << "https://contoso.openai.azure.com/openai/deployments/d1/chat/completions?api-version=2024-06-01";
    QTest::newRow("gateway path and query kept, its api-version replaced")
        << "https://gw.example.com/azure/?tenant=a&api-version=1999-01-01"
        << "d2" << QString()
        << "https://gw.example.com/azure/openai/deployments/d2/chat/completions?tenant=a&api-version=" + def;
    QTest::newRow("deployment is one encoded segment")
        << "https://contoso.openai.azure.com"
        << " my dep/x?y " << QString()
        << "https://contoso.openai.azure.com/openai/deployments/my%20dep%2Fx%3Fy/chat/"
           "completions?api-version=" +
               def;
}

void TestAzure::chatUrl()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, deployment);
    QFETCH(QString, apiVersion);
    QFETCH(QString, expected);
    const QUrl url = AzureProvider::chatUrl(azureProfile(QUrl(endpoint), deployment, apiVersion));
    QCOMPARE(url.toString(QUrl::FullyEncoded), expected);
}

void TestAzure::requestOnTheWire_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QByteArray>("expectedQuery");
    QTest::addColumn<QString>("expectedModel");
    QTest::newRow("default version, model from the deployment")
        << QString() << QString() << QByteArray("api-version=") + AzureProvider::DefaultApiVersion
        << QStringLiteral("gpt-4o-prod");
    QTest::newRow("own version, own model name")
        << QStringLiteral("2024-08-01-preview") << QStringLiteral("gpt-4o")
        << QByteArray("api-version=2024-08-01-preview") << QStringLiteral("gpt-4o");
}

void TestAzure::requestOnTheWire()
{
    QFETCH(QString, apiVersion);
    QFETCH(QString, model);
    QFETCH(QByteArray, expectedQuery);
    QFETCH(QString, expectedModel);

    TestHttpServer server;
    QVERIFY(server.listen());
    const QByteArray path = "/openai/deployments/gpt-4o-prod/chat/completions";
    server.route("POST", path, Response::sse(openai::helloWorldStream()));
    QUrl endpoint = server.baseUrl();
    endpoint.setPath(QString());

    ProviderProfile profile = azureProfile(endpoint, QStringLiteral("gpt-4o-prod"), apiVersion);
    const std::unique_ptr<Provider> provider = createProvider(&m_nam, profile, QStringLiteral("azure-key-1"));
    QVERIFY(provider);
    ChatRequest request = testRequest();
    request.model = model;
    request.systemPrompt = QStringLiteral("Be brief.");
    request.params.temperature = 0.25;
    std::unique_ptr<ChatJob> job(provider->startChat(request, nullptr));
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    // The stream is OpenAI's and reads the same.
    QCOMPARE(rec.content, QStringLiteral("Hello world"));
    QCOMPARE(rec.finishReasons, QStringList{QStringLiteral("stop")});
    QCOMPARE(rec.usages.size(), 1);

    QCOMPARE(server.requests().size(), 1);
    const ReceivedRequest r = server.requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, path + '?' + expectedQuery);
    QCOMPARE(r.header("api-key"), QByteArray("azure-key-1"));
    QVERIFY(!r.hasHeader("Authorization"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r.header("Accept"), QByteArray("text/event-stream"));

    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(body.value(QLatin1String("model")).toString(), expectedModel);
    QCOMPARE(body.value(QLatin1String("stream")), QJsonValue(true));
    QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.25);
    const QJsonArray messages = body.value(QLatin1String("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages.at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
    QCOMPARE(messages.at(1).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Hi"));
}

void TestAzure::noKeyNoHeader()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/openai/deployments/d/chat/completions", Response::sse(openai::helloWorldStream()));
    QUrl endpoint = server.baseUrl();
    endpoint.setPath(QString());
    AzureProvider provider(&m_nam, azureProfile(endpoint, QStringLiteral("d")), QString());
    std::unique_ptr<ChatJob> job(provider.startChat(testRequest(), nullptr));
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    QCOMPARE(rec.content, QStringLiteral("Hello world"));
    const ReceivedRequest r = server.requests().first();
    QVERIFY(!r.hasHeader("api-key"));
    QVERIFY(!r.hasHeader("Authorization"));
}

// Azure's error bodies have OpenAI's shape; a wrong deployment is a 404.
void TestAzure::httpErrorsAreTyped()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/openai/deployments/missing/chat/completions",
                 Response::json(404, R"({"error":{"code":"DeploymentNotFound","message":"The API deployment )"
                                     R"(for this resource does not exist."}})"));
    QUrl endpoint = server.baseUrl();
    endpoint.setPath(QString());
    AzureProvider provider(&m_nam, azureProfile(endpoint, QStringLiteral("missing")), QStringLiteral("k"));
    std::unique_ptr<ChatJob> job(provider.startChat(testRequest(), nullptr));
    ChatJobRecorder rec(job.get());
    QVERIFY(rec.waitForTerminal());
    QCOMPARE(rec.errors.size(), 1);
    QCOMPARE(rec.errors.first().code, JobError::NotFound);
    QCOMPARE(rec.errors.first().httpStatus, 404);
    // The key never shows up in what the person can read.
    QVERIFY(!rec.errors.first().detailText().contains(QLatin1String("api-key")));
}

void TestAzure::modelListIsEmptyAndSendsNothing()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    QUrl endpoint = server.baseUrl();
    endpoint.setPath(QString());
    AzureProvider provider(&m_nam, azureProfile(endpoint, QStringLiteral("d")), QStringLiteral("k"));
    std::unique_ptr<ModelListJob> job(provider.listModels(nullptr));
    QSignalSpy finished(job.get(), &ModelListJob::finished);
    QSignalSpy failed(job.get(), &ModelListJob::failed);
    QCOMPARE(finished.count(), 0); // from the event loop, as for every job
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toStringList(), QStringList());
    QCOMPARE(failed.count(), 0);
    QCOMPARE(server.requests().size(), 0);
}

void TestAzure::modelListAbort()
{
    AzureProvider provider(
        &m_nam, azureProfile(QUrl(QStringLiteral("https://x.invalid")), QStringLiteral("d")), QString());
    std::unique_ptr<ModelListJob> job(provider.listModels(nullptr));
    QSignalSpy finished(job.get(), &ModelListJob::finished);
    QSignalSpy failed(job.get(), &ModelListJob::failed);
    job->abort();
    job->abort();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).value<JobError>().code, JobError::Cancelled);
    QTest::qWait(20); // nothing may follow from the event loop
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 1);
}

void TestAzure::presets_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("needsKey");
    QTest::addColumn<bool>("hasModel");
    QTest::newRow("openai") << "openai"
                            << "openai"
                            << "https://api.openai.com/v1" << true << true;
    QTest::newRow("deepseek") << "deepseek"
                              << "openai"
                              << "https://api.deepseek.com/v1" << true << true;
    QTest::newRow("openrouter") << "openrouter"
                                << "openai"
                                << "https://openrouter.ai/api/v1" << true << false;
    QTest::newRow("groq") << "groq"
                          << "openai"
                          << "https://api.groq.com/openai/v1" << true << true;
    QTest::newRow("mistral") << "mistral"
                             << "openai"
                             << "https://api.mistral.ai/v1" << true << true;
    QTest::newRow("gemini") << "gemini"
                            << "openai"
                            << "https://generativelanguage.googleapis.com/v1beta/openai" << true << true;
    QTest::newRow("ollama") << "ollama"
                            << "openai"
                            << "http://localhost:11434/v1" << false << true;
    QTest::newRow("lmstudio") << "lmstudio"
                              << "openai"
                              << "http://localhost:1234/v1" << false << false;
    QTest::newRow("llamacpp") << "llamacpp"
                              << "openai"
                              << "http://localhost:8080/v1" << false << false;
    QTest::newRow("vllm") << "vllm"
                          << "openai"
                          << "http://localhost:8000/v1" << false << false;
    QTest::newRow("llamacpp-raw") << "llamacpp-raw"
                                  << "completions"
                                  << "http://localhost:8080/v1" << false << false;
    QTest::newRow("anthropic") << "anthropic"
                               << "anthropic"
                               << "https://api.anthropic.com/v1" << true << true;
    QTest::newRow("azure") << "azure"
                           << "azure"
                           << "https://your-resource.openai.azure.com" << true << false;
    QTest::newRow("custom") << "custom"
                            << "openai" << QString() << true << false;
}

void TestAzure::presets()
{
    QFETCH(QString, id);
    QFETCH(QString, kind);
    QFETCH(QString, url);
    QFETCH(bool, needsKey);
    QFETCH(bool, hasModel);
    const ProviderPreset p = providerPreset(id);
    QCOMPARE(p.id, id);
    QVERIFY(!p.name.isEmpty());
    QCOMPARE(p.kind, kind);
    QCOMPARE(p.baseUrl.toString(), url);
    QCOMPARE(p.needsKey, needsKey);
    QCOMPARE(!p.suggestedModel.isEmpty(), hasModel);
    // Every kind a preset names has a provider.
    ProviderProfile profile = testProfile(QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    profile.kind = p.kind;
    QVERIFY(createProvider(&m_nam, profile, QString()) != nullptr);
}

void TestAzure::presetOrderAndIds()
{
    const QVector<ProviderPreset> all = providerPresets();
    QStringList ids;
    for (const ProviderPreset &p : all)
        ids << p.id;
    // The setup page's keyboard shortcuts (Home, End) and its preselection rely on these.
    QCOMPARE(ids.first(), QStringLiteral("openai"));
    QCOMPARE(ids.last(), QStringLiteral("custom"));
    QVERIFY(ids.contains(QStringLiteral("ollama")));
    QCOMPARE(ids.removeDuplicates(), 0);
    QCOMPARE(ids.size(), 14);
    QVERIFY(providerPreset(QStringLiteral("no-such-preset")).id.isEmpty());
}

QTEST_GUILESS_MAIN(TestAzure)
#include "tst_azure.moc"
