// Store: personas and the prompt library (schema v12): CRUD with signals, built-ins seeded
// once per key (a deleted one stays deleted, an edited one can be reset), list order, the
// JSON exchange format's round trip and its refusals, and the v11 -> v12 migration keeping
// existing data.
#include "RawDb.h"
#include "core/Persona.h"
#include "core/SavedPrompt.h"
#include "store/BuiltinLibrary.h"
#include "store/LibraryJson.h"
#include "store/Store.h"
#include "translate/Glossary.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QStringList namesOf(const QVector<Persona> &list)
{
    QStringList names;
    for (const Persona &p : list)
        names << p.name;
    return names;
}

QStringList namesOf(const QVector<SavedPrompt> &list)
{
    QStringList names;
    for (const SavedPrompt &p : list)
        names << p.name;
    return names;
}

Persona myPersona(const QString &name)
{
    Persona p;
    p.name = name;
    p.icon = QStringLiteral("🦊");
    p.systemPrompt = QStringLiteral("You are %1. Today is {{date}}.").arg(name);
    p.model = QStringLiteral("model-") + name;
    p.params.temperature = 0.7;
    p.params.maxTokens = 321;
    return p;
}

} // namespace

class TestStorePersonas : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("p%1.sqlite").arg(++m_counter));
    }

    void builtinsSeededOnce()
    {
        const int shipped = BuiltinLibrary::personas().size();
        QVERIFY(shipped >= 6);
        {
            Store s;
            QVERIFY(s.open(m_path));
            const QVector<Persona> list = s.personas();
            QCOMPARE(list.size(), shipped);
            QCOMPARE(list.first().builtinKey, QStringLiteral("general"));
            QVERIFY(namesOf(list).contains(QStringLiteral("Customer-support agent")));
            QCOMPARE(s.prompts().size(), BuiltinLibrary::prompts().size());
            QVERIFY(s.deletePersona(list.at(1).id));
            QVERIFY(s.deletePrompt(s.prompts().first().id));
        }
        Store s;
        QVERIFY(s.open(m_path));
        QCOMPARE(s.personas().size(), shipped - 1); // the deleted built-in did not come back
        QCOMPARE(s.prompts().size(), BuiltinLibrary::prompts().size() - 1);
        RawDb raw(m_path);
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT COUNT(*) FROM personas WHERE builtin = 'general'")).toInt(), 1);
    }

    void crudAndOrder()
    {
        Store s;
        QVERIFY(s.open(m_path));
        const int builtins = s.personas().size();
        QSignalSpy changed(&s, &Store::personasChanged);
        const qint64 zed = s.savePersona(myPersona(QStringLiteral("zed")));
        const qint64 amy = s.savePersona(myPersona(QStringLiteral("Amy")));
        QVERIFY(zed > 0 && amy > 0);
        QCOMPARE(changed.count(), 2);
        const QVector<Persona> list = s.personas();
        QCOMPARE(list.size(), builtins + 2);
        QCOMPARE(list.at(builtins).id, amy); // user personas after the built-ins, by name
        QCOMPARE(list.at(builtins + 1).id, zed);

        Persona p = s.persona(amy);
        QCOMPARE(p.icon, QStringLiteral("🦊"));
        QCOMPARE(p.model, QStringLiteral("model-Amy"));
        QCOMPARE(p.params.temperature, std::optional<double>(0.7));
        QCOMPARE(p.params.maxTokens, std::optional<int>(321));
        QVERIFY(p.builtinKey.isEmpty());
        QVERIFY(p.created.isValid());
        p.systemPrompt = QStringLiteral("changed");
        QCOMPARE(s.savePersona(p), amy);
        QCOMPARE(s.persona(amy).systemPrompt, QStringLiteral("changed"));
        QVERIFY(!s.resetPersona(amy)); // not a built-in

        Persona missing = p;
        missing.id = 99999;
        QCOMPARE(s.savePersona(missing), 0);
        QVERIFY(s.deletePersona(amy));
        QVERIFY(!s.deletePersona(amy));
        QCOMPARE(s.persona(amy).id, 0);

        QSignalSpy promptsChanged(&s, &Store::promptsChanged);
        SavedPrompt sp;
        sp.name = QStringLiteral("Mine");
        sp.text = QStringLiteral("Tell me about {{topic}}");
        const qint64 pid = s.savePrompt(sp);
        QVERIFY(pid > 0);
        QCOMPARE(s.prompt(pid).text, sp.text);
        QCOMPARE(s.prompts().last().id, pid);
        QVERIFY(s.deletePrompt(pid));
        QCOMPARE(promptsChanged.count(), 2);
    }

    void resetBuiltin()
    {
        Store s;
        QVERIFY(s.open(m_path));
        Persona p = s.personas().first();
        const QString shipped = p.systemPrompt;
        p.systemPrompt = QStringLiteral("edited");
        p.name = QStringLiteral("Mine now");
        QVERIFY(s.savePersona(p));
        QCOMPARE(s.persona(p.id).name, QStringLiteral("Mine now"));
        QCOMPARE(s.persona(p.id).builtinKey, QStringLiteral("general"));
        QVERIFY(s.resetPersona(p.id));
        QCOMPARE(s.persona(p.id).systemPrompt, shipped);

        SavedPrompt sp = s.prompts().first();
        const QString text = sp.text;
        sp.text = QStringLiteral("x");
        QVERIFY(s.savePrompt(sp));
        QVERIFY(s.resetPrompt(sp.id));
        QCOMPARE(s.prompt(sp.id).text, text);
    }

    void jsonRoundTrip()
    {
        QVector<Persona> personas{myPersona(QStringLiteral("Ann")), myPersona(QStringLiteral("Bob"))};
        personas[1].params = SamplingParams();
        SavedPrompt sp;
        sp.name = QStringLiteral("Ask");
        sp.text = QStringLiteral("Line 1\n{{topic}} — ü");
        const QByteArray json = LibraryJson::write(personas, {sp});
        QVERIFY(json.contains("\"penpal-library\""));

        Store s;
        QVERIFY(s.open(m_path));
        const int before = s.personas().size();
        QVector<Persona> readPersonas;
        QVector<SavedPrompt> readPrompts;
        QString error;
        QVERIFY(LibraryJson::read(json, &readPersonas, &readPrompts, &error));
        QSignalSpy changed(&s, &Store::personasChanged);
        QVERIFY(s.importLibrary(readPersonas, readPrompts));
        QCOMPARE(changed.count(), 1);
        const QVector<Persona> all = s.personas();
        QCOMPARE(all.size(), before + 2);
        const Persona ann = all.at(before);
        QCOMPARE(ann.name, QStringLiteral("Ann"));
        QCOMPARE(ann.icon, personas[0].icon);
        QCOMPARE(ann.systemPrompt, personas[0].systemPrompt);
        QCOMPARE(ann.model, personas[0].model);
        QVERIFY(ann.params == personas[0].params);
        QVERIFY(all.at(before + 1).params == SamplingParams());
        QCOMPARE(s.prompts().last().text, sp.text);

        // Exporting the store and reading it back gives the same items (built-ins as copies).
        QVector<Persona> again;
        QVector<SavedPrompt> againPrompts;
        QVERIFY(
            LibraryJson::read(LibraryJson::write(s.personas(), s.prompts()), &again, &againPrompts, &error));
        QCOMPARE(namesOf(again), namesOf(s.personas()));
        QCOMPARE(namesOf(againPrompts), namesOf(s.prompts()));
        for (const Persona &p : again)
            QVERIFY(p.builtinKey.isEmpty());
    }

    void jsonRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("garbage") << QByteArray("{nope");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("other format") << QByteArray(R"({"format":"penpal","version":1})");
        QTest::newRow("future version") << QByteArray(R"({"format":"penpal-library","version":2})");
        QTest::newRow("no version") << QByteArray(R"({"format":"penpal-library"})");
    }
    void jsonRefused()
    {
        QFETCH(QByteArray, json);
        QVector<Persona> p;
        QVector<SavedPrompt> sp;
        QString error;
        QVERIFY(!LibraryJson::read(json, &p, &sp, &error));
        QVERIFY(!error.isEmpty());
    }

    void jsonSkipsNamelessItems()
    {
        QVector<Persona> p;
        QVector<SavedPrompt> sp;
        QString error;
        QVERIFY(LibraryJson::read(R"({"format":"penpal-library","version":1,
            "personas":[{"name":" "},{"name":"Ok","future":1}],"prompts":[{"text":"x"}]})",
                                  &p, &sp, &error));
        QCOMPARE(namesOf(p), QStringList{QStringLiteral("Ok")});
        QVERIFY(sp.isEmpty());
    }

    void migrationFromV11KeepsData()
    {
        QVERIFY(Store::migrateTo(m_path, 11));
        {
            RawDb raw(m_path);
            QVERIFY(raw.exec(
                QStringLiteral("INSERT INTO glossary_terms (source_language, target_language,"
                               " position, source, target) VALUES ('en', 'de', 0, 'cat', 'Katze')")));
            QVERIFY(!raw.hasObject(QStringLiteral("personas")));
        }
        Store s;
        QVERIFY2(s.open(m_path), qPrintable(s.lastError()));
        QCOMPARE(s.schemaVersion(), 12);
        const Glossary kept = s.glossary(QStringLiteral("en"), QStringLiteral("de"));
        QCOMPARE(kept.terms().size(), 1);
        QCOMPARE(kept.terms().first().target, QStringLiteral("Katze"));
        QCOMPARE(s.personas().size(), BuiltinLibrary::personas().size());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestStorePersonas)
#include "tst_store_personas.moc"
