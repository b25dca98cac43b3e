// The settings dialog and the first-start setup page against a real Secret Service: ctest runs
// this inside tests/support/with-keyring.sh (a private D-Bus session with an unlocked
// gnome-keyring-daemon). What is checked is where an API key goes: into the keychain, into the
// request's Authorization header, and nowhere else (not the INI file, not the database).
#include "ChatPane.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "ProfileEditor.h"
#include "SettingsDialog.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "chat/AppContext.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>
#include <QtTest>

#include <functional>
#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

// Generous bound for keychain round trips; a hang fails instead of blocking ctest.
constexpr int kWaitMs = 30000;

const QByteArray kModels = R"({"object":"list","data":[)"
                           R"({"id":"model-b","object":"model"},{"id":"model-a","object":"model"},)"
                           R"({"id":"model-c","object":"model"}]})";

QString uniqueKey()
{
    // Something that cannot turn up in a file by chance.
    return QStringLiteral("sk-penpal-") + QUuid::createUuid().toString(QUuid::Id128);
}

QByteArray bearer(const QString &key)
{
    return "Bearer " + key.toUtf8();
}

// Where a key must never be: every byte of the file, if it exists.
bool fileContains(const QString &path, const QString &needle)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = f.readAll();
    return bytes.contains(needle.toUtf8()) || bytes.contains(needle.toLatin1());
}

} // namespace

class TestKeychainSettingsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void testConnectionUsesTypedKey();
    void testConnectionReportsRejectedKey();
    void okKeepsKeyOnlyInKeychain();
    void reopenedDialogUsesStoredKey();
    void removeProfileDeletesKey();
    void removeProfileCancelledKeepsKey();
    void placeholderFollowsSelectedProfile();
    void storedKeyStaysWithItsProfile();
    void switchingProfileCancelsTest();
    void setupPageStoresKey_data();
    void setupPageStoresKey();

private:
    std::unique_ptr<AppContext> makeContext();
    SecretResult readFresh(const QString &profileId);
    bool waitForKeychain(AppContext *ctx);
    QString saveThroughDialog(const QString &key);
    QString addKeylessProfile(const QString &name, const QUrl &baseUrl);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    QString m_service;
    int m_runs = 0;
};

std::unique_ptr<AppContext> TestKeychainSettingsDialog::makeContext()
{
    AppContext::Paths paths = AppContext::defaultPaths(m_dir->path());
    paths.keychainService = m_service;
    auto ctx = std::make_unique<AppContext>(paths);
    if (!ctx->open())
        return nullptr;
    // These tests count the requests a chat sends; the title request that follows the first
    // exchange (tst_autotitle covers it) would race with those counts on a loaded machine.
    ctx->settings()->setValue(Settings::AutoTitle, false);
    return ctx;
}

// Reads through a SecretStore of its own, as the next start of the app would.
SecretResult TestKeychainSettingsDialog::readFresh(const QString &profileId)
{
    SecretStore fresh(m_service);
    SecretResult result;
    bool done = false;
    fresh.readKey(profileId, [&](const SecretResult &r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kWaitMs))
        result = SecretResult{SecretResult::Error, {}, QStringLiteral("no answer from the keychain")};
    return result;
}

bool TestKeychainSettingsDialog::waitForKeychain(AppContext *ctx)
{
    return QTest::qWaitFor([ctx] { return ctx->secrets()->pendingJobs() == 0; }, kWaitMs);
}

void TestKeychainSettingsDialog::initTestCase()
{
    if (qEnvironmentVariableIsSet("PENPAL_EXPECT_NO_KEYCHAIN"))
        QSKIP("needs a Secret Service; run through tests/support/with-keyring.sh");
    // Fail early and clearly when the keyring is missing, instead of in every test.
    m_service = QStringLiteral("penpal-test-%1-probe").arg(QCoreApplication::applicationPid());
    SecretStore probe(m_service);
    SecretResult written;
    bool done = false;
    probe.writeKey(QStringLiteral("probe"), QStringLiteral("probe-value"), [&](const SecretResult &r) {
        written = r;
        done = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return done; }, kWaitMs));
    QVERIFY2(written.status == SecretResult::Ok, qPrintable(written.error));
    done = false;
    probe.deleteKey(QStringLiteral("probe"), [&](const SecretResult &) { done = true; });
    QVERIFY(QTest::qWaitFor([&] { return done; }, kWaitMs));
}

void TestKeychainSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // A service of its own per test: nothing one test stored can satisfy the next.
    m_service = QStringLiteral("penpal-test-%1-%2").arg(QCoreApplication::applicationPid()).arg(++m_runs);
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("GET", "/v1/models", Response::json(200, kModels));
    m_server->route("POST", "/v1/chat/completions", Response::sse(openAiStream({QStringLiteral("Hello!")})));
    m_ctx = makeContext();
    QVERIFY(m_ctx);
}

void TestKeychainSettingsDialog::cleanup()
{
    // Run outside with-keyring.sh, these would be the user's own keyring: leave nothing there.
    if (m_ctx) {
        for (const ProviderProfile &p : m_ctx->settings()->profiles())
            m_ctx->secrets()->deleteKey(p.id, {});
        waitForKeychain(m_ctx.get());
    }
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

// Adds a profile in the dialog as a person would, tests it, picks a model and presses OK.
QString TestKeychainSettingsDialog::saveThroughDialog(const QString &key)
{
    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        return {};
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addProfileButton")), Qt::LeftButton);
    auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("profileNameEdit"));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    auto *keyEdit = dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
    auto *model = dialog.findChild<QComboBox *>(QStringLiteral("modelCombo"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testConnectionResult"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Loopback"));
    url->clear();
    QTest::keyClicks(url, m_server->baseUrl().toString());
    QTest::keyClicks(keyEdit, key);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")),
                      Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return result->text().startsWith(QStringLiteral("Connected")); }, kWaitMs))
        return {};
    model->setCurrentIndex(model->findText(QStringLiteral("model-c")));
    QTest::mouseClick(
        dialog.findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"))->button(QDialogButtonBox::Ok),
        Qt::LeftButton);
    if (dialog.isVisible() || dialog.result() != QDialog::Accepted)
        return {};
    const auto profiles = m_ctx->settings()->profiles();
    return profiles.size() == 1 ? profiles.first().id : QString();
}

void TestKeychainSettingsDialog::testConnectionUsesTypedKey()
{
    const QString key = uniqueKey();
    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *editor = dialog.findChild<QWidget *>(QStringLiteral("profileEditor"));
    QVERIFY(!editor->isEnabled()); // nothing to edit yet
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addProfileButton")), Qt::LeftButton);
    QVERIFY(editor->isEnabled());
    QCOMPARE(dialog.findChild<QListWidget *>(QStringLiteral("profileList"))->count(), 1);

    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    auto *keyEdit = dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password); // never on screen
    QTest::keyClicks(url, m_server->baseUrl().toString());
    QTest::keyClicks(keyEdit, key);
    auto *model = dialog.findChild<QComboBox *>(QStringLiteral("modelCombo"));
    QTest::keyClicks(model->lineEdit(), QStringLiteral("model-b"));
    QSignalSpy tested(dialog.editor(), &ProfileEditor::connectionTested);
    // An impatient second click replaces the first request; only its answer is reported.
    auto *test = dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTest::mouseClick(test, Qt::LeftButton);

    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testConnectionResult"));
    QTRY_COMPARE_WITH_TIMEOUT(result->text(), QStringLiteral("Connected: 3 model(s) available."), kWaitMs);
    QCOMPARE(tested.size(), 1);
    QCOMPARE(tested.first().at(0).toBool(), true);
    QCOMPARE(tested.first().at(1).toString(), result->text());
    QVERIFY(!m_server->requests().isEmpty());
    const ReceivedRequest request = m_server->requests().last();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/v1/models"));
    QCOMPARE(request.header("Authorization"), bearer(key));
    // The server's models are offered, and the one typed before stays chosen.
    QStringList offered;
    for (int i = 0; i < model->count(); ++i)
        offered << model->itemText(i);
    QCOMPARE(offered,
             QStringList({QStringLiteral("model-a"), QStringLiteral("model-b"), QStringLiteral("model-c")}));
    QCOMPARE(model->currentText(), QStringLiteral("model-b"));
    // Testing saves nothing.
    QVERIFY(m_ctx->settings()->profiles().isEmpty());
}

