#include "render/MarkdownBlockSplitter.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace penpal;

namespace {

struct Expected {
    QStringList texts;
    QVector<bool> closed;
};

Expected describe(const MarkdownBlockSplitter &s)
{
    Expected e;
    for (int i = 0; i < s.chunks().size(); ++i) {
        e.texts.append(s.chunkText(i).toString());
        e.closed.append(s.chunks().at(i).closed);
    }
    return e;
}

// A fenced block of `lines` code lines (some blank), closed or still open.
QString longCode(int lines, bool closed)
{
    QString text = QStringLiteral("```python\n");
    for (int i = 0; i < lines; ++i)
        text += i % 9 == 4 ? QStringLiteral("\n") : QStringLiteral("x_%1 = %1\n").arg(i);
    return closed ? text + QStringLiteral("```\n\n") : text;
}

QStringList fixtureTexts()
{
    QStringList texts;
    const QDir dir(QStringLiteral(PENPAL_FIXTURES_DIR "/markdown"));
    for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            texts.append(QString::fromUtf8(f.readAll()));
    }
    return texts;
}

// Texts where streaming is most likely to go wrong: fences that open and close, loose lists,
// continuation lines, CRLF, blank lines inside code.
QStringList trickyTexts()
{
    return {
        QStringLiteral("a\n\nb\n\n- x\n\n- y\n\n  cont\n\nz\n"),
        QStringLiteral("```py\nx = 1\n\n\ny = 2\n```\n\nafter\n"),
        QStringLiteral("~~~~ text\n```\n\n~~~\n\nstill code\n~~~~~\n\npara"),
        QStringLiteral("   ```\n  indented fence\n\n   ```\n\nnext"),
        QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n\ntext"),
        QStringLiteral("> q1\n\n> q2\n\nplain\r\n\r\nwin line\r\n"),
        QStringLiteral("1. one\n\n2. two\n\n   nested para\n\n10) ten\n\n# Heading\n"),
        QStringLiteral("```x```\n\nnot a fence above\n\n````\n```\n\n````\n\nend"),
        QStringLiteral("\n\n\n  leading blanks\n\n\n\ntrailing\n\n\n"),
        longCode(80, true) + QStringLiteral("after the code\n"),
        QStringLiteral("Intro:\n") + longCode(70, false),
    };
}

} // namespace

