// PromptVariables: finding {{variables}} in order, expansion with user values and built-ins
// from a fixed environment (clock, locale, clipboard, selection), unknown and malformed
// variables, the "{{{{" escape, and remembered values as JSON.
#include "chat/PromptVariables.h"

#include <QTest>

using namespace penpal;

namespace {

// Sunday 2026-11-29 14:05 local time.
PromptVariables::Environment fixedEnv(int *clipboardReads = nullptr)
{
    PromptVariables::Environment env;
    env.now = QDateTime(QDate(2026, 11, 29), QTime(14, 5, 30));
    env.locale = QLocale(QLocale::German, QLocale::Germany);
    env.clipboard = [clipboardReads] {
        if (clipboardReads)
            ++*clipboardReads;
        return QStringLiteral("CLIP");
    };
    env.selection = QStringLiteral("SEL");
    return env;
}

using Values = QHash<QString, QString>;

} // namespace

class TestPromptVariables : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void expand_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Values>("values");
        QTest::addColumn<QString>("expected");
        const Values topic{{QStringLiteral("topic"), QStringLiteral("rust")}};
        QTest::newRow("plain") << "no variables" << Values{} << "no variables";
        QTest::newRow("user") << "About {{topic}}." << topic << "About rust.";
        QTest::newRow("spaces trimmed") << "About {{  topic }}." << topic << "About rust.";
        QTest::newRow("name with space")
            << "To {{target language}}" << Values{{QStringLiteral("target language"), QStringLiteral("fr")}}
            << "To fr";
        QTest::newRow("twice") << "{{topic}}/{{topic}}" << topic << "rust/rust";
        QTest::newRow("unknown kept") << "Hi {{ who }}!" << topic << "Hi {{ who }}!";
        QTest::newRow("empty name") << "a {{}} b {{  }}" << topic << "a {{}} b {{  }}";
        QTest::newRow("unclosed") << "a {{topic" << topic << "a {{topic";
        QTest::newRow("line break") << "{{to\npic}}" << topic << "{{to\npic}}";
        QTest::newRow("triple brace") << "{{{topic}}}" << topic << "{{{topic}}}";
        QTest::newRow("escape") << "{{{{topic}}" << topic << "{{topic}}";
        QTest::newRow("escape then var") << "{{{{x}} {{topic}}" << topic << "{{x}} rust";
        QTest::newRow("date") << "{{date}}" << Values{} << "2026-11-29";
        QTest::newRow("time") << "{{time}}" << Values{} << "14:05";
        QTest::newRow("weekday") << "{{weekday}}" << Values{} << "Sonntag";
        QTest::newRow("language") << "{{language}}" << Values{} << "German";
        QTest::newRow("clipboard") << "[{{clipboard}}]" << Values{} << "[CLIP]";
        QTest::newRow("selection") << "[{{selection}}]" << Values{} << "[SEL]";
        QTest::newRow("builtin wins over value")
            << "{{date}}" << Values{{QStringLiteral("date"), QStringLiteral("x")}} << "2026-11-29";
        QTest::newRow("value is not re-expanded")
            << "{{topic}}" << Values{{QStringLiteral("topic"), QStringLiteral("{{date}}")}} << "{{date}}";
    }
    void expand()
    {
        QFETCH(QString, text);
        QFETCH(Values, values);
        QFETCH(QString, expected);
        QCOMPARE(PromptVariables::expand(text, values, fixedEnv()), expected);
    }

    void clipboardReadOnlyWhenUsed()
    {
        int reads = 0;
        PromptVariables::expand(QStringLiteral("{{date}} {{topic}}"), {}, fixedEnv(&reads));
        QCOMPARE(reads, 0);
        QCOMPARE(PromptVariables::expand(QStringLiteral("{{clipboard}}{{clipboard}}"), {}, fixedEnv(&reads)),
                 QStringLiteral("CLIPCLIP"));
        QCOMPARE(reads, 1);
    }

    void findInOrder()
    {
        const QString text = QStringLiteral("{{b}} {{date}} {{ a }} {{b}} {{{{c}} {{clipboard}} {{d e}}");
        QCOMPARE(PromptVariables::find(text),
                 (QStringList{QStringLiteral("b"), QStringLiteral("date"), QStringLiteral("a"),
                              QStringLiteral("clipboard"), QStringLiteral("d e")}));
        QCOMPARE(PromptVariables::userVariables(text),
                 (QStringList{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("d e")}));
        QVERIFY(PromptVariables::find(QStringLiteral("none {here}")).isEmpty());
    }

    void rememberedValues()
    {
        QVERIFY(PromptVariables::valuesFromJson(QString()).isEmpty());
        QVERIFY(PromptVariables::valuesFromJson(QStringLiteral("not json")).isEmpty());
        QString stored =
            PromptVariables::mergedJson(QString(), {{QStringLiteral("topic"), QStringLiteral("rust")}});
        stored = PromptVariables::mergedJson(stored, {{QStringLiteral("tone"), QStringLiteral("warm")}});
        stored = PromptVariables::mergedJson(stored, {{QStringLiteral("topic"), QStringLiteral("go")}});
        const Values back = PromptVariables::valuesFromJson(stored);
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.value(QStringLiteral("topic")), QStringLiteral("go"));
        QCOMPARE(back.value(QStringLiteral("tone")), QStringLiteral("warm"));
    }
};

QTEST_GUILESS_MAIN(TestPromptVariables)
#include "tst_promptvariables.moc"
