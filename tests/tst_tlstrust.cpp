// TLS errors always fail, except for the one certificate a profile trusts explicitly (pinned by
// its SHA-256): against a loopback https server with a self-signed fixture certificate.
#include "TestContext.h"
#include "TestHttpProxy.h"
#include "TestHttpServer.h"
#include "TestTlsServer.h"
#include "chat/AppContext.h"
#include "chat/ChatController.h"
#include "net/JobError.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "net/TlsProbe.h"
#include "net/TlsTrust.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

const QByteArray kPath = "/v1/chat/completions";
constexpr int kWaitMs = 20000;
const QByteArray kModels = R"({"object":"list","data":[{"id":"m1"},{"id":"m2"}]})";

// "A7:1D:..." spelled out here, not with TlsTrust, so that a wrong display fails the test.
QString colonHex(const QString &hex)
{
    QString out;
    for (int i = 0; i < hex.size(); i += 2) {
        if (i > 0)
            out += QLatin1Char(':');
        out += hex.mid(i, 2).toUpper();
    }
    return out;
}

} // namespace

class TestTlsTrust : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void normalizeAndDisplay_data();
    void normalizeAndDisplay();
    void chatOverTls_data();
    void chatOverTls();
    void modelListOverTls_data();
    void modelListOverTls();
    void trustedConnectionIsNotReusedWithoutTrust();
    void probeReadsCertificate_data();
    void probeReadsCertificate();
    void probeNeedsHttps();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<TestTlsServer> m_tls;
    QString m_serverSha;
    QString m_otherSha;
};

void TestTlsTrust::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_tls = std::make_unique<TestTlsServer>();
    QVERIFY(m_tls->listen(QStringLiteral("server.crt"), QStringLiteral("server.key"), m_server->port()));
    m_serverSha = TestTlsServer::fixtureSha256(QStringLiteral("server.crt"));
    m_otherSha = TestTlsServer::fixtureSha256(QStringLiteral("other.crt"));
    QCOMPARE(m_serverSha.size(), 64);
    QVERIFY(m_serverSha != m_otherSha);
}

void TestTlsTrust::cleanup()
{
    m_tls.reset();
    m_server.reset();
    m_dir.reset();
}

void TestTlsTrust::normalizeAndDisplay_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    const QString hex = QStringLiteral("a71d5d4d170e18e836d9e785ee653e5296b0cfc165104e43e2816f0d1374e0b1");
    QTest::newRow("lower hex") << hex << hex;
    QTest::newRow("openssl spelling") << colonHex(hex) << hex;
    QTest::newRow("spaces") << QStringLiteral(
                                   " A71D 5D4D 170E18E836D9E785EE653E5296B0CFC165104E43E2816F0D1374E0B1 ")
                            << hex;
    QTest::newRow("too short") << hex.left(62) << QString();
    QTest::newRow("not hex") << QString(hex).replace(0, 1, QLatin1Char('g')) << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestTlsTrust::normalizeAndDisplay()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QCOMPARE(TlsTrust::normalize(input), normalized);
    QCOMPARE(TlsTrust::display(input), normalized.isEmpty() ? QString() : colonHex(normalized));
}

void TestTlsTrust::chatOverTls_data()
{
    QTest::addColumn<QString>("trusted");
    QTest::addColumn<bool>("streams");
    QTest::newRow("nothing trusted") << QString() << false;
    QTest::newRow("its fingerprint") << m_serverSha << true;
    QTest::newRow("its fingerprint, as openssl prints it") << colonHex(m_serverSha) << true;
    QTest::newRow("another certificate's fingerprint") << m_otherSha << false;
}

void TestTlsTrust::chatOverTls()
{
    QFETCH(QString, trusted);
    QFETCH(bool, streams);
    m_server->route("POST", kPath,
                    Response::sse(openAiStream({QStringLiteral("Secure"), QStringLiteral(" hi")})));
    auto ctx = makeTestContext(m_dir->path(), m_tls->baseUrl());
    QVERIFY(ctx);
    ProviderProfile p = ctx->settings()->activeProfile();
    p.trustedCertSha256 = trusted;
    p.retryAttempts = 0;
    ctx->settings()->saveProfile(p);

    QSignalSpy finalized(ctx->chat(), &ChatController::messageFinalized);
    QVERIFY(ctx->chat()->send(0, QStringLiteral("Hi")) != 0);
    QVERIFY(finalized.wait(kWaitMs));
    const Message m = ctx->store()->message(finalized.first().first().toLongLong());
    if (streams) {
        QVERIFY2(m.state == MessageState::Complete, qPrintable(m.errorText));
        QCOMPARE(m.content, QStringLiteral("Secure hi"));
        QCOMPARE(m_server->requests().size(), 1);
        return;
    }
    QCOMPARE(m.state, MessageState::Failed);
    QVERIFY(m.content.isEmpty());
    QCOMPARE(m_server->requests().size(), 0); // nothing got past the handshake
    JobError tls;
    tls.code = JobError::TlsError;
    QVERIFY2(m.errorText.startsWith(tls.userMessage()), qPrintable(m.errorText));
    // What the user compares with the server admin's fingerprint, and whose it is.
    QVERIFY2(m.errorText.contains(colonHex(m_serverSha)), qPrintable(m.errorText));
    QVERIFY2(m.errorText.contains(QLatin1String("127.0.0.1")), qPrintable(m.errorText));
    if (!trusted.isEmpty())
        QVERIFY2(m.errorText.contains(colonHex(m_otherSha)), qPrintable(m.errorText));
}

