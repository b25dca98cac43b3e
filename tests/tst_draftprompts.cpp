// The Draft workspace's requests, one per AI action, and the cleaning of the model's answer.
#include "draft/DraftPrompts.h"
#include "translate/Glossary.h"

#include <QtTest>

using namespace penpal;

Q_DECLARE_METATYPE(penpal::DraftAction)
Q_DECLARE_METATYPE(penpal::RewriteStyle)

namespace {

QString allText(const ChatRequest &r)
{
    QString s = r.systemPrompt;
    for (const ChatTurn &t : r.turns)
        s += QLatin1Char('\n') + t.content;
    return s;
}

ProposalInput baseInput()
{
    ProposalInput in;
    in.before = QStringLiteral("First paragraph about gardens.\n\nThe soil here ");
    in.selection = QStringLiteral("is very dry and the plants suffers.");
    in.after = QStringLiteral(" Water helps.\n\nLast paragraph about tools.");
    in.brief.topic = QStringLiteral("Composting at home");
    in.brief.audience = QStringLiteral("city dwellers");
    in.brief.tone = QStringLiteral("friendly");
    in.brief.targetWords = 800;
    in.brief.language = QStringLiteral("de");
    in.outline = QStringLiteral("## Why compost\n## Getting started\n## Common mistakes");
    in.heading = QStringLiteral("Getting started");
    in.model = QStringLiteral("m1");
    return in;
}

} // namespace

class TestDraftPrompts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void requestHoldsTheRightText_data();
    void requestHoldsTheRightText();
    void rewritePresets_data();
    void rewritePresets();
    void continueTrimsToTheBudget();
    void translateUsesTheGlossary();
    void cleanReply_data();
    void cleanReply();
    void parseTitles();
    void outlineHeadings_data();
    void outlineHeadings();
};

void TestDraftPrompts::requestHoldsTheRightText_data()
{
    QTest::addColumn<DraftAction>("action");
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("absent");
    QTest::newRow("outline") << DraftAction::Outline
                             << QStringList{"Composting at home", "city dwellers", "friendly",
                                            "800 words",          "German",        "outline"}
                             << QStringList{"The soil here"};
    QTest::newRow("write all") << DraftAction::WriteAll
                               << QStringList{"Composting at home", "## Common mistakes", "whole text",
                                              "German"}
                               << QStringList{};
    QTest::newRow("write section") << DraftAction::WriteSection
                                   << QStringList{"\"Getting started\"", "## Why compost", "<written-so-far>",
                                                  "The soil here"}
                                   << QStringList{"Last paragraph about tools"};
    QTest::newRow("continue") << DraftAction::Continue
                              << QStringList{"<before-cursor>", "The soil here", "<after-cursor>",
                                             "Water helps"}
                              << QStringList{};
    QTest::newRow("rewrite") << DraftAction::Rewrite
                             << QStringList{"<selection>\nis very dry and the plants suffers.\n</selection>",
                                            "The soil here [SELECTION] Water helps.", "rewritten text only",
                                            "shorter"}
                             << QStringList{"First paragraph", "Last paragraph"};
    QTest::newRow("summarize") << DraftAction::Summarize
                               << QStringList{"is very dry and the plants suffers.", "Summarize"}
                               << QStringList{"First paragraph"};
    QTest::newRow("title ideas") << DraftAction::TitleIdeas << QStringList{"5 titles", "is very dry"}
                                 << QStringList{"First paragraph"};
}

void TestDraftPrompts::requestHoldsTheRightText()
{
    QFETCH(DraftAction, action);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, absent);
    const ChatRequest r = DraftPrompts::request(action, baseInput());
    QCOMPARE(r.model, QStringLiteral("m1"));
    QVERIFY(!r.turns.isEmpty());
    QCOMPARE(r.turns.last().role, Role::User);
    const QString text = allText(r);
    for (const QString &c : contains)
        QVERIFY2(text.contains(c, Qt::CaseInsensitive),
                 qPrintable(c + QStringLiteral(" missing in:\n") + text));
    for (const QString &a : absent)
        QVERIFY2(!text.contains(a), qPrintable(a + QStringLiteral(" should not be in:\n") + text));
}

void TestDraftPrompts::rewritePresets_data()
{
    QTest::addColumn<RewriteStyle>("style");
    QTest::addColumn<QString>("word");
    QTest::newRow("shorter") << RewriteStyle::Shorter << "shorter";
    QTest::newRow("longer") << RewriteStyle::Longer << "longer";
    QTest::newRow("simpler") << RewriteStyle::Simpler << "simpler";
    QTest::newRow("formal") << RewriteStyle::MoreFormal << "more formal";
    QTest::newRow("casual") << RewriteStyle::MoreCasual << "more casual";
    QTest::newRow("grammar") << RewriteStyle::FixGrammar << "Fix grammar, spelling";
    QTest::newRow("custom") << RewriteStyle::Custom << "like a pirate";
}

void TestDraftPrompts::rewritePresets()
{
    QFETCH(RewriteStyle, style);
    QFETCH(QString, word);
    ProposalInput in = baseInput();
    in.style = style;
    in.instruction = QStringLiteral("Say it like a pirate.");
    const QString text = allText(DraftPrompts::request(DraftAction::Rewrite, in));
    QVERIFY2(text.contains(word, Qt::CaseInsensitive), qPrintable(text));
    // Only the custom style carries the user's words.
    QCOMPARE(text.contains(QStringLiteral("pirate")), style == RewriteStyle::Custom);
}

