// Store::search(): the trigram FTS5 index of schema v6, its triggers, the LIKE fallback for
// one- and two-character terms, escaping of user input, order, snippets, and migration.
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "store/SearchQuery.h"
#include "store/Store.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace penpal;
using namespace penpal::test;

namespace {

// Index i of the corpus is the i-th message added by the matching tests.
const QStringList &corpus()
{
    static const QStringList texts{
        QStringLiteral("The quick brown fox jumps over the lazy dog"), // 0
        QStringLiteral("我喜欢猫和狗"),                                // 1 cat, dog
        QStringLiteral("机器学习很有趣"),                              // 2 machine learning
        QStringLiteral("机器人"),                                      // 3 robot: 机器 only
        QStringLiteral("ひらがなとカタカナ"),                          // 4 kana
        QStringLiteral("안녕하세요 세계"),                             // 5 Korean
        QStringLiteral("QUICKSORT in C"),                              // 6
        QStringLiteral("fox-like (NEAR) \"quoted\" 50% off_sale"),     // 7 query syntax as text
    };
    return texts;
}

QVector<qint64> sortedMessageIds(const QVector<SearchHit> &hits)
{
    QVector<qint64> ids;
    for (const SearchHit &h : hits) {
        if (h.messageId != 0)
            ids << h.messageId;
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class TestStoreSearch : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("s%1.db").arg(++m_counter)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void queryBuilding_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("match");
        QTest::addColumn<QStringList>("likes");
        QTest::newRow("words") << "quick  bro"
                               << "\"quick\" AND \"bro\"" << QStringList();
        QTest::newRow("quotes doubled") << "say\"hi\""
                                        << "\"say\"\"hi\"\"\"" << QStringList();
        QTest::newRow("operators are text") << "NEAR(a* -b)"
                                            << "\"NEAR(a*\" AND \"-b)\"" << QStringList();
        QTest::newRow("short terms") << "猫 机器 机器学习"
                                     << "\"机器学习\""
                                     << QStringList{QStringLiteral("%猫%"), QStringLiteral("%机器%")};
        QTest::newRow("like escaped")
            << "%_ a\\" << QString() << QStringList{QStringLiteral("%\\%\\_%"), QStringLiteral("%a\\\\%")};
        QTest::newRow("empty") << "  \t " << QString() << QStringList();
    }

    void queryBuilding()
    {
        QFETCH(QString, input);
        QFETCH(QString, match);
        QFETCH(QStringList, likes);
        const SearchQuery q(input);
        QCOMPARE(q.matchExpression(), match);
        QCOMPARE(q.likePatterns(), likes);
    }

    void matches_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QVector<int>>("expected"); // indexes into corpus()
        QTest::newRow("latin word") << "brown" << QVector<int>{0};
        QTest::newRow("latin prefix") << "bro" << QVector<int>{0};
        QTest::newRow("latin case") << "QUICK" << QVector<int>{0, 6};
        QTest::newRow("latin lower of upper") << "quicksort" << QVector<int>{6};
        QTest::newRow("and: both present") << "quick bro" << QVector<int>{0};
        QTest::newRow("and: one missing") << "quick cat" << QVector<int>{};
        QTest::newRow("and: long and short") << "fox 50" << QVector<int>{7};
        QTest::newRow("cjk 1 char") << "猫" << QVector<int>{1};
        QTest::newRow("cjk 2 chars") << "机器" << QVector<int>{2, 3};
        QTest::newRow("cjk 3 chars") << "学习很" << QVector<int>{2};
        QTest::newRow("cjk 4 chars") << "机器学习" << QVector<int>{2};
        QTest::newRow("cjk absent") << "鱼" << QVector<int>{};
        QTest::newRow("hiragana 2") << "ひら" << QVector<int>{4};
        QTest::newRow("katakana 4") << "カタカナ" << QVector<int>{4};
        QTest::newRow("korean 2") << "안녕" << QVector<int>{5};
        QTest::newRow("korean word") << "안녕하세요" << QVector<int>{5};
        QTest::newRow("korean two words") << "세계 안녕" << QVector<int>{5};
        QTest::newRow("percent is literal") << "%" << QVector<int>{7};
        QTest::newRow("underscore is literal") << "_" << QVector<int>{7};
        QTest::newRow("quote") << "\"" << QVector<int>{7};
        QTest::newRow("quoted word") << "\"quoted\"" << QVector<int>{7};
        QTest::newRow("star is literal") << "fox*" << QVector<int>{};
        QTest::newRow("lone star") << "*" << QVector<int>{};
        QTest::newRow("minus is literal") << "-fox" << QVector<int>{};
        QTest::newRow("NEAR is text") << "(NEAR)" << QVector<int>{7};
        QTest::newRow("OR is a term") << "quick OR cat" << QVector<int>{};
        QTest::newRow("parentheses") << ")(" << QVector<int>{};
        QTest::newRow("backslash") << "a\\b" << QVector<int>{};
    }

