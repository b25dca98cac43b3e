// SearchBacklog (schema v9): imported messages are indexed after the import's commit. Until
// then the triggers leave them alone (an edit or delete must not remove what was never
// indexed); indexing them later makes the index whole; a start with a backlog indexes it in
// the background.
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "store/SearchBacklog.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QVector<qint64> hitIds(const QVector<SearchHit> &hits)
{
    QVector<qint64> ids;
    for (const SearchHit &h : hits)
        ids << h.messageId;
    std::sort(ids.begin(), ids.end());
    return ids;
}

bool indexIsConsistent(const QString &path, QString *error)
{
    RawDb raw(path);
    const bool ok =
        raw.exec(QStringLiteral("INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)"));
    *error = raw.error();
    return ok;
}

// Writes messages the way an import does: inside one transaction that opens and closes a
// backlog range, through a connection of its own.
QVector<qint64> importMessages(const QString &path, qint64 conversationId, const QStringList &texts)
{
    QVector<qint64> ids;
    RawDb raw(path);
    QSqlDatabase db = QSqlDatabase::database(raw.connectionName());
    if (!raw.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return {};
    QString error;
    const qint64 range = SearchBacklog::open(
        db, raw.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM messages")).toLongLong(), &error);
    if (range == 0)
        return {};
    for (const QString &t : texts) {
        if (!raw.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, created, state)"
                                     " VALUES (?, 'user', ?, 1, 'complete')"),
                      {conversationId, t}))
            return {};
        ids << raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
    }
    if (!SearchBacklog::close(db, range, &error) || !raw.exec(QStringLiteral("COMMIT")))
        return {};
    return ids;
}

} // namespace

class TestSearchBacklog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importedMessagesAreIndexedAfterwards();
    void nothingImportedLeavesNoRange();
    void startIndexesWhatWasLeft();

private:
    QTemporaryDir m_dir;
};

void TestSearchBacklog::importedMessagesAreIndexedAfterwards()
{
    const QString path = m_dir.filePath(QStringLiteral("a.db"));
    Store s;
    QVERIFY(s.open(path));
    const qint64 c = newConversation(s, QStringLiteral("imported"));
    const qint64 before = addMsg(s, c, 0, Role::User, QStringLiteral("a live quokka"));
    const QVector<qint64> ids = importMessages(
        path, c,
        {QStringLiteral("zebra one"), QStringLiteral("zebra two"), QStringLiteral("zebra three 斑马")});
    QCOMPARE(ids.size(), 3);
    QVERIFY(SearchBacklog::hasPending(path));
    // Written, but not yet in the index; messages written normally are.
    QVERIFY(s.search(QStringLiteral("zebra")).isEmpty());
    QCOMPARE(hitIds(s.search(QStringLiteral("quokka"))), QVector<qint64>{before});

    // Changed before being indexed: the triggers must not take out what was never put in.
    Message edited = s.message(ids.at(0));
    edited.content = QStringLiteral("okapi instead");
    QVERIFY(s.finishMessage(edited));
    QVERIFY(s.deleteMessage(ids.at(1)));
    QVERIFY(s.lastError().isEmpty());

    QString error;
    QVERIFY2(SearchBacklog::indexPending(path, nullptr, &error), qPrintable(error));
    QVERIFY(!SearchBacklog::hasPending(path));
    QCOMPARE(hitIds(s.search(QStringLiteral("zebra"))), QVector<qint64>{ids.at(2)});
    QCOMPARE(hitIds(s.search(QStringLiteral("斑马"))), QVector<qint64>{ids.at(2)});
    QCOMPARE(hitIds(s.search(QStringLiteral("okapi"))), QVector<qint64>{ids.at(0)});
    QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

    // From now on they are ordinary rows: an edit re-indexes, a delete un-indexes.
    Message again = s.message(ids.at(2));
    again.content = QStringLiteral("a gnu");
    QVERIFY(s.finishMessage(again));
    QVERIFY(s.search(QStringLiteral("zebra")).isEmpty());
    QCOMPARE(hitIds(s.search(QStringLiteral("gnu"))), QVector<qint64>{ids.at(2)});
    QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
}

void TestSearchBacklog::nothingImportedLeavesNoRange()
{
    const QString path = m_dir.filePath(QStringLiteral("b.db"));
    Store s;
    QVERIFY(s.open(path));
    const qint64 c = newConversation(s, QStringLiteral("x"));
    QVERIFY(importMessages(path, c, {}).isEmpty());
    QVERIFY(!SearchBacklog::hasPending(path));
    // And a message written later is indexed at once, as usual.
    const qint64 m = addMsg(s, c, 0, Role::User, QStringLiteral("walrus"));
    QCOMPARE(hitIds(s.search(QStringLiteral("walrus"))), QVector<qint64>{m});
}

void TestSearchBacklog::startIndexesWhatWasLeft()
{
    QTemporaryDir dataDir;
    const QString path = QDir(dataDir.path()).filePath(QStringLiteral("penpal.db"));
    QVector<qint64> ids;
    {
        Store s;
        QVERIFY(s.open(path));
        const qint64 c = newConversation(s, QStringLiteral("left over"));
        // Many batches' worth, as a large import closed before its indexing finished.
        QStringList texts;
        for (int i = 0; i < SearchBacklog::kBatch * 2 + 10; ++i)
            texts << QStringLiteral("capybara number %1").arg(i);
        ids = importMessages(path, c, texts);
        QCOMPARE(ids.size(), texts.size());
    }
    QVERIFY(SearchBacklog::hasPending(path));
    auto ctx = makeTestContext(dataDir.path(), QUrl(QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(ctx);
    QTRY_VERIFY_WITH_TIMEOUT(!SearchBacklog::hasPending(path), 30000);
    QTRY_VERIFY(!ctx->isIndexingBacklog());
    QCOMPARE(ctx->store()->search(QStringLiteral("capybara"), 100000).size(), ids.size());
    QString error;
    QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
}

QTEST_MAIN(TestSearchBacklog)
#include "tst_searchbacklog.moc"
