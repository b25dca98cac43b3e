// Store: the Translate workspace's history and glossaries (schema v10): round trips, order,
// previews, search through the translation index (its triggers checked with FTS5's own
// integrity check), deletion, glossaries per language pair, signals and the migration from v9.
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "store/Store.h"
#include "translate/Glossary.h"
#include "translate/TranslationRecord.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace penpal;
using namespace penpal::test;

namespace {

const QString kOpen = QString(QChar(0x02));
const QString kClose = QString(QChar(0x03));

const QDateTime kT0 = QDateTime::fromMSecsSinceEpoch(1714564800123, Qt::UTC); // 2024-05-01T12:00:00.123Z

TranslationRecord record(const QString &source, const QString &result, const QDateTime &when = QDateTime())
{
    TranslationRecord r;
    r.sourceLanguage = QStringLiteral("en");
    r.targetLanguage = QStringLiteral("de");
    r.model = QStringLiteral("gpt-test");
    r.style = QStringLiteral("neutral");
    r.sourceText = source;
    r.resultText = result;
    r.created = when;
    r.updated = when;
    return r;
}

QVector<qint64> idsOf(const QVector<TranslationSummary> &list)
{
    QVector<qint64> ids;
    for (const TranslationSummary &s : list)
        ids << s.id;
    return ids;
}

// The texts of the search tests; index i is the i-th job saved, `source` → `result`.
struct Job {
    QString source;
    QString result;
};

const QVector<Job> &corpus()
{
    static const QVector<Job> jobs{
        {QStringLiteral("The quick brown fox"), QStringLiteral("Der schnelle braune Fuchs")},       // 0
        {QStringLiteral("Crème brûlée for dessert"), QStringLiteral("Crème brûlée zum Nachtisch")}, // 1
        {QStringLiteral("Machine learning is fun"), QStringLiteral("机器学习很有趣")},              // 2
        {QStringLiteral("我喜欢猫和狗"), QStringLiteral("I like cats and dogs")},                   // 3
        {QStringLiteral("Translation memory"), QStringLiteral("Übersetzungsspeicher")},             // 4
    };
    return jobs;
}

} // namespace

