// Store: the Draft workspace's documents and versions (schema v11): round trips, list order and
// previews, rename and language, autosave (and its no-op for unchanged text), versions, deletion
// with the versions, search through the document index (its triggers checked with FTS5's own
// integrity check) alone and merged into search(), signals, the migration from v10, reopening,
// and autosave surviving kill -9.
#include "DraftCrashText.h"
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "draft/DraftDocument.h"
#include "store/SearchQuery.h"
#include "store/Store.h"
#include "translate/TranslationRecord.h"

#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace penpal;
using namespace penpal::test;

namespace {

const QString kOpen = QString(QChar(0x02));
const QString kClose = QString(QChar(0x03));

const QDateTime kT0 = QDateTime::fromMSecsSinceEpoch(1714564800123, Qt::UTC); // 2024-05-01T12:00:00.123Z

QVector<qint64> idsOf(const QVector<DraftSummary> &list)
{
    QVector<qint64> ids;
    for (const DraftSummary &s : list)
        ids << s.id;
    return ids;
}

QVector<qint64> idsOf(const QVector<DraftVersion> &list)
{
    QVector<qint64> ids;
    for (const DraftVersion &v : list)
        ids << v.id;
    return ids;
}

struct Doc {
    QString title;
    QString content;
};

// The documents of the search tests; index i is the i-th created, updated at kT0 + i seconds.
const QVector<Doc> &corpus()
{
    static const QVector<Doc> docs{
        {QStringLiteral("Quarterly report"),
         QStringLiteral("The quick brown fox jumps.\n\nSecond paragraph.")},                           // 0
        {QStringLiteral("Crème brûlée recipe"), QStringLiteral("Caramelise the sugar with a torch.")}, // 1
        {QStringLiteral("机器学习笔记"), QStringLiteral("Notes about neural networks.")},              // 2
        {QStringLiteral("Letter"), QStringLiteral("我喜欢猫和狗, and the fox too.")},                  // 3
    };
    return docs;
}

} // namespace

