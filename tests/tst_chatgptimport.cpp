// Importing a ChatGPT data export (and the errors an import reports) through ImportJob and
// Importer into a temporary history, checked in the database: tree shape, shown branch,
// titles, times, models, notes; all-or-nothing on cancel and on late errors.
#include "ImportTestHelpers.h"
#include "StoreTestHelpers.h"
#include "history/ImportJob.h"
#include "history/Importer.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QDateTime utcMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

class TestChatGptImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void importsFixture();
    void importsFromZip();
    void reimportAddsNothing();
    void cancelLeavesHistoryUnchanged();
    void lateErrorLeavesHistoryUnchanged();
    void errors_data();
    void errors();
    void zipWithoutConversations();
    void refusedWhileReplyStreams();
    void smallChunksGiveSameResult();
    void loopedParentsAreCountedNotImported();

private:
    QString writeTemp(const QString &name, const QByteArray &bytes);
    qint64 idOfUid(const QString &uid);
    void checkFixtureRows();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    QString m_dbPath;
};

void TestChatGptImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dbPath = m_dir->filePath(QStringLiteral("history.sqlite"));
    m_store = std::make_unique<Store>();
    QVERIFY2(m_store->open(m_dbPath), qPrintable(m_store->lastError()));
    // Something already there, so that "unchanged" means more than "empty".
    const qint64 c = newConversation(*m_store, QStringLiteral("Existing"));
    QVERIFY(c != 0);
    QVERIFY(addMsg(*m_store, c, 0, Role::User, QStringLiteral("old question")) != 0);
}

void TestChatGptImport::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QString TestChatGptImport::writeTemp(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qWarning() << "cannot write" << path;
    return path;
}

qint64 TestChatGptImport::idOfUid(const QString &uid)
{
    for (const Conversation &c : m_store->conversations()) {
        if (c.uid == uid)
            return c.id;
    }
    return 0;
}

void TestChatGptImport::checkFixtureRows()
{
    const qint64 cid = idOfUid(QStringLiteral("chatgpt:conv-branches"));
    QVERIFY(cid != 0);
    const Conversation c = m_store->conversation(cid);
    QCOMPARE(c.title, QString::fromUtf8("Branches & 中文 🚀"));
    QCOMPARE(c.created, utcMs(1700000000250));
    QCOMPARE(c.updated, utcMs(1700000500750));

    // Hidden root, system and context nodes are gone: the first prompt is the only root.
    const QVector<qint64> roots = m_store->childIds(cid, 0);
    QCOMPARE(roots.size(), 1);
    const Message u1 = m_store->message(roots.first());
    QCOMPARE(u1.role, Role::User);
    QCOMPARE(u1.content, QString::fromUtf8("Hello, 你好 👋"));
    QCOMPARE(u1.created, utcMs(1700000001500));
    const QVector<qint64> a1Ids = m_store->childIds(cid, u1.id);
    QCOMPARE(a1Ids.size(), 1);
    const Message a1 = m_store->message(a1Ids.first());
    QCOMPARE(a1.content, QString::fromUtf8("Hi! مرحبا بك"));
    QCOMPARE(a1.model, QStringLiteral("gpt-4o"));

    // The edited prompt: two branches under the first reply, the original first.
    const QVector<qint64> edits = m_store->childIds(cid, a1.id);
    QCOMPARE(edits.size(), 2);
    QCOMPARE(m_store->message(edits.at(0)).content, QStringLiteral("Write code"));
    QCOMPARE(m_store->message(edits.at(1)).content, QStringLiteral("Write code, please \\ \"now\""));
    const QVector<qint64> codeIds = m_store->childIds(cid, edits.at(0));
    QCOMPARE(codeIds.size(), 1);
    QCOMPARE(m_store->message(codeIds.first()).content,
             QStringLiteral("```python\nprint('hi \"there\" }')\n```"));

    // The shown branch is the second one, down to the unsupported reply.
    QStringList shown;
    const QVector<Message> thread = m_store->thread(cid);
    for (const Message &m : thread)
        shown << m.content;
    QCOMPARE(shown,
             (QStringList{QString::fromUtf8("Hello, 你好 👋"), QString::fromUtf8("Hi! مرحبا بك"),
                          QStringLiteral("Write code, please \\ \"now\""),
                          QStringLiteral("Here:\n```js\nconsole.log(\"}]\");\n```"),
                          QString::fromUtf8("[Image not imported: file-abc123]\nWhat is in this image? é中"),
                          QStringLiteral("[Unsupported content type: super_widget]")}));
    QCOMPARE(c.currentLeafId, thread.last().id);
    // Thoughts and the recap became the reasoning of the reply after them; tool output is gone.
    const Message a2b = thread.at(3);
    QCOMPARE(a2b.role, Role::Assistant);
    QCOMPARE(a2b.model, QStringLiteral("o3"));
    QCOMPARE(a2b.reasoning,
             QStringLiteral("**Plan**\n\nThink about {braces} and [brackets]\n\nThought for 3 seconds"));
    QCOMPARE(a2b.parentId, edits.at(1));
    QCOMPARE(thread.last().model, QStringLiteral("gpt-4o"));
    QCOMPARE(c.model, QStringLiteral("gpt-4o"));

    // The RTL conversation: its current node was a hidden tool node, so the reply is shown.
    const qint64 rtl = idOfUid(QStringLiteral("chatgpt:conv-rtl"));
    QVERIFY(rtl != 0);
    const Conversation r = m_store->conversation(rtl);
    QCOMPARE(r.title, QString::fromUtf8("שלום — RTL"));
    QCOMPARE(m_store->message(r.currentLeafId).content, QString::fromUtf8("טוב, תודה"));
    QCOMPARE(m_store->message(r.currentLeafId).model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(m_store->thread(rtl).size(), 2);
    QCOMPARE(m_store->conversationCount(), 3);
}

void TestChatGptImport::importsFixture()
{
    QSignalSpy added(m_store.get(), &Store::conversationAdded);
    const ImportResult r = importWithJob(*m_store, chatGptFixturePath());
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, QStringLiteral("ChatGPT"));
    QCOMPARE(r.imported, 2);
    QCOMPARE(r.alreadyPresent, 0);
    QCOMPARE(r.messages, 10);
    QCOMPARE(r.notes.unsupportedTypes.value(QStringLiteral("super_widget")), 1);
    QCOMPARE(r.notes.unsupportedTypes.size(), 1);
    QCOMPARE(r.notes.imagesNotImported, 1);
    // The store announced both, so the sidebar can show them.
    QCOMPARE(added.size(), 2);
    QCOMPARE(added.at(0).at(0).toLongLong(), r.conversationIds.at(0));
    checkFixtureRows();
    // The text is searchable like any other message.
    QVERIFY(!m_store->search(QStringLiteral("console.log")).isEmpty());
}

