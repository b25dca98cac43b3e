// The context limit's pure parts: the token estimate and which turns a request keeps.
#include "chat/ContextTrimmer.h"
#include "chat/TokenEstimate.h"

#include <QTest>

using namespace penpal;

namespace {

// "u:text" / "a:text" <-> turns
QVector<ChatTurn> turnsFrom(const QStringList &spec)
{
    QVector<ChatTurn> turns;
    for (const QString &s : spec)
        turns.append({s.startsWith(QLatin1String("a:")) ? Role::Assistant : Role::User, s.mid(2)});
    return turns;
}

QStringList specOf(const QVector<ChatTurn> &turns)
{
    QStringList out;
    for (const ChatTurn &t : turns)
        out << (t.role == Role::Assistant ? QStringLiteral("a:") : QStringLiteral("u:")) + t.content;
    return out;
}

} // namespace

class TestContextLimit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void estimate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("tokens");
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("four Latin") << QStringLiteral("abcd") << 1;
        QTest::newRow("five Latin round up") << QStringLiteral("abcde") << 2;
        QTest::newRow("Han") << QStringLiteral("你好世界") << 4;
        QTest::newRow("mixed") << QStringLiteral("Hello 世界") << 4; // 6 Latin -> 2, 2 Han
        QTest::newRow("kana") << QStringLiteral("こんにちは") << 5;
        QTest::newRow("Hangul") << QStringLiteral("한국어") << 3;
        QTest::newRow("CJK punctuation") << QStringLiteral("。「」") << 3;
        QTest::newRow("full-width digits") << QStringLiteral("１２") << 2;
        QTest::newRow("extension B (surrogates)") << QStringLiteral("𠀀𠀁") << 2;
        // Four emoji are four code points (eight UTF-16 units): one token, not two.
        QTest::newRow("emoji") << QStringLiteral("😀😀😀😀") << 1;
        QTest::newRow("Cyrillic") << QStringLiteral("Привет") << 2;
        QTest::newRow("long line") << QString(10000, QLatin1Char('a')) << 2500;
    }

    void estimate()
    {
        QFETCH(QString, text);
        QFETCH(int, tokens);
        QCOMPARE(TokenEstimate::of(text), tokens);
    }

    void trim_data()
    {
        QTest::addColumn<QStringList>("turns");
        QTest::addColumn<int>("keep");
        QTest::addColumn<int>("maxMessages");
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<QStringList>("expected");

        // Each text of four Latin characters is one token.
        const QStringList thread{"u:Q1xx", "a:A1xx", "u:Q2xx", "a:A2xx", "u:Q3xx", "a:A3xx", "u:Q4xx"};
        QTest::newRow("no limit") << thread << 1 << 0 << 0 << thread;
        QTest::newRow("limit above the size") << thread << 1 << 10 << 0 << thread;
        QTest::newRow("exactly the size") << thread << 1 << 7 << 0 << thread;
        QTest::newRow("three messages") << thread << 1 << 3 << 0 << thread.mid(4);
        // Cutting at an answer would leave it without its question: it goes too.
        QTest::newRow("never starts with an answer") << thread << 1 << 2 << 0 << thread.mid(6);
        QTest::newRow("six messages") << thread << 1 << 6 << 0 << thread.mid(2);
        QTest::newRow("one message") << thread << 1 << 1 << 0 << thread.mid(6);
        QTest::newRow("tokens") << thread << 1 << 0 << 3 << thread.mid(4);
        QTest::newRow("tokens, no room for history") << thread << 1 << 0 << 1 << thread.mid(6);
        QTest::newRow("the stricter limit wins") << thread << 1 << 6 << 3 << thread.mid(4);
        QTest::newRow("messages stricter") << thread << 1 << 3 << 100 << thread.mid(4);
        // The newest prompt goes even when it alone is over the limit.
        QTest::newRow("kept turn over the limit")
            << QStringList{"u:old", "a:old", "u:" + QString(400, QLatin1Char('x'))} << 1 << 0 << 10
            << QStringList{"u:" + QString(400, QLatin1Char('x'))};
        // A continuation keeps the prompt, the partial reply and the instruction.
        QTest::newRow("continuation keeps three")
            << QStringList{"u:Q1xx", "a:A1xx", "u:Q2xx", "a:part", "u:Continue"} << 3 << 1 << 0
            << QStringList{"u:Q2xx", "a:part", "u:Continue"};
        // Han counts one token per character: 6 Latin turns + 2 = 8 tokens, limit 5.
        QStringList cjk = thread.mid(0, 6);
        cjk << QStringLiteral("u:你好");
        QTest::newRow("CJK counted per character") << cjk << 1 << 0 << 5 << cjk.mid(4);
        // A history that starts with a greeting is left alone when nothing is cut.
        QTest::newRow("leading answer without a cut")
            << QStringList{"a:Hi!", "u:Q1xx"} << 1 << 5 << 0 << QStringList{"a:Hi!", "u:Q1xx"};
        QTest::newRow("empty") << QStringList() << 1 << 1 << 1 << QStringList();
        QTest::newRow("keep more than there is") << thread.mid(5) << 5 << 1 << 0 << thread.mid(5);
    }

    void trim()
    {
        QFETCH(QStringList, turns);
        QFETCH(int, keep);
        QFETCH(int, maxMessages);
        QFETCH(int, maxTokens);
        QFETCH(QStringList, expected);
        QVector<ChatTurn> t = turnsFrom(turns);
        const int dropped = ContextTrimmer::trim(t, keep, maxMessages, maxTokens);
        QCOMPARE(specOf(t), expected);
        QCOMPARE(dropped, int(turns.size() - expected.size()));
    }
};

QTEST_GUILESS_MAIN(TestContextLimit)
#include "tst_contextlimit.moc"
