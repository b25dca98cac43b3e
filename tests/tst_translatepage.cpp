// Settings → Translate driven as a person would: the prompt template edited by typing and kept
// when the dialog closes (even with Cancel), reset to the built-in one (stored as "nothing"),
// concurrency, model and temperature stored; and the next translation really sent with that
// template and no more parts at once than the setting allows (loopback server).
#include "SettingsDialog.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "TranslationRequests.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "settings/Settings.h"
#include "translate/TranslateController.h"
#include "translate/TranslationPrompt.h"
#include "translate/TranslationRun.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

QJsonObject bodyOf(const ReceivedRequest &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QString systemOf(const ReceivedRequest &r)
{
    const QJsonArray messages = bodyOf(r).value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &m : messages) {
        if (m.toObject().value(QStringLiteral("role")).toString() == QLatin1String("system"))
            return m.toObject().value(QStringLiteral("content")).toString();
    }
    return {};
}

QString paragraphs(int n)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << QStringLiteral("Paragraph number %1 has a few words.").arg(i);
    return out.join(QStringLiteral("\n\n"));
}

} // namespace

class TestTranslatePage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void showsTheDefaultTemplateAndItsFields();
    void typedTemplateIsKeptWhenTheDialogCloses();
    void resetRestoresTheDefault();
    void typingTheDefaultStoresNothing();
    void numbersAndModelAreStored();
    void modelPlaceholderFollowsTheProfile();
    void nextTranslationUsesTheEditedTemplate();
    void defaultModelFromSettings();
    void concurrencyLimitsRequestsInFlight_data();
    void concurrencyLimitsRequestsInFlight();

private:
    // The settings dialog on its Translate tab.
    void openPage();
    void closeWithCancel();
    template<typename T> T *child(const char *name) const
    {
        T *w = m_dialog ? m_dialog->findChild<T *>(QLatin1String(name)) : nullptr;
        if (!w)
            qWarning("no child %s", name);
        return w;
    }
    std::unique_ptr<TranslateController> makeController();
    QVariant stored(Settings::Key key) const { return m_ctx->settings()->value(key); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<SettingsDialog> m_dialog;
    int m_delayMs = 0;
};

void TestTranslatePage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_delayMs = 0;
    // Answers every part from its own content ("translation" = upper case): parts in flight
    // together arrive in any order.
    m_server->setResponder([this](const ReceivedRequest &r) {
        const QString answer = translationSource(r).toUpper();
        return Response::sse(openAiStream({answer.left(5), answer.mid(5)}), m_delayMs);
    });
}

