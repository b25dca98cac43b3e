#include "draft/TextDiff.h"

#include <QRandomGenerator>
#include <QTest>

using namespace penpal;

namespace {

// "=same|-old|+new" — one readable string per diff, so expectations fit in a table row.
QString describe(const QVector<DiffOp> &ops)
{
    QStringList parts;
    for (const DiffOp &op : ops) {
        const QChar sign = op.kind == DiffOp::Kind::Equal    ? QLatin1Char('=')
                           : op.kind == DiffOp::Kind::Delete ? QLatin1Char('-')
                                                             : QLatin1Char('+');
        parts.append(sign + op.text);
    }
    return parts.join(QLatin1Char('|'));
}

QString side(const QVector<DiffOp> &ops, DiffOp::Kind skipped)
{
    QString out;
    for (const DiffOp &op : ops) {
        if (op.kind != skipped)
            out += op.text;
    }
    return out;
}

// Every invariant the header promises, whatever the input.
void checkInvariants(const QString &before, const QString &after, const QVector<DiffOp> &ops)
{
    QCOMPARE(side(ops, DiffOp::Kind::Insert), before);
    QCOMPARE(side(ops, DiffOp::Kind::Delete), after);
    for (int i = 0; i < ops.size(); ++i) {
        // Described only on failure: the message would otherwise be built for every run.
        bool ok = !ops.at(i).text.isEmpty();
        if (i > 0) {
            ok = ok && ops.at(i).kind != ops.at(i - 1).kind;
            // Deletes before Inserts at the same place.
            ok =
                ok && !(ops.at(i - 1).kind == DiffOp::Kind::Insert && ops.at(i).kind == DiffOp::Kind::Delete);
        }
        if (!ok)
            QFAIL(qPrintable(QStringLiteral("bad run %1 in %2").arg(i).arg(describe(ops).left(2000))));
    }
}

} // namespace

class TestTextDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokenize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("latin") << QStringLiteral("The cat sat.")
                               << QStringList{"The", " ", "cat", " ", "sat", "."};
        QTest::newRow("apostrophe inside a word")
            << QStringLiteral("don't 'quote'") << QStringList{"don't", " ", "'", "quote", "'"};
        QTest::newRow("whitespace runs")
            << QStringLiteral("a  b\n\nc") << QStringList{"a", "  ", "b", "\n\n", "c"};
        QTest::newRow("punctuation one by one") << QStringLiteral("Hi!?") << QStringList{"Hi", "!", "?"};
        QTest::newRow("chinese") << QStringLiteral("我爱猫。") << QStringList{"我", "爱", "猫", "。"};
        QTest::newRow("japanese") << QStringLiteral("ひらがなカタカナ")
                                  << QStringList{"ひ", "ら", "が", "な", "カ", "タ", "カ", "ナ"};
        QTest::newRow("korean") << QStringLiteral("한국어 문장")
                                << QStringList{"한", "국", "어", " ", "문", "장"};
        QTest::newRow("mixed") << QStringLiteral("Qt框架v6") << QStringList{"Qt", "框", "架", "v6"};
        QTest::newRow("emoji") << QStringLiteral("ok 👍🏽 👨‍👩‍👧!")
                               << QStringList{"ok", " ", "👍🏽", " ", "👨‍👩‍👧", "!"};
        QTest::newRow("han outside the BMP") << QStringLiteral("𠀀𠀁") << QStringList{"𠀀", "𠀁"};
        QTest::newRow("combining mark stays")
            << QStringLiteral("cafe\u0301 x") << QStringList{"cafe\u0301", " ", "x"};
        QTest::newRow("empty") << QString() << QStringList{};
    }
    void tokenize()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        const QStringList got = TextDiff::tokenize(text);
        QCOMPARE(got, tokens);
        QCOMPARE(got.join(QString()), text);
    }

    void compute_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QString>("expected");
        QTest::newRow("word changed")
            << QStringLiteral("The cat sat on the mat.") << QStringLiteral("The dog sat on the mat.")
            << QStringLiteral("=The |-cat|+dog|= sat on the mat.");
        QTest::newRow("word inserted")
            << QStringLiteral("The cat sat.") << QStringLiteral("The black cat sat.")
            << QStringLiteral("=The |+black |=cat sat.");
        QTest::newRow("word deleted") << QStringLiteral("The very old cat.") << QStringLiteral("The old cat.")
                                      << QStringLiteral("=The |-very |=old cat.");
        QTest::newRow("cjk character inside a sentence")
            << QStringLiteral("我今天很高兴。") << QStringLiteral("我今天很开心。")
            << QStringLiteral("=我今天很|-高兴|+开心|=。");
        QTest::newRow("one kanji changed")
            << QStringLiteral("東京に行きます") << QStringLiteral("京都に行きます")
            << QStringLiteral("-東|=京|+都|=に行きます");
        QTest::newRow("mixed latin and cjk")
            << QStringLiteral("使用Qt框架开发") << QStringLiteral("使用GTK框架开发")
            << QStringLiteral("=使用|-Qt|+GTK|=框架开发");
        QTest::newRow("double space")
            << QStringLiteral("one two") << QStringLiteral("one  two") << QStringLiteral("=one|- |+  |=two");
        QTest::newRow("newline added")
            << QStringLiteral("First. Second.") << QStringLiteral("First.\nSecond.")
            << QStringLiteral("=First.|- |+\n|=Second.");
        QTest::newRow("identical") << QStringLiteral("Same text.") << QStringLiteral("Same text.")
                                   << QStringLiteral("=Same text.");
        QTest::newRow("both empty") << QString() << QString() << QString();
        QTest::newRow("before empty")
            << QString() << QStringLiteral("New text") << QStringLiteral("+New text");
        QTest::newRow("after empty") << QStringLiteral("Old text") << QString()
                                     << QStringLiteral("-Old text");
        QTest::newRow("emoji changed") << QStringLiteral("Nice 👍 work") << QStringLiteral("Nice 🎉 work")
                                       << QStringLiteral("=Nice |-👍|+🎉|= work");
        QTest::newRow("skin tone changed") << QStringLiteral("ok 👍🏻") << QStringLiteral("ok 👍🏿")
                                           << QStringLiteral("=ok |-👍🏻|+👍🏿");
        QTest::newRow("replacement: deletes first") << QStringLiteral("a b c") << QStringLiteral("x y z")
                                                    << QStringLiteral("-a|+x|= |-b|+y|= |-c|+z");
    }
    void compute()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QString, expected);
        const QVector<DiffOp> ops = TextDiff::compute(before, after);
        QCOMPARE(describe(ops), expected);
        checkInvariants(before, after, ops);
    }

    // Random edits of random texts: the invariants hold and the diff is never larger than
    // replacing every token.
    void randomEdits()
    {
        const QStringList pool{"alpha", "beta", "gamma", " ",  "  ", "\n", ",",     ".",
                               "猫",    "犬",   "の",    "한", "👍",  "😀",  "don't", "x"};
        QRandomGenerator rng(20261129);
        for (int round = 0; round < 400; ++round) {
            QStringList tokens;
            const int length = rng.bounded(0, 60);
            for (int i = 0; i < length; ++i)
                tokens.append(pool.at(rng.bounded(pool.size())));
            QStringList edited = tokens;
            const int edits = rng.bounded(0, 8);
            for (int e = 0; e < edits; ++e) {
                const int at = edited.isEmpty() ? 0 : rng.bounded(edited.size() + 1);
                switch (rng.bounded(3)) {
                case 0:
                    edited.insert(at, pool.at(rng.bounded(pool.size())));
                    break;
                case 1:
                    if (at < edited.size())
                        edited.removeAt(at);
                    break;
                default:
                    if (at < edited.size())
                        edited[at] = pool.at(rng.bounded(pool.size()));
                    break;
                }
            }
            const QString before = tokens.join(QString());
            const QString after = edited.join(QString());
            const QVector<DiffOp> ops = TextDiff::compute(before, after);
            checkInvariants(before, after, ops);
            if (QTest::currentTestFailed()) {
                qWarning() << "round" << round << before << after;
                return;
            }
            if (before == after)
                QVERIFY(ops.size() <= 1);
        }
    }

    // A long document with a few edits: only the edited words are marked, and two unrelated
    // long texts still give a correct (if coarse) diff.
    void longDocument()
    {
        QStringList words;
        QRandomGenerator rng(7);
        for (int i = 0; i < 50000; ++i)
            words.append(QStringLiteral("w%1").arg(rng.bounded(5000)));
        const QString before = words.join(QLatin1Char(' '));
        QStringList changed = words;
        changed[100] = QStringLiteral("CHANGED");
        changed[25000] = QStringLiteral("MIDDLE");
        changed.removeAt(40000);
        const QString after = changed.join(QLatin1Char(' '));
        const QVector<DiffOp> ops = TextDiff::compute(before, after);
        checkInvariants(before, after, ops);
        int changes = 0;
        for (const DiffOp &op : ops)
            changes += op.kind != DiffOp::Kind::Equal;
        QVERIFY2(changes <= 6, qPrintable(QString::number(changes)));

        QStringList other;
        for (int i = 0; i < 20000; ++i)
            other.append(QStringLiteral("v%1").arg(rng.bounded(5000)));
        const QString unrelated = other.join(QLatin1Char(' '));
        checkInvariants(before, unrelated, TextDiff::compute(before, unrelated));
    }
};

QTEST_APPLESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