class TestMarkdownBlockSplitter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("chunks");
        QTest::addColumn<QVector<bool>>("closed");

        QTest::newRow("empty") << QString() << QStringList() << QVector<bool>();
        QTest::newRow("only blank lines") << QStringLiteral("\n \n\t\n") << QStringList() << QVector<bool>();
        QTest::newRow("one paragraph") << QStringLiteral("hello\nworld")
                                       << QStringList{QStringLiteral("hello\nworld")} << QVector<bool>{false};
        QTest::newRow("two paragraphs")
            << QStringLiteral("a\n\nb") << QStringList{QStringLiteral("a"), QStringLiteral("b")}
            << QVector<bool>{true, false};
        QTest::newRow("trailing blank line keeps the last chunk open")
            << QStringLiteral("a\n\nb\n\n") << QStringList{QStringLiteral("a"), QStringLiteral("b")}
            << QVector<bool>{true, false};
        QTest::newRow("blank line inside a fence")
            << QStringLiteral("```\nx\n\ny\n```\n\nz")
            << QStringList{QStringLiteral("```\nx\n\ny\n```"), QStringLiteral("z")}
            << QVector<bool>{true, false};
        QTest::newRow("tilde fence with info string")
            << QStringLiteral("~~~ python title\na\n\nb\n~~~\n\nc")
            << QStringList{QStringLiteral("~~~ python title\na\n\nb\n~~~"), QStringLiteral("c")}
            << QVector<bool>{true, false};
        QTest::newRow("fence indented three spaces")
            << QStringLiteral("   ```\na\n\nb\n   ```\n\nc")
            << QStringList{QStringLiteral("   ```\na\n\nb\n   ```"), QStringLiteral("c")}
            << QVector<bool>{true, false};
        QTest::newRow("shorter closing fence does not close")
            << QStringLiteral("````\na\n```\n\nb\n````\n\nc")
            << QStringList{QStringLiteral("````\na\n```\n\nb\n````"), QStringLiteral("c")}
            << QVector<bool>{true, false};
        QTest::newRow("tilde does not close backticks")
            << QStringLiteral("```\na\n~~~\n\nb\n```\n\nc")
            << QStringList{QStringLiteral("```\na\n~~~\n\nb\n```"), QStringLiteral("c")}
            << QVector<bool>{true, false};
        QTest::newRow("backticks in info string: inline code, not a fence")
            << QStringLiteral("```x```\n\nb") << QStringList{QStringLiteral("```x```"), QStringLiteral("b")}
            << QVector<bool>{true, false};
        QTest::newRow("unclosed fence swallows the rest")
            << QStringLiteral("```\na\n\nb\n\nc") << QStringList{QStringLiteral("```\na\n\nb\n\nc")}
            << QVector<bool>{false};
        QTest::newRow("loose list stays together")
            << QStringLiteral("- a\n\n- b\n\nafter")
            << QStringList{QStringLiteral("- a\n\n- b"), QStringLiteral("after")}
            << QVector<bool>{true, false};
        QTest::newRow("loose ordered list")
            << QStringLiteral("1. a\n\n2) b\n\nafter")
            << QStringList{QStringLiteral("1. a\n\n2) b"), QStringLiteral("after")}
            << QVector<bool>{true, false};
        QTest::newRow("list after a paragraph starts a chunk")
            << QStringLiteral("para\n\n- a") << QStringList{QStringLiteral("para"), QStringLiteral("- a")}
            << QVector<bool>{true, false};
        QTest::newRow("indented continuation")
            << QStringLiteral("- a\n\n  more\n\nnext")
            << QStringList{QStringLiteral("- a\n\n  more"), QStringLiteral("next")}
            << QVector<bool>{true, false};
        QTest::newRow("indented code block with blank line")
            << QStringLiteral("    code1\n\n    code2\n\ntext")
            << QStringList{QStringLiteral("    code1\n\n    code2"), QStringLiteral("text")}
            << QVector<bool>{true, false};
        QTest::newRow("table rows") << QStringLiteral("| a |\n|---|\n\n| b |\n\nc")
                                    << QStringList{QStringLiteral("| a |\n|---|\n\n| b |"),
                                                   QStringLiteral("c")}
                                    << QVector<bool>{true, false};
        QTest::newRow("block quote") << QStringLiteral("> a\n\n> b\n\nc")
                                     << QStringList{QStringLiteral("> a\n\n> b"), QStringLiteral("c")}
                                     << QVector<bool>{true, false};
        QTest::newRow("quote marker after paragraph splits")
            << QStringLiteral("a\n\n> b") << QStringList{QStringLiteral("a"), QStringLiteral("> b")}
            << QVector<bool>{true, false};
        QTest::newRow("crlf") << QStringLiteral("a\r\n\r\nb\r\n")
                              << QStringList{QStringLiteral("a\r"), QStringLiteral("b\r")}
                              << QVector<bool>{true, false};
        QTest::newRow("incomplete line that may continue the list")
            << QStringLiteral("- a\n\n-") << QStringList{QStringLiteral("- a\n\n-")} << QVector<bool>{false};
        QTest::newRow("incomplete line that cannot continue")
            << QStringLiteral("- a\n\nT") << QStringList{QStringLiteral("- a"), QStringLiteral("T")}
            << QVector<bool>{true, false};
    }

    void split()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, chunks);
        QFETCH(QVector<bool>, closed);
        MarkdownBlockSplitter s;
        s.setText(text);
        const Expected e = describe(s);
        QCOMPARE(e.texts, chunks);
        QCOMPARE(e.closed, closed);
        QCOMPARE(s.closedCount(), int(std::count(closed.begin(), closed.end(), true)));
        QCOMPARE(MarkdownBlockSplitter::split(text), s.chunks());
    }

    // Appending one character at a time gives, at every step, what a one-shot split of the
    // same prefix gives; and a chunk once closed never changes again.
    void charByCharMatchesOneShot_data()
    {
        QTest::addColumn<QString>("text");
        int i = 0;
        for (const QString &t : trickyTexts())
            QTest::addRow("tricky %d", i++) << t;
        i = 0;
        for (const QString &t : fixtureTexts())
            QTest::addRow("fixture %d", i++) << t.left(4000);
    }

    void charByCharMatchesOneShot()
    {
        QFETCH(QString, text);
        MarkdownBlockSplitter s;
        QVector<MarkdownChunk> frozen;
        for (qsizetype n = 1; n <= text.size(); ++n) {
            s.append(QStringView(text).mid(n - 1, 1));
            const QString prefix = text.left(n);
            if (s.chunks() != MarkdownBlockSplitter::split(prefix))
                QFAIL(qPrintable(QStringLiteral("differs after %1 characters").arg(n)));
            for (int k = 0; k < frozen.size(); ++k)
                QCOMPARE(s.chunks().at(k), frozen.at(k));
            frozen = s.chunks().mid(0, s.closedCount());
        }
    }

    // A long fenced block at the left margin is cut into pieces of CodePieceLines lines; each
    // piece after the first knows the fence line; together they are the block.
    void longCodeBlockPieces()
    {
        const int lines = 3 * MarkdownBlockSplitter::CodePieceLines + 5;
        const QString text = longCode(lines, true) + QStringLiteral("tail");
        MarkdownBlockSplitter s;
        s.setText(text);
        QCOMPARE(s.chunks().size(), 5); // 4 pieces + "tail"
        QString joined;
        for (int i = 0; i < 4; ++i) {
            const MarkdownChunk &c = s.chunks().at(i);
            QVERIFY(c.closed);
            QCOMPARE(c.codeContinues, i < 3);
            QCOMPARE(c.fenceStart, i == 0 ? -1 : 0);
            if (i > 0)
                QCOMPARE(text.mid(c.fenceStart, c.fenceLength), QStringLiteral("```python"));
            QCOMPARE(int(s.chunkText(i).count(QLatin1Char('\n'))) + 1,
                     i == 0  ? MarkdownBlockSplitter::CodePieceLines + 1
                     : i < 3 ? MarkdownBlockSplitter::CodePieceLines
                             : 6);
            joined += (i ? QStringLiteral("\n") : QString()) + s.chunkText(i).toString();
        }
        QCOMPARE(joined + QStringLiteral("\n\ntail"), text);

        // Not at the left margin (in a list item): never cut.
        QString indented = QStringLiteral("- item\n\n  ```\n");
        for (int i = 0; i < lines; ++i)
            indented += QStringLiteral("  line\n");
        s.setText(indented + QStringLiteral("  ```\n"));
        QCOMPARE(s.chunks().size(), 1);
    }

    void setTextExtensionAndRescan()
    {
        MarkdownBlockSplitter s;
        QVERIFY(s.setText(QStringLiteral("a\n\nb")));
        QVERIFY(s.setText(QStringLiteral("a\n\nb\n\nc")));
        QCOMPARE(s.closedCount(), 2);
        QVERIFY(!s.setText(QStringLiteral("x\n\nb\n\nc"))); // an edit, not an extension
        QCOMPARE(s.chunkText(0), u"x");
        QCOMPARE(s.chunks(), MarkdownBlockSplitter::split(QStringLiteral("x\n\nb\n\nc")));
        QVERIFY(!s.setText(QStringLiteral("x")));
        QCOMPARE(s.chunks().size(), 1);
    }

    void randomPiecesMatchOneShot()
    {
        QRandomGenerator rng(20240611u);
        for (const QString &text : trickyTexts() + fixtureTexts()) {
            MarkdownBlockSplitter s;
            qsizetype at = 0;
            while (at < text.size()) {
                const qsizetype n = 1 + rng.bounded(24);
                s.append(QStringView(text).mid(at, n));
                at += n;
            }
            QCOMPARE(s.chunks(), MarkdownBlockSplitter::split(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestMarkdownBlockSplitter)
#include "tst_markdownblocksplitter.moc"