void TestKeychainSettingsDialog::testConnectionReportsRejectedKey()
{
    TestHttpServer rejecting;
    QVERIFY(rejecting.listen());
    rejecting.route("GET", "/v1/models",
                    Response::json(401, R"({"error":{"message":"Incorrect API key provided",)"
                                        R"("type":"invalid_request_error","code":"invalid_api_key"}})"));
    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("addProfileButton")), Qt::LeftButton);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit")),
                     rejecting.baseUrl().toString());
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit")), QStringLiteral("sk-wrong"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")),
                      Qt::LeftButton);
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testConnectionResult"));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("API key was rejected")), kWaitMs);
    QCOMPARE(rejecting.requests().size(), 1);
    QCOMPARE(rejecting.requests().first().header("Authorization"), QByteArray("Bearer sk-wrong"));
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("modelCombo"))->count(), 0);
    QVERIFY(result->toolTip().contains(QStringLiteral("HTTP 401"))); // the details, for the curious

    // Fixed: the URL pointed at the wrong server. Nothing of the old failure stays on screen.
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    url->clear();
    QTest::keyClicks(url, m_server->baseUrl().toString());
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(result->text(), QStringLiteral("Connected: 3 model(s) available."), kWaitMs);
    QCOMPARE(result->toolTip(), QString());
}

void TestKeychainSettingsDialog::okKeepsKeyOnlyInKeychain()
{
    const QString key = uniqueKey();
    const QString id = saveThroughDialog(key);
    QVERIFY(!id.isEmpty());

    const ProviderProfile saved = m_ctx->settings()->profile(id);
    QCOMPARE(saved.name, QStringLiteral("Loopback"));
    QCOMPARE(saved.baseUrl, m_server->baseUrl());
    QCOMPARE(saved.model, QStringLiteral("model-c"));
    // The first profile becomes the one chats use.
    QCOMPARE(m_ctx->settings()->value(Settings::ActiveProfileId).toString(), id);

    QVERIFY(waitForKeychain(m_ctx.get()));
    const SecretResult stored = readFresh(id);
    QCOMPARE(int(stored.status), int(SecretResult::Ok));
    QCOMPARE(stored.value, key);
    QVERIFY(!m_ctx->secrets()->hasSessionKey(id));

    m_ctx->settings()->sync();
    QVERIFY(QFile::exists(m_ctx->settings()->fileName()));
    QVERIFY(fileContains(m_ctx->settings()->fileName(), m_server->baseUrl().toString())); // the check reads
    QVERIFY(!fileContains(m_ctx->settings()->fileName(), key));
    QVERIFY(QFile::exists(m_ctx->databasePath()));
    QVERIFY(!fileContains(m_ctx->databasePath(), key));
    QVERIFY(!fileContains(m_ctx->databasePath() + QStringLiteral("-wal"), key));
}

void TestKeychainSettingsDialog::reopenedDialogUsesStoredKey()
{
    const QString key = uniqueKey();
    const QString id = saveThroughDialog(key);
    QVERIFY(!id.isEmpty());
    const int requestsBefore = int(m_server->requests().size());

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("Loopback"));
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))->text(),
             m_server->baseUrl().toString());
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("modelCombo"))->currentText(),
             QStringLiteral("model-c"));
    auto *keyEdit = dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
    QCOMPARE(keyEdit->text(), QString()); // the key is never shown
    QTRY_VERIFY_WITH_TIMEOUT(keyEdit->placeholderText().contains(QStringLiteral("key is stored")), kWaitMs);

    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")),
                      Qt::LeftButton);
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testConnectionResult"));
    QTRY_COMPARE_WITH_TIMEOUT(result->text(), QStringLiteral("Connected: 3 model(s) available."), kWaitMs);
    QCOMPARE(m_server->requests().size(), requestsBefore + 1);
    QCOMPARE(m_server->requests().last().header("Authorization"), bearer(key));

    // OK without touching the key field keeps the stored key.
    QTest::mouseClick(
        dialog.findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"))->button(QDialogButtonBox::Ok),
        Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
    QVERIFY(waitForKeychain(m_ctx.get()));
    QCOMPARE(readFresh(id).value, key);
}