void TestTranslatePage::cleanup()
{
    m_dialog.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

void TestTranslatePage::openPage()
{
    m_dialog = std::make_unique<SettingsDialog>(m_ctx.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    auto *tabs = child<QTabWidget>("settingsTabs");
    auto *page = child<QWidget>("translatePage");
    QVERIFY(tabs && page);
    QVERIFY(tabs->indexOf(page) >= 0);
    tabs->setCurrentWidget(page);
    QVERIFY(page->isVisible());
}

void TestTranslatePage::closeWithCancel()
{
    auto *buttons = child<QDialogButtonBox>("settingsButtons");
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QVERIFY(!m_dialog->isVisible());
    m_dialog.reset();
}

std::unique_ptr<TranslateController> TestTranslatePage::makeController()
{
    AppContext *ctx = m_ctx.get();
    auto c = std::make_unique<TranslateController>(ctx->settings(), ctx->secrets(),
                                                   [ctx](const ProviderProfile &profile, const QString &key) {
                                                       return createProvider(ctx->network(), profile, key);
                                                   });
    c->setChunkTokens(12); // one paragraph per part
    return c;
}

void TestTranslatePage::showsTheDefaultTemplateAndItsFields()
{
    openPage();
    auto *edit = child<QPlainTextEdit>("translatePromptTemplate");
    auto *reset = child<QPushButton>("resetTranslatePrompt");
    QVERIFY(edit && reset);
    QCOMPARE(edit->toPlainText(), TranslationPrompt::defaultTemplate());
    QVERIFY(!reset->isEnabled());
    const QString fields = child<QLabel>("translatePromptFields")->text();
    for (const char *f : {"{source}", "{target}", "{style}", "{instruction}", "{glossary}"})
        QVERIFY2(fields.contains(QLatin1String(f)), f);
    QCOMPARE(stored(Settings::TranslatePromptTemplate).toString(), QString());
}

void TestTranslatePage::typedTemplateIsKeptWhenTheDialogCloses()
{
    openPage();
    auto *edit = child<QPlainTextEdit>("translatePromptTemplate");
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClicks(edit, QStringLiteral(" Be brief."));
    const QString expected = TranslationPrompt::defaultTemplate() + QStringLiteral(" Be brief.");
    QCOMPARE(edit->toPlainText(), expected);
    QVERIFY(child<QPushButton>("resetTranslatePrompt")->isEnabled());
    // Cancel is about the profile form; what was typed here is kept all the same.
    closeWithCancel();
    QCOMPARE(stored(Settings::TranslatePromptTemplate).toString(), expected);

    openPage();
    QCOMPARE(child<QPlainTextEdit>("translatePromptTemplate")->toPlainText(), expected);
    QVERIFY(child<QPushButton>("resetTranslatePrompt")->isEnabled());
    m_dialog.reset();

    // And it is in the file for the next start.
    m_ctx->settings()->sync();
    const Settings reopened(m_ctx->settings()->fileName());
    QCOMPARE(reopened.value(Settings::TranslatePromptTemplate).toString(), expected);
}

void TestTranslatePage::resetRestoresTheDefault()
{
    const QString custom = QStringLiteral("Translate into {target}. Keep it short.");
    m_ctx->settings()->setValue(Settings::TranslatePromptTemplate, custom);
    openPage();
    auto *edit = child<QPlainTextEdit>("translatePromptTemplate");
    auto *reset = child<QPushButton>("resetTranslatePrompt");
    QVERIFY(edit && reset);
    QCOMPARE(edit->toPlainText(), custom);
    QVERIFY(reset->isEnabled());

    QTest::mouseClick(reset, Qt::LeftButton);
    QCOMPARE(edit->toPlainText(), TranslationPrompt::defaultTemplate());
    QVERIFY(!reset->isEnabled());
    // Stored as "nothing", so a better built-in template reaches this user later.
    QCOMPARE(stored(Settings::TranslatePromptTemplate).toString(), QString());

    // A reset by mistake can be undone.
    QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(edit->toPlainText(), custom);
    QCOMPARE(stored(Settings::TranslatePromptTemplate).toString(), custom);
    QVERIFY(reset->isEnabled());
}

void TestTranslatePage::typingTheDefaultStoresNothing()
{
    // One character too many, removed by hand: the text is the default again.
    m_ctx->settings()->setValue(Settings::TranslatePromptTemplate,
                                TranslationPrompt::defaultTemplate() + QStringLiteral("x"));
    openPage();
    auto *edit = child<QPlainTextEdit>("translatePromptTemplate");
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QCOMPARE(edit->toPlainText(), TranslationPrompt::defaultTemplate());
    QCOMPARE(stored(Settings::TranslatePromptTemplate).toString(), QString());
    QVERIFY(!child<QPushButton>("resetTranslatePrompt")->isEnabled());
}

void TestTranslatePage::numbersAndModelAreStored()
{
    openPage();
    auto *concurrency = child<QSpinBox>("translateConcurrency");
    auto *model = child<QLineEdit>("translateDefaultModel");
    auto *temperature = child<QDoubleSpinBox>("translateDefaultTemperature");
    QVERIFY(concurrency && model && temperature);
    QCOMPARE(concurrency->value(), 3);
    QCOMPARE(concurrency->minimum(), 1);
    QCOMPARE(concurrency->maximum(), 16);
    QVERIFY(model->text().isEmpty());
    QCOMPARE(temperature->text(), temperature->specialValueText());
    QVERIFY(!temperature->specialValueText().isEmpty());

    concurrency->setFocus();
    QTest::keyClick(concurrency, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(concurrency, QStringLiteral("5"));
    QCOMPARE(stored(Settings::TranslateConcurrency).toInt(), 5);
    QTest::keyClicks(model, QStringLiteral("gpt-translate"));
    QCOMPARE(stored(Settings::TranslateModel).toString(), QStringLiteral("gpt-translate"));
    temperature->setFocus();
    QTest::keyClick(temperature, Qt::Key_Up); // from "provider default" to 0
    QTest::keyClick(temperature, Qt::Key_Up);
    QTest::keyClick(temperature, Qt::Key_Up);
    QCOMPARE(stored(Settings::TranslateTemperature).toDouble(), 0.2);
    closeWithCancel();

    openPage();
    QCOMPARE(child<QSpinBox>("translateConcurrency")->value(), 5);
    QCOMPARE(child<QLineEdit>("translateDefaultModel")->text(), QStringLiteral("gpt-translate"));
    temperature = child<QDoubleSpinBox>("translateDefaultTemperature");
    QCOMPARE(temperature->value(), 0.2);
    // Back down to the provider's default: stored as "none".
    temperature->setFocus();
    QTest::keyClick(temperature, Qt::Key_Down);
    QTest::keyClick(temperature, Qt::Key_Down);
    QTest::keyClick(temperature, Qt::Key_Down);
    QCOMPARE(temperature->text(), temperature->specialValueText());
    QVERIFY(stored(Settings::TranslateTemperature).toDouble() < 0);
    // An emptied model field means "the profile's".
    model = child<QLineEdit>("translateDefaultModel");
    model->setFocus();
    QTest::keyClick(model, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(model, Qt::Key_Delete);
    QCOMPARE(stored(Settings::TranslateModel).toString(), QString());
}

void TestTranslatePage::modelPlaceholderFollowsTheProfile()
{
    openPage();
    auto *model = child<QLineEdit>("translateDefaultModel");
    QVERIFY(model);
    QCOMPARE(model->placeholderText(), QStringLiteral("test-model"));
    ProviderProfile p = m_ctx->settings()->activeProfile();
    p.model = QStringLiteral("other-model");
    m_ctx->settings()->saveProfile(p);
    QCOMPARE(model->placeholderText(), QStringLiteral("other-model"));
}

void TestTranslatePage::nextTranslationUsesTheEditedTemplate()
{
    auto controller = makeController();
    TranslationOptions options;
    options.targetLanguage = QStringLiteral("German");

    openPage();
    auto *edit = child<QPlainTextEdit>("translatePromptTemplate");
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, QStringLiteral("Put it into {target}, {style}"));
    closeWithCancel();

    QVERIFY(controller->translate(QStringLiteral("Hello there."), options));
    QTRY_VERIFY(controller->run() && !controller->run()->isActive());
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(systemOf(m_server->requests().at(0)),
             QStringLiteral("Put it into German, ") +
                 TranslationPrompt::styleSentence(TranslationOptions::Style::Neutral));
    QCOMPARE(controller->run()->result(), QStringLiteral("HELLO THERE."));

    // Reset on the page: the same controller's next run is back on the built-in template.
    openPage();
    QTest::mouseClick(child<QPushButton>("resetTranslatePrompt"), Qt::LeftButton);
    closeWithCancel();
    QVERIFY(controller->translate(QStringLiteral("Hello again."), options));
    QTRY_VERIFY(controller->run() && !controller->run()->isActive());
    QCOMPARE(m_server->requests().size(), 2);
    QVERIFY(
        systemOf(m_server->requests().at(1)).startsWith(QStringLiteral("You are a professional translator")));

    // An explicit template on the controller wins over the setting.
    m_ctx->settings()->setValue(Settings::TranslatePromptTemplate, QStringLiteral("From settings."));
    controller->setTemplate(QStringLiteral("Explicit into {target}."));
    QVERIFY(controller->translate(QStringLiteral("Hello once more."), options));
    QTRY_VERIFY(controller->run() && !controller->run()->isActive());
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(systemOf(m_server->requests().at(2)), QStringLiteral("Explicit into German."));
}

void TestTranslatePage::defaultModelFromSettings()
{
    auto controller = makeController();
    TranslationOptions options;
    options.targetLanguage = QStringLiteral("German");
    QVERIFY(controller->translate(QStringLiteral("One."), options));
    QTRY_VERIFY(controller->run() && !controller->run()->isActive());
    m_ctx->settings()->setValue(Settings::TranslateModel, QStringLiteral("translate-model"));
    QVERIFY(controller->translate(QStringLiteral("Two."), options));
    QTRY_VERIFY(controller->run() && !controller->run()->isActive());
    options.model = QStringLiteral("job-model"); // chosen for this job
    QVERIFY(controller->translate(QStringLiteral("Three."), options));
    QTRY_VERIFY(controller->run() && !controller->run()->isActive());

    QCOMPARE(m_server->requests().size(), 3);
    const auto model = [this](int i) {
        return bodyOf(m_server->requests().at(i)).value(QStringLiteral("model")).toString();
    };
    QCOMPARE(model(0), QStringLiteral("test-model")); // the profile's
    QCOMPARE(model(1), QStringLiteral("translate-model"));
    QCOMPARE(model(2), QStringLiteral("job-model"));
}

void TestTranslatePage::concurrencyLimitsRequestsInFlight_data()
{
    QTest::addColumn<int>("setting");
    QTest::addColumn<int>("override"); // 0: none
    QTest::addColumn<int>("expected");
    QTest::newRow("one at a time") << 1 << 0 << 1;
    QTest::newRow("default") << 3 << 0 << 3;
    QTest::newRow("five") << 5 << 0 << 5;
    QTest::newRow("explicit wins") << 5 << 2 << 2;
}

void TestTranslatePage::concurrencyLimitsRequestsInFlight()
{
    QFETCH(int, setting);
    QFETCH(int, override);
    QFETCH(int, expected);
    openPage();
    auto *spin = child<QSpinBox>("translateConcurrency");
    QVERIFY(spin);
    spin->setFocus();
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin, QString::number(setting));
    closeWithCancel();
    QCOMPARE(stored(Settings::TranslateConcurrency).toInt(), setting);

    // Each part answers slowly enough that the run fills every slot it is allowed.
    m_delayMs = 20;
    auto controller = makeController();
    if (override > 0)
        controller->setConcurrency(override);
    QCOMPARE(controller->concurrency(), expected);
    int maxInFlight = 0;
    connect(controller.get(), &TranslateController::runStarted, this, [&](TranslationRun *run) {
        connect(run, &TranslationRun::chunkStarted, this,
                [&, run] { maxInFlight = std::max(maxInFlight, run->runningCount()); });
    });
    TranslationOptions options;
    options.targetLanguage = QStringLiteral("German");
    QVERIFY(controller->translate(paragraphs(8), options));
    QCOMPARE(controller->run()->chunkCount(), 8);
    QCOMPARE(controller->run()->concurrency(), expected);
    QTRY_VERIFY_WITH_TIMEOUT(!controller->run()->isActive(), 15000);
    QCOMPARE(controller->run()->doneCount(), 8);
    QCOMPARE(maxInFlight, expected);
    QCOMPARE(m_server->requests().size(), 8);
}

QTEST_MAIN(TestTranslatePage)
#include "tst_translatepage.moc"
