// The per-conversation settings dialog driven as a person would, with the real main window
// over a temporary store and a loopback server that records every request: what the dialog
// saves must be exactly what the next request carries.
#include "ChatPane.h"
#include "ConversationSettingsDialog.h"
#include "MainWindow.h"
#include "SamplingFields.h"
#include "Sidebar.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "model/ConversationListModel.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

// Answers the next window `find` returns, from inside the nested event loop that shows it
// (a dialog's exec(), a menu's exec()): polls until it is visible, then calls `answer` once.
// A dialog the answer left open (a failed check) is rejected so the test cannot hang.
class WhenShown {
public:
    WhenShown(std::function<QWidget *()> find, std::function<void(QWidget *)> answer)
        : m_find(std::move(find))
        , m_answer(std::move(answer))
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            QWidget *w = m_find();
            if (!w || !w->isVisible())
                return;
            m_timer.stop();
            m_answered = true;
            m_seen = w->objectName();
            QPointer<QWidget> guard(w);
            m_answer(w);
            if (auto *dialog = qobject_cast<QDialog *>(guard.data()); dialog && dialog->isVisible())
                dialog->reject();
        });
        m_timer.start();
    }
    bool answered() const { return m_answered; }
    QString seenObjectName() const { return m_seen; }

private:
    std::function<QWidget *()> m_find;
    std::function<void(QWidget *)> m_answer;
    QTimer m_timer;
    bool m_answered = false;
    QString m_seen;
};

QWidget *modalWidget()
{
    return QApplication::activeModalWidget();
}

template<typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

void clickButton(QWidget *dialog, QDialogButtonBox::StandardButton which)
{
    auto *box = child<QDialogButtonBox>(dialog, "conversationSettingsButtons");
    QVERIFY(box);
    QTest::mouseClick(box->button(which), Qt::LeftButton);
}

void replaceText(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// "role:content" for each message of a recorded chat request.
QStringList turnsOf(const QJsonObject &body)
{
    QStringList out;
    for (const QJsonValue &v : body.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject m = v.toObject();
        out << m.value(QStringLiteral("role")).toString() + QLatin1Char(':') +
                   m.value(QStringLiteral("content")).toString();
    }
    return out;
}

// Six earlier messages, each exactly one estimated token (four Latin characters), so that
// message and token limits cut at predictable places.
const QStringList kHistory{QStringLiteral("user:Q1xx"), QStringLiteral("assistant:A1xx"),
                           QStringLiteral("user:Q2xx"), QStringLiteral("assistant:A2xx"),
                           QStringLiteral("user:Q3xx"), QStringLiteral("assistant:A3xx")};
const QString kPrompt = QStringLiteral("Q4xx");

} // namespace

Q_DECLARE_METATYPE(penpal::SamplingParams)

class TestConversationSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void contextLimitTrimsNextRequest_data();
    void contextLimitTrimsNextRequest();
    void modelPromptAndSamplingApply();
    void cancelChangesNothing();
    void survivesRestart();
    void menuActionFollowsOpenConversation();
    void sidebarMenuOpensSettingsOfThatRow();
    void refreshListsProfileModels();
    void samplingFieldsRoundTrip_data();
    void samplingFieldsRoundTrip();
    void samplingFieldsNameTheFallback();

private:
    void startWindow();
    qint64 seedConversation(const QString &title, const QStringList &history);
    // Opens the dialog through the Chat menu's action and hands it to `answer`. False when
    // no conversation settings dialog came up.
    bool runDialog(const std::function<void(QWidget *)> &answer);
    // Sends `prompt` from the editor and waits for the reply; the recorded request body.
    QJsonObject sendAndWait(const QString &prompt);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_conv = 0;
};

void TestConversationSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_server->route("POST", "/v1/chat/completions", Response::sse(openAiStream({QStringLiteral("OK")})));
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_conv = seedConversation(QStringLiteral("Six messages"), kHistory);
    QVERIFY(m_conv != 0);
    startWindow();
}

void TestConversationSettings::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_server.reset();
    m_dir.reset();
    m_conv = 0;
}

void TestConversationSettings::startWindow()
{
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->openConversation(m_conv);
    QCOMPARE(m_window->chatPane()->conversationId(), m_conv);
}