void TestKeychainSettingsDialog::removeProfileDeletesKey()
{
    const QString key = uniqueKey();
    const QString id = saveThroughDialog(key);
    QVERIFY(!id.isEmpty());
    QVERIFY(waitForKeychain(m_ctx.get()));
    QCOMPARE(readFresh(id).value, key);

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QString question;
    ModalAnswerer yes([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        question = box->text();
        box->button(QMessageBox::Yes)->click();
    });
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("removeProfileButton")), Qt::LeftButton);
    QVERIFY(yes.answered());
    QVERIFY2(question.contains(QStringLiteral("Loopback")), qPrintable(question));

    QVERIFY(m_ctx->settings()->profiles().isEmpty());
    QCOMPARE(dialog.findChild<QListWidget *>(QStringLiteral("profileList"))->count(), 0);
    QVERIFY(!dialog.findChild<QWidget *>(QStringLiteral("profileEditor"))->isEnabled());
    // No stale pointer to a profile that is gone.
    QVERIFY(m_ctx->settings()->value(Settings::ActiveProfileId).toString() != id);
    QVERIFY(waitForKeychain(m_ctx.get()));
    QCOMPARE(int(readFresh(id).status), int(SecretResult::NotFound));
}

void TestKeychainSettingsDialog::removeProfileCancelledKeepsKey()
{
    const QString key = uniqueKey();
    const QString id = saveThroughDialog(key);
    QVERIFY(!id.isEmpty());

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    ModalAnswerer no([](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        box->button(QMessageBox::No)->click();
    });
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("removeProfileButton")), Qt::LeftButton);
    QVERIFY(no.answered());
    QCOMPARE(m_ctx->settings()->profiles().size(), 1);
    QVERIFY(waitForKeychain(m_ctx.get()));
    QCOMPARE(readFresh(id).value, key);
}

QString TestKeychainSettingsDialog::addKeylessProfile(const QString &name, const QUrl &baseUrl)
{
    ProviderProfile p;
    p.name = name;
    p.baseUrl = baseUrl;
    p.model = QStringLiteral("other-model");
    return m_ctx->settings()->saveProfile(p);
}

void TestKeychainSettingsDialog::placeholderFollowsSelectedProfile()
{
    const QString withKey = saveThroughDialog(uniqueKey());
    QVERIFY(!withKey.isEmpty());
    addKeylessProfile(QStringLiteral("Other"), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
    auto *keyEdit = dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Loopback"));
    list->setCurrentRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(keyEdit->placeholderText().contains(QStringLiteral("key is stored")), kWaitMs);
    list->setCurrentRow(1);
    QVERIFY(waitForKeychain(m_ctx.get())); // "not found" has been answered
    QVERIFY2(!keyEdit->placeholderText().contains(QStringLiteral("key is stored")),
             qPrintable(keyEdit->placeholderText()));
}

// "Test connection" with an empty key field reads the stored key first. Whatever profile is
// shown when the keychain answers must not get that key sent to its server.
void TestKeychainSettingsDialog::storedKeyStaysWithItsProfile()
{
    const QString key = uniqueKey();
    QVERIFY(!saveThroughDialog(key).isEmpty());
    TestHttpServer other;
    QVERIFY(other.listen());
    other.route("GET", "/v1/models", Response::json(200, kModels));
    addKeylessProfile(QStringLiteral("Other"), other.baseUrl());

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
    list->setCurrentRow(0); // "Loopback", with the stored key
    QVERIFY(waitForKeychain(m_ctx.get()));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")),
                      Qt::LeftButton);
    list->setCurrentRow(1); // before the keychain could answer
    QVERIFY(waitForKeychain(m_ctx.get()));

    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testConnectionResult"));
    QCOMPARE(result->text(), QString()); // nothing started for "Other"
    // A test of "Other" itself goes out keyless, to its own server.
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(result->text(), QStringLiteral("Connected: 3 model(s) available."), kWaitMs);
    QCOMPARE(other.requests().size(), 1);
    QVERIFY(!other.requests().first().hasHeader("Authorization"));
}

