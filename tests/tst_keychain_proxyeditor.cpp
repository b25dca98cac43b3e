// The profile editor's new fields through the settings dialog, against a real Secret Service
// (ctest runs this inside tests/support/with-keyring.sh): kind with its version and deployment
// fields, total time limit, retries, proxy (password to the keychain only), and trusting a
// self-signed certificate by its fingerprint.
#include "ModalAnswerer.h"
#include "ProfileEditor.h"
#include "SettingsDialog.h"
#include "TestHttpServer.h"
#include "TestTlsServer.h"
#include "TlsTrustFields.h"
#include "chat/AppContext.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

constexpr int kWaitMs = 30000;

bool fileContains(const QString &path, const QString &needle)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(needle.toUtf8());
}

template<typename T> T *child(QWidget *root, const char *name)
{
    return root->findChild<T *>(QLatin1String(name));
}

void chooseData(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

void setSpin(QSpinBox *spin, int value)
{
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(value));
    QCOMPARE(spin->value(), value);
}

void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace

class TestKeychainProxyEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void kindShowsItsFields_data();
    void kindShowsItsFields();
    void savesAllNewFields();
    void clearingPasswordDeletesIt();
    void trustCertificate_data();
    void trustCertificate();

private:
    SecretResult readFresh(const QString &entry);
    bool waitForKeychain() const;
    QString addProfile(const QUrl &baseUrl);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    QString m_service;
    int m_runs = 0;
};

void TestKeychainProxyEditor::initTestCase()
{
    if (qEnvironmentVariableIsSet("PENPAL_EXPECT_NO_KEYCHAIN"))
        QSKIP("needs a Secret Service; run through tests/support/with-keyring.sh");
}

void TestKeychainProxyEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_service =
        QStringLiteral("penpal-test-%1-proxyeditor-%2").arg(QCoreApplication::applicationPid()).arg(++m_runs);
    AppContext::Paths paths = AppContext::defaultPaths(m_dir->path());
    paths.keychainService = m_service;
    m_ctx = std::make_unique<AppContext>(paths);
    QVERIFY(m_ctx->open());
}

void TestKeychainProxyEditor::cleanup()
{
    if (m_ctx)
        QVERIFY(waitForKeychain());
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

SecretResult TestKeychainProxyEditor::readFresh(const QString &entry)
{
    SecretStore fresh(m_service);
    SecretResult result{SecretResult::Error, {}, QStringLiteral("no answer from the keychain")};
    bool done = false;
    fresh.readKey(entry, [&](const SecretResult &r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kWaitMs))
        qWarning("no answer from the keychain");
    return result;
}

bool TestKeychainProxyEditor::waitForKeychain() const
{
    return QTest::qWaitFor([this] { return m_ctx->secrets()->pendingJobs() == 0; }, kWaitMs);
}

QString TestKeychainProxyEditor::addProfile(const QUrl &baseUrl)
{
    ProviderProfile p;
    p.name = QStringLiteral("Edited");
    p.baseUrl = baseUrl;
    p.model = QStringLiteral("m");
    const QString id = m_ctx->settings()->saveProfile(p);
    m_ctx->settings()->setValue(Settings::ActiveProfileId, id);
    return id;
}

void TestKeychainProxyEditor::kindShowsItsFields_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("deployment");
    QTest::addColumn<bool>("version");
    QTest::addColumn<QString>("versionLabel");
    QTest::newRow("openai") << QStringLiteral("openai") << false << false << QString();
    QTest::newRow("anthropic") << QStringLiteral("anthropic") << false << true << QStringLiteral("Anthropic");
    QTest::newRow("azure") << QStringLiteral("azure") << true << true << QStringLiteral("API");
    QTest::newRow("completions") << QStringLiteral("completions") << false << false << QString();
}

void TestKeychainProxyEditor::kindShowsItsFields()
{
    QFETCH(QString, kind);
    QFETCH(bool, deployment);
    QFETCH(bool, version);
    QFETCH(QString, versionLabel);
    addProfile(m_server->baseUrl());
    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    chooseData(child<QComboBox>(&dialog, "kindCombo"), kind);
    QCOMPARE(child<QLineEdit>(&dialog, "deploymentEdit")->isVisibleTo(&dialog), deployment);
    QCOMPARE(child<QLineEdit>(&dialog, "apiVersionEdit")->isVisibleTo(&dialog), version);
    if (version)
        QVERIFY(child<QLabel>(&dialog, "apiVersionLabel")
                    ->text()
                    .remove(QLatin1Char('&'))
                    .startsWith(versionLabel));
}