qint64 TestConversationSettings::seedConversation(const QString &title, const QStringList &history)
{
    const ProviderProfile profile = m_ctx->settings()->activeProfile();
    Conversation c;
    c.title = title;
    c.profileId = profile.id;
    c.model = profile.model;
    if (m_ctx->store()->createConversation(c) == 0)
        return 0;
    qint64 parent = 0;
    for (const QString &turn : history) {
        Message m;
        m.conversationId = c.id;
        m.parentId = parent;
        m.role = turn.startsWith(QLatin1String("user:")) ? Role::User : Role::Assistant;
        m.content = turn.section(QLatin1Char(':'), 1);
        if (m_ctx->store()->addMessage(m) == 0)
            return 0;
        parent = m.id;
    }
    return c.id;
}

bool TestConversationSettings::runDialog(const std::function<void(QWidget *)> &answer)
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("actionConversationSettings"));
    if (!action)
        return false;
    WhenShown shown(modalWidget, answer);
    action->trigger(); // returns once the dialog is closed
    return shown.answered() && shown.seenObjectName() == QLatin1String("conversationSettingsDialog");
}

QJsonObject TestConversationSettings::sendAndWait(const QString &prompt)
{
    const int before = int(m_server->requests().size());
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    auto *send = m_window->findChild<QPushButton *>(QStringLiteral("sendButton"));
    if (!editor || !send)
        return {};
    editor->setFocus();
    QTest::keyClicks(editor, prompt);
    QTest::keyClick(editor, Qt::Key_Return);
    MessageListModel *model = m_window->chatPane()->messages();
    const auto lastState = [model] {
        const int rows = model->rowCount();
        return rows ? MessageState(model->index(rows - 1).data(MessageListModel::StateRole).toInt())
                    : MessageState::Streaming;
    };
    if (!QTest::qWaitFor([&] {
            return m_server->requests().size() > before && lastState() == MessageState::Complete &&
                   send->text() == QLatin1String("Send");
        }))
        return {};
    return QJsonDocument::fromJson(m_server->requests().last().body).object();
}

void TestConversationSettings::contextLimitTrimsNextRequest_data()
{
    QTest::addColumn<int>("presetMessages");
    QTest::addColumn<int>("presetTokens");
    QTest::addColumn<QString>("radio");
    QTest::addColumn<QString>("spin"); // empty: none to set
    QTest::addColumn<int>("value");
    QTest::addColumn<int>("storedMessages");
    QTest::addColumn<int>("storedTokens");
    QTest::addColumn<int>("sentHistory"); // how many of the six earlier messages go along

    const QString messages = QStringLiteral("contextMessages");
    const QString tokens = QStringLiteral("contextTokens");
    // Two messages would start the history with an answer, which the trimmer drops too.
    QTest::newRow("only the last 2 messages") << 0 << 0 << messages << messages << 2 << 2 << 0 << 0;
    QTest::newRow("only the last 3 messages") << 0 << 0 << messages << messages << 3 << 3 << 0 << 2;
    QTest::newRow("only the last 5 messages") << 0 << 0 << messages << messages << 5 << 5 << 0 << 4;
    QTest::newRow("at most 3 tokens") << 0 << 0 << tokens << tokens << 3 << 0 << 3 << 2;
    QTest::newRow("tokens replace a message limit") << 2 << 0 << tokens << tokens << 5 << 0 << 5 << 4;
    QTest::newRow("send all history again")
        << 2 << 0 << QStringLiteral("contextAll") << QString() << 0 << 0 << 0 << 6;
    QTest::newRow("a larger message limit") << 3 << 0 << messages << messages << 50 << 50 << 0 << 6;
}

