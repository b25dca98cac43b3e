// Automatic titles: after the first exchange the model is asked for a short title, which
// replaces the first-words title unless the user named the conversation.
#include "SettingsDialog.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "chat/AutoTitler.h"
#include "chat/ChatController.h"
#include "model/ConversationListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

class TestAutoTitle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void cleanTitle_data();
    void cleanTitle();
    void titledAfterFirstExchange();
    void userTitleIsNeverReplaced();
    void renamedWhileTitleIsOnItsWay();
    void offMeansNoRequest();
    void onlyTheFirstExchange();
    void failedTitleKeepsFirstWords();
    void settingsPageSwitchesItOff();

private:
    QJsonObject requestBody(int index) const;
    QString sidebarTitle(qint64 conversationId) const;

    QTemporaryDir *m_dir = nullptr;
    TestHttpServer *m_server = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    static constexpr char kPath[] = "/v1/chat/completions";
};

void TestAutoTitle::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestHttpServer;
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_ctx->settings()->setValue(Settings::AutoTitle, true);
}

void TestAutoTitle::cleanup()
{
    m_ctx.reset();
    delete m_server;
    delete m_dir;
}

QJsonObject TestAutoTitle::requestBody(int index) const
{
    return QJsonDocument::fromJson(m_server->requests().at(index).body).object();
}

QString TestAutoTitle::sidebarTitle(qint64 conversationId) const
{
    ConversationListModel *model = m_ctx->conversations();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, 0);
        if (i.data(ConversationListModel::IdRole).toLongLong() == conversationId)
            return i.data(Qt::DisplayRole).toString();
    }
    return QString();
}

void TestAutoTitle::cleanTitle_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("title");
    QTest::newRow("plain") << "Quantum Basics"
                           << "Quantum Basics";
    QTest::newRow("quoted, full stop") << "\"Quantum Basics.\""
                                       << "Quantum Basics";
    QTest::newRow("curly quotes") << QStringLiteral("\u201CSourdough at Home\u201D") << "Sourdough at Home";
    QTest::newRow("label") << "Title: Rust lifetimes"
                           << "Rust lifetimes";
    QTest::newRow("markdown heading") << "## **Rust lifetimes**"
                                      << "Rust lifetimes";
    QTest::newRow("first line only") << "\n\nTrip to Kyoto\nThis title reflects..."
                                     << "Trip to Kyoto";
    QTest::newRow("chinese") << QStringLiteral("标题：量子计算入门。") << QStringLiteral("量子计算入门");
    QTest::newRow("japanese brackets")
        << QStringLiteral("「京都旅行の計画」") << QStringLiteral("京都旅行の計画");
    QTest::newRow("question kept") << "Why is the sky blue?"
                                   << "Why is the sky blue?";
    QTest::newRow("inline thinking") << "<think>The user asks about tea.\nSo:</think>\nGreen Tea Brewing"
                                     << "Green Tea Brewing";
    QTest::newRow("unfinished thinking") << "<think>hmm, let me"
                                         << "";
    QTest::newRow("empty") << "  \n "
                           << "";
    QTest::newRow("long, cut at a word")
        << "A very long title that goes on and on about many different things at once forever"
        << QStringLiteral("A very long title that goes on and on about many different\u2026");
}

void TestAutoTitle::cleanTitle()
{
    QFETCH(QString, answer);
    QFETCH(QString, title);
    QCOMPARE(AutoTitler::cleanTitle(answer), title);
}

void TestAutoTitle::titledAfterFirstExchange()
{
    m_server->route("POST", kPath,
                    Response::sse(openAiStream(
                        {QStringLiteral("Superposition means "), QStringLiteral("many states at once.")})));
    m_server->route(
        "POST", kPath,
        Response::sse(openAiStream({QStringLiteral("\"Quantum "), QStringLiteral("Superposition.\"")})));
    QSignalSpy titled(m_ctx->chat()->autoTitler(), &AutoTitler::titled);
    const qint64 conv =
        m_ctx->chat()->send(0, QStringLiteral("Explain superposition in quantum mechanics in simple words"));
    QVERIFY(conv != 0);
    // Until the answer comes, the title is the prompt's first words.
    QVERIFY(m_ctx->store()->conversation(conv).title.startsWith(QStringLiteral("Explain superposition")));
    QTRY_COMPARE(titled.count(), 1);
    QCOMPARE(m_ctx->store()->conversation(conv).title, QStringLiteral("Quantum Superposition"));
    QVERIFY(!m_ctx->store()->conversation(conv).titleLocked); // still Penpal's, not the user's
    QCOMPARE(sidebarTitle(conv), QStringLiteral("Quantum Superposition"));

    QCOMPARE(m_server->requests().size(), 2);
    const QJsonArray messages = requestBody(1).value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Explain superposition in quantum mechanics in simple words"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("Superposition means many states at once."));
    QCOMPARE(messages.at(2).toObject().value(QStringLiteral("content")).toString(),
             AutoTitler::instruction());
    QVERIFY(requestBody(1).value(QStringLiteral("max_tokens")).toInt() > 0);
    // The title request is not a message of the conversation.
    QCOMPARE(m_ctx->store()->thread(conv).size(), 2);
}