void TestDraftPrompts::continueTrimsToTheBudget()
{
    QString before;
    for (int i = 0; i < 2000; ++i)
        before += QStringLiteral("Sentence number %1 of a long text.\n\n").arg(i);
    before += QStringLiteral("The cursor is here");
    const QString text = allText(DraftPrompts::continueText(before, QStringLiteral(" and after."), {}));
    QVERIFY(text.contains(QStringLiteral("The cursor is here")));
    QVERIFY(!text.contains(QStringLiteral("Sentence number 0 ")));
    QVERIFY(text.size() < DraftPrompts::kContinueBefore + 2000);
    // The cut falls on a paragraph break, never mid-sentence.
    const int start = text.indexOf(QStringLiteral("<before-cursor>\n")) + 16;
    QVERIFY(text.mid(start).startsWith(QStringLiteral("Sentence number ")));
}

void TestDraftPrompts::translateUsesTheGlossary()
{
    ProposalInput in = baseInput();
    in.selection = QStringLiteral("The compost bin stays outside.");
    in.sourceLanguage = QStringLiteral("en");
    in.targetLanguage = QStringLiteral("fr");
    in.glossary = Glossary({{QStringLiteral("compost bin"), QStringLiteral("composteur")},
                            {QStringLiteral("rake"), QStringLiteral("râteau")}});
    const ChatRequest r = DraftPrompts::request(DraftAction::Translate, in);
    QVERIFY(r.systemPrompt.contains(QStringLiteral("from English into French")));
    QVERIFY(r.systemPrompt.contains(QStringLiteral("compost bin → composteur")));
    // Only the terms the selection holds.
    QVERIFY(!r.systemPrompt.contains(QStringLiteral("râteau")));
    QVERIFY(r.turns.last().content.contains(
        QStringLiteral("<source>\nThe compost bin stays outside.\n</source>")));
    QCOMPARE(r.model, QStringLiteral("m1"));
}

void TestDraftPrompts::cleanReply_data()
{
    QTest::addColumn<QString>("reply");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "Just the text."
                           << "Just the text.";
    QTest::newRow("keeps inner structure") << "# A\n\n- b\n- c"
                                           << "# A\n\n- b\n- c";
    QTest::newRow("preamble") << "Here is the rewritten text:\n\nThe soil is dry."
                              << "The soil is dry.";
    QTest::newRow("sure preamble") << "Sure! Here's a shorter version:\nDry soil."
                                   << "Dry soil.";
    QTest::newRow("fence") << "```\nProse in a fence.\n```"
                           << "Prose in a fence.";
    QTest::newRow("markdown fence") << "```markdown\n## Title\n\nText\n```\n"
                                    << "## Title\n\nText";
    QTest::newRow("code fence stays") << "```python\nprint(1)\n```"
                                      << "```python\nprint(1)\n```";
    QTest::newRow("quotes") << "\"A quoted sentence.\""
                            << "A quoted sentence.";
    QTest::newRow("inner quotes stay") << "He said \"hi\" to me."
                                       << "He said \"hi\" to me.";
    QTest::newRow("think") << "<think>hmm</think>\nThe answer."
                           << "The answer.";
    QTest::newRow("selection tag") << "<selection>\nRewritten.\n</selection>"
                                   << "Rewritten.";
    QTest::newRow("preamble then fence") << "Here is the text:\n```\nBody\n```"
                                         << "Body";
    QTest::newRow("not a preamble") << "Here is where we start: the garden."
                                    << "Here is where we start: the garden.";
    QTest::newRow("cjk") << "以下是改写后的文本"
                         << "以下是改写后的文本";
}

void TestDraftPrompts::cleanReply()
{
    QFETCH(QString, reply);
    QFETCH(QString, expected);
    QCOMPARE(DraftPrompts::cleanReply(reply), expected);
}

void TestDraftPrompts::parseTitles()
{
    const QStringList titles = DraftPrompts::parseTitles(
        QStringLiteral("Here are five titles:\n1. \"Compost for Beginners\"\n2) **Black Gold at Home**\n"
                       "- Rot Happens.\n\n* Kitchen to Garden\n5. Small Bins, Big Gains\n6. One Too Many"));
    QCOMPARE(titles, (QStringList{"Compost for Beginners", "Black Gold at Home", "Rot Happens",
                                  "Kitchen to Garden", "Small Bins, Big Gains"}));
}

void TestDraftPrompts::outlineHeadings_data()
{
    QTest::addColumn<QString>("outline");
    QTest::addColumn<QStringList>("headings");
    QTest::newRow("headings") << "## Why\nWhat it is for.\n## How\n- step\n### Details"
                              << QStringList{"Why", "How", "Details"};
    QTest::newRow("list") << "1. **Intro**\n   - sub point\n2. Body\n- Close"
                          << QStringList{"Intro", "Body", "Close"};
    QTest::newRow("empty") << "" << QStringList{};
}

void TestDraftPrompts::outlineHeadings()
{
    QFETCH(QString, outline);
    QFETCH(QStringList, headings);
    QCOMPARE(DraftPrompts::outlineHeadings(outline), headings);
}

QTEST_GUILESS_MAIN(TestDraftPrompts)
#include "tst_draftprompts.moc"