void TestConversationSettings::contextLimitTrimsNextRequest()
{
    QFETCH(int, presetMessages);
    QFETCH(int, presetTokens);
    QFETCH(QString, radio);
    QFETCH(QString, spin);
    QFETCH(int, value);
    QFETCH(int, storedMessages);
    QFETCH(int, storedTokens);
    QFETCH(int, sentHistory);
    QVERIFY(m_ctx->store()->setContextLimits(m_conv, presetMessages, presetTokens));

    QVERIFY(runDialog([&](QWidget *dialog) {
        auto *button = dialog->findChild<QRadioButton *>(radio + QStringLiteral("Radio"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(4, button->height() / 2));
        QVERIFY(button->isChecked());
        if (!spin.isEmpty()) {
            auto *box = dialog->findChild<QSpinBox *>(spin + QStringLiteral("Spin"));
            QVERIFY(box);
            QVERIFY(box->isEnabled()); // enabled with its radio button
            box->setFocus();
            box->selectAll();
            QTest::keyClicks(box, QString::number(value));
            QCOMPARE(box->value(), value);
        }
        // Only the chosen limit's spin box is active.
        QCOMPARE(child<QSpinBox>(dialog, "contextMessagesSpin")->isEnabled(),
                 radio == QLatin1String("contextMessages"));
        QCOMPARE(child<QSpinBox>(dialog, "contextTokensSpin")->isEnabled(),
                 radio == QLatin1String("contextTokens"));
        clickButton(dialog, QDialogButtonBox::Ok);
    }));

    const Conversation saved = m_ctx->store()->conversation(m_conv);
    QCOMPARE(saved.contextMaxMessages, storedMessages);
    QCOMPARE(saved.contextMaxTokens, storedTokens);

    const QJsonObject body = sendAndWait(kPrompt);
    QVERIFY(!body.isEmpty());
    QCOMPARE(turnsOf(body),
             kHistory.mid(kHistory.size() - sentHistory) + QStringList{QStringLiteral("user:") + kPrompt});

    // The reply row says how much was left out; the thread's notice is drawn from it.
    MessageListModel *model = m_window->chatPane()->messages();
    const QModelIndex reply = model->index(model->rowCount() - 1);
    QCOMPARE(Role(reply.data(MessageListModel::RoleRole).toInt()), Role::Assistant);
    QCOMPARE(reply.data(MessageListModel::OmittedBeforeRole).toInt(), int(kHistory.size()) - sentHistory);
    // ... and keeps saying it once the thread is read back from the store.
    m_window->newChat();
    m_window->openConversation(m_conv);
    const QModelIndex reread = model->index(model->rowCount() - 1);
    QCOMPARE(reread.data(MessageListModel::OmittedBeforeRole).toInt(), int(kHistory.size()) - sentHistory);
}

void TestConversationSettings::modelPromptAndSamplingApply()
{
    QVERIFY(runDialog([&](QWidget *dialog) {
        auto *combo = child<QComboBox>(dialog, "conversationModelCombo");
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), QStringLiteral("test-model")); // prefilled
        replaceText(combo->lineEdit(), QStringLiteral("other-model"));
        replaceText(child<QLineEdit>(dialog, "conversationTitleEdit"), QStringLiteral("Renamed here"));
        auto *prompt = child<QPlainTextEdit>(dialog, "conversationSystemPromptEdit");
        QVERIFY(prompt && prompt->toPlainText().isEmpty());
        prompt->setFocus();
        QTest::keyClicks(prompt, QStringLiteral("Be terse."));
        auto *temperature = child<QDoubleSpinBox>(dialog, "temperatureSpin");
        auto *maxTokens = child<QSpinBox>(dialog, "maxTokensSpin");
        QVERIFY(temperature && maxTokens);
        // Unset values read "Server default", as in the profile editor.
        QCOMPARE(temperature->text(), QStringLiteral("Server default"));
        QCOMPARE(maxTokens->text(), QStringLiteral("Server default"));
        temperature->setValue(0.5);
        clickButton(dialog, QDialogButtonBox::Ok);
    }));

    const Conversation saved = m_ctx->store()->conversation(m_conv);
    QCOMPARE(saved.model, QStringLiteral("other-model"));
    QCOMPARE(saved.systemPrompt, QStringLiteral("Be terse."));
    QCOMPARE(saved.title, QStringLiteral("Renamed here"));
    QVERIFY(saved.params.temperature && qFuzzyCompare(*saved.params.temperature, 0.5));
    QVERIFY(!saved.params.maxTokens);
    QCOMPARE(m_window->sidebar()->list()->currentIndex().data().toString(), QStringLiteral("Renamed here"));

    const QJsonObject body = sendAndWait(kPrompt);
    QVERIFY(!body.isEmpty());
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("other-model"));
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.5);
    QVERIFY(!body.contains(QStringLiteral("max_tokens")));
    QStringList expected{QStringLiteral("system:Be terse.")};
    expected << kHistory << QStringLiteral("user:") + kPrompt; // no limit was set
    QCOMPARE(turnsOf(body), expected);
    MessageListModel *model = m_window->chatPane()->messages();
    const QModelIndex reply = model->index(model->rowCount() - 1);
    QCOMPARE(reply.data(MessageListModel::ModelRole).toString(), QStringLiteral("other-model"));
    QCOMPARE(reply.data(MessageListModel::OmittedBeforeRole).toInt(), 0);
}