class TestStoreDrafts : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("d%1/penpal.db").arg(++m_counter)); }

    // FTS5 re-tokenizes the documents and compares them with the index: the triggers kept it
    // exactly in step. With rank = 1 SQLite 3.40 compares the external content too.
    static bool indexIsConsistent(const QString &path, QString *error)
    {
        RawDb raw(path);
        const bool ok = raw.exec(
            QStringLiteral("INSERT INTO document_fts (document_fts, rank) VALUES ('integrity-check', 1)"));
        *error = raw.error();
        return ok;
    }

    // Sets a document's `updated` behind the store's back (no trigger watches it), so orders
    // and "was it bumped" do not depend on the clock.
    static bool setUpdated(const QString &path, qint64 id, const QDateTime &when)
    {
        RawDb raw(path);
        return raw.exec(QStringLiteral("UPDATE documents SET updated = ? WHERE id = ?"),
                        {when.toMSecsSinceEpoch(), id});
    }

    static QVector<qint64> createCorpus(Store &s, const QString &path)
    {
        QVector<qint64> ids;
        for (int i = 0; i < corpus().size(); ++i) {
            const qint64 id = s.createDocument(corpus().at(i).title, corpus().at(i).content);
            if (id == 0 || !setUpdated(path, id, kT0.addSecs(i)))
                return {};
            ids << id;
        }
        return ids;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createAndRead()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const QString content = QStringLiteral("# Titel\n\nGrüße, 草稿 🍵\n\n- [ ] item\ttab");
        const qint64 id = s.createDocument(QStringLiteral("Brief an Oma"), content, QStringLiteral("de-AT"));
        QVERIFY2(id > 0, qPrintable(s.lastError()));
        const DraftDocument d = s.document(id);
        QCOMPARE(d.id, id);
        QCOMPARE(d.title, QStringLiteral("Brief an Oma"));
        QCOMPARE(d.content, content);
        QCOMPARE(d.language, QStringLiteral("de-AT"));
        QVERIFY(d.created.isValid());
        QVERIFY(d.created >= before.addMSecs(-1));
        QCOMPARE(d.updated, d.created);

        // Defaults: empty text and unknown language.
        const qint64 empty = s.createDocument(QString());
        QVERIFY(empty > id);
        QCOMPARE(s.document(empty).content, QString());
        QCOMPARE(s.document(empty).language, QString());
        QCOMPARE(s.document(empty + 100).id, qint64(0));
    }

    void listIsNewestFirstWithPreviews()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 a = s.createDocument(QStringLiteral("A"), QStringLiteral("first\n\n  line   two"));
        const qint64 b = s.createDocument(QStringLiteral("B"), QString(300, QLatin1Char('x')));
        const qint64 c = s.createDocument(QStringLiteral("C"));
        QVERIFY(setUpdated(path, a, kT0));
        QVERIFY(setUpdated(path, b, kT0.addSecs(2)));
        QVERIFY(setUpdated(path, c, kT0.addSecs(1)));
        QCOMPARE(idsOf(s.documents()), (QVector<qint64>{b, c, a}));
        QCOMPARE(idsOf(s.documents(QString(), 2)), (QVector<qint64>{b, c}));

        const QVector<DraftSummary> list = s.documents();
        QCOMPARE(list.at(2).preview, QStringLiteral("first line two"));
        QCOMPARE(list.at(2).title, QStringLiteral("A"));
        QCOMPARE(list.at(2).updated, kT0);
        QCOMPARE(list.at(0).preview.size(), 120);
        QVERIFY(list.at(0).preview.endsWith(QChar(0x2026)));
        QVERIFY(list.at(0).snippet.isEmpty());

        // An edit makes a document the newest.
        QVERIFY(s.saveDocumentContent(a, QStringLiteral("edited")));
        QCOMPARE(idsOf(s.documents()), (QVector<qint64>{a, b, c}));
    }

    void renameAndLanguage()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 id = s.createDocument(QStringLiteral("Old"), QStringLiteral("text"));
        QVERIFY(setUpdated(path, id, kT0));

        QVERIFY(s.setDocumentLanguage(id, QStringLiteral("fr")));
        QCOMPARE(s.document(id).language, QStringLiteral("fr"));
        QCOMPARE(s.document(id).updated, kT0); // a setting, not an edit

        QVERIFY(s.renameDocument(id, QStringLiteral("Nouveau titre")));
        QCOMPARE(s.document(id).title, QStringLiteral("Nouveau titre"));
        QVERIFY(s.document(id).updated > kT0);
        QCOMPARE(s.document(id).content, QStringLiteral("text"));

        QVERIFY(s.setDocumentLanguage(id, QString()));
        QCOMPARE(s.document(id).language, QString());

        QVERIFY(!s.renameDocument(id + 1, QStringLiteral("x")));
        QVERIFY(!s.lastError().isEmpty());
        QVERIFY(!s.setDocumentLanguage(id + 1, QStringLiteral("en")));
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    void autosaveRoundTripAndUnchangedNoOp()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 id = s.createDocument(QStringLiteral("Draft"));
        const QString text = draftCrashText(50000);
        QVERIFY(s.saveDocumentContent(id, text));
        QCOMPARE(s.document(id).content, text);

        // The same text again writes nothing: `updated` stays, no signal.
        QVERIFY(setUpdated(path, id, kT0));
        QSignalSpy changed(&s, &Store::documentChanged);
        QVERIFY(s.saveDocumentContent(id, text));
        QCOMPARE(s.document(id).updated, kT0);
        QCOMPARE(changed.count(), 0);

        // A change is written and bumps `updated`.
        QVERIFY(s.saveDocumentContent(id, text + QStringLiteral("!")));
        QCOMPARE(s.document(id).content, text + QStringLiteral("!"));
        QVERIFY(s.document(id).updated > kT0);
        QCOMPARE(changed.count(), 1);

        // Back to empty, and an unknown document fails.
        QVERIFY(s.saveDocumentContent(id, QString()));
        QCOMPARE(s.document(id).content, QString());
        QVERIFY(!s.saveDocumentContent(id + 1, QStringLiteral("x")));
        QVERIFY(!s.lastError().isEmpty());

        // What another connection (a later start) sees.
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT content FROM documents WHERE id = ?"), {id}).toString(),
                 QString());
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    void versionsNewestFirst()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        const qint64 doc = s.createDocument(QStringLiteral("V"), QStringLiteral("three"));
        const qint64 other = s.createDocument(QStringLiteral("W"));
        const qint64 v1 =
            s.addVersion(doc, QStringLiteral("named"), QStringLiteral("one"), QStringLiteral("Erste"));
        const qint64 v2 = s.addVersion(doc, QStringLiteral("accept"), QStringLiteral("two"),
                                       QStringLiteral("Shorten the intro"));
        const qint64 v3 = s.addVersion(doc, QStringLiteral("restore"), QStringLiteral("one"));
        const qint64 w1 = s.addVersion(other, QStringLiteral("named"), QStringLiteral("w"));
        QVERIFY(v1 > 0 && v2 > v1 && v3 > v2 && w1 > v3);

        const QVector<DraftVersion> list = s.versions(doc);
        QCOMPARE(idsOf(list), (QVector<qint64>{v3, v2, v1}));
        QCOMPARE(list.at(1).documentId, doc);
        QCOMPARE(list.at(1).cause, QStringLiteral("accept"));
        QCOMPARE(list.at(1).name, QStringLiteral("Shorten the intro"));
        QCOMPARE(list.at(1).content, QStringLiteral("two"));
        QVERIFY(list.at(1).created.isValid());
        QCOMPARE(list.at(0).name, QString());
        QVERIFY(list.at(0).created >= list.at(2).created);

        const DraftVersion one = s.version(v1);
        QCOMPARE(one.id, v1);
        QCOMPARE(one.cause, QStringLiteral("named"));
        QCOMPARE(one.name, QStringLiteral("Erste"));
        QCOMPARE(one.content, QStringLiteral("one"));
        QCOMPARE(s.version(w1 + 1).id, qint64(0));
        QCOMPARE(idsOf(s.versions(other)), QVector<qint64>{w1});

        // A version never changes the document.
        QCOMPARE(s.document(doc).content, QStringLiteral("three"));
        // No versions of a document that is not there.
        QCOMPARE(s.addVersion(other + 100, QStringLiteral("named"), QStringLiteral("x")), qint64(0));
        QVERIFY(!s.lastError().isEmpty());
    }

    void deleteTakesVersions()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 gone = s.createDocument(QStringLiteral("Gone"), QStringLiteral("walrus text"));
        const qint64 kept = s.createDocument(QStringLiteral("Kept"), QStringLiteral("walrus too"));
        const qint64 v = s.addVersion(gone, QStringLiteral("named"), QStringLiteral("a"));
        const qint64 keptVersion = s.addVersion(kept, QStringLiteral("named"), QStringLiteral("b"));
        QVERIFY(v > 0 && keptVersion > 0);

        QVERIFY(s.deleteDocument(gone));
        QCOMPARE(s.document(gone).id, qint64(0));
        QVERIFY(s.versions(gone).isEmpty());
        QCOMPARE(s.version(v).id, qint64(0));
        QCOMPARE(idsOf(s.documents()), QVector<qint64>{kept});
        QCOMPARE(idsOf(s.documents(QStringLiteral("walrus"))), QVector<qint64>{kept});
        QCOMPARE(s.search(QStringLiteral("walrus")).size(), 1);
        QCOMPARE(idsOf(s.versions(kept)), QVector<qint64>{keptVersion});
        {
            RawDb raw(path);
            QCOMPARE(
                raw.scalar(QStringLiteral("SELECT COUNT(*) FROM document_versions WHERE document_id = ?"),
                           {gone})
                    .toInt(),
                0);
        }
        QVERIFY(!s.deleteDocument(gone));
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QVector<int>>("expected"); // corpus indexes, newest first

        QTest::newRow("Latin prefix in title") << QStringLiteral("quart") << QVector<int>{0};
        QTest::newRow("Latin prefix in text") << QStringLiteral("jump") << QVector<int>{0};
        QTest::newRow("in two documents") << QStringLiteral("fox") << QVector<int>{3, 0};
        QTest::newRow("folded diacritics") << QStringLiteral("BRULEE") << QVector<int>{1};
        QTest::newRow("diacritics typed") << QStringLiteral("crème") << QVector<int>{1};
        QTest::newRow("CJK in title") << QStringLiteral("学习") << QVector<int>{2};
        QTest::newRow("CJK in text") << QStringLiteral("猫和") << QVector<int>{3};
        QTest::newRow("title and text terms") << QStringLiteral("机器 neural") << QVector<int>{2};
        QTest::newRow("every term must match") << QStringLiteral("fox torch") << QVector<int>{};
        QTest::newRow("nothing") << QStringLiteral("xylophone") << QVector<int>{};
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QVector<int>, expected);
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const QVector<qint64> ids = createCorpus(s, path);
        QCOMPARE(ids.size(), corpus().size());
        QVector<qint64> want;
        for (int i : expected)
            want << ids.at(i);

        const QVector<DraftSummary> docs = s.documents(query);
        QCOMPARE(idsOf(docs), want);
        for (const DraftSummary &d : docs)
            QVERIFY2(d.snippet.contains(kOpen) && d.snippet.contains(kClose), qPrintable(d.snippet));
        if (want.size() > 1)
            QCOMPARE(idsOf(s.documents(query, 1)), QVector<qint64>{want.first()});

        // The history search finds the same documents, as document hits.
        const QVector<SearchHit> hits = s.search(query);
        QCOMPARE(hits.size(), want.size());
        for (int i = 0; i < hits.size(); ++i) {
            const SearchHit &h = hits.at(i);
            QCOMPARE(h.documentId, want.at(i));
            QCOMPARE(h.conversationId, qint64(0));
            QCOMPARE(h.messageId, qint64(0));
            QCOMPARE(h.title, corpus().at(expected.at(i)).title);
            QCOMPARE(h.updated, kT0.addSecs(expected.at(i)));
            QCOMPARE(h.created, h.updated);
            QVERIFY(!h.archived);
            QVERIFY2(h.snippet.contains(kOpen) && h.snippet.contains(kClose), qPrintable(h.snippet));
        }
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    void snippetShowsTextOrTitle()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        QCOMPARE(createCorpus(s, path).size(), corpus().size());
        // Only the title matches: the snippet is the title.
        const QVector<SearchHit> title = s.search(QStringLiteral("quarterly"));
        QCOMPARE(title.size(), 1);
        QCOMPARE(title.at(0).snippet,
                 kOpen + QStringLiteral("Quarterly") + kClose + QStringLiteral(" report"));
        // The text matches: the snippet is from the text.
        const QVector<DraftSummary> text = s.documents(QStringLiteral("caramel"));
        QCOMPARE(text.size(), 1);
        QVERIFY2(
            text.at(0).snippet.startsWith(kOpen + QStringLiteral("Caramel") + kClose + QStringLiteral("ise")),
            qPrintable(text.at(0).snippet));
    }

    // Long documents are searched for their snippet in growing prefixes: wherever the hit lies
    // (around a prefix's end too), the snippet is the one of the whole text.
    void snippetOfALongDocument_data()
    {
        QTest::addColumn<int>("at"); // where "walrus" is put into the text; -1: only in the title
        for (int at : {0, 3900, 4000, 4060, 4090, 4100, 32700, 32760, 200000, 299990, -1})
            QTest::addRow("%d", at) << at;
    }

    void snippetOfALongDocument()
    {
        QFETCH(int, at);
        QString content = draftCrashText(300000);
        if (at >= 0)
            content.insert(at, QStringLiteral(" walrus "));
        const QString title = at >= 0 ? QStringLiteral("Long") : QStringLiteral("Long walrus");
        Store s;
        QVERIFY(s.open(freshPath()));
        QVERIFY(s.createDocument(title, content) > 0);
        const SearchQuery query(QStringLiteral("walrus"));
        const QString expected = SearchQuery::snippet(at >= 0 ? content : title, query.terms());
        QVERIFY(expected.contains(kOpen + QStringLiteral("walrus") + kClose));
        const QVector<DraftSummary> docs = s.documents(QStringLiteral("walrus"));
        QCOMPARE(docs.size(), 1);
        QCOMPARE(docs.at(0).snippet, expected);
        const QVector<SearchHit> hits = s.search(QStringLiteral("walrus"));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.at(0).snippet, expected);
    }

    void searchMergesDocumentsWithMessages()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 conversation = newConversation(s, QStringLiteral("Arctic"), kT0);
        const qint64 message = addMsg(s, conversation, 0, Role::User, QStringLiteral("A walrus has tusks."),
                                      MessageState::Complete, kT0.addSecs(10));
        const qint64 newer = s.createDocument(QStringLiteral("Walrus essay"), QStringLiteral("Big animals."));
        const qint64 older = s.createDocument(QStringLiteral("Notes"), QStringLiteral("The walrus sleeps."));
        QVERIFY(message > 0 && newer > 0 && older > 0);
        QVERIFY(setUpdated(path, newer, kT0.addSecs(20)));
        QVERIFY(setUpdated(path, older, kT0.addSecs(5)));

        const QVector<SearchHit> hits = s.search(QStringLiteral("walrus"));
        QCOMPARE(hits.size(), 3);
        QCOMPARE(hits.at(0).documentId, newer);
        QCOMPARE(hits.at(1).messageId, message);
        QCOMPARE(hits.at(1).documentId, qint64(0));
        QCOMPARE(hits.at(1).conversationId, conversation);
        QCOMPARE(hits.at(2).documentId, older);

        const QVector<SearchHit> two = s.search(QStringLiteral("walrus"), 2);
        QCOMPARE(two.size(), 2);
        QCOMPARE(two.at(0).documentId, newer);
        QCOMPARE(two.at(1).messageId, message);
    }

    void indexStaysInStep()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        QString error;
        const qint64 id = s.createDocument(QStringLiteral("Alpha"), QStringLiteral("beta gamma"));
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
        QVERIFY(s.saveDocumentContent(id, QStringLiteral("delta epsilon")));
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
        QCOMPARE(s.documents(QStringLiteral("beta")).size(), 0);
        QCOMPARE(s.documents(QStringLiteral("delta")).size(), 1);
        QVERIFY(s.renameDocument(id, QStringLiteral("Omega")));
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
        QCOMPARE(s.documents(QStringLiteral("alpha")).size(), 0);
        QCOMPARE(s.documents(QStringLiteral("omega")).size(), 1);
        QVERIFY(s.setDocumentLanguage(id, QStringLiteral("el")));
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
        QVERIFY(s.deleteDocument(id));
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
        QCOMPARE(s.documents(QStringLiteral("omega")).size(), 0);
        QCOMPARE(s.search(QStringLiteral("delta")).size(), 0);
    }

    void integrityCheckNoticesAStaleIndex()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 id = s.createDocument(QStringLiteral("Alpha"), QStringLiteral("beta"));
        QVERIFY(id > 0);
        s.close();
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER document_fts_update")));
            QVERIFY(raw.exec(QStringLiteral("UPDATE documents SET content = 'gamma' WHERE id = ?"), {id}));
        }
        QString error;
        QVERIFY(!indexIsConsistent(path, &error));
    }

    void signalsFollowChanges()
    {
        Store s;
        QVERIFY(s.open(freshPath()));
        QSignalSpy added(&s, &Store::documentAdded);
        QSignalSpy changed(&s, &Store::documentChanged);
        QSignalSpy removed(&s, &Store::documentRemoved);
        QSignalSpy versions(&s, &Store::versionsChanged);

        const qint64 id = s.createDocument(QStringLiteral("S"));
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.at(0).at(0).toLongLong(), id);
        QCOMPARE(changed.count(), 0);

        QVERIFY(s.saveDocumentContent(id, QStringLiteral("a")));
        QVERIFY(s.renameDocument(id, QStringLiteral("T")));
        QVERIFY(s.setDocumentLanguage(id, QStringLiteral("en")));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(changed.at(2).at(0).toLongLong(), id);
        // Nothing changed, nothing said.
        QVERIFY(s.saveDocumentContent(id, QStringLiteral("a")));
        QVERIFY(s.renameDocument(id, QStringLiteral("T")));
        QVERIFY(s.setDocumentLanguage(id, QStringLiteral("en")));
        QCOMPARE(changed.count(), 3);

        QVERIFY(s.addVersion(id, QStringLiteral("named"), QStringLiteral("a")) > 0);
        QCOMPARE(versions.count(), 1);
        QCOMPARE(versions.at(0).at(0).toLongLong(), id);
        QCOMPARE(changed.count(), 3);

        QVERIFY(s.deleteDocument(id));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toLongLong(), id);
        QVERIFY(!s.deleteDocument(id));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(added.count(), 1);
    }

    void notOpen()
    {
        Store s;
        QCOMPARE(s.createDocument(QStringLiteral("x")), qint64(0));
        QVERIFY(!s.lastError().isEmpty());
        QCOMPARE(s.document(1).id, qint64(0));
        QVERIFY(s.documents().isEmpty());
        QVERIFY(!s.saveDocumentContent(1, QStringLiteral("x")));
        QVERIFY(!s.renameDocument(1, QStringLiteral("x")));
        QVERIFY(!s.setDocumentLanguage(1, QStringLiteral("x")));
        QVERIFY(!s.deleteDocument(1));
        QCOMPARE(s.addVersion(1, QStringLiteral("named"), QStringLiteral("x")), qint64(0));
        QVERIFY(s.versions(1).isEmpty());
        QCOMPARE(s.version(1).id, qint64(0));
    }

    void closeAndReopen()
    {
        const QString path = freshPath();
        qint64 id = 0;
        qint64 v = 0;
        {
            Store s;
            QVERIFY(s.open(path));
            id = s.createDocument(QStringLiteral("Persist"), QStringLiteral("one"), QStringLiteral("nl"));
            QVERIFY(s.saveDocumentContent(id, QStringLiteral("twee drie")));
            v = s.addVersion(id, QStringLiteral("named"), QStringLiteral("one"), QStringLiteral("first"));
            QVERIFY(v > 0);
            s.close();
            QVERIFY(!s.isOpen());
        }
        Store s;
        QVERIFY(s.open(path));
        const DraftDocument d = s.document(id);
        QCOMPARE(d.title, QStringLiteral("Persist"));
        QCOMPARE(d.content, QStringLiteral("twee drie"));
        QCOMPARE(d.language, QStringLiteral("nl"));
        QCOMPARE(idsOf(s.versions(id)), QVector<qint64>{v});
        QCOMPARE(s.version(v).name, QStringLiteral("first"));
        QCOMPARE(idsOf(s.documents(QStringLiteral("drie"))), QVector<qint64>{id});
    }

    void migrationFromV10KeepsData()
    {
        const QString path = freshPath();
        QString error;
        QVERIFY2(Store::migrateTo(path, 10, &error), qPrintable(error));
        qint64 conversation = 0;
        qint64 message = 0;
        qint64 translation = 0;
        {
            RawDb raw(path);
            QVERIFY(!raw.hasObject(QStringLiteral("documents")));
            QVERIFY2(raw.exec(QStringLiteral("INSERT INTO conversations (title, created, updated, uid)"
                                             " VALUES ('Alter Entwurf', 1, 2, 'u1')")),
                     qPrintable(raw.error()));
            conversation = raw.scalar(QStringLiteral("SELECT MAX(id) FROM conversations")).toLongLong();
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, created)"
                                            " VALUES (?, 'user', 'Ein Entwurf über 草稿', 3)"),
                             {conversation}));
            message = raw.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
            QVERIFY(raw.exec(
                QStringLiteral("INSERT INTO translations (created, updated, source_text, result_text)"
                               " VALUES (4, 5, 'Entwurf', 'draft')")));
            translation = raw.scalar(QStringLiteral("SELECT MAX(id) FROM translations")).toLongLong();
            QVERIFY(conversation > 0 && message > 0 && translation > 0);
        }
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QCOMPARE(s.schemaVersion(), Store::currentSchemaVersion());
        QCOMPARE(s.migrationBackups().size(), 1);
        QCOMPARE(s.conversation(conversation).title, QStringLiteral("Alter Entwurf"));
        QCOMPARE(s.message(message).content, QStringLiteral("Ein Entwurf über 草稿"));
        QCOMPARE(s.translations(QStringLiteral("entwurf")).size(), 1);

        // The new tables start empty and work; the search finds both kinds.
        QVERIFY(s.documents().isEmpty());
        const qint64 id = s.createDocument(QStringLiteral("Neuer Entwurf"), QStringLiteral("草稿 text"));
        QVERIFY2(id > 0, qPrintable(s.lastError()));
        const QVector<SearchHit> hits = s.search(QStringLiteral("entwurf"));
        QCOMPARE(hits.size(), 3); // the document, the title, the message
        QCOMPARE(hits.at(0).documentId, id);
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));
    }

    void autosaveSurvivesKill9()
    {
        const QString child = qEnvironmentVariable("PENPAL_CRASH_CHILD");
        if (child.isEmpty())
            QSKIP("PENPAL_CRASH_CHILD is not set (run through ctest)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        QProcess proc;
        proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        proc.setProcessEnvironment(env);
        QByteArray out;
        connect(&proc, &QProcess::readyReadStandardOutput, this,
                [&] { out += proc.readAllStandardOutput(); });
        proc.start(child, {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--draft-autosave")});
        QVERIFY(proc.waitForStarted());

        // Let it save a few dozen times (the text grows to tens of KB), then kill -9.
        QTRY_VERIFY_WITH_TIMEOUT(out.count("saved ") >= 40, 30000);
        proc.kill(); // SIGKILL on Unix
        QVERIFY(proc.waitForFinished(5000));
        QCOMPARE(proc.exitStatus(), QProcess::CrashExit);
        out += proc.readAllStandardOutput();

        // The last save the child reported as done (a line cut off by the kill does not count).
        QList<QByteArray> lines = out.split('\n');
        lines.removeLast(); // what follows the last line break: nothing, or a cut-off line
        int acknowledged = -1;
        for (const QByteArray &line : lines) {
            if (line.startsWith("saved "))
                acknowledged = qMax(acknowledged, line.mid(6).toInt());
        }
        QVERIFY(acknowledged >= draftCrashLength(39));

        const QString path = QDir(dir.path()).filePath(QStringLiteral("penpal.db"));
        {
            RawDb raw(path);
            QCOMPARE(raw.scalar(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
        }
        QString error;
        QVERIFY2(indexIsConsistent(path, &error), qPrintable(error));

        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        const QVector<DraftSummary> docs = s.documents();
        QCOMPARE(docs.size(), 1);
        const QString content = s.document(docs.first().id).content;
        // The acknowledged text, or a later save that committed before the kill.
        QVERIFY2(
            content.size() >= acknowledged,
            qPrintable(
                QStringLiteral("stored %1 chars, %2 acknowledged").arg(content.size()).arg(acknowledged)));
        QCOMPARE(content, draftCrashText(int(content.size())));
    }
};

QTEST_GUILESS_MAIN(TestStoreDrafts)
#include "tst_store_drafts.moc"