void TestAutoTitle::userTitleIsNeverReplaced()
{
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("Hi!")}), 0));
    Conversation c;
    c.title = QStringLiteral("My own name");
    c.profileId = m_ctx->settings()->activeProfile().id;
    QVERIFY(m_ctx->store()->createConversation(c) > 0);
    QVERIFY(m_ctx->store()->renameConversation(c.id, QStringLiteral("My own name")));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    QVERIFY(m_ctx->chat()->send(c.id, QStringLiteral("hello")) == c.id);
    QTRY_COMPARE(finalized.count(), 1);
    QTest::qWait(50);
    QCOMPARE(m_server->requests().size(), 1); // not even asked
    QCOMPARE(m_ctx->store()->conversation(c.id).title, QStringLiteral("My own name"));
}

void TestAutoTitle::renamedWhileTitleIsOnItsWay()
{
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("Answer")})));
    Response slowTitle = Response::sse(openAiStream({QStringLiteral("Model title")}), 300);
    m_server->route("POST", kPath, slowTitle);
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("question"));
    QTRY_COMPARE(finalized.count(), 1);
    QTRY_COMPARE(m_server->requests().size(), 2);
    QVERIFY(m_ctx->chat()->autoTitler()->isTitling(conv));
    QVERIFY(m_ctx->store()->renameConversation(conv, QStringLiteral("Named by me")));
    QTRY_VERIFY(!m_ctx->chat()->autoTitler()->isTitling(conv));
    QCOMPARE(m_ctx->store()->conversation(conv).title, QStringLiteral("Named by me"));
}

void TestAutoTitle::offMeansNoRequest()
{
    m_ctx->settings()->setValue(Settings::AutoTitle, false);
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("Answer")})));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("What is tea?"));
    QTRY_COMPARE(finalized.count(), 1);
    QTest::qWait(50);
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(!m_ctx->chat()->autoTitler()->isTitling(conv));
    QCOMPARE(m_ctx->store()->conversation(conv).title, QStringLiteral("What is tea?"));
}

void TestAutoTitle::onlyTheFirstExchange()
{
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("One")})));
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("First Title")})));
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("Two")})));
    QSignalSpy titled(m_ctx->chat()->autoTitler(), &AutoTitler::titled);
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("first"));
    QTRY_COMPARE(titled.count(), 1);
    QCOMPARE(m_ctx->chat()->send(conv, QStringLiteral("second")), conv);
    QTRY_COMPARE(finalized.count(), 2);
    QTest::qWait(50);
    QCOMPARE(m_server->requests().size(), 3); // reply, title, reply: no second title request
    QCOMPARE(titled.count(), 1);
    QCOMPARE(m_ctx->store()->conversation(conv).title, QStringLiteral("First Title"));
}

void TestAutoTitle::failedTitleKeepsFirstWords()
{
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("Answer")})));
    m_server->route("POST", kPath,
                    Response::json(500, R"({"error":{"message":"boom","type":"server_error"}})"));
    QSignalSpy errors(m_ctx->chat(), &ChatController::errorOccurred);
    const qint64 conv = m_ctx->chat()->send(0, QStringLiteral("How do magnets work?"));
    QTRY_COMPARE(m_server->requests().size(), 2);
    QTRY_VERIFY(!m_ctx->chat()->autoTitler()->isTitling(conv));
    QCOMPARE(m_ctx->store()->conversation(conv).title, QStringLiteral("How do magnets work?"));
    QCOMPARE(errors.count(), 0); // a title is a nicety: no error bar for it
    QCOMPARE(m_ctx->store()->thread(conv).constLast().state, MessageState::Complete);
}

void TestAutoTitle::settingsPageSwitchesItOff()
{
    SettingsDialog dialog(m_ctx.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
    QVERIFY(tabs);
    auto *page = dialog.findChild<QWidget *>(QStringLiteral("chatsPage"));
    tabs->setCurrentWidget(page);
    auto *check = page->findChild<QCheckBox *>(QStringLiteral("autoTitleCheck"));
    QVERIFY(check && check->isChecked());
    QTest::mouseClick(check, Qt::LeftButton, {}, QPoint(5, check->height() / 2));
    QVERIFY(!check->isChecked());
    QCOMPARE(m_ctx->settings()->value(Settings::AutoTitle).toBool(), false);
    // And the next first exchange asks for no title.
    m_server->route("POST", kPath, Response::sse(openAiStream({QStringLiteral("Answer")})));
    QSignalSpy finalized(m_ctx->chat(), &ChatController::messageFinalized);
    m_ctx->chat()->send(0, QStringLiteral("question"));
    QTRY_COMPARE(finalized.count(), 1);
    QTest::qWait(50);
    QCOMPARE(m_server->requests().size(), 1);
}

QTEST_MAIN(TestAutoTitle)
#include "tst_autotitle.moc"
