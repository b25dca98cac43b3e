// Glossary (terms supplied, checked, CSV in and out) and PreservationCheck (code, URLs,
// numbers, placeholders kept by a translation).
#include "translate/Glossary.h"
#include "translate/PreservationCheck.h"

#include <QtTest>

using namespace penpal;

class TestTranslationChecks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findWholeWords_data();
    void findWholeWords();
    void termsInAndPrompt();
    void checkReportsMisses();
    void csvRoundTrip();
    void csvErrors_data();
    void csvErrors();
    void spans_data();
    void spans();
    void missing_data();
    void missing();
};

void TestTranslationChecks::findWholeWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("term");
    QTest::addColumn<int>("at");
    QTest::newRow("word") << "Start the art show."
                          << "art" << 10;
    QTest::newRow("case") << "The API is stable."
                          << "api" << 4;
    QTest::newRow("not inside a word") << "Restart."
                                       << "art" << -1;
    QTest::newRow("phrase") << "Use machine learning here."
                            << "Machine Learning" << 4;
    QTest::newRow("cjk anywhere") << QStringLiteral("我们的机器学习模型") << QStringLiteral("机器学习") << 3;
    QTest::newRow("latin next to cjk") << QStringLiteral("使用API接口") << "API" << 2;
    QTest::newRow("symbol edge") << "Call C++ code."
                                 << "C++" << 5;
    QTest::newRow("missing") << "Nothing here."
                             << "term" << -1;
    QTest::newRow("empty term") << "text"
                                << "  " << -1;
}

void TestTranslationChecks::findWholeWords()
{
    QFETCH(QString, text);
    QFETCH(QString, term);
    QFETCH(int, at);
    QCOMPARE(Glossary::find(text, term), at);
}

void TestTranslationChecks::termsInAndPrompt()
{
    const Glossary g({{QStringLiteral("pull request"), QStringLiteral("合并请求")},
                      {QStringLiteral("commit"), QStringLiteral("提交")},
                      {QStringLiteral("branch"), QStringLiteral("分支")}});
    const QString source = QStringLiteral("Open a pull request after each commit.");
    QCOMPARE(g.termsIn(source).size(), 2);
    QCOMPARE(g.promptSection(source), QStringLiteral("pull request → 合并请求\ncommit → 提交"));
    QCOMPARE(g.promptSection(QStringLiteral("No terms.")), QString());
}

void TestTranslationChecks::checkReportsMisses()
{
    const Glossary g({{QStringLiteral("pull request"), QStringLiteral("合并请求")},
                      {QStringLiteral("commit"), QStringLiteral("提交")},
                      {QStringLiteral("branch"), QStringLiteral("分支")}});
    const QString source = QStringLiteral("Open a pull request after each commit.");
    QVERIFY(g.check(source, QStringLiteral("每次提交后创建一个合并请求。")).isEmpty());
    const QVector<GlossaryMiss> misses = g.check(source, QStringLiteral("每次提交后打开一个拉取请求。"));
    QCOMPARE(misses.size(), 1);
    QCOMPARE(misses.first().term.target, QStringLiteral("合并请求"));
    QCOMPARE(misses.first().sourceStart, 7);
    QCOMPARE(misses.first().sourceLength, 12);
}

