// Store::search(): the word index of schema v8 (the "penpal" tokenizer: folded Latin words,
// one token per CJK character), its triggers, escaping of user input, order, trash and
// archive, snippets, and migration.
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
        QStringLiteral("Un café au lait"),                             // 8 precomposed é
        QStringLiteral("NAI\u0308VE CAFE\u0301 crème"),                // 9 decomposed accents
        QStringLiteral("用Python写机器学习代码，效果很好。"),          // 10 mixed, CJK punctuation
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

const QString kOpen = QString(QChar(0x02));
const QString kClose = QString(QChar(0x03));

} // namespace

class TestStoreSearch : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("s%1.db").arg(++m_counter)); }

    // The index agrees with the rows it covers (FTS5 re-tokenizes the content table; for an
    // external-content table SQLite 3.40 compares it only with rank = 1). Only meaningful
    // while no message streams: those are deliberately left out of the index.
    static bool indexIsConsistent(const QString &path, QString *error)
    {
        RawDb raw(path);
        const bool ok =
            raw.exec(
                QStringLiteral("INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)")) &&
            raw.exec(QStringLiteral("INSERT INTO title_fts (title_fts, rank) VALUES ('integrity-check', 1)"));
        *error = raw.error();
        return ok;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void queryBuilding_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("match");
        QTest::newRow("words") << "quick  bro"
                               << "\"quick\"* AND \"bro\"*";
        QTest::newRow("quotes doubled") << "say\"hi\""
                                        << "\"say\"\"hi\"\"\"*";
        QTest::newRow("operators are text") << "NEAR(a* -b)"
                                            << "\"NEAR(a*\"* AND \"-b)\"*";
        QTest::newRow("cjk: no prefix star") << "猫 机器 机器学习"
                                             << "\"猫\" AND \"机器\" AND \"机器学习\"";
        QTest::newRow("mixed ends latin") << "机器ml"
                                          << "\"机器ml\"*";
        QTest::newRow("no token, no term") << "* -- 。" << QString();
        QTest::newRow("empty") << "  \t " << QString();
    }

    void queryBuilding()
    {
        QFETCH(QString, input);
        QFETCH(QString, match);
        const SearchQuery q(input);
        QCOMPARE(q.matchExpression(), match);
        QCOMPARE(q.isEmpty(), match.isEmpty());
    }

    void matches_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QVector<int>>("expected"); // indexes into corpus()
        QTest::newRow("latin word") << "brown" << QVector<int>{0};
        QTest::newRow("latin prefix") << "bro" << QVector<int>{0};
        QTest::newRow("latin one letter") << "j" << QVector<int>{0};
        QTest::newRow("latin infix is no match") << "row" << QVector<int>{};
        QTest::newRow("latin suffix is no match") << "ick" << QVector<int>{};
        QTest::newRow("latin case") << "QUICK" << QVector<int>{0, 6};
        QTest::newRow("latin lower of upper") << "quicksort" << QVector<int>{6};
        QTest::newRow("latin inside cjk") << "pyth" << QVector<int>{10};
        QTest::newRow("and: both present") << "quick bro" << QVector<int>{0};
        QTest::newRow("and: one missing") << "quick cat" << QVector<int>{};
        QTest::newRow("and: long and short") << "fox 50" << QVector<int>{7};
        QTest::newRow("diacritics folded") << "cafe" << QVector<int>{8, 9};
        QTest::newRow("diacritics in query") << "CAFÉ" << QVector<int>{8, 9};
        QTest::newRow("decomposed text") << "naive" << QVector<int>{9};
        QTest::newRow("grave accent") << "creme" << QVector<int>{9};
        QTest::newRow("cjk 1 char") << "猫" << QVector<int>{1};
        QTest::newRow("cjk 2 chars") << "机器" << QVector<int>{2, 3, 10};
        QTest::newRow("cjk 2 chars, later") << "器人" << QVector<int>{3};
        QTest::newRow("cjk not adjacent") << "机学" << QVector<int>{};
        QTest::newRow("cjk 3 chars") << "学习很" << QVector<int>{2};
        QTest::newRow("cjk 4 chars") << "机器学习" << QVector<int>{2, 10};
        QTest::newRow("cjk after latin") << "写机器" << QVector<int>{10};
        QTest::newRow("cjk absent") << "鱼" << QVector<int>{};
        QTest::newRow("cjk punctuation is no token") << "，" << QVector<int>{};
        QTest::newRow("hiragana 2") << "ひら" << QVector<int>{4};
        QTest::newRow("katakana 4") << "カタカナ" << QVector<int>{4};
        QTest::newRow("korean 1") << "녕" << QVector<int>{5};
        QTest::newRow("korean 2") << "안녕" << QVector<int>{5};
        QTest::newRow("korean word") << "안녕하세요" << QVector<int>{5};
        QTest::newRow("korean two words") << "세계 안녕" << QVector<int>{5};
        QTest::newRow("quote") << "\"" << QVector<int>{};
        QTest::newRow("quoted word") << "\"quoted\"" << QVector<int>{7};
        QTest::newRow("star is text") << "fox*" << QVector<int>{0, 7};
        QTest::newRow("lone star") << "*" << QVector<int>{};
        QTest::newRow("minus is text") << "-fox" << QVector<int>{0, 7};
        QTest::newRow("NEAR is text") << "(NEAR)" << QVector<int>{7};
        QTest::newRow("OR is a term") << "quick OR cat" << QVector<int>{};
        QTest::newRow("parentheses") << ")(" << QVector<int>{};
        QTest::newRow("percent") << "50%" << QVector<int>{7};
        QTest::newRow("underscore splits words") << "sale" << QVector<int>{7};
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
        for (const SearchHit &h : hits) {
            QCOMPARE(h.conversationId, c);
            // Whatever the index found, the snippet shows where.
            QVERIFY2(h.snippet.contains(kOpen), qPrintable(h.snippet));
        }
    }

    // The tokenizer's byte offsets: FTS5's highlight() cuts the original text at them.
    void tokenOffsets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("match");
        QTest::addColumn<QString>("highlighted");
        QTest::newRow("cjk phrase") << "机器学习很有趣"
                                    << "\"学习\""
                                    << "机器[学习]很有趣";
        QTest::newRow("latin after cjk") << "用Python写代码"
                                         << "\"python\""
                                         << "用[Python]写代码";
        QTest::newRow("accent after cjk") << "东京café，好"
                                          << "\"cafe\""
                                          << "东京[café]，好";
        QTest::newRow("supplementary han") << "a𠀀b 𠀀"
                                           << "\"𠀀\""
                                           << "a[𠀀]b [𠀀]";
    }

    void tokenOffsets()
    {
        QFETCH(QString, text);
        QFETCH(QString, match);
        QFETCH(QString, highlighted);
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 c = newConversation(s);
        QVERIFY(addMsg(s, c, 0, Role::User, text) != 0);
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT highlight(message_fts, 0, '[', ']') FROM message_fts"
                                           " WHERE message_fts MATCH ?"),
                            {match})
                     .toString(),
                 highlighted);
    }

    void emptyQueryFindsNothing()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 c = newConversation(s, QStringLiteral("anything"));
        QVERIFY(addMsg(s, c, 0, Role::User, QStringLiteral("anything")) != 0);
        QVERIFY(s.search(QString()).isEmpty());
        QVERIFY(s.search(QStringLiteral("   ")).isEmpty());
        QVERIFY(s.search(QStringLiteral("anything"), 0).isEmpty());
        QCOMPARE(s.search(QStringLiteral("anything")).size(), 2); // title + message
    }

    void titleHit()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 c = newConversation(s, QStringLiteral("Trip to 京都"));
        QVERIFY(addMsg(s, c, 0, Role::User, QStringLiteral("unrelated")) != 0);
        for (const QString &q : {QStringLiteral("京都"), QStringLiteral("京"), QStringLiteral("trip")}) {
            const QVector<SearchHit> hits = s.search(q);
            QCOMPARE(hits.size(), 1);
            QCOMPARE(hits.at(0).messageId, 0);
            QCOMPARE(hits.at(0).conversationId, c);
            QCOMPARE(hits.at(0).title, QStringLiteral("Trip to 京都"));
            QVERIFY(hits.at(0).snippet.contains(kOpen));
        }
        QVERIFY(s.renameConversation(c, QStringLiteral("Holiday")));
        QVERIFY(s.search(QStringLiteral("trip")).isEmpty());
        QCOMPARE(s.search(QStringLiteral("holi")).size(), 1);
    }

    void newestFirst()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-10);
        const qint64 older = newConversation(s, QStringLiteral("a"), t0);
        const qint64 newer = newConversation(s, QStringLiteral("b"), t0);
        const qint64 m1 = addMsg(s, older, 0, Role::User, QStringLiteral("zebra one"), MessageState::Complete,
                                 t0.addSecs(1));
        const qint64 m2 = addMsg(s, newer, 0, Role::User, QStringLiteral("zebra two"), MessageState::Complete,
                                 t0.addSecs(2));
        const qint64 m3 = addMsg(s, older, m1, Role::Assistant, QStringLiteral("zebra three"),
                                 MessageState::Complete, t0.addSecs(3));
        QVERIFY(m1 && m2 && m3);
        const QVector<SearchHit> hits = s.search(QStringLiteral("zebra"));
        QCOMPARE(hits.size(), 3);
        QCOMPARE(hits.at(0).messageId, m3);
        QCOMPARE(hits.at(0).conversationId, older);
        QCOMPARE(hits.at(1).messageId, m2);
        QCOMPARE(hits.at(1).conversationId, newer);
        QCOMPARE(hits.at(2).messageId, m1);
        QVERIFY(hits.at(0).created > hits.at(2).created);

        // The limit keeps the newest.
        const QVector<SearchHit> two = s.search(QStringLiteral("zebra"), 2);
        QCOMPARE(two.size(), 2);
        QCOMPARE(two.at(0).messageId, m3);
        QCOMPARE(two.at(1).messageId, m2);
    }

    void trashLeftOutArchiveFound()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 normal = newConversation(s, QStringLiteral("walrus normal"));
        const qint64 archived = newConversation(s, QStringLiteral("walrus archived"));
        const qint64 trashed = newConversation(s, QStringLiteral("walrus trashed"));
        const qint64 mn = addMsg(s, normal, 0, Role::User, QStringLiteral("walrus"));
        const qint64 ma = addMsg(s, archived, 0, Role::User, QStringLiteral("walrus"));
        QVERIFY(mn && ma && addMsg(s, trashed, 0, Role::User, QStringLiteral("walrus")));
        {
            RawDb raw(path);
            QVERIFY(
                raw.exec(QStringLiteral("UPDATE conversations SET archived = 1 WHERE id = ?"), {archived}));
            QVERIFY(
                raw.exec(QStringLiteral("UPDATE conversations SET deleted_at = 5 WHERE id = ?"), {trashed}));
        }
        const QVector<SearchHit> hits = s.search(QStringLiteral("walrus"));
        QCOMPARE(hits.size(), 4); // two titles, two messages
        for (const SearchHit &h : hits) {
            QVERIFY(h.conversationId != trashed);
            QCOMPARE(h.archived, h.conversationId == archived);
        }
        QCOMPARE(sortedMessageIds(hits), (QVector<qint64>{mn, ma}));

        // Back from the trash, found again.
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE conversations SET deleted_at = NULL WHERE id = ?"),
                             {trashed}));
        }
        QCOMPARE(s.search(QStringLiteral("walrus")).size(), 6);
    }

    void indexFollowsWrites()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
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
        QVERIFY(s.search(QStringLiteral("象")).isEmpty());
        QVERIFY(s.updateMessageContent(a, QStringLiteral("an elephant 象"), QString(),
                                       MessageState::Interrupted));
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("elephant"))), QVector<qint64>{a});
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("象"))), QVector<qint64>{a});
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        // A finished message whose text changes is re-indexed.
        Message m = s.message(a);
        m.content = QStringLiteral("a giraffe");
        m.state = MessageState::Complete;
        QVERIFY(s.finishMessage(m));
        QVERIFY(s.search(QStringLiteral("elephant")).isEmpty());
        QVERIFY(s.search(QStringLiteral("象")).isEmpty());
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("giraffe"))), QVector<qint64>{a});
        QVERIFY(s.updateMessageContent(a, QStringLiteral("a giraffe, 长颈鹿"), QString(),
                                       MessageState::Complete));
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("长颈鹿"))), QVector<qint64>{a});
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        // Continued: out of the index while it streams again, back in when it ends.
        QVERIFY(s.reopenMessage(a));
        QVERIFY(s.search(QStringLiteral("giraffe")).isEmpty());
        QVERIFY(s.updateMessageContent(a, QStringLiteral("a giraffe, 长颈鹿 and a zebu"), QString(),
                                       MessageState::Complete));
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("zebu giraffe"))), QVector<qint64>{a});
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        QVERIFY(s.deleteMessage(a));
        QVERIFY(s.search(QStringLiteral("giraffe")).isEmpty());
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("tell"))), QVector<qint64>{q});
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        // A streaming message deleted with its conversation was never in the index.
        QVERIFY(addMsg(s, c, q, Role::Assistant, QStringLiteral("half"), MessageState::Streaming));
        QVERIFY(s.deleteConversation(c));
        QVERIFY(s.search(QStringLiteral("tell")).isEmpty());
        QVERIFY(s.search(QStringLiteral("x")).isEmpty());
        QVERIFY(s.lastError().isEmpty());
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    // An importer writes through a connection of its own; the triggers index its rows too.
    void otherConnectionsIndex()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        qint64 message = 0;
        {
            RawDb raw(path);
            QVERIFY2(raw.exec(QStringLiteral("INSERT INTO conversations (title, created, updated, uid)"
                                             " VALUES ('Imported 会話', 1, 2, 'u1')")),
                     qPrintable(raw.error()));
            const qint64 conversation =
                raw.scalar(QStringLiteral("SELECT MAX(id) FROM conversations")).toLongLong();
            QVERIFY2(raw.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, created)"
                                             " VALUES (?, 'user', 'Déjà vu 既視感', 3)"),
                              {conversation}),
                     qPrintable(raw.error()));
            message = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
        }
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("deja"))), QVector<qint64>{message});
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("視感"))), QVector<qint64>{message});
        QCOMPARE(s.search(QStringLiteral("会話")).size(), 1);
    }

    void snippetMarksTheHit_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("marked");
        QTest::addColumn<int>("marks");
        QTest::newRow("latin, case kept") << "Hello FOX there"
                                          << "fox" << kOpen + "FOX" + kClose << 1;
        QTest::newRow("prefix marks the prefix") << "Foxes are quick"
                                                 << "fox" << kOpen + "Fox" + kClose + "es" << 1;
        QTest::newRow("diacritics") << "Un Café au lait"
                                    << "cafe" << kOpen + "Café" + kClose << 1;
        QTest::newRow("decomposed accent kept whole") << "CAFE\u0301!"
                                                      << "café" << kOpen + "CAFE\u0301" + kClose + "!" << 1;
        QTest::newRow("cjk short") << "我喜欢猫和狗"
                                   << "猫" << kOpen + "猫" + kClose << 1;
        QTest::newRow("cjk inside a word") << "机器学习很有趣"
                                           << "机器" << kOpen + "机器" + kClose + "学习" << 1;
        QTest::newRow("every occurrence")
            << "fox and Fox, not afox"
            << "fox" << kOpen + "fox" + kClose + " and " + kOpen + "Fox" + kClose + ", not afox" << 2;
        QTest::newRow("every term") << "beta then alpha"
                                    << "alpha beta"
                                    << kOpen + "beta" + kClose + " then " + kOpen + "alpha" + kClose << 2;
        QTest::newRow("long text cut")
            << QString(200, QLatin1Char('a')) + " needle " + QString(200, QLatin1Char('b')) << "needle"
            << kOpen + "needle" + kClose << 1;
        QTest::newRow("line breaks flattened") << "first\nsecond needle"
                                               << "needle"
                                               << "first second " + kOpen + "needle" + kClose << 1;
    }

    void snippetMarksTheHit()
    {
        QFETCH(QString, text);
        QFETCH(QString, query);
        QFETCH(QString, marked);
        QFETCH(int, marks);
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 c = newConversation(s);
        QVERIFY(addMsg(s, c, 0, Role::User, text) != 0);
        const QVector<SearchHit> hits = s.search(query);
        QCOMPARE(hits.size(), 1);
        const QString snippet = hits.at(0).snippet;
        QVERIFY2(snippet.contains(marked), qPrintable(snippet));
        QCOMPARE(snippet.count(kOpen), marks);
        QCOMPARE(snippet.count(kClose), marks);
        QVERIFY(snippet.size() < 120); // a window, not the whole message
    }

    void migrationIndexesOldRows_data()
    {
        QTest::addColumn<int>("from");
        QTest::newRow("from v5") << 5;
        QTest::newRow("from v7") << 7;
    }

    void migrationIndexesOldRows()
    {
        QFETCH(int, from);
        const QString path = freshPath();
        QString error;
        QVERIFY2(Store::migrateTo(path, from, &error), qPrintable(error));
        qint64 conversation = 0;
        qint64 message = 0;
        qint64 streaming = 0;
        {
            RawDb raw(path);
            QVERIFY2(raw.exec(QStringLiteral("INSERT INTO conversations (title, created, updated)"
                                             " VALUES ('Legacy 标题', 1, 2)")),
                     qPrintable(raw.error()));
            conversation = raw.scalar(QStringLiteral("SELECT MAX(id) FROM conversations")).toLongLong();
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, created)"
                                            " VALUES (?, 'user', '机器学习 quickstep Ärger', 3)"),
                             {conversation}));
            message = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
            // Left streaming by a crash: indexed once the next start marks it interrupted.
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role, content,"
                                            " created, state) VALUES (?, ?, 'assistant', 'half a wombat', 4,"
                                            " 'streaming')"),
                             {conversation, message}));
            streaming = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
            QVERIFY(conversation > 0 && message > 0 && streaming > message);
        }
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
        for (const QString &q : {QStringLiteral("quickst"), QStringLiteral("机"), QStringLiteral("机器"),
                                 QStringLiteral("机器学习"), QStringLiteral("arger")})
            QCOMPARE(sortedMessageIds(s.search(q)), QVector<qint64>{message});
        QCOMPARE(sortedMessageIds(s.search(QStringLiteral("wombat"))), QVector<qint64>{streaming});
        const QVector<SearchHit> titleHits = s.search(QStringLiteral("标题"));
        QCOMPARE(titleHits.size(), 1);
        QCOMPARE(titleHits.at(0).conversationId, conversation);
        QCOMPARE(titleHits.at(0).messageId, 0);
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        // Writes after the migration go through the triggers as well.
        QVERIFY(addMsg(s, conversation, streaming, Role::User, QStringLiteral("新しい返事")) != 0);
        QCOMPARE(s.search(QStringLiteral("返事")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreSearch)
#include "tst_store_search.moc"
