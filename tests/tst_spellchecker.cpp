#include "SpellHighlighter.h"
#include "draft/SpellChecker.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace penpal;

namespace {

// The misspelt words `checker` finds in `text`, as text.
QStringList marked(const SpellChecker &checker, const QString &text)
{
    QStringList words;
    for (const auto &range : checker.misspelled(text))
        words << text.mid(range.first, range.second);
    return words;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The words of `block` drawn with the spell-check underline.
QStringList underlined(const QTextBlock &block)
{
    QStringList words;
    for (const QTextLayout::FormatRange &r : block.layout()->formats()) {
        if (r.format.underlineStyle() == QTextCharFormat::SpellCheckUnderline)
            words << block.text().mid(r.start, r.length);
    }
    return words;
}

} // namespace

class TestSpellChecker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!SpellChecker(QStringLiteral("en-US")).isAvailable())
            QFAIL("hunspell-en-us is needed (packaging/scripts/deps.sh installs it)");
    }

    void english()
    {
        const SpellChecker checker(QStringLiteral("en"));
        QVERIFY(checker.isAvailable());
        QCOMPARE(checker.dictionaryName(), QStringLiteral("en_US"));
        QVERIFY(!checker.isCorrect(QStringLiteral("recieve")));
        QVERIFY(checker.isCorrect(QStringLiteral("receive")));
        QVERIFY(checker.suggestions(QStringLiteral("recieve")).contains(QStringLiteral("receive")));
        QVERIFY(checker.suggestions(QStringLiteral("recieve"), 1).size() <= 1);
        QCOMPARE(marked(checker, QStringLiteral("I will recieve it, don't worry.")),
                 QStringList{QStringLiteral("recieve")});
    }

    void skipped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        const QStringList none;
        QTest::newRow("plain") << QStringLiteral("We recieve teh mail.")
                               << QStringList{QStringLiteral("recieve"), QStringLiteral("teh")};
        QTest::newRow("inline code") << QStringLiteral("Call `recieve()` then recieve.")
                                     << QStringList{QStringLiteral("recieve")};
        QTest::newRow("double backtick code") << QStringLiteral("Use ``a `recieve` b`` now") << none;
        QTest::newRow("code block") << QStringLiteral("Intro\n```cpp\nint recieve = 0;\n```\nThe end teh")
                                    << QStringList{"teh"};
        QTest::newRow("url") << QStringLiteral("See https://exmaple.com/recieve?qury=1 and www.exmaple.org")
                             << none;
        QTest::newRow("link target") << QStringLiteral("[the docs](docs/recieve.md)") << none;
        QTest::newRow("link text is checked")
            << QStringLiteral("[recieve](docs/x.md)") << QStringList{QStringLiteral("recieve")};
        QTest::newRow("email") << QStringLiteral("Mail jhon.doe@exmaple.com") << none;
        QTest::newRow("digits") << QStringLiteral("Version abc123 and 3rd") << none;
        QTest::newRow("acronyms") << QStringLiteral("The NASDQ and WTFX teams") << none;
        QTest::newRow("identifiers") << QStringLiteral("set my_varable now") << none;
        QTest::newRow("cjk") << QStringLiteral("这是中文。日本語のテキスト。한국어") << none;
        QTest::newRow("cjk next to latin")
            << QStringLiteral("我用Qt写recieve程序") << QStringList{QStringLiteral("recieve")};
        QTest::newRow("markdown emphasis") << QStringLiteral("**recieve** and _teh_")
                                           << QStringList{QStringLiteral("recieve"), QStringLiteral("teh")};
        QTest::newRow("empty") << QString() << none;
    }
    void skipped()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        const SpellChecker checker(QStringLiteral("en-US"));
        QCOMPARE(marked(checker, text), expected);
    }

    void positions()
    {
        const SpellChecker checker(QStringLiteral("en_US"));
        const QString text = QStringLiteral("日本 teh 👍 recieve");
        const auto ranges = checker.misspelled(text);
        QCOMPARE(ranges.size(), 2);
        QCOMPARE(ranges.at(0), qMakePair(3, 3));
        QCOMPARE(ranges.at(1), qMakePair(10, 7)); // after a surrogate pair
    }

    void german()
    {
        const SpellChecker checker(QStringLiteral("de-DE"));
        if (!checker.isAvailable())
            QSKIP("hunspell-de-de is not installed");
        QCOMPARE(checker.dictionaryName(), QStringLiteral("de_DE"));
        QVERIFY(checker.isCorrect(QStringLiteral("Straße")));
        QVERIFY(checker.isCorrect(QStringLiteral("Größe")));
        QVERIFY(!checker.isCorrect(QStringLiteral("Strasse")));
        QVERIFY(!checker.isCorrect(QStringLiteral("Fahrad")));
        QVERIFY(checker.suggestions(QStringLiteral("Fahrad")).contains(QStringLiteral("Fahrrad")));
        QCOMPARE(marked(checker, QStringLiteral("Das Fahrad steht auf der Straße.")),
                 QStringList{QStringLiteral("Fahrad")});
        // A bare language picks its main region.
        QCOMPARE(SpellChecker(QStringLiteral("de")).dictionaryName(), QStringLiteral("de_DE"));
    }

    void unknownLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("no dictionary") << QStringLiteral("xq-ZZ");
        QTest::newRow("cjk language") << QStringLiteral("zh-CN");
        QTest::newRow("empty") << QString();
    }
    void unknownLanguage()
    {
        QFETCH(QString, language);
        const SpellChecker checker(language);
        QVERIFY(!checker.isAvailable());
        QVERIFY(checker.dictionaryName().isEmpty());
        QVERIFY(checker.isCorrect(QStringLiteral("recieve")));
        QVERIFY(checker.suggestions(QStringLiteral("recieve")).isEmpty());
        QVERIFY(checker.misspelled(QStringLiteral("We recieve teh mail.")).isEmpty());
    }

    // PENPAL_HUNSPELL_PATH comes first, and a dictionary in ISO8859-1 is spoken to in bytes
    // of that encoding.
    void extraPathAndLatin1Dictionary()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeFile(dir.filePath(QStringLiteral("xx_XX.aff")),
                          "SET ISO8859-1\nTRY esiarntolcdugmphbyfvkw\n"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("xx_XX.dic")),
                          QStringLiteral("3\ncafé\nstraße\nhello\n").toLatin1()));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("orphan.dic")), "1\nword\n")); // no .aff
        qputenv("PENPAL_HUNSPELL_PATH", QFile::encodeName(QStringLiteral("/nonexistent:") + dir.path()));
        const QStringList languages = SpellChecker::availableLanguages();
        qunsetenv("PENPAL_HUNSPELL_PATH");
        QVERIFY2(languages.contains(QStringLiteral("xx-XX")), qPrintable(languages.join(',')));
        QVERIFY(languages.contains(QStringLiteral("en-US")));
        QVERIFY(!languages.contains(QStringLiteral("orphan")));

        qputenv("PENPAL_HUNSPELL_PATH", QFile::encodeName(dir.path()));
        const SpellChecker checker(QStringLiteral("xx"));
        qunsetenv("PENPAL_HUNSPELL_PATH");
        QCOMPARE(checker.dictionaryName(), QStringLiteral("xx_XX"));
        QVERIFY(checker.isCorrect(QStringLiteral("café")));
        QVERIFY(checker.isCorrect(QStringLiteral("straße")));
        QVERIFY(!checker.isCorrect(QStringLiteral("cafe")));
        // Not even spellable in the dictionary's character set: not its business.
        QVERIFY(checker.isCorrect(QStringLiteral("Привет")));
        QVERIFY(checker.suggestions(QStringLiteral("cafe")).contains(QStringLiteral("café")));
        QCOMPARE(marked(checker, QStringLiteral("hello café cafx")), QStringList{QStringLiteral("cafx")});
    }

    void highlighter()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("We recieve mail.\n```\nrecieve\n```\nAnd teh end."));
        // An editor's document has a layout; without one QTextDocument reports no changes.
        QVERIFY(document.documentLayout());
        SpellHighlighter highlighter(&document);
        // QSyntaxHighlighter ignores edits until its first (queued) full pass has run, as it
        // will have long before anyone types in the real editor.
        QCoreApplication::processEvents();
        QVERIFY(underlined(document.firstBlock()).isEmpty()); // no language yet
        highlighter.setLanguage(QStringLiteral("en"));
        QVERIFY(highlighter.isAvailable());
        QCOMPARE(underlined(document.findBlockByNumber(0)), QStringList{QStringLiteral("recieve")});
        QVERIFY(underlined(document.findBlockByNumber(2)).isEmpty()); // inside the code block
        QCOMPARE(underlined(document.findBlockByNumber(4)), QStringList{QStringLiteral("teh")});

        // The context menu's helpers.
        QVERIFY(highlighter.isMisspelled(QStringLiteral("recieve")));
        QVERIFY(!highlighter.isMisspelled(QStringLiteral("receive")));
        QVERIFY(highlighter.suggestions(QStringLiteral("recieve")).contains(QStringLiteral("receive")));
        QCOMPARE(highlighter.misspeltWordAt(5), qMakePair(3, 7));
        QCOMPARE(highlighter.misspeltWordAt(0), qMakePair(-1, 0));
        const int inCode = document.findBlockByNumber(2).position() + 2;
        QCOMPARE(highlighter.misspeltWordAt(inCode), qMakePair(-1, 0));

        // Typing updates the marks.
        QTextCursor cursor(&document);
        cursor.setPosition(3);
        cursor.setPosition(10, QTextCursor::KeepAnchor);
        cursor.insertText(QStringLiteral("receive"));
        QCOMPARE(document.firstBlock().text(), QStringLiteral("We receive mail."));
        QCOMPARE(underlined(document.findBlockByNumber(0)).join(QLatin1Char(',')), QString());

        // Closing the fence from above: the former code line becomes prose and is checked.
        cursor = QTextCursor(document.findBlockByNumber(1));
        cursor.select(QTextCursor::BlockUnderCursor);
        cursor.removeSelectedText();
        QCOMPARE(document.findBlockByNumber(1).text(), QStringLiteral("recieve"));
        QCOMPARE(underlined(document.findBlockByNumber(1)), QStringList{QStringLiteral("recieve")});

        highlighter.setEnabled(false);
        QVERIFY(underlined(document.findBlockByNumber(1)).isEmpty());
        QVERIFY(!highlighter.isMisspelled(QStringLiteral("recieve")));
        highlighter.setEnabled(true);
        QCOMPARE(underlined(document.findBlockByNumber(1)), QStringList{QStringLiteral("recieve")});

        highlighter.setLanguage(QStringLiteral("xq-ZZ"));
        QVERIFY(!highlighter.isAvailable());
        QVERIFY(underlined(document.findBlockByNumber(1)).isEmpty());
    }
};

QTEST_MAIN(TestSpellChecker)
#include "tst_spellchecker.moc"
