// TextChunker: long documents cut into chunks under a token budget at the largest boundary
// that fits, code never cut, and the chunks put back together give the document exactly.
#include "chat/TokenEstimate.h"
#include "translate/TextChunker.h"

#include <QtTest>

using namespace penpal;

namespace {

QString joined(const TextChunks &chunks)
{
    QString s;
    for (const TextChunk &c : chunks)
        s += c.leading + c.text + c.trailing;
    return s;
}

bool hasLoneSurrogate(const QString &s)
{
    for (int i = 0; i < s.size(); ++i) {
        if (s.at(i).isHighSurrogate()) {
            if (i + 1 >= s.size() || !s.at(i + 1).isLowSurrogate())
                return true;
            ++i;
        } else if (s.at(i).isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

QString sentences(const QString &sentence, int count, const QString &separator)
{
    QStringList list;
    for (int i = 0; i < count; ++i)
        list << sentence.arg(i);
    return list.join(separator);
}

} // namespace

class TestTextChunker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coversTheTextExactly_data();
    void coversTheTextExactly();
    void shortParagraphsShareAChunk();
    void cutsBetweenParagraphsFirst();
    void longParagraphCutBetweenSentences();
    void chineseSentencesWithoutSpaces();
    void cjkRunWithoutPunctuation();
    void codeBlockIsNeverCut();
    void unclosedFenceRunsToTheEnd();
    void longWordCutBetweenGraphemes();
    void budgetForContext();
};

void TestTextChunker::coversTheTextExactly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("budget");
    QTest::newRow("empty") << QString() << 100;
    QTest::newRow("blank only") << QStringLiteral("\n\n  \n") << 100;
    QTest::newRow("one line") << QStringLiteral("Hello world.") << 100;
    QTest::newRow("leading and trailing blank lines") << QStringLiteral("\n\n  First.\n\nSecond.\n\n\n") << 3;
    QTest::newRow("windows newlines") << QStringLiteral("One.\r\n\r\nTwo two two.\r\n\r\nThree.\r\n") << 3;
    QTest::newRow("list and quote") << QStringLiteral(
                                           "- item one\n- item two\n\n> quoted line\n> more\n\nEnd.")
                                    << 4;
    QTest::newRow("mixed scripts") << sentences(QStringLiteral("Sentence %1 has words. 这是第%1句话。"), 40,
                                                QStringLiteral(" "))
                                   << 30;
    QTest::newRow("emoji") << QString(QStringLiteral("😀🎉👍🏽 ").repeated(200)) << 7;
    QTest::newRow("code and prose") << QStringLiteral(
                                           "Intro.\n\n```python\ndef f():\n\n    return 1\n```\n\nAfter.")
                                    << 2;
}

void TestTextChunker::coversTheTextExactly()
{
    QFETCH(QString, text);
    QFETCH(int, budget);
    const TextChunks chunks = TextChunker::split(text, budget);
    if (text.trimmed().isEmpty()) {
        QVERIFY(chunks.isEmpty());
        return;
    }
    QCOMPARE(joined(chunks), text);
    int pos = 0;
    for (const TextChunk &c : chunks) {
        QCOMPARE(c.start, pos);
        QCOMPARE(c.leading + c.text + c.trailing, text.mid(c.start, c.end - c.start));
        QVERIFY(!c.text.trimmed().isEmpty());
        QVERIFY2(c.oversized || TokenEstimate::of(c.text) <= budget, qPrintable(c.text));
        QVERIFY(!hasLoneSurrogate(c.text));
        pos = c.end;
    }
    QCOMPARE(pos, text.size());
}

void TestTextChunker::shortParagraphsShareAChunk()
{
    const QString text = QStringLiteral("First paragraph.\n\nSecond one.\n\nThird.");
    const TextChunks chunks = TextChunker::split(text, 1000);
    QCOMPARE(chunks.size(), 1);
    QCOMPARE(chunks.first().text, text);
}

void TestTextChunker::cutsBetweenParagraphsFirst()
{
    const QString a = QStringLiteral("Alpha beta gamma delta. Epsilon zeta eta.");
    const QString b = QStringLiteral("Theta iota kappa lambda. Mu nu xi omicron.");
    const QString text = a + QStringLiteral("\n\n") + b;
    const int budget = std::max(TokenEstimate::of(a), TokenEstimate::of(b));
    const TextChunks chunks = TextChunker::split(text, budget);
    QCOMPARE(chunks.size(), 2);
    QCOMPARE(chunks.at(0).text, a);
    QCOMPARE(chunks.at(1).leading, QStringLiteral("\n\n"));
    QCOMPARE(chunks.at(1).text, b);
}

void TestTextChunker::longParagraphCutBetweenSentences()
{
    const QString text =
        sentences(QStringLiteral("This is sentence number %1 of a long paragraph."), 30, QStringLiteral(" "));
    const TextChunks chunks = TextChunker::split(text, 40);
    QVERIFY(chunks.size() > 1);
    for (const TextChunk &c : chunks) {
        QVERIFY2(c.text.startsWith(QStringLiteral("This is sentence")), qPrintable(c.text));
        QVERIFY2(c.text.endsWith(QLatin1Char('.')), qPrintable(c.text));
        QVERIFY(TokenEstimate::of(c.text) <= 40);
    }
    QCOMPARE(joined(chunks), text);
}

void TestTextChunker::chineseSentencesWithoutSpaces()
{
    const QString text = sentences(QStringLiteral("今天我们讨论第%1个问题，它很重要！"), 20, QString());
    const TextChunks chunks = TextChunker::split(text, 40);
    QVERIFY(chunks.size() > 1);
    for (const TextChunk &c : chunks) {
        QVERIFY2(c.text.startsWith(QStringLiteral("今天")), qPrintable(c.text));
        QVERIFY2(c.text.endsWith(QStringLiteral("！")), qPrintable(c.text));
        QVERIFY(TokenEstimate::of(c.text) <= 40);
    }
    QCOMPARE(joined(chunks), text);
}

void TestTextChunker::cjkRunWithoutPunctuation()
{
    const QString text =
        QString(QStringLiteral("汉字没有标点")).repeated(50); // 300 characters, one "sentence"
    const TextChunks chunks = TextChunker::split(text, 64);
    QVERIFY(chunks.size() >= 5);
    for (const TextChunk &c : chunks)
        QVERIFY(TokenEstimate::of(c.text) <= 64);
    QCOMPARE(joined(chunks), text);
}

void TestTextChunker::codeBlockIsNeverCut()
{
    QString code = QStringLiteral("```cpp\n");
    for (int i = 0; i < 60; ++i)
        code += QStringLiteral("int value%1 = %1; // a comment that makes the line long\n").arg(i);
    code += QStringLiteral("\n\nreturn 0;\n```");
    const QString text =
        QStringLiteral("Before the code.\n\n") + code + QStringLiteral("\n\nAfter the code.");
    const TextChunks chunks = TextChunker::split(text, 50);
    int withCode = 0;
    for (const TextChunk &c : chunks) {
        if (c.text.contains(QStringLiteral("```"))) {
            ++withCode;
            QCOMPARE(c.text, code);
            QVERIFY(c.oversized);
        } else {
            QVERIFY(!c.oversized);
        }
    }
    QCOMPARE(withCode, 1);
    QCOMPARE(chunks.first().text, QStringLiteral("Before the code."));
    QCOMPARE(chunks.last().text, QStringLiteral("After the code."));
}

void TestTextChunker::unclosedFenceRunsToTheEnd()
{
    const QString text = QStringLiteral("Text.\n\n~~~\ncode\n\nmore code\n```\nstill code");
    const TextChunks chunks = TextChunker::split(text, 3);
    QCOMPARE(chunks.size(), 2);
    QCOMPARE(chunks.at(1).text, QStringLiteral("~~~\ncode\n\nmore code\n```\nstill code"));
}

void TestTextChunker::longWordCutBetweenGraphemes()
{
    const QString word = QString(QLatin1Char('a')).repeated(2000);
    const TextChunks chunks = TextChunker::split(word, 100);
    QVERIFY(chunks.size() >= 5);
    for (const TextChunk &c : chunks)
        QVERIFY(TokenEstimate::of(c.text) <= 100);
    QCOMPARE(joined(chunks), word);
}

void TestTextChunker::budgetForContext()
{
    QCOMPARE(TextChunker::budgetForContext(4096), 1024);
    QCOMPARE(TextChunker::budgetForContext(128000), 1500);
    QCOMPARE(TextChunker::budgetForContext(0), 200);
}

QTEST_GUILESS_MAIN(TestTextChunker)
#include "tst_textchunker.moc"