void TestChatGptImport::importsFromZip()
{
    const QString zipPath = m_dir->filePath(QStringLiteral("export.zip"));
    QVERIFY(
        writeZip(zipPath, {{QStringLiteral("chat.html"), QByteArrayLiteral("<html></html>")},
                           {QStringLiteral("export-2026/conversations.json"), readFile(chatGptFixturePath())},
                           {QStringLiteral("user.json"), QByteArrayLiteral("{}")}}));
    const ImportResult r = importWithJob(*m_store, zipPath);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.imported, 2);
    checkFixtureRows();
}

void TestChatGptImport::reimportAddsNothing()
{
    QVERIFY(importWithJob(*m_store, chatGptFixturePath()).ok);
    const QString before = historyFingerprint(m_dbPath);
    QSignalSpy added(m_store.get(), &Store::conversationAdded);
    const ImportResult again = importWithJob(*m_store, chatGptFixturePath());
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.imported, 0);
    QCOMPARE(again.alreadyPresent, 2);
    QCOMPARE(added.size(), 0);
    QCOMPARE(historyFingerprint(m_dbPath), before);

    // A conversation in the trash still counts as present.
    {
        const QString name = QStringLiteral("trash");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_dbPath);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("UPDATE conversations SET deleted_at = 1 WHERE uid = 'chatgpt:conv-rtl'")));
            QCOMPARE(q.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(name);
    }
    const ImportResult third = importWithJob(*m_store, chatGptFixturePath());
    QVERIFY(third.ok);
    QCOMPARE(third.imported, 0);
    QCOMPARE(third.alreadyPresent, 2);
}

