// The prompt library and personas in the chat pane: "/" in the empty editor opens the library
// popup, typing filters it and Enter inserts the prompt; a prompt with its own {{variable}}
// asks for it in a form (remembered for next time); Ctrl+P opens the library anywhere in the
// text; a persona chosen for a new chat decides the system prompt and model of the request.
#include "ChatPane.h"
#include "ConversationSettingsDialog.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "PersonasPage.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "chat/PromptVariables.h"
#include "core/Persona.h"
#include "core/SavedPrompt.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

class TestPromptLibrary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void slashOpensFilterableLibrary();
    void slashInTextIsJustASlash();
    void variablesAskedAndRemembered();
    void personaDecidesNewChatRequest();
    void conversationSettingsApplyPersona();
    void personasPageExportImport();

private:
    QPlainTextEdit *editor() const
    {
        return m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    }
    QWidget *popup() const { return m_window->findChild<QWidget *>(QStringLiteral("promptLibraryPopup")); }
    qint64 addPrompt(const QString &name, const QString &text)
    {
        SavedPrompt p;
        p.name = name;
        p.text = text;
        return m_ctx->store()->savePrompt(p);
    }
    // Chooses the prompt called `name` in the open popup with the keyboard.
    void choose(const QString &name)
    {
        QTRY_VERIFY(popup() && popup()->isVisible());
        auto *filter = popup()->findChild<QLineEdit *>(QStringLiteral("promptLibraryFilter"));
        QVERIFY(filter);
        QTest::keyClicks(filter, name);
        auto *list = popup()->findChild<QListWidget *>(QStringLiteral("promptLibraryList"));
        QCOMPARE(list->count(), 1);
        QTest::keyClick(filter, Qt::Key_Return);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

void TestPromptLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("POST", "/v1/chat/completions", Response::sse(openAiStream({QStringLiteral("Arr")})));
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    editor()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), editor());
}

void TestPromptLibrary::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
}

void TestPromptLibrary::slashOpensFilterableLibrary()
{
    QVERIFY(addPrompt(QStringLiteral("Greeting zz"), QStringLiteral("Hello from the library")));
    QVERIFY(!popup());
    QTest::keyClick(editor(), '/');
    QTRY_VERIFY(popup() && popup()->isVisible());
    auto *list = popup()->findChild<QListWidget *>(QStringLiteral("promptLibraryList"));
    QCOMPARE(list->count(), m_ctx->store()->prompts().size()); // built-ins and ours
    QVERIFY(list->count() > 1);
    choose(QStringLiteral("zz"));
    QTRY_VERIFY(!popup());
    QCOMPARE(editor()->toPlainText(), QStringLiteral("Hello from the library"));
}