void TestKeychainProxyEditor::savesAllNewFields()
{
    const QString id = addProfile(m_server->baseUrl());
    const QString password = QStringLiteral("pw-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        SettingsDialog dialog(m_ctx.get());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        chooseData(child<QComboBox>(&dialog, "kindCombo"), QStringLiteral("azure"));
        retype(child<QLineEdit>(&dialog, "deploymentEdit"), QStringLiteral("gpt4o-prod"));
        retype(child<QLineEdit>(&dialog, "apiVersionEdit"), QStringLiteral("2024-10-21"));
        setSpin(child<QSpinBox>(&dialog, "totalTimeoutSpin"), 120);
        setSpin(child<QSpinBox>(&dialog, "retryAttemptsSpin"), 5);
        setSpin(child<QSpinBox>(&dialog, "retryCeilingSpin"), 45);
        auto *mode = child<QComboBox>(&dialog, "proxyModeCombo");
        auto *host = child<QLineEdit>(&dialog, "proxyHostEdit");
        QVERIFY(!host->isEnabled()); // System: nothing to fill in
        chooseData(mode, int(ProviderProfile::ProxyMode::Socks5));
        QVERIFY(host->isEnabled());
        retype(host, QStringLiteral("proxy.example"));
        setSpin(child<QSpinBox>(&dialog, "proxyPortSpin"), 1080);
        retype(child<QLineEdit>(&dialog, "proxyUserEdit"), QStringLiteral("alice"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "proxyPasswordEdit"), password);
        QTest::mouseClick(child<QDialogButtonBox>(&dialog, "settingsButtons")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QVERIFY(waitForKeychain());
    }
    const ProviderProfile p = m_ctx->settings()->profile(id);
    QCOMPARE(p.kind, QStringLiteral("azure"));
    QCOMPARE(p.deployment, QStringLiteral("gpt4o-prod"));
    QCOMPARE(p.apiVersion, QStringLiteral("2024-10-21"));
    QCOMPARE(p.totalTimeoutMs, 120000);
    QCOMPARE(p.retryAttempts, 5);
    QCOMPARE(p.retryCeilingMs, 45000);
    QCOMPARE(p.proxyMode, ProviderProfile::ProxyMode::Socks5);
    QCOMPARE(p.proxyHost, QStringLiteral("proxy.example"));
    QCOMPARE(p.proxyPort, 1080);
    QCOMPARE(p.proxyUser, QStringLiteral("alice"));

    // The password: in the keychain under the profile's proxy entry, nowhere in the settings.
    m_ctx->settings()->sync();
    QVERIFY(QFile::exists(m_ctx->settings()->fileName()));
    QVERIFY(!fileContains(m_ctx->settings()->fileName(), password));
    const SecretResult stored = readFresh(p.proxyKeychainEntry());
    QCOMPARE(stored.status, SecretResult::Ok);
    QCOMPARE(stored.value, password);
    QCOMPARE(readFresh(id).status, SecretResult::NotFound); // not mixed up with the API key

    // Reopened: the fields come back, the password is announced but never shown.
    SettingsDialog again(m_ctx.get());
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(child<QSpinBox>(&again, "proxyPortSpin")->value(), 1080);
    QCOMPARE(child<QComboBox>(&again, "kindCombo")->currentData().toString(), QStringLiteral("azure"));
    auto *passwordEdit = child<QLineEdit>(&again, "proxyPasswordEdit");
    QVERIFY(passwordEdit->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(passwordEdit->placeholderText().contains(QLatin1String("stored")), kWaitMs);
}

void TestKeychainProxyEditor::clearingPasswordDeletesIt()
{
    const QString id = addProfile(m_server->baseUrl());
    ProviderProfile p = m_ctx->settings()->profile(id);
    p.proxyMode = ProviderProfile::ProxyMode::Http;
    p.proxyHost = QStringLiteral("127.0.0.1");
    p.proxyPort = 3128;
    p.proxyUser = QStringLiteral("bob");
    m_ctx->settings()->saveProfile(p);
    bool done = false;
    m_ctx->saveProxyPassword(p, QStringLiteral("old"), [&](const SecretResult &) { done = true; });
    QVERIFY(QTest::qWaitFor([&] { return done; }, kWaitMs));
    QCOMPARE(readFresh(p.proxyKeychainEntry()).value, QStringLiteral("old"));

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *passwordEdit = child<QLineEdit>(&dialog, "proxyPasswordEdit");
    QTest::keyClicks(passwordEdit, QStringLiteral("x"));
    QTest::keyClick(passwordEdit, Qt::Key_Backspace); // edited to empty: delete it
    QVERIFY(dialog.apply());
    QVERIFY(waitForKeychain());
    QCOMPARE(readFresh(p.proxyKeychainEntry()).status, SecretResult::NotFound);
}

void TestKeychainProxyEditor::trustCertificate_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("confirmed") << true;
    QTest::newRow("cancelled") << false;
}

void TestKeychainProxyEditor::trustCertificate()
{
    QFETCH(bool, confirm);
    m_server->route("GET", "/v1/models", Response::json(200, R"({"data":[{"id":"m"}]})"));
    TestTlsServer tls;
    QVERIFY(tls.listen(QStringLiteral("server.crt"), QStringLiteral("server.key"), m_server->port()));
    const QString sha = TestTlsServer::fixtureSha256(QStringLiteral("server.crt"));
    QString display;
    for (int i = 0; i < sha.size(); i += 2)
        display += (i ? QStringLiteral(":") : QString()) + sha.mid(i, 2).toUpper();
    const QString id = addProfile(tls.baseUrl());

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *editor = dialog.editor();
    auto *label = child<QLabel>(&dialog, "trustedCertLabel");
    QVERIFY(!label->text().contains(display));

    // Before: the connection test fails with the fingerprint in its details.
    QSignalSpy tested(editor, &ProfileEditor::connectionTested);
    QTest::mouseClick(child<QPushButton>(&dialog, "testConnectionButton"), Qt::LeftButton);
    QVERIFY(tested.wait(kWaitMs));
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY(child<QLabel>(&dialog, "testConnectionResult")->toolTip().contains(display));

    QString shown;
    ModalAnswerer answer([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        shown = box->text() + QLatin1Char('\n') + box->informativeText();
        if (confirm)
            box->findChild<QPushButton *>(QStringLiteral("trustCertificateConfirm"))->click();
        else
            box->button(QMessageBox::Cancel)->click();
    });
    QSignalSpy finished(dialog.findChild<TlsTrustFields *>(), &TlsTrustFields::trustFinished);
    QTest::mouseClick(child<QPushButton>(&dialog, "trustCertButton"), Qt::LeftButton);
    QVERIFY(finished.count() > 0 || finished.wait(kWaitMs));
    QVERIFY(answer.answered());
    QCOMPARE(answer.seenObjectName(), QStringLiteral("trustCertificateDialog"));
    QVERIFY2(shown.contains(display), qPrintable(shown)); // the user compares this
    QVERIFY2(shown.contains(QLatin1String("127.0.0.1")), qPrintable(shown));
    QCOMPARE(finished.first().at(0).toBool(), confirm);
    QCOMPARE(label->text().contains(display), confirm);

    tested.clear();
    QTest::mouseClick(child<QPushButton>(&dialog, "testConnectionButton"), Qt::LeftButton);
    QVERIFY(tested.wait(kWaitMs));
    QCOMPARE(tested.last().at(0).toBool(), confirm); // trusted before saving, for the test

    QVERIFY(dialog.apply());
    QCOMPARE(m_ctx->settings()->profile(id).trustedCertSha256, confirm ? sha : QString());
    if (!confirm)
        return;

    QTest::mouseClick(child<QPushButton>(&dialog, "forgetCertButton"), Qt::LeftButton);
    QVERIFY(!label->text().contains(display));
    QVERIFY(dialog.apply());
    QCOMPARE(m_ctx->settings()->profile(id).trustedCertSha256, QString());
}

QTEST_MAIN(TestKeychainProxyEditor)
#include "tst_keychain_proxyeditor.moc"