void TestConversationSettings::cancelChangesNothing()
{
    QVERIFY(m_ctx->store()->setContextLimits(m_conv, 0, 0));
    const Conversation before = m_ctx->store()->conversation(m_conv);
    QVERIFY(runDialog([&](QWidget *dialog) {
        replaceText(child<QComboBox>(dialog, "conversationModelCombo")->lineEdit(),
                    QStringLiteral("nope-model"));
        replaceText(child<QLineEdit>(dialog, "conversationTitleEdit"), QStringLiteral("Not this title"));
        auto *prompt = child<QPlainTextEdit>(dialog, "conversationSystemPromptEdit");
        prompt->setFocus();
        QTest::keyClicks(prompt, QStringLiteral("Never sent."));
        child<QDoubleSpinBox>(dialog, "temperatureSpin")->setValue(1.5);
        child<QSpinBox>(dialog, "maxTokensSpin")->setValue(77);
        auto *radio = child<QRadioButton>(dialog, "contextMessagesRadio");
        QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(4, radio->height() / 2));
        child<QSpinBox>(dialog, "contextMessagesSpin")->setValue(2);
        // What OK would have saved differs, so Cancel has something to discard.
        auto *dlg = qobject_cast<ConversationSettingsDialog *>(dialog);
        QVERIFY(dlg);
        const Conversation would = dlg->edited();
        QCOMPARE(would.contextMaxMessages, 2);
        QCOMPARE(would.model, QStringLiteral("nope-model"));
        clickButton(dialog, QDialogButtonBox::Cancel);
    }));

    const Conversation after = m_ctx->store()->conversation(m_conv);
    QCOMPARE(after.title, before.title);
    QCOMPARE(after.model, before.model);
    QCOMPARE(after.systemPrompt, before.systemPrompt);
    QVERIFY(after.params == before.params);
    QCOMPARE(after.contextMaxMessages, before.contextMaxMessages);
    QCOMPARE(after.contextMaxTokens, before.contextMaxTokens);

    const QJsonObject body = sendAndWait(kPrompt);
    QVERIFY(!body.isEmpty());
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
    QVERIFY(!body.contains(QStringLiteral("temperature")));
    QVERIFY(!body.contains(QStringLiteral("max_tokens")));
    QCOMPARE(turnsOf(body), kHistory + QStringList{QStringLiteral("user:") + kPrompt});
}

void TestConversationSettings::survivesRestart()
{
    QVERIFY(runDialog([&](QWidget *dialog) {
        replaceText(child<QComboBox>(dialog, "conversationModelCombo")->lineEdit(),
                    QStringLiteral("restart-model"));
        auto *prompt = child<QPlainTextEdit>(dialog, "conversationSystemPromptEdit");
        prompt->setFocus();
        QTest::keyClicks(prompt, QStringLiteral("Stay brief."));
        auto *radio = child<QRadioButton>(dialog, "contextMessagesRadio");
        QTest::mouseClick(radio, Qt::LeftButton, {}, QPoint(4, radio->height() / 2));
        child<QSpinBox>(dialog, "contextMessagesSpin")->setValue(3);
        clickButton(dialog, QDialogButtonBox::Ok);
    }));

    // A new process would do exactly this: a fresh context on the same folder.
    m_window.reset();
    m_ctx.reset();
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    startWindow();

    const Conversation c = m_ctx->store()->conversation(m_conv);
    QCOMPARE(c.model, QStringLiteral("restart-model"));
    QCOMPARE(c.systemPrompt, QStringLiteral("Stay brief."));
    QCOMPARE(c.contextMaxMessages, 3);
    QCOMPARE(c.contextMaxTokens, 0);

    // The dialog shows what was saved.
    QVERIFY(runDialog([&](QWidget *dialog) {
        QCOMPARE(child<QComboBox>(dialog, "conversationModelCombo")->currentText(),
                 QStringLiteral("restart-model"));
        QCOMPARE(child<QPlainTextEdit>(dialog, "conversationSystemPromptEdit")->toPlainText(),
                 QStringLiteral("Stay brief."));
        QVERIFY(child<QRadioButton>(dialog, "contextMessagesRadio")->isChecked());
        QCOMPARE(child<QSpinBox>(dialog, "contextMessagesSpin")->value(), 3);
        QVERIFY(!child<QSpinBox>(dialog, "contextTokensSpin")->isEnabled());
        clickButton(dialog, QDialogButtonBox::Cancel);
    }));

    const QJsonObject body = sendAndWait(kPrompt);
    QVERIFY(!body.isEmpty());
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("restart-model"));
    QCOMPARE(turnsOf(body),
             QStringList({QStringLiteral("system:Stay brief."), QStringLiteral("user:Q3xx"),
                          QStringLiteral("assistant:A3xx"), QStringLiteral("user:") + kPrompt}));
    MessageListModel *model = m_window->chatPane()->messages();
    QCOMPARE(model->index(model->rowCount() - 1).data(MessageListModel::OmittedBeforeRole).toInt(), 4);
}