void TestPromptLibrary::slashInTextIsJustASlash()
{
    QTest::keyClicks(editor(), QStringLiteral("a/b"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("a/b"));
    QVERIFY(!popup());
}

void TestPromptLibrary::variablesAskedAndRemembered()
{
    QVERIFY(addPrompt(QStringLiteral("Explain qq"), QStringLiteral("Explain {{topic}} on {{date}}")));
    QString seenValue = QStringLiteral("unset");
    auto fillIn = [&seenValue](const QString &value) {
        return [&seenValue, value](QWidget *w) {
            auto *edit = w->findChild<QLineEdit *>(QStringLiteral("promptVariable:topic"));
            QVERIFY(edit);
            seenValue = edit->text();
            edit->setText(value);
            qobject_cast<QDialog *>(w)->accept();
        };
    };
    {
        QTest::keyClick(editor(), '/');
        ModalAnswerer answer(fillIn(QStringLiteral("rust")));
        choose(QStringLiteral("qq"));
        QTRY_VERIFY(answer.answered());
        QCOMPARE(answer.seenObjectName(), QStringLiteral("promptVariablesDialog"));
    }
    QCOMPARE(seenValue, QString());
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    QCOMPARE(editor()->toPlainText(), QStringLiteral("Explain rust on ") + today);
    const auto stored =
        PromptVariables::valuesFromJson(m_ctx->settings()->value(Settings::PromptVariableValues).toString());
    QCOMPARE(stored.value(QStringLiteral("topic")), QStringLiteral("rust"));

    // Ctrl+P works with text in the editor and inserts at the cursor; the form remembers.
    QTest::keyClicks(editor(), QStringLiteral(" | "));
    QTest::keyClick(editor(), Qt::Key_P, Qt::ControlModifier);
    {
        ModalAnswerer answer(fillIn(QStringLiteral("go")));
        choose(QStringLiteral("qq"));
        QTRY_VERIFY(answer.answered());
    }
    QCOMPARE(seenValue, QStringLiteral("rust"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("Explain rust on %1 | Explain go on %1").arg(today));
}

void TestPromptLibrary::personaDecidesNewChatRequest()
{
    Persona p;
    p.name = QStringLiteral("Pirate");
    p.icon = QStringLiteral("🏴");
    p.systemPrompt = QStringLiteral("You are a pirate. Speak {{language}}.");
    p.model = QStringLiteral("persona-model");
    p.params.temperature = 0.25;
    const qint64 id = m_ctx->store()->savePersona(p);
    QVERIFY(id);
    auto *combo = m_window->findChild<QComboBox *>(QStringLiteral("newChatPersonaCombo"));
    QVERIFY(combo);
    QTRY_VERIFY(combo->isVisible());
    const int index = combo->findData(id);
    QVERIFY(index > 0);
    combo->setCurrentIndex(index);

    editor()->setFocus();
    QTest::keyClicks(editor(), QStringLiteral("Ahoy"));
    QTest::keyClick(editor(), Qt::Key_Return);
    QTRY_COMPARE(m_server->requests().size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(m_server->requests().first().body).object();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("persona-model"));
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.25);
    const QJsonObject first = body.value(QStringLiteral("messages")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    const QString expected =
        QStringLiteral("You are a pirate. Speak %1.").arg(QLocale::languageToString(QLocale().language()));
    QCOMPARE(first.value(QStringLiteral("content")).toString(), expected);

    const qint64 conv = m_window->chatPane()->conversationId();
    QVERIFY(conv != 0);
    QCOMPARE(m_ctx->store()->conversation(conv).systemPrompt, expected);
    QCOMPARE(m_ctx->store()->conversation(conv).title, QStringLiteral("Ahoy"));
    QVERIFY(!combo->isVisible()); // only for new chats
}

void TestPromptLibrary::conversationSettingsApplyPersona()
{
    Conversation c;
    c.title = QStringLiteral("Old");
    c.systemPrompt = QStringLiteral("old prompt");
    c.model = QStringLiteral("old-model");
    c.params.topP = 0.5;
    QVERIFY(m_ctx->store()->createConversation(c));
    Persona p;
    p.name = QStringLiteral("AAA first of mine");
    p.systemPrompt = QStringLiteral("New rules");
    p.model = QStringLiteral("new-model");
    p.params.temperature = 0.1;
    QVERIFY(m_ctx->store()->savePersona(p));

    ConversationSettingsDialog dialog(m_ctx.get(), c.id);
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("conversationPersonaCombo"));
    QVERIFY(combo);
    const int builtins = m_ctx->store()->personas().size() - 1;
    QCOMPARE(combo->count(), builtins + 2); // the prompt, built-ins, ours
    combo->setFocus();
    for (int i = 0; i <= builtins; ++i) // the keyboard way down to ours (after the built-ins)
        QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentText(), p.name);
    dialog.accept();
    const Conversation saved = m_ctx->store()->conversation(c.id);
    QCOMPARE(saved.systemPrompt, QStringLiteral("New rules"));
    QCOMPARE(saved.model, QStringLiteral("new-model"));
    QCOMPARE(saved.params.temperature, std::optional<double>(0.1));
    QCOMPARE(saved.params.topP, std::optional<double>(0.5)); // not set by the persona: kept
    QCOMPARE(saved.title, QStringLiteral("Old"));
}

void TestPromptLibrary::personasPageExportImport()
{
    PersonasPage page(m_ctx.get());
    auto *list = page.findChild<QListWidget *>(QStringLiteral("personasList"));
    QVERIFY(list);
    const int before = list->count();
    QVERIFY(before >= 6);
    const QString path = m_dir->filePath(QStringLiteral("library.json"));
    page.exportTo(path);
    QVERIFY(QFile::exists(path));
    page.importFrom(path);
    QCOMPARE(list->count(), 2 * before); // imported as the user's own copies
    QCOMPARE(m_ctx->store()->personas().size(), 2 * before);
}

QTEST_MAIN(TestPromptLibrary)
#include "tst_promptlibrary.moc"