void TestChatGptImport::cancelLeavesHistoryUnchanged()
{
    const QString before = historyFingerprint(m_dbPath);
    const QByteArray bytes = readFile(chatGptFixturePath());
    // Cancelled once the first conversation was written but before the end of the file.
    const qint64 firstEnd = bytes.indexOf("\"id\": \"conv-branches\"") + 40;
    std::atomic<bool> cancel{false};
    Importer importer(m_dbPath, chatGptFixturePath());
    importer.setChunkSize(64);
    importer.setCancelFlag(&cancel);
    qint64 lastDone = 0;
    importer.setProgress([&](qint64 done, qint64 total) {
        QCOMPARE(total, qint64(bytes.size()));
        lastDone = done;
        if (done >= firstEnd)
            cancel = true;
    });
    const ImportResult r = importer.run();
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    QCOMPARE(r.error, QStringLiteral("the import was cancelled; nothing was imported"));
    QVERIFY(lastDone < bytes.size());
    QCOMPARE(r.imported, 0);
    QCOMPARE(historyFingerprint(m_dbPath), before);
    QCOMPARE(m_store->conversationCount(), 1);
}

void TestChatGptImport::lateErrorLeavesHistoryUnchanged()
{
    const QString before = historyFingerprint(m_dbPath);
    QByteArray bytes = readFile(chatGptFixturePath());
    bytes.chop(bytes.size() - bytes.lastIndexOf('}')); // the last conversation loses its end
    const ImportResult r = importWithJob(*m_store, writeTemp(QStringLiteral("cut.json"), bytes));
    QVERIFY(!r.ok);
    QVERIFY(!r.cancelled);
    QCOMPARE(r.error, QStringLiteral("the file is not valid JSON: the JSON is truncated: it ends before the "
                                     "document is complete at byte %1")
                          .arg(bytes.size()));
    QCOMPARE(historyFingerprint(m_dbPath), before);
}

void TestChatGptImport::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");

    const QByteArray fixture = readFile(chatGptFixturePath());
    const QByteArray oneConversation =
        "{\"id\": \"solo\", \"title\": \"t\", \"mapping\": {\"a\": {\"id\": \"m\", \"message\": null, "
        "\"parent\": null,"
        " \"children\": []}, \"b\": {\"id\": \"m\", \"message\": null, \"parent\": null, \"children\": []}}}";
    QTest::newRow("malformed inside a conversation")
        << QByteArrayLiteral("[{\"id\": \"x\", \"mapping\": {}}, {\"id\": \"y\", \"mapping\": tru}]")
        << QStringLiteral("the file is not valid JSON: illegal value at byte 53");
    QTest::newRow("malformed structure")
        << QByteArrayLiteral("[{\"id\": \"x\", \"mapping\": {}} {}]")
        << QStringLiteral("the file is not valid JSON: expected ',' or ']' after an "
                          "element, found '{' at byte 28");
    QTest::newRow("truncated") << fixture.left(100)
                               << QStringLiteral(
                                      "the file is not valid JSON: the JSON is truncated: it ends before "
                                      "the document is complete at byte 100");
    QTest::newRow("empty file") << QByteArray()
                                << QStringLiteral("the file is not valid JSON: the file is empty at byte 0");
    QTest::newRow("not chatgpt: objects without mapping")
        << QByteArrayLiteral("[{\"name\": \"x\"}]")
        << QStringLiteral("not a ChatGPT export: a conversation has no \"mapping\" of messages");
    QTest::newRow("not chatgpt: array of numbers")
        << QByteArrayLiteral("[1, 2]")
        << QStringLiteral("not a ChatGPT export: element 1 is not a conversation");
    QTest::newRow("not an export: other object")
        << QByteArrayLiteral("{\"users\": [1]}")
        << QStringLiteral("not a ChatGPT or Penpal export: the JSON object has no \"format\"");
    QTest::newRow("duplicate conversation")
        << "[" + fixture.mid(fixture.indexOf('{'), fixture.lastIndexOf(']') - fixture.indexOf('{')) + ", " +
               fixture.mid(fixture.indexOf("{\n    \"title\": \"\xD7\xA9"),
                           fixture.lastIndexOf(']') - fixture.indexOf("{\n    \"title\": \"\xD7\xA9")) +
               "]"
        << QStringLiteral("conversation id chatgpt:conv-rtl appears twice in the file (\"%1\")")
               .arg(QString::fromUtf8("שלום — RTL"));
    QTest::newRow("duplicate message ids")
        << "[" + oneConversation + "]"
        << QStringLiteral("duplicate message id \"m\" in conversation \"t\" (chatgpt:solo)");
    QTest::newRow("penpal newer version")
        << QByteArrayLiteral(
               "{\"format\": \"penpal-export\", \"version\": 7, \"conversations\": [{\"uid\": \"u\"}]}")
        << QStringLiteral("the file is Penpal export version 7, but this Penpal reads versions up to 1");
    QTest::newRow("penpal other format")
        << QByteArrayLiteral("{\"format\": \"other\", \"version\": 1, \"conversations\": []}")
        << QStringLiteral("not a Penpal export: the format is \"other\"");
}