    void matches()
    {
        QFETCH(QString, query);
        QFETCH(QVector<int>, expected);
        Store s;
        QVERIFY2(s.open(freshPath()), qPrintable(s.lastError()));
        const qint64 c = newConversation(s);
        QVERIFY(c != 0);
        QVector<qint64> ids;
        for (const QString &text : corpus()) {
            ids << addMsg(s, c, ids.isEmpty() ? 0 : ids.constLast(), Role::User, text);
            QVERIFY(ids.constLast() != 0);
        }
        QVector<qint64> expectedIds;
        for (int i : expected)
            expectedIds << ids.at(i);
        std::sort(expectedIds.begin(), expectedIds.end());

        const QVector<SearchHit> hits = s.search(query);
        QVERIFY2(s.lastError().isEmpty(), qPrintable(s.lastError()));
        QCOMPARE(sortedMessageIds(hits), expectedIds);
        for (const SearchHit &h : hits)
            QCOMPARE(h.conversationId, c);
    }

    void emptyQueryFindsNothing()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 c = newConversation(s, QStringLiteral("anything"));
        QVERIFY(addMsg(s, c, 0, Role::User, QStringLiteral("anything")) != 0);
        QVERIFY(s.search(QString()).isEmpty());
        QVERIFY(s.search(QStringLiteral("   ")).isEmpty());
        QCOMPARE(s.search(QStringLiteral("anything")).size(), 2); // title + message
    }

    void titleHit()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 c = newConversation(s, QStringLiteral("Trip to 京都"));
        QVERIFY(addMsg(s, c, 0, Role::User, QStringLiteral("unrelated")) != 0);
        for (const QString &q : {QStringLiteral("京都"), QStringLiteral("trip")}) {
            const QVector<SearchHit> hits = s.search(q);
            QCOMPARE(hits.size(), 1);
            QCOMPARE(hits.at(0).messageId, 0);
            QCOMPARE(hits.at(0).conversationId, c);
            QCOMPARE(hits.at(0).title, QStringLiteral("Trip to 京都"));
        }
        QVERIFY(s.renameConversation(c, QStringLiteral("Holiday")));
        QVERIFY(s.search(QStringLiteral("trip")).isEmpty());
        QCOMPARE(s.search(QStringLiteral("holi")).size(), 1);
    }

    void newestConversationFirst()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 older = newConversation(s, QStringLiteral("a"));
        const qint64 newer = newConversation(s, QStringLiteral("b"));
        const qint64 m1 = addMsg(s, older, 0, Role::User, QStringLiteral("zebra one"));
        const qint64 m2 = addMsg(s, newer, 0, Role::User, QStringLiteral("zebra two"));
        const qint64 m3 = addMsg(s, older, m1, Role::Assistant, QStringLiteral("zebra three"));
        QVERIFY(m1 && m2 && m3);
        {
            // The conversation created first is the most recently updated one.
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE conversations SET updated = ? WHERE id = ?"),
                             {QDateTime::currentMSecsSinceEpoch() + 3600000, older}));
            QVERIFY(raw.exec(QStringLiteral("UPDATE conversations SET updated = ? WHERE id = ?"),
                             {QDateTime::currentMSecsSinceEpoch() - 3600000, newer}));
        }
        const QVector<SearchHit> hits = s.search(QStringLiteral("zebra"));
        QCOMPARE(hits.size(), 3);
        QCOMPARE(hits.at(0).conversationId, older);
        QCOMPARE(hits.at(0).messageId, m3);
        QCOMPARE(hits.at(1).messageId, m1);
        QCOMPARE(hits.at(2).messageId, m2);
        QVERIFY(hits.at(0).updated > hits.at(2).updated);

        QCOMPARE(s.search(QStringLiteral("zebra"), 2).size(), 2);
    }

    void indexFollowsWrites()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 c = newConversation(s, QStringLiteral("x"));
        const qint64 q = addMsg(s, c, 0, Role::User, QStringLiteral("tell me"));
        const qint64 a = addMsg(s, c, q, Role::Assistant, QString(), MessageState::Streaming);
        QVERIFY(q && a);
        QVERIFY(s.search(QStringLiteral("elephant")).isEmpty());

        // Streamed text is indexed when the reply ends, not at every write while it streams
        // (that would cost more with every flush of a long reply).
        QVERIFY(
            s.updateMessageContent(a, QStringLiteral("an elephant 象"), QString(), MessageState::Streaming));
        QVERIFY(s.search(QStringLiteral("elephant")).isEmpty());
        QVERIFY(s.updateMessageContent(a, QStringLiteral("an elephant 象"), QString(),
                                       MessageState::Interrupted));
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("elephant"))), QVector<qint64>{a});
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("象"))), QVector<qint64>{a});

        Message m = s.message(a);
        m.content = QStringLiteral("a giraffe");
        m.state = MessageState::Complete;
        QVERIFY(s.finishMessage(m));
        QVERIFY(s.search(QStringLiteral("elephant")).isEmpty());
        QVERIFY(s.search(QStringLiteral("象")).isEmpty());
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("giraffe"))), QVector<qint64>{a});

        QVERIFY(s.deleteMessage(a));
        QVERIFY(s.search(QStringLiteral("giraffe")).isEmpty());
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("tell"))), QVector<qint64>{q});

        QVERIFY(s.deleteConversation(c));
        QVERIFY(s.search(QStringLiteral("tell")).isEmpty());
        QVERIFY(s.lastError().isEmpty());
    }

    void snippetMarksTheHit_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("marked");
        const QString x = QChar(0x02);
        const QString y = QChar(0x03);
        QTest::newRow("latin, case kept") << "Hello FOX there"
                                          << "fox" << x + "FOX" + y;
        QTest::newRow("cjk short") << "我喜欢猫和狗"
                                   << "猫" << x + "猫" + y;
        QTest::newRow("earliest term") << "beta then alpha"
                                       << "alpha beta" << x + "beta" + y;
        QTest::newRow("long text cut")
            << QString(200, QLatin1Char('a')) + " needle " + QString(200, QLatin1Char('b')) << "needle"
            << x + "needle" + y;
    }

    void snippetMarksTheHit()
    {
        QFETCH(QString, text);
        QFETCH(QString, query);
        QFETCH(QString, marked);
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 c = newConversation(s);
        QVERIFY(addMsg(s, c, 0, Role::User, text) != 0);
        const QVector<SearchHit> hits = s.search(query);
        QCOMPARE(hits.size(), 1);
        const QString snippet = hits.at(0).snippet;
        QVERIFY2(snippet.contains(marked), qPrintable(snippet));
        QCOMPARE(snippet.count(QChar(0x02)), 1);
        QCOMPARE(snippet.count(QChar(0x03)), 1);
        QVERIFY(snippet.size() < 120); // a window, not the whole message
    }

    void migrationFromV5IndexesOldRows()
    {
        const QString path = freshPath();
        QString error;
        QVERIFY2(Store::migrateTo(path, 5, &error), qPrintable(error));
        qint64 conversation = 0;
        qint64 message = 0;
        {
            RawDb raw(path);
            QVERIFY2(raw.exec(QStringLiteral("INSERT INTO conversations (title, created, updated)"
                                             " VALUES ('Legacy 标题', 1, 2)")),
                     qPrintable(raw.error()));
            conversation = raw.scalar(QStringLiteral("SELECT MAX(id) FROM conversations")).toLongLong();
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, created)"
                                            " VALUES (?, 'user', '机器学习 quickstep', 3)"),
                             {conversation}));
            message = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
            QVERIFY(conversation > 0 && message > 0);
        }
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
        for (const QString &q :
             {QStringLiteral("quickstep"), QStringLiteral("机器"), QStringLiteral("机器学习")})
            QCOMPARE(sortedMessageIds(s.search(q)), QVector<qint64>{message});
        const QVector<SearchHit> titleHits = s.search(QStringLiteral("标题"));
        QCOMPARE(titleHits.size(), 1);
        QCOMPARE(titleHits.at(0).conversationId, conversation);
        QCOMPARE(titleHits.at(0).messageId, 0);

        // Writes after the migration go through the triggers as well.
        QVERIFY(addMsg(s, conversation, message, Role::Assistant, QStringLiteral("新しい返事")) != 0);
        QCOMPARE(s.search(QStringLiteral("返事")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreSearch)
#include "tst_store_search.moc"