void TestConversationSettings::menuActionFollowsOpenConversation()
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("actionConversationSettings"));
    QVERIFY(action);
    QVERIFY(action->isEnabled()); // a saved conversation is open

    // A new chat has nothing saved yet: the action is off and does nothing.
    m_window->newChat();
    QCOMPARE(m_window->chatPane()->conversationId(), qint64(0));
    QVERIFY(!action->isEnabled());
    QVERIFY(!ConversationSettingsDialog::edit(m_ctx.get(), 0, m_window.get()));

    // Its first message saves it: now it can be configured.
    const QJsonObject body = sendAndWait(QStringLiteral("hello"));
    QVERIFY(!body.isEmpty());
    const qint64 created = m_window->chatPane()->conversationId();
    QVERIFY(created != 0 && created != m_conv);
    QVERIFY(action->isEnabled());

    // Ctrl+Shift+, opens the dialog for the open conversation.
    qint64 shownFor = 0;
    WhenShown shown(modalWidget, [&](QWidget *dialog) {
        auto *dlg = qobject_cast<ConversationSettingsDialog *>(dialog);
        QVERIFY(dlg);
        shownFor = dlg->conversationId();
        clickButton(dialog, QDialogButtonBox::Cancel);
    });
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("promptEditor"));
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Comma, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(shown.answered());
    QCOMPARE(shown.seenObjectName(), QStringLiteral("conversationSettingsDialog"));
    QCOMPARE(shownFor, created);
}

void TestConversationSettings::sidebarMenuOpensSettingsOfThatRow()
{
    const qint64 other =
        seedConversation(QStringLiteral("Other chat"), {QStringLiteral("user:other question")});
    QVERIFY(other != 0);
    QListView *list = m_window->sidebar()->list();
    QModelIndex row;
    for (int i = 0; i < list->model()->rowCount(); ++i) {
        if (list->model()->index(i, 0).data(ConversationListModel::IdRole).toLongLong() == other)
            row = list->model()->index(i, 0);
    }
    QVERIFY(row.isValid());

    qint64 shownFor = 0;
    // The menu's exec() runs the dialog's: the second answer comes from inside the first.
    WhenShown dialogShown(modalWidget, [&](QWidget *dialog) {
        auto *dlg = qobject_cast<ConversationSettingsDialog *>(dialog);
        QVERIFY(dlg);
        shownFor = dlg->conversationId();
        QCOMPARE(child<QLineEdit>(dialog, "conversationTitleEdit")->text(), QStringLiteral("Other chat"));
        replaceText(child<QLineEdit>(dialog, "conversationTitleEdit"),
                    QStringLiteral("Renamed from the sidebar"));
        clickButton(dialog, QDialogButtonBox::Ok);
    });
    WhenShown menuShown([] { return QApplication::activePopupWidget(); },
                        [&](QWidget *popup) {
                            auto *menu = qobject_cast<QMenu *>(popup);
                            QVERIFY(menu);
                            auto *item = menu->findChild<QAction *>(
                                QStringLiteral("sidebarConversationSettingsAction"));
                            QVERIFY(item);
                            QVERIFY(item->isEnabled());
                            menu->setActiveAction(item);
                            QTest::keyClick(menu, Qt::Key_Return);
                        });
    Sidebar *sidebar = m_window->sidebar();
    const QPoint at = list->viewport()->mapTo(sidebar, list->visualRect(row).center());
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, sidebar->mapToGlobal(at));
    QApplication::sendEvent(sidebar, &event);

    QTRY_VERIFY(dialogShown.answered());
    QVERIFY(menuShown.answered());
    QCOMPARE(shownFor, other);
    QCOMPARE(m_ctx->store()->conversation(other).title, QStringLiteral("Renamed from the sidebar"));
    QCOMPARE(m_ctx->store()->conversation(m_conv).title, QStringLiteral("Six messages"));
}

