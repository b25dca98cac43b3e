#include "draft/TextStats.h"

#include <QTest>

using namespace penpal;

class TestTextStats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void words_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("words");
        QTest::addColumn<int>("cjk");
        QTest::newRow("empty") << QString() << 0 << 0;
        QTest::newRow("spaces only") << QStringLiteral("  \n\t ") << 0 << 0;
        QTest::newRow("english") << QStringLiteral("The quick brown fox jumps over the lazy dog.") << 9 << 0;
        QTest::newRow("english apostrophe") << QStringLiteral("Don't stop, it's fine.") << 4 << 0;
        QTest::newRow("numbers are words") << QStringLiteral("We sold 3 apples for 2.50") << 6 << 0;
        QTest::newRow("german hyphen and apostrophe")
            << QStringLiteral("Die Mutter-Kind-Kur gibt's für Groß und Klein.") << 7 << 0;
        QTest::newRow("german dash between words is not a joiner")
            << QStringLiteral("Heute – morgen") << 2 << 0;
        QTest::newRow("chinese") << QStringLiteral("我今天很高兴。") << 6 << 6;
        QTest::newRow("japanese kana and kanji") << QStringLiteral("東京に行きます。ラーメン") << 11 << 11;
        QTest::newRow("korean with spaces") << QStringLiteral("한국어 문장입니다") << 8 << 8;
        QTest::newRow("mixed") << QStringLiteral("我用Qt 6写程序") << 7 << 5;
        QTest::newRow("markdown heading") << QStringLiteral("## Getting started") << 2 << 0;
        QTest::newRow("markdown lists")
            << QStringLiteral("- one\n* two\n1. three\n2) four\n- [x] done") << 5 << 0;
        QTest::newRow("markdown emphasis and quote") << QStringLiteral("> **bold** and _it_") << 3 << 0;
        QTest::newRow("markdown link")
            << QStringLiteral("See [the docs](https://example.com/a/b/c).") << 3 << 0;
        QTest::newRow("markdown image") << QStringLiteral("![A cat](cat.png)") << 2 << 0;
        QTest::newRow("reference link")
            << QStringLiteral("Read [this][ref] now.\n\n[ref]: https://example.com/page \"Title words\"") << 3
            << 0;
        QTest::newRow("bare url is one word")
            << QStringLiteral("Go to https://example.com/some/path now") << 4 << 0;
        QTest::newRow("inline code") << QStringLiteral("Call `foo` twice") << 3 << 0;
        QTest::newRow("code block") << QStringLiteral("Text\n```python\nprint(x)\n```\nEnd") << 4 << 0;
        QTest::newRow("html tag") << QStringLiteral("one<br>two &amp; three") << 3 << 0;
        QTest::newRow("emoji are not words") << QStringLiteral("Great 👍🏽 job 🎉") << 2 << 0;
        QTest::newRow("combining marks") << QStringLiteral("cafe\u0301 नमस्ते") << 2 << 0;
    }
    void words()
    {
        QFETCH(QString, text);
        QFETCH(int, words);
        QFETCH(int, cjk);
        const TextStats stats = TextStats::of(text);
        QCOMPARE(stats.words, words);
        QCOMPARE(stats.cjkCharacters, cjk);
    }

    void characters_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("characters");
        QTest::addColumn<int>("noSpaces");
        QTest::newRow("empty") << QString() << 0 << 0;
        QTest::newRow("ascii") << QStringLiteral("ab c") << 4 << 3;
        QTest::newRow("newline counts as a space") << QStringLiteral("a\nb") << 3 << 2;
        QTest::newRow("crlf is one character") << QStringLiteral("a\r\nb") << 3 << 2;
        QTest::newRow("combining mark") << QStringLiteral("e\u0301") << 1 << 1;
        QTest::newRow("surrogate pair") << QStringLiteral("𠀀") << 1 << 1;
        QTest::newRow("emoji with skin tone") << QStringLiteral("👍🏽") << 1 << 1;
        QTest::newRow("flag") << QStringLiteral("🇩🇪 x") << 3 << 2;
        QTest::newRow("zwj family") << QStringLiteral("👨‍👩‍👧") << 1 << 1;
        QTest::newRow("chinese") << QStringLiteral("中文 字") << 4 << 3;
        QTest::newRow("markdown counts as typed") << QStringLiteral("# Hi") << 4 << 3;
    }
    void characters()
    {
        QFETCH(QString, text);
        QFETCH(int, characters);
        QFETCH(int, noSpaces);
        const TextStats stats = TextStats::of(text);
        QCOMPARE(stats.characters, characters);
        QCOMPARE(stats.charactersNoSpaces, noSpaces);
    }

    void readingTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("seconds");
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("one word is at least a second") << QStringLiteral("Hi") << 1;
        QTest::newRow("230 words a minute") << QStringLiteral("word ").repeated(230) << 60;
        QTest::newRow("460 words two minutes") << QStringLiteral("word ").repeated(460) << 120;
        QTest::newRow("400 cjk characters a minute") << QStringLiteral("字").repeated(400) << 60;
        QTest::newRow("both add up") << QString(QStringLiteral("word ").repeated(115) +
                                                QStringLiteral("字").repeated(200))
                                     << 60;
    }
    void readingTime()
    {
        QFETCH(QString, text);
        QFETCH(int, seconds);
        QCOMPARE(TextStats::of(text).readingSeconds, seconds);
    }
};

QTEST_APPLESS_MAIN(TestTextStats)
#include "tst_textstats.moc"