class TestStoreTranslations : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("t%1/penpal.db").arg(++m_counter)); }

    // FTS5 re-tokenizes the content table and compares it with the index: the triggers kept
    // the index exactly in step with the rows. For an external-content table SQLite 3.40 does
    // that only with rank = 1; without it the check looks at the index alone.
    static bool indexIsConsistent(const QString &path, QString *error)
    {
        RawDb raw(path);
        const bool ok = raw.exec(QStringLiteral(
            "INSERT INTO translation_fts (translation_fts, rank) VALUES ('integrity-check', 1)"));
        *error = raw.error();
        return ok;
    }

    // Saves the corpus in order, each a second newer than the one before; returns the ids.
    static QVector<qint64> saveCorpus(Store &s)
    {
        QVector<qint64> ids;
        for (int i = 0; i < corpus().size(); ++i)
            ids << s.saveTranslation(record(corpus().at(i).source, corpus().at(i).result, kT0.addSecs(i)));
        return ids;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTripKeepsEveryField()
    {
        const QString path = freshPath();
        TranslationRecord r;
        r.created = kT0;
        r.updated = kT0.addSecs(5);
        r.sourceLanguage = QStringLiteral("zh-Hans");
        r.targetLanguage = QStringLiteral("pt-BR");
        r.model = QStringLiteral("qwen-max");
        r.style = QStringLiteral("formal");
        r.instruction = QStringLiteral("Keep the \"tone\"; no emoji 🙅");
        r.sourceText = QStringLiteral("机器学习很有趣。\n\n第二段：拉取请求 🍵\ttab");
        r.resultText = QStringLiteral("Aprendizado de máquina é divertido.\n\nSegundo: pull request");
        r.glossary = {{QStringLiteral("拉取请求"), QStringLiteral("pull request")},
                      {QStringLiteral("机器学习"), QStringLiteral("aprendizado de máquina")},
                      {QStringLiteral("quote \" and , comma"), QStringLiteral("[\"json\"]")}};
        r.state = QStringLiteral("partial");

        qint64 id = 0;
        {
            Store s;
            QVERIFY2(s.open(path), qPrintable(s.lastError()));
            id = s.saveTranslation(r);
            QVERIFY2(id > 0, qPrintable(s.lastError()));
        }
        // Read back by a new store on the same file: what is on disk, not what was cached.
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        const TranslationRecord back = s.translation(id);
        QCOMPARE(back.id, id);
        QCOMPARE(back.created.toMSecsSinceEpoch(), r.created.toMSecsSinceEpoch());
        QCOMPARE(back.updated.toMSecsSinceEpoch(), r.updated.toMSecsSinceEpoch());
        QCOMPARE(back.created.timeSpec(), Qt::UTC);
        QCOMPARE(back.sourceLanguage, r.sourceLanguage);
        QCOMPARE(back.targetLanguage, r.targetLanguage);
        QCOMPARE(back.model, r.model);
        QCOMPARE(back.style, r.style);
        QCOMPARE(back.instruction, r.instruction);
        QCOMPARE(back.sourceText, r.sourceText);
        QCOMPARE(back.resultText, r.resultText);
        QCOMPARE(back.glossary, r.glossary);
        QCOMPARE(back.state, r.state);

        const QVector<TranslationSummary> list = s.translations();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).id, id);
        QCOMPARE(list.at(0).sourceLanguage, r.sourceLanguage);
        QCOMPARE(list.at(0).targetLanguage, r.targetLanguage);
        QCOMPARE(list.at(0).model, r.model);
        QCOMPARE(list.at(0).state, r.state);
        QCOMPARE(list.at(0).created.toMSecsSinceEpoch(), r.created.toMSecsSinceEpoch());
        QCOMPARE(list.at(0).updated.toMSecsSinceEpoch(), r.updated.toMSecsSinceEpoch());
        QCOMPARE(list.at(0).sourcePreview, QStringLiteral("机器学习很有趣。 第二段：拉取请求 🍵 tab"));
        QVERIFY(list.at(0).snippet.isEmpty()); // no query

        QCOMPARE(s.translation(id + 1).id, qint64(0));
    }

    void emptyFieldsAndDefaults()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        TranslationRecord r; // null strings everywhere: stored as empty, never refused
        r.state.clear();
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const qint64 id = s.saveTranslation(r);
        QVERIFY2(id > 0, qPrintable(s.lastError()));
        const TranslationRecord back = s.translation(id);
        QVERIFY(back.sourceLanguage.isEmpty());
        QVERIFY(back.glossary.isEmpty());
        QCOMPARE(back.state, QStringLiteral("complete"));
        // A new job without times is stamped now.
        QVERIFY(back.created >= before.addMSecs(-1));
        QVERIFY(back.created <= QDateTime::currentDateTimeUtc());
        QCOMPARE(back.updated, back.created);
    }

    void updateKeepsIdAndCreated()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        TranslationRecord r = record(QStringLiteral("Hello world"), QStringLiteral("Hallo Welt"), kT0);
        r.glossary = {{QStringLiteral("world"), QStringLiteral("Welt")}};
        const qint64 id = s.saveTranslation(r);
        QVERIFY(id > 0);

        r.id = id;
        r.created = kT0.addDays(100); // ignored: created is when the job was first stored
        r.model = QStringLiteral("other-model");
        r.resultText = QStringLiteral("Servus Welt");
        r.glossary = {{QStringLiteral("hello"), QStringLiteral("Servus")}};
        r.state = QStringLiteral("partial");
        const QDateTime before = QDateTime::currentDateTimeUtc();
        QCOMPARE(s.saveTranslation(r), id);

        const TranslationRecord back = s.translation(id);
        QCOMPARE(back.id, id);
        QCOMPARE(back.created.toMSecsSinceEpoch(), kT0.toMSecsSinceEpoch());
        QVERIFY2(back.updated >= before.addMSecs(-1), qPrintable(back.updated.toString(Qt::ISODateWithMs)));
        QCOMPARE(back.model, QStringLiteral("other-model"));
        QCOMPARE(back.resultText, QStringLiteral("Servus Welt"));
        QCOMPARE(back.glossary, r.glossary);
        QCOMPARE(back.state, QStringLiteral("partial"));
        QCOMPARE(s.translations().size(), 1);

        // The index follows the new text and forgets the old.
        QCOMPARE(idsOf(s.translations(QStringLiteral("servus"))), QVector<qint64>{id});
        QVERIFY(s.translations(QStringLiteral("hallo")).isEmpty());
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        // Saving again with the same texts leaves the index as it is, and still consistent.
        r.model = QStringLiteral("third-model");
        QCOMPARE(s.saveTranslation(r), id);
        QCOMPARE(idsOf(s.translations(QStringLiteral("servus"))), QVector<qint64>{id});
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    void updateOfUnknownIdFails()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        QSignalSpy changed(&s, &Store::translationsChanged);
        TranslationRecord r = record(QStringLiteral("a"), QStringLiteral("b"));
        r.id = 42;
        QCOMPARE(s.saveTranslation(r), qint64(0));
        QVERIFY(s.lastError().contains(QStringLiteral("42")));
        QVERIFY(s.translations().isEmpty());
        QCOMPARE(changed.count(), 0);
    }

    void newestFirst()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 a = s.saveTranslation(record(QStringLiteral("a"), QStringLiteral("A"), kT0));
        const qint64 c = s.saveTranslation(record(QStringLiteral("c"), QStringLiteral("C"), kT0.addSecs(20)));
        const qint64 b = s.saveTranslation(record(QStringLiteral("b"), QStringLiteral("B"), kT0.addSecs(10)));
        const qint64 tie =
            s.saveTranslation(record(QStringLiteral("d"), QStringLiteral("D"), kT0.addSecs(10)));
        QCOMPARE(idsOf(s.translations()), (QVector<qint64>{c, tie, b, a})); // same time: newer id first
        QCOMPARE(idsOf(s.translations(QString(), 2)), (QVector<qint64>{c, tie}));
        QVERIFY(s.translations(QString(), 0).isEmpty());

        // Saving an old job again makes it the most recent one.
        TranslationRecord r = s.translation(a);
        r.resultText = QStringLiteral("A2");
        QCOMPARE(s.saveTranslation(r), a);
        QCOMPARE(idsOf(s.translations()), (QVector<qint64>{a, c, tie, b}));
    }

    void previewsAreOneShortLine()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        QString longText = QStringLiteral("  First line\n\n  second\tline ");
        while (longText.size() < 2000)
            longText += QStringLiteral("word 词 ");
        // A character outside the BMP right where the cut falls must not be split.
        const QString emojiAtCut = QString(118, QLatin1Char('x')) + QStringLiteral("🍵🍵🍵 tail");
        const qint64 id = s.saveTranslation(record(longText, emojiAtCut));
        const QVector<TranslationSummary> list = s.translations();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).id, id);
        const QString source = list.at(0).sourcePreview;
        QVERIFY2(source.startsWith(QStringLiteral("First line second line word 词 word")),
                 qPrintable(source));
        QVERIFY(source.size() <= 120);
        QVERIFY(source.size() >= 100);
        QVERIFY(source.endsWith(QChar(0x2026)));
        QVERIFY(!source.contains(QLatin1Char('\n')));
        QVERIFY(!source.contains(QLatin1Char('\t')));
        const QString result = list.at(0).resultPreview;
        QVERIFY(result.size() <= 120);
        for (int i = 0; i < result.size(); ++i) {
            if (result.at(i).isHighSurrogate())
                QVERIFY(i + 1 < result.size() && result.at(i + 1).isLowSurrogate());
        }
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QVector<int>>("expected"); // corpus indices, newest first

        QTest::newRow("Latin prefix in source") << QStringLiteral("qui") << QVector<int>{0};
        QTest::newRow("Latin word in result") << QStringLiteral("Fuchs") << QVector<int>{0};
        QTest::newRow("prefix, case folded") << QStringLiteral("TRANSL") << QVector<int>{4};
        QTest::newRow("infix is not a word start") << QStringLiteral("uick") << QVector<int>{};
        QTest::newRow("diacritics folded") << QStringLiteral("creme brulee") << QVector<int>{1};
        QTest::newRow("diacritics folded in result") << QStringLiteral("ubersetzung") << QVector<int>{4};
        QTest::newRow("CJK two characters in result") << QStringLiteral("机器") << QVector<int>{2};
        QTest::newRow("CJK two characters in source") << QStringLiteral("猫和") << QVector<int>{3};
        QTest::newRow("CJK characters not adjacent") << QStringLiteral("猫狗") << QVector<int>{};
        QTest::newRow("terms in source and result") << QStringLiteral("machine 有趣") << QVector<int>{2};
        QTest::newRow("every term must match") << QStringLiteral("fox Nachtisch") << QVector<int>{};
        QTest::newRow("first word") << QStringLiteral("the") << QVector<int>{0};
        QTest::newRow("several jobs, newest first") << QStringLiteral("d") << QVector<int>{3, 1, 0};
        QTest::newRow("query syntax is text") << QStringLiteral("\"fox\" (brown") << QVector<int>{0};
        QTest::newRow("no searchable term") << QStringLiteral("--") << QVector<int>{};
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QVector<int>, expected);
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const QVector<qint64> ids = saveCorpus(s);
        QVector<qint64> want;
        for (int i : expected)
            want << ids.at(i);
        const QVector<TranslationSummary> hits = s.translations(query);
        QCOMPARE(idsOf(hits), want);
        for (const TranslationSummary &h : hits) {
            QVERIFY2(h.snippet.contains(kOpen) && h.snippet.contains(kClose), qPrintable(h.snippet));
            QVERIFY(!h.sourcePreview.isEmpty());
        }
        // The limit keeps the newest matches.
        if (want.size() > 1)
            QCOMPARE(idsOf(s.translations(query, 1)), QVector<qint64>{want.first()});
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    void snippetMarksTheTerm_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("marked");

        QTest::newRow("in source") << QStringLiteral("brow") << kOpen + QStringLiteral("brow") + kClose;
        QTest::newRow("only in result")
            << QStringLiteral("schnell") << kOpen + QStringLiteral("schnell") + kClose;
        QTest::newRow("CJK in result") << QStringLiteral("学习") << kOpen + QStringLiteral("学习") + kClose;
        QTest::newRow("folded") << QStringLiteral("brulee") << kOpen + QStringLiteral("brûlée") + kClose;
    }

    void snippetMarksTheTerm()
    {
        QFETCH(QString, query);
        QFETCH(QString, marked);
        Store s;
        QVERIFY(s.open(freshPath()));
        saveCorpus(s);
        const QVector<TranslationSummary> hits = s.translations(query);
        QCOMPARE(hits.size(), 1);
        QVERIFY2(hits.at(0).snippet.contains(marked), qPrintable(hits.at(0).snippet));
    }

    void deleteRemovesFromListAndSearch()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const QVector<qint64> ids = saveCorpus(s);
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        QVERIFY2(s.deleteTranslation(ids.at(2)), qPrintable(s.lastError()));
        QCOMPARE(s.translation(ids.at(2)).id, qint64(0));
        QVERIFY(!idsOf(s.translations()).contains(ids.at(2)));
        QCOMPARE(s.translations().size(), corpus().size() - 1);
        QVERIFY(s.translations(QStringLiteral("机器")).isEmpty());
        QVERIFY(s.translations(QStringLiteral("machine")).isEmpty());
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        QVERIFY(!s.deleteTranslation(ids.at(2))); // gone already
        QVERIFY(!s.lastError().isEmpty());
        QCOMPARE(s.translations().size(), corpus().size() - 1);
    }

    // The consistency check above is only worth something if it notices a stale index.
    void integrityCheckNoticesAStaleIndex()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 id = s.saveTranslation(record(QStringLiteral("alpha"), QStringLiteral("beta")));
        QVERIFY(id > 0);
        s.close();
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER translation_fts_update")));
            QVERIFY(
                raw.exec(QStringLiteral("UPDATE translations SET source_text = 'gamma' WHERE id = ?"), {id}));
        }
        QString error;
        QVERIFY(!indexIsConsistent(path, &error));
    }

    void glossaryPerLanguagePair()
    {
        const QString path = freshPath();
        const Glossary enDe({{QStringLiteral("pull request"), QStringLiteral("Pull-Request")},
                             {QStringLiteral("branch"), QStringLiteral("Zweig")},
                             {QStringLiteral("API"), QStringLiteral("API")}});
        const Glossary deEn({{QStringLiteral("Zweig"), QStringLiteral("branch")}});
        const Glossary enJa({{QStringLiteral("branch"), QStringLiteral("ブランチ")}});
        {
            Store s;
            QVERIFY(s.open(path));
            QVERIFY(s.glossary(QStringLiteral("en"), QStringLiteral("de")).isEmpty());
            QVERIFY2(s.setGlossary(QStringLiteral("en"), QStringLiteral("de"), enDe),
                     qPrintable(s.lastError()));
            QVERIFY(s.setGlossary(QStringLiteral("de"), QStringLiteral("en"), deEn));
            QVERIFY(s.setGlossary(QStringLiteral("en"), QStringLiteral("ja"), enJa));
        }
        Store s;
        QVERIFY(s.open(path));
        // In the saved order (not alphabetical), each pair its own, direction matters.
        QCOMPARE(s.glossary(QStringLiteral("en"), QStringLiteral("de")).terms(), enDe.terms());
        QCOMPARE(s.glossary(QStringLiteral("de"), QStringLiteral("en")).terms(), deEn.terms());
        QCOMPARE(s.glossary(QStringLiteral("en"), QStringLiteral("ja")).terms(), enJa.terms());
        QVERIFY(s.glossary(QStringLiteral("en"), QStringLiteral("fr")).isEmpty());
        QVERIFY(s.glossary(QString(), QStringLiteral("de")).isEmpty());

        // Replacing one pair's terms leaves the other pairs alone.
        const Glossary replaced({{QStringLiteral("merge"), QStringLiteral("zusammenführen")},
                                 {QStringLiteral("branch"), QStringLiteral("Branch")}});
        QVERIFY(s.setGlossary(QStringLiteral("en"), QStringLiteral("de"), replaced));
        QCOMPARE(s.glossary(QStringLiteral("en"), QStringLiteral("de")).terms(), replaced.terms());
        QCOMPARE(s.glossary(QStringLiteral("de"), QStringLiteral("en")).terms(), deEn.terms());
        QCOMPARE(s.glossary(QStringLiteral("en"), QStringLiteral("ja")).terms(), enJa.terms());

        // An empty glossary clears the pair.
        QVERIFY(s.setGlossary(QStringLiteral("en"), QStringLiteral("de"), Glossary()));
        QVERIFY(s.glossary(QStringLiteral("en"), QStringLiteral("de")).isEmpty());
        QCOMPARE(s.glossary(QStringLiteral("en"), QStringLiteral("ja")).terms(), enJa.terms());

        // A source with no language (neither chosen nor detected) has glossaries too.
        QVERIFY(s.setGlossary(QString(), QStringLiteral("de"), deEn));
        QCOMPARE(s.glossary(QString(), QStringLiteral("de")).terms(), deEn.terms());
    }

    void glossaryWithATermTwiceIsRefused_data()
    {
        QTest::addColumn<QString>("second");
        QTest::newRow("same spelling") << QStringLiteral("branch");
        QTest::newRow("other case") << QStringLiteral("Branch");
    }

    void glossaryWithATermTwiceIsRefused()
    {
        QFETCH(QString, second);
        Store s;
        QVERIFY(s.open(freshPath()));
        const Glossary before({{QStringLiteral("merge"), QStringLiteral("zusammenführen")}});
        QVERIFY(s.setGlossary(QStringLiteral("en"), QStringLiteral("de"), before));
        QSignalSpy changed(&s, &Store::glossaryChanged);
        const Glossary twice(
            {{QStringLiteral("branch"), QStringLiteral("Zweig")}, {second, QStringLiteral("Ast")}});
        QVERIFY(!s.setGlossary(QStringLiteral("en"), QStringLiteral("de"), twice));
        QVERIFY(!s.lastError().isEmpty());
        QCOMPARE(s.glossary(QStringLiteral("en"), QStringLiteral("de")).terms(), before.terms()); // untouched
        QCOMPARE(changed.count(), 0);
    }

    void signalsFollowChanges()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        QSignalSpy translations(&s, &Store::translationsChanged);
        QSignalSpy glossary(&s, &Store::glossaryChanged);

        TranslationRecord r = record(QStringLiteral("one"), QStringLiteral("eins"));
        r.id = s.saveTranslation(r);
        QCOMPARE(translations.count(), 1);
        QCOMPARE(s.saveTranslation(r), r.id);
        QCOMPARE(translations.count(), 2);
        QVERIFY(s.deleteTranslation(r.id));
        QCOMPARE(translations.count(), 3);
        QVERIFY(!s.deleteTranslation(r.id));
        QCOMPARE(translations.count(), 3);
        QCOMPARE(glossary.count(), 0);

        QVERIFY(s.setGlossary(QStringLiteral("en"), QStringLiteral("fr"),
                              Glossary({{QStringLiteral("cat"), QStringLiteral("chat")}})));
        QCOMPARE(glossary.count(), 1);
        QCOMPARE(glossary.at(0).at(0).toString(), QStringLiteral("en"));
        QCOMPARE(glossary.at(0).at(1).toString(), QStringLiteral("fr"));
        QCOMPARE(translations.count(), 3);
    }

    void notOpen()
    {
        Store s;
        QCOMPARE(s.saveTranslation(record(QStringLiteral("a"), QStringLiteral("b"))), qint64(0));
        QVERIFY(!s.lastError().isEmpty());
        QVERIFY(s.translations().isEmpty());
        QCOMPARE(s.translation(1).id, qint64(0));
        QVERIFY(!s.deleteTranslation(1));
        QVERIFY(s.glossary(QStringLiteral("en"), QStringLiteral("de")).isEmpty());
        QVERIFY(!s.setGlossary(QStringLiteral("en"), QStringLiteral("de"), Glossary()));
    }

    void migrationFromV9KeepsData()
    {
        const QString path = freshPath();
        QString error;
        QVERIFY2(Store::migrateTo(path, 9, &error), qPrintable(error));
        qint64 conversation = 0;
        qint64 message = 0;
        {
            RawDb raw(path);
            QVERIFY(!raw.hasObject(QStringLiteral("translations")));
            QVERIFY2(raw.exec(QStringLiteral("INSERT INTO conversations (title, created, updated, uid)"
                                             " VALUES ('Alte Übersetzung', 1, 2, 'u1')")),
                     qPrintable(raw.error()));
            conversation = raw.scalar(QStringLiteral("SELECT MAX(id) FROM conversations")).toLongLong();
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, created)"
                                            " VALUES (?, 'user', 'Bitte übersetzen: 机器学习', 3)"),
                             {conversation}));
            message = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
            QVERIFY(conversation > 0 && message > 0);
        }
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
        QCOMPARE(s.migrationBackups().size(), 1);
        QCOMPARE(s.conversation(conversation).title, QStringLiteral("Alte Übersetzung"));
        QCOMPARE(s.message(message).content, QStringLiteral("Bitte übersetzen: 机器学习"));
        const QVector<SearchHit> hits = s.search(QStringLiteral("ubersetzen"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.at(0).messageId, message);

        // The new tables start empty and work.
        QVERIFY(s.translations().isEmpty());
        const qint64 id =
            s.saveTranslation(record(QStringLiteral("机器学习"), QStringLiteral("maschinelles Lernen")));
        QVERIFY2(id > 0, qPrintable(s.lastError()));
        QCOMPARE(idsOf(s.translations(QStringLiteral("机器"))), QVector<qint64>{id});
        QVERIFY(
            s.setGlossary(QStringLiteral("zh"), QStringLiteral("de"),
                          Glossary({{QStringLiteral("机器学习"), QStringLiteral("maschinelles Lernen")}})));
        QCOMPARE(s.glossary(QStringLiteral("zh"), QStringLiteral("de")).terms().size(), 1);
        // Translations are not conversations: the chat search does not find them.
        QCOMPARE(s.search(QStringLiteral("lernen")).size(), 0);
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestStoreTranslations)
#include "tst_store_translations.moc"