void TestTranslationChecks::csvRoundTrip()
{
    const Glossary g({{QStringLiteral("hello, world"), QStringLiteral("你好，世界")},
                      {QStringLiteral("say \"hi\""), QStringLiteral("打招呼")},
                      {QStringLiteral("line"), QStringLiteral("two\nlines")}});
    QString error;
    const Glossary back = Glossary::fromCsv(g.toCsv(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(back.terms(), g.terms());

    // A spreadsheet's export: BOM, CRLF, no header.
    const Glossary sheet = Glossary::fromCsv(
        "\xEF\xBB\xBFGPU,\xE6\x98\xBE\xE5\x8D\xA1\r\nCPU,\xE5\xA4\x84\xE7\x90\x86\xE5\x99\xA8\r\n", &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(sheet.terms().size(), 2);
    QCOMPARE(sheet.terms().at(0).source, QStringLiteral("GPU"));
    QCOMPARE(sheet.terms().at(1).target, QStringLiteral("处理器"));
}

void TestTranslationChecks::csvErrors_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("message");
    QTest::newRow("one column") << QByteArray("source,target\nalpha\n") << "Line 2: each row needs a term";
    QTest::newRow("empty target") << QByteArray("a,b\nc,\n") << "Line 2: each row needs a term";
    QTest::newRow("unclosed quote") << QByteArray("a,b\n\"c,d\n")
                                    << "Line 2: a quoted field is never closed.";
    QTest::newRow("duplicate") << QByteArray("Term,x\nterm,y\n")
                               << "Line 2: \"term\" is already in the glossary.";
}

void TestTranslationChecks::csvErrors()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, message);
    QString error;
    const Glossary g = Glossary::fromCsv(csv, &error);
    QVERIFY(g.isEmpty());
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

void TestTranslationChecks::spans_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("expected");
    const int code = int(ProtectedSpan::Kind::CodeBlock), inlineCode = int(ProtectedSpan::Kind::InlineCode),
              url = int(ProtectedSpan::Kind::Url), number = int(ProtectedSpan::Kind::Number),
              placeholder = int(ProtectedSpan::Kind::Placeholder);
    QTest::newRow("fenced code") << "Text\n```js\nlet x = 42; // see https://a.example\n```\nafter" << code
                                 << QStringList{"let x = 42; // see https://a.example\n"};
    QTest::newRow("nothing inside code counts twice")
        << "```\nhttps://a.example 42\n```" << url << QStringList{};
    QTest::newRow("inline code") << "Run `make -j2` then ``a ` b``." << inlineCode
                                 << QStringList{"make -j2", "a ` b"};
    QTest::newRow("urls") << "See https://example.com/a?b=1, or www.qt.io." << url
                          << QStringList{"https://example.com/a?b=1", "www.qt.io"};
    QTest::newRow("markdown link target")
        << "[docs](https://doc.qt.io/qt-6/)" << url << QStringList{"https://doc.qt.io/qt-6/"};
    QTest::newRow("placeholders") << "Hello {name}, {{count}} items, ${HOME}, %1 and %2$s, %s, %(user)s"
                                  << placeholder << QStringList{"{name}", "{{count}}", "${HOME}", "%1",
                                                                "%2$s",   "%s",        "%(user)s"};
    QTest::newRow("numbers") << "Costs 1,000.50 in 2026, 3 times, not mp3." << number
                             << QStringList{"100050", "2026", "3"};
}

void TestTranslationChecks::spans()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QStringList, expected);
    QStringList got;
    for (const ProtectedSpan &s : PreservationCheck::spansOf(text)) {
        if (int(s.kind) == kind)
            got << s.text;
    }
    QCOMPARE(got, expected);
}

void TestTranslationChecks::missing_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("translation");
    QTest::addColumn<QStringList>("lacking");
    const QString source = QStringLiteral("Hello {name}! You have %1 new messages (%1 unread) since 1,250.5 "
                                          "seconds. Run `git pull` or read https://example.com/help.\n\n"
                                          "```sh\nmake install\n```\n");
    QTest::newRow("all kept, numbers localized")
        << source
        << QStringLiteral("Hallo {name}! Sie haben %1 neue Nachrichten (%1 ungelesen) seit 1.250,5 Sekunden. "
                          "Führen Sie `git pull` aus oder lesen Sie https://example.com/help.\n\n```sh\nmake "
                          "install\n```\n")
        << QStringList{};
    QTest::newRow("placeholder translated, repeat lost, code changed")
        << source
        << QStringLiteral(
               "Hallo {Name}! Sie haben %1 neue Nachrichten seit 1.250,5 Sekunden. Führen Sie `git ziehen` "
               "aus oder lesen Sie https://example.com/help.\n\n```sh\nmache install\n```\n")
        << QStringList{"make install\n", "git pull", "{name}", "%1"};
    QTest::newRow("number changed, url dropped")
        << QStringLiteral("Version 2 of https://a.example") << QStringLiteral("Version 3 von der Seite")
        << QStringList{"https://a.example", "2"};
}

void TestTranslationChecks::missing()
{
    QFETCH(QString, source);
    QFETCH(QString, translation);
    QFETCH(QStringList, lacking);
    QStringList got;
    for (const ProtectedSpan &s : PreservationCheck::missing(source, translation))
        got << s.text;
    QCOMPARE(got, lacking);
}

QTEST_GUILESS_MAIN(TestTranslationChecks)
#include "tst_translationchecks.moc"