void TestConversationSettings::refreshListsProfileModels()
{
    m_server->route(
        "GET", "/v1/models",
        Response::json(200, R"({"object":"list","data":[{"id":"zeta-model"},{"id":"alpha-model"}]})"));
    QVERIFY(runDialog([&](QWidget *dialog) {
        auto *dlg = qobject_cast<ConversationSettingsDialog *>(dialog);
        QVERIFY(dlg);
        auto *combo = child<QComboBox>(dialog, "conversationModelCombo");
        QSignalSpy loaded(dlg, &ConversationSettingsDialog::modelsLoaded);
        QTest::mouseClick(child<QPushButton>(dialog, "conversationRefreshModelsButton"), Qt::LeftButton);
        QTRY_COMPARE(loaded.size(), 1);
        QStringList items;
        for (int i = 0; i < combo->count(); ++i)
            items << combo->itemText(i);
        QCOMPARE(items, QStringList({QStringLiteral("alpha-model"), QStringLiteral("zeta-model")}));
        QCOMPARE(combo->currentText(), QStringLiteral("test-model")); // the choice is kept
        combo->setCurrentIndex(0);
        clickButton(dialog, QDialogButtonBox::Ok);
    }));
    const ReceivedRequest list = m_server->requests().last();
    QCOMPARE(list.method, QByteArray("GET"));
    QCOMPARE(list.header("Authorization"), QByteArray("Bearer test-key")); // the profile's key
    QCOMPARE(m_ctx->store()->conversation(m_conv).model, QStringLiteral("alpha-model"));
}

void TestConversationSettings::samplingFieldsRoundTrip_data()
{
    QTest::addColumn<SamplingParams>("params");
    SamplingParams none;
    SamplingParams all;
    all.temperature = 1.25;
    all.topP = 0.9;
    all.maxTokens = 512;
    SamplingParams zero; // 0 is a real value, not "unset"
    zero.temperature = 0.0;
    zero.topP = 0.0;
    zero.maxTokens = 1;
    SamplingParams withStop;
    withStop.temperature = 0.3;
    withStop.stop = QStringList{QStringLiteral("END")};
    QTest::newRow("nothing set") << none;
    QTest::newRow("everything set") << all;
    QTest::newRow("smallest real values") << zero;
    QTest::newRow("stop sequences kept") << withStop;
}

void TestConversationSettings::samplingFieldsRoundTrip()
{
    QFETCH(SamplingParams, params);
    QWidget host;
    SamplingFields fields(&host);
    fields.setParams(params);
    const SamplingParams back = fields.params(params);
    QVERIFY(back == params);
    QCOMPARE(fields.params().stop, QStringList()); // only what the fields show comes from them
}

void TestConversationSettings::samplingFieldsNameTheFallback()
{
    QWidget host;
    SamplingFields fields(&host);
    fields.setParams({});
    QCOMPARE(fields.temperature()->text(), QStringLiteral("Server default"));
    SamplingParams profile;
    profile.temperature = 0.7;
    fields.setFallback(profile);
    QCOMPARE(fields.temperature()->text(),
             QStringLiteral("Profile default (%1)").arg(QLocale().toString(0.7, 'f', 2)));
    QCOMPARE(fields.topP()->text(), QStringLiteral("Server default"));
    QCOMPARE(fields.maxTokens()->text(), QStringLiteral("Server default"));
    QVERIFY(!fields.params().temperature); // the fallback is shown, never copied in
}

QTEST_MAIN(TestConversationSettings)
#include "tst_conversationsettings.moc"