void TestKeychainSettingsDialog::switchingProfileCancelsTest()
{
    TestHttpServer slow;
    QVERIFY(slow.listen());
    Response late = Response::json(200, kModels);
    late.headerDelayMs = 10 * 60 * 1000; // answers long after the test is over
    slow.route("GET", "/v1/models", late);
    addKeylessProfile(QStringLiteral("A slow one"), slow.baseUrl());
    addKeylessProfile(QStringLiteral("B other"), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));

    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("profileList"));
    list->setCurrentRow(0);
    // Typed, so the request starts at once without the keychain.
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit")), QStringLiteral("sk-typed"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnectionButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(slow.requests().size(), 1, kWaitMs);
    QCOMPARE(slow.connectionCount(), 1);

    list->setCurrentRow(1);
    // The request for the profile no longer shown is given up: the client hangs up.
    QTRY_COMPARE_WITH_TIMEOUT(slow.connectionCount(), 0, kWaitMs);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("testConnectionResult"))->text(), QString());
}

void TestKeychainSettingsDialog::setupPageStoresKey_data()
{
    QTest::addColumn<int>("presetKey"); // how the preset is picked in the combo
    QTest::addColumn<QString>("presetUrl");
    QTest::addColumn<QString>("typedModel");
    QTest::addColumn<QString>("expectedModel");
    QTest::newRow("OpenAI") << int(Qt::Key_Home) << QStringLiteral("https://api.openai.com/v1") << QString()
                            << QStringLiteral("gpt-4o-mini");
    QTest::newRow("Custom") << int(Qt::Key_End) << QString() << QStringLiteral("model-a")
                            << QStringLiteral("model-a");
}

void TestKeychainSettingsDialog::setupPageStoresKey()
{
    QFETCH(int, presetKey);
    QFETCH(QString, presetUrl);
    QFETCH(QString, typedModel);
    QFETCH(QString, expectedModel);
    const QString key = uniqueKey();

    MainWindow w(m_ctx.get());
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(w.isShowingSetup());
    auto *setup = w.findChild<QWidget *>(QStringLiteral("setupPage"));
    QVERIFY(setup && setup->isVisible());

    auto *preset = setup->findChild<QComboBox *>(QStringLiteral("presetCombo"));
    auto *url = setup->findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
    preset->setFocus();
    QTest::keyClick(preset, Qt::Key(presetKey));
    QCOMPARE(url->text(), presetUrl);
    url->clear();
    QTest::keyClicks(url, m_server->baseUrl().toString());
    QTest::keyClicks(setup->findChild<QLineEdit *>(QStringLiteral("apiKeyEdit")), key);
    if (!typedModel.isEmpty()) {
        auto *model = setup->findChild<QComboBox *>(QStringLiteral("modelCombo"));
        model->lineEdit()->clear();
        QTest::keyClicks(model->lineEdit(), typedModel);
    }
    QTest::mouseClick(setup->findChild<QPushButton *>(QStringLiteral("setupStartButton")), Qt::LeftButton);

    QVERIFY(!w.isShowingSetup());
    QVERIFY(w.chatPane()->isVisible());
    const auto profiles = m_ctx->settings()->profiles();
    QCOMPARE(profiles.size(), 1);
    const QString id = profiles.first().id;
    QCOMPARE(m_ctx->settings()->value(Settings::ActiveProfileId).toString(), id);
    QCOMPARE(profiles.first().baseUrl, m_server->baseUrl());
    QCOMPARE(profiles.first().model, expectedModel);

    QVERIFY(waitForKeychain(m_ctx.get()));
    const SecretResult stored = readFresh(id);
    QCOMPARE(int(stored.status), int(SecretResult::Ok));
    QCOMPARE(stored.value, key);

    // The first chat goes out with that key.
    auto *editor = w.findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    QTest::keyClicks(editor, QStringLiteral("hi"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 1, kWaitMs);
    const ReceivedRequest request = m_server->requests().first();
    QCOMPARE(request.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(request.header("Authorization"), bearer(key));
    QTRY_COMPARE_WITH_TIMEOUT(w.findChild<QPushButton *>(QStringLiteral("sendButton"))->text(),
                              QStringLiteral("Send"), kWaitMs);
    QCOMPARE(m_ctx->store()->thread(w.chatPane()->conversationId()).size(), 2);

    m_ctx->settings()->sync();
    QVERIFY(!fileContains(m_ctx->settings()->fileName(), key));
    QVERIFY(!fileContains(m_ctx->databasePath(), key));
    QVERIFY(!fileContains(m_ctx->databasePath() + QStringLiteral("-wal"), key));
    w.close();
}

QTEST_MAIN(TestKeychainSettingsDialog)
#include "tst_keychain_settingsdialog.moc"