void TestChatGptImport::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    const QString before = historyFingerprint(m_dbPath);
    const ImportResult r = importWithJob(*m_store, writeTemp(QStringLiteral("bad.json"), bytes));
    QVERIFY(!r.ok);
    QCOMPARE(r.error, error);
    QCOMPARE(r.imported, 0);
    QCOMPARE(historyFingerprint(m_dbPath), before);
}

void TestChatGptImport::zipWithoutConversations()
{
    const QString zipPath = m_dir->filePath(QStringLiteral("photos.zip"));
    QVERIFY(writeZip(zipPath, {{QStringLiteral("conversations.json.bak/readme.txt"), QByteArrayLiteral("hi")},
                               {QStringLiteral("other.json"), QByteArrayLiteral("[]")}}));
    const ImportResult r = importWithJob(*m_store, zipPath);
    QVERIFY(!r.ok);
    QCOMPARE(r.error,
             QStringLiteral(
                 "the ZIP archive photos.zip has no conversations.json: it is not a ChatGPT data export"));
}

void TestChatGptImport::refusedWhileReplyStreams()
{
    const qint64 c = newConversation(*m_store, QStringLiteral("Busy"));
    QVERIFY(addMsg(*m_store, c, 0, Role::Assistant, QStringLiteral("partial"), MessageState::Streaming) != 0);
    const QString before = historyFingerprint(m_dbPath);
    const ImportResult r = importWithJob(*m_store, chatGptFixturePath());
    QVERIFY(!r.ok);
    QCOMPARE(r.error,
             QStringLiteral(
                 "a reply is still being written; stop it or wait for it to finish, then import again"));
    QCOMPARE(historyFingerprint(m_dbPath), before);
}

void TestChatGptImport::smallChunksGiveSameResult()
{
    // 1-byte and odd chunks split every token and UTF-8 sequence: same rows as whole reads.
    for (qint64 chunk : {qint64(1), qint64(7)}) {
        cleanup();
        init();
        Importer importer(m_dbPath, chatGptFixturePath());
        importer.setChunkSize(chunk);
        const ImportResult r = importer.run();
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.imported, 2);
        checkFixtureRows();
    }
}

void TestChatGptImport::loopedParentsAreCountedNotImported()
{
    // "x" and "y" name each other as parent: no root reaches them. The rest imports, and the
    // summary says two messages were left out; current_node inside the loop falls back to
    // the newest kept message.
    auto node = [](const char *id, const char *parent, const char *role, const char *text) {
        return QStringLiteral("\"%1\": {\"id\": \"%1\", \"parent\": %2, \"children\": [], \"message\": "
                              "{\"id\": \"%1\", \"author\": {\"role\": \"%3\"}, \"create_time\": 5, "
                              "\"content\": {\"content_type\": \"text\", \"parts\": [\"%4\"]}}}")
            .arg(QLatin1String(id),
                 parent ? QStringLiteral("\"%1\"").arg(QLatin1String(parent)) : QStringLiteral("null"),
                 QLatin1String(role), QLatin1String(text));
    };
    const QString json =
        QStringLiteral("[{\"id\": \"loop\", \"title\": \"Loop\", \"current_node\": \"x\", "
                       "\"mapping\": {%1, %2, %3, %4}}]")
            .arg(node("q", nullptr, "user", "question"), node("a", "q", "assistant", "answer"),
                 node("x", "y", "user", "lost x"), node("y", "x", "assistant", "lost y"));
    const ImportResult r = importWithJob(*m_store, writeTemp(QStringLiteral("loop.json"), json.toUtf8()));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.imported, 1);
    QCOMPARE(r.messages, 2);
    QCOMPARE(r.notes.unreachableMessages, 2);
    const Conversation c = m_store->conversation(r.conversationIds.first());
    QCOMPARE(m_store->message(c.currentLeafId).content, QStringLiteral("answer"));
}

QTEST_GUILESS_MAIN(TestChatGptImport)
#include "tst_chatgptimport.moc"