void TestTlsTrust::modelListOverTls_data()
{
    QTest::addColumn<bool>("trust");
    QTest::newRow("untrusted") << false;
    QTest::newRow("trusted") << true;
}

void TestTlsTrust::modelListOverTls()
{
    QFETCH(bool, trust);
    m_server->route("GET", "/v1/models", Response::json(200, kModels));
    QNetworkAccessManager nam;
    ProviderProfile p;
    p.id = QStringLiteral("tls");
    p.baseUrl = m_tls->baseUrl();
    if (trust)
        p.trustedCertSha256 = m_serverSha;
    auto provider = createProvider(&nam, p, QString());
    QVERIFY(provider);
    ModelListJob *job = provider->listModels(this);
    QSignalSpy finished(job, &ModelListJob::finished);
    QSignalSpy failed(job, &ModelListJob::failed);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, kWaitMs));
    if (trust) {
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toStringList(),
                 QStringList({QStringLiteral("m1"), QStringLiteral("m2")}));
    } else {
        QCOMPARE(failed.count(), 1);
        const JobError e = failed.first().first().value<JobError>();
        QCOMPARE(int(e.code), int(JobError::TlsError));
        QVERIFY2(e.details.contains(colonHex(m_serverSha)), qPrintable(e.details));
    }
    delete job;
}

// Qt pools connections per host: one opened under a profile's exception must not carry a
// request of a profile without it.
void TestTlsTrust::trustedConnectionIsNotReusedWithoutTrust()
{
    Response models = Response::json(200, kModels);
    models.keepAlive = true;
    m_server->route("GET", "/v1/models", models);
    QNetworkAccessManager nam;
    ProviderProfile trusted;
    trusted.id = QStringLiteral("trusted");
    trusted.baseUrl = m_tls->baseUrl();
    trusted.trustedCertSha256 = m_serverSha;
    ProviderProfile plain = trusted;
    plain.id = QStringLiteral("plain");
    plain.trustedCertSha256.clear();

    auto run = [&](const ProviderProfile &p) {
        auto provider = createProvider(&nam, p, QString());
        std::unique_ptr<ModelListJob> job(provider->listModels(nullptr));
        QSignalSpy finished(job.get(), &ModelListJob::finished);
        QSignalSpy failed(job.get(), &ModelListJob::failed);
        if (!QTest::qWaitFor([&] { return finished.count() + failed.count() > 0; }, kWaitMs))
            return -1;
        return int(finished.count());
    };
    QCOMPARE(run(trusted), 1);
    QCOMPARE(run(plain), 0);
    QCOMPARE(run(trusted), 1);
    QCOMPARE(m_server->requests().size(), 2);
}

void TestTlsTrust::probeReadsCertificate_data()
{
    QTest::addColumn<bool>("viaProxy");
    QTest::newRow("direct") << false;
    QTest::newRow("through the profile's http proxy") << true;
}

void TestTlsTrust::probeReadsCertificate()
{
    QFETCH(bool, viaProxy);
    TestHttpProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials("alice", "pw");
    ProviderProfile p;
    p.id = QStringLiteral("probe");
    p.baseUrl = m_tls->baseUrl();
    if (viaProxy) {
        p.proxyMode = ProviderProfile::ProxyMode::Http;
        p.proxyHost = QStringLiteral("127.0.0.1");
        p.proxyPort = proxy.port();
        p.proxyUser = QStringLiteral("alice");
    }
    TlsProbe probe(p, QStringLiteral("pw"));
    QSignalSpy received(&probe, &TlsProbe::certificateReceived);
    QSignalSpy failed(&probe, &TlsProbe::failed);
    probe.start();
    QVERIFY(QTest::qWaitFor([&] { return received.count() + failed.count() > 0; }, kWaitMs));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const auto leaf = received.first().at(0).value<QSslCertificate>();
    const auto errors = received.first().at(1).value<QList<QSslError>>();
    QCOMPARE(TlsTrust::fingerprint(leaf), m_serverSha);
    QVERIFY(!errors.isEmpty()); // self-signed: there is something to trust
    QCOMPARE(proxy.tunnelCount(), viaProxy ? 1 : 0);
    QCOMPARE(m_server->requests().size(), 0); // nothing was sent
    const QStringList lines = TlsTrust::describe(leaf);
    QVERIFY(lines.join(QLatin1Char('\n')).contains(colonHex(m_serverSha)));
}

void TestTlsTrust::probeNeedsHttps()
{
    ProviderProfile p;
    p.baseUrl = m_server->baseUrl(); // http
    TlsProbe probe(p, QString());
    QSignalSpy failed(&probe, &TlsProbe::failed);
    probe.start();
    QVERIFY(failed.wait(kWaitMs));
    QVERIFY(failed.first().first().toString().contains(QLatin1String("https")));
}

QTEST_GUILESS_MAIN(TestTlsTrust)
#include "tst_tlstrust.moc"
