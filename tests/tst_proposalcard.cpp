// ProposalCard on a bare QPlainTextEdit, with proposals streamed from a loopback server that
// upper-cases the selection: Accept replaces exactly the range as one undo step, Reject leaves
// the text alone, several cards stay anchored while the text around them changes, a changed
// range refuses Accept until Retry, Edit then Accept, and the diff marks (words; CJK chars).
#include "ProposalCard.h"
#include "TestContext.h"
#include "TestHttpServer.h"
#include "draft/DraftAssistant.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {

QString userTextOf(const ReceivedRequest &r)
{
    const QJsonArray messages =
        QJsonDocument::fromJson(r.body).object().value(QStringLiteral("messages")).toArray();
    return messages.last().toObject().value(QStringLiteral("content")).toString();
}

QString selectionOf(const QString &user)
{
    static const QRegularExpression re(QStringLiteral("<selection>\\n(.*)\\n</selection>"),
                                       QRegularExpression::DotMatchesEverythingOption);
    return re.match(user).captured(1);
}

struct Run {
    QString text;
    bool inserted = false;
    bool deleted = false;
};

// The diff view's text in runs of one format.
QVector<Run> runsOf(QTextDocument *doc)
{
    QVector<Run> runs;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            runs.append({f.text(), f.charFormat().fontUnderline(), f.charFormat().fontStrikeOut()});
        }
    }
    return runs;
}

QStringList marked(const QVector<Run> &runs, bool inserted)
{
    QStringList out;
    for (const Run &r : runs) {
        if (inserted ? r.inserted : r.deleted)
            out << r.text;
    }
    return out;
}

} // namespace

class TestProposalCard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void acceptReplacesTheRangeAsOneUndoStep();
    void rejectLeavesTheTextUntouched();
    void twoPendingProposalsStayAnchored();
    void acceptRefusedAfterTheRangeChanged();
    void editThenAccept();
    void diffMarksInsertedAndDeletedWords();
    void cjkIsMarkedCharacterByCharacter();
    void continueShowsOnlyTheNewText();
    void failureShowsASentenceAndRetryRecovers();
    void titleIdeasArePicked();
    void outlineIsEditableAndWritesSections();

private:
    QTextCursor select(const QString &what) const;
    ProposalCard *cardFor(DraftAction action, const QTextCursor &range, const ProposalInput &extra = {});
    QPushButton *button(ProposalCard *card, const char *name) const
    {
        auto *b = card->findChild<QPushButton *>(QLatin1String(name));
        if (!b)
            qWarning("no button %s", name);
        return b;
    }

    QTemporaryDir *m_dir = nullptr;
    TestHttpServer *m_server = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    DraftAssistant *m_assistant = nullptr;
    QWidget *m_window = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QHash<QString, QString> m_answers; // text in the request -> answer
    int m_failures = 0;                // answers refused with 401 before the next success
};

void TestProposalCard::init()
{
    m_dir = new QTemporaryDir;
    m_server = new TestHttpServer;
    QVERIFY(m_server->listen());
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    QVERIFY(m_ctx);
    m_answers.clear();
    m_failures = 0;
    m_server->setResponder([this](const ReceivedRequest &r) {
        if (m_failures > 0) {
            --m_failures;
            return Response::json(401, R"({"error":{"message":"bad key","type":"invalid_request_error"}})");
        }
        const QString user = userTextOf(r);
        QString answer = selectionOf(user).toUpper();
        for (auto it = m_answers.cbegin(); it != m_answers.cend(); ++it) {
            if (user.contains(it.key()))
                answer = it.value();
        }
        return Response::sse(openAiStream({answer.left(3), answer.mid(3)}));
    });
    m_assistant = new DraftAssistant(m_ctx->settings(), m_ctx->secrets(),
                                     [this](const ProviderProfile &p, const QString &key) {
                                         return createProvider(m_ctx->network(), p, key);
                                     });
    m_window = new QWidget;
    auto *layout = new QVBoxLayout(m_window);
    m_editor = new QPlainTextEdit(m_window);
    layout->addWidget(m_editor);
    m_editor->setPlainText(QStringLiteral("Alpha beta gamma.\n\nDelta epsilon zeta.\n\nEta theta iota."));
    m_window->resize(600, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestProposalCard::cleanup()
{
    delete m_window;
    delete m_assistant;
    m_ctx.reset();
    delete m_server;
    delete m_dir;
}

QTextCursor TestProposalCard::select(const QString &what) const
{
    const int at = m_editor->toPlainText().indexOf(what);
    QTextCursor c(m_editor->document());
    c.setPosition(at);
    c.setPosition(at + what.size(), QTextCursor::KeepAnchor);
    return c;
}

ProposalCard *TestProposalCard::cardFor(DraftAction action, const QTextCursor &range,
                                        const ProposalInput &extra)
{
    ProposalInput in = extra;
    const QString all = m_editor->toPlainText();
    in.selection = all.mid(range.selectionStart(), range.selectionEnd() - range.selectionStart());
    in.before = all.left(range.selectionStart());
    in.after = all.mid(range.selectionEnd());
    const int id = m_assistant->propose(action, in);
    auto *card = new ProposalCard(m_assistant, id, m_editor, range, m_window);
    m_window->layout()->addWidget(card);
    card->show();
    return card;
}

void TestProposalCard::acceptReplacesTheRangeAsOneUndoStep()
{
    // An edit of the user's own, before the proposal: undo must stop there.
    QTextCursor typing(m_editor->document());
    typing.movePosition(QTextCursor::End);
    typing.insertText(QStringLiteral(" Kappa."));
    const QString before = m_editor->toPlainText();

    QPointer<ProposalCard> card = cardFor(DraftAction::Rewrite, select(QStringLiteral("epsilon zeta")));
    QSignalSpy accepted(card.data(), &ProposalCard::accepted);
    QPushButton *accept = button(card, "acceptProposal");
    QVERIFY(!accept->isEnabled()); // nothing to accept while it streams
    QTRY_VERIFY(accept->isEnabled());
    QCOMPARE(m_editor->toPlainText(), before); // nothing changed before Accept
    QTest::mouseClick(accept, Qt::LeftButton);
    QCOMPARE(m_editor->toPlainText(),
             QStringLiteral("Alpha beta gamma.\n\nDelta EPSILON ZETA.\n\nEta theta iota. Kappa."));
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(accepted.first().at(1).toString(), QStringLiteral("Rewrite: shorter"));
    QTRY_VERIFY(!card); // the card goes away

    m_editor->undo();
    QCOMPARE(m_editor->toPlainText(), before);
    m_editor->redo();
    QVERIFY(m_editor->toPlainText().contains(QStringLiteral("EPSILON ZETA")));
}

void TestProposalCard::rejectLeavesTheTextUntouched()
{
    const QString before = m_editor->toPlainText();
    QPointer<ProposalCard> card = cardFor(DraftAction::Rewrite, select(QStringLiteral("Alpha beta")));
    const int id = card->proposalId();
    QSignalSpy rejected(card.data(), &ProposalCard::rejected);
    QTRY_VERIFY(button(card, "acceptProposal")->isEnabled());
    QTest::mouseClick(button(card, "rejectProposal"), Qt::LeftButton);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(rejected.first().first().toInt(), id);
    QCOMPARE(m_editor->toPlainText(), before);
    QVERIFY(!m_editor->document()->isUndoAvailable());
    QVERIFY(!m_assistant->proposal(id));
    QTRY_VERIFY(!card);
}

void TestProposalCard::twoPendingProposalsStayAnchored()
{
    QPointer<ProposalCard> first = cardFor(DraftAction::Rewrite, select(QStringLiteral("beta gamma")));
    QPointer<ProposalCard> second = cardFor(DraftAction::Rewrite, select(QStringLiteral("theta iota")));
    QTRY_VERIFY(button(first, "acceptProposal")->isEnabled());
    QTRY_VERIFY(button(second, "acceptProposal")->isEnabled());

    // The user types before, between and after the two ranges while both wait.
    QTextCursor c(m_editor->document());
    c.insertText(QStringLiteral("Intro. "));
    c.setPosition(m_editor->toPlainText().indexOf(QStringLiteral("Delta")));
    c.insertText(QStringLiteral("New words. "));
    c.movePosition(QTextCursor::End);
    c.insertText(QStringLiteral(" The end."));

    QTest::mouseClick(button(second, "acceptProposal"), Qt::LeftButton);
    QTest::mouseClick(button(first, "acceptProposal"), Qt::LeftButton);
    QCOMPARE(m_editor->toPlainText(),
             QStringLiteral("Intro. Alpha BETA GAMMA.\n\nNew words. Delta epsilon zeta."
                            "\n\nEta THETA IOTA. The end."));
}

void TestProposalCard::acceptRefusedAfterTheRangeChanged()
{
    QPointer<ProposalCard> card = cardFor(DraftAction::Rewrite, select(QStringLiteral("beta gamma")));
    QTRY_VERIFY(button(card, "acceptProposal")->isEnabled());
    // An edit inside the range.
    QTextCursor c(m_editor->document());
    c.setPosition(m_editor->toPlainText().indexOf(QStringLiteral("gamma")));
    c.insertText(QStringLiteral("big "));
    const QString edited = m_editor->toPlainText();

    QTest::mouseClick(button(card, "acceptProposal"), Qt::LeftButton);
    QVERIFY(card);
    QCOMPARE(m_editor->toPlainText(), edited);
    auto *message = card->findChild<QLabel *>(QStringLiteral("proposalMessage"));
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("changed")));
    QVERIFY(message->text().contains(QStringLiteral("Retry")));

    // Retry asks from the text as it is now.
    QTest::mouseClick(button(card, "retryProposal"), Qt::LeftButton);
    QVERIFY(!message->isVisible());
    QTRY_VERIFY(button(card, "acceptProposal")->isEnabled());
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(selectionOf(userTextOf(m_server->requests().last())), QStringLiteral("beta big gamma"));
    QTest::mouseClick(button(card, "acceptProposal"), Qt::LeftButton);
    QVERIFY(m_editor->toPlainText().startsWith(QStringLiteral("Alpha BETA BIG GAMMA.\n\n")));
}

void TestProposalCard::editThenAccept()
{
    QPointer<ProposalCard> card = cardFor(DraftAction::Rewrite, select(QStringLiteral("Eta theta")));
    QTRY_VERIFY(button(card, "editProposal")->isEnabled());
    QTest::mouseClick(button(card, "editProposal"), Qt::LeftButton);
    auto *editor = card->findChild<QPlainTextEdit *>(QStringLiteral("proposalEditor"));
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->toPlainText(), QStringLiteral("ETA THETA"));
    QVERIFY(!card->findChild<QTextBrowser *>(QStringLiteral("proposalDiff"))->isVisible());
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("My own words"));
    QTest::mouseClick(button(card, "acceptProposal"), Qt::LeftButton);
    QVERIFY(m_editor->toPlainText().endsWith(QStringLiteral("\n\nMy own words iota.")));
    m_editor->undo();
    QVERIFY(m_editor->toPlainText().endsWith(QStringLiteral("\n\nEta theta iota.")));
}

void TestProposalCard::diffMarksInsertedAndDeletedWords()
{
    m_editor->setPlainText(QStringLiteral("the quick brown fox jumps"));
    m_answers.insert(QStringLiteral("<selection>\nthe quick brown fox jumps"),
                     QStringLiteral("the slow brown fox jumps"));
    QPointer<ProposalCard> card =
        cardFor(DraftAction::Rewrite, select(QStringLiteral("the quick brown fox jumps")));
    QTRY_VERIFY(button(card, "acceptProposal")->isEnabled());
    auto *diff = card->findChild<QTextBrowser *>(QStringLiteral("proposalDiff"));
    QVERIFY(diff->isVisible());
    QTRY_COMPARE(marked(runsOf(diff->document()), true), QStringList{QStringLiteral("slow")});
    const QVector<Run> runs = runsOf(diff->document());
    QCOMPARE(marked(runs, false), QStringList{QStringLiteral("quick")});
    QCOMPARE(diff->toPlainText(), QStringLiteral("the quickslow brown fox jumps"));
    // The marks differ in colour too, not only in decoration.
    for (QTextBlock b = diff->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat f = it.fragment().charFormat();
            if (it.fragment().text() == QLatin1String("slow"))
                QVERIFY(f.foreground().color().green() > f.foreground().color().red());
            if (it.fragment().text() == QLatin1String("quick"))
                QVERIFY(f.foreground().color().red() > f.foreground().color().green());
        }
    }
}

void TestProposalCard::cjkIsMarkedCharacterByCharacter()
{
    m_editor->setPlainText(QStringLiteral("我很喜欢我的猫。"));
    m_answers.insert(QStringLiteral("<selection>\n我很喜欢"), QStringLiteral("我很喜欢我的狗。"));
    QPointer<ProposalCard> card = cardFor(DraftAction::Rewrite, select(QStringLiteral("我很喜欢我的猫。")));
    QTRY_VERIFY(button(card, "acceptProposal")->isEnabled());
    const QVector<Run> runs =
        runsOf(card->findChild<QTextBrowser *>(QStringLiteral("proposalDiff"))->document());
    QCOMPARE(marked(runs, false), QStringList{QStringLiteral("猫")});
    QCOMPARE(marked(runs, true), QStringList{QStringLiteral("狗")});
}

void TestProposalCard::continueShowsOnlyTheNewText()
{
    QTextCursor at(m_editor->document());
    at.setPosition(m_editor->toPlainText().indexOf(QStringLiteral("\n\nDelta")));
    m_answers.insert(QStringLiteral("<before-cursor>"), QStringLiteral(" More about gamma."));
    QPointer<ProposalCard> card = cardFor(DraftAction::Continue, at);
    QTRY_VERIFY(button(card, "acceptProposal")->isEnabled());
    auto *diff = card->findChild<QTextBrowser *>(QStringLiteral("proposalDiff"));
    // No marks: all of it is new, shown as it will read.
    QCOMPARE(diff->toPlainText(), QStringLiteral(" More about gamma."));
    const QVector<Run> runs = runsOf(diff->document());
    QVERIFY(marked(runs, true).isEmpty());
    QVERIFY(marked(runs, false).isEmpty());
    // The request held the text before the cursor, and a little after it.
    const QString user = userTextOf(m_server->requests().first());
    QVERIFY(user.contains(QStringLiteral("<before-cursor>\nAlpha beta gamma.\n</before-cursor>")));
    QVERIFY(user.contains(QStringLiteral("Delta epsilon zeta.")));
    QTest::mouseClick(button(card, "acceptProposal"), Qt::LeftButton);
    QCOMPARE(m_editor->toPlainText(),
             QStringLiteral("Alpha beta gamma. More about gamma.\n\nDelta epsilon zeta.\n\nEta theta iota."));
}

void TestProposalCard::failureShowsASentenceAndRetryRecovers()
{
    m_failures = 1;
    const QString before = m_editor->toPlainText();
    QPointer<ProposalCard> card = cardFor(DraftAction::Rewrite, select(QStringLiteral("Delta")));
    auto *message = card->findChild<QLabel *>(QStringLiteral("proposalMessage"));
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(message->text(), QStringLiteral("The API key was rejected."));
    QVERIFY(card->findChild<QLabel *>(QStringLiteral("proposalTitle"))
                ->text()
                .contains(QStringLiteral("failed")));
    QVERIFY(!button(card, "acceptProposal")->isEnabled());
    QVERIFY(!card->accept());
    QCOMPARE(m_editor->toPlainText(), before);
    QTest::mouseClick(button(card, "retryProposal"), Qt::LeftButton);
    QTRY_VERIFY(button(card, "acceptProposal")->isEnabled());
    QVERIFY(!message->isVisible());
    QTest::mouseClick(button(card, "acceptProposal"), Qt::LeftButton);
    QVERIFY(m_editor->toPlainText().contains(QStringLiteral("\n\nDELTA epsilon")));
}

void TestProposalCard::titleIdeasArePicked()
{
    const QString before = m_editor->toPlainText();
    m_answers.insert(QStringLiteral("Suggest 5 titles"),
                     QStringLiteral("1. Greek Letters\n2. \"Alphabet Soup\"\n3. From Alpha to Iota"));
    QTextCursor at(m_editor->document());
    QPointer<ProposalCard> card = cardFor(DraftAction::TitleIdeas, at);
    QVERIFY(!button(card, "acceptProposal")->isVisible()); // a title does not go into the text
    auto *list = card->findChild<QListWidget *>(QStringLiteral("titleList"));
    QVERIFY(list);
    QTRY_VERIFY(list->isEnabled());
    QCOMPARE(card->titles(), (QStringList{"Greek Letters", "Alphabet Soup", "From Alpha to Iota"}));
    QSignalSpy chosen(card.data(), &ProposalCard::titleChosen);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toString(), QStringLiteral("Alphabet Soup"));
    QCOMPARE(m_editor->toPlainText(), before);
    QTRY_VERIFY(!card);
}

void TestProposalCard::outlineIsEditableAndWritesSections()
{
    m_answers.insert(QStringLiteral("Propose an outline"),
                     QStringLiteral("## Why\nBecause.\n## How\nLike so."));
    ProposalInput in;
    in.brief.topic = QStringLiteral("Greek letters");
    QTextCursor at(m_editor->document());
    QPointer<ProposalCard> card = cardFor(DraftAction::Outline, at, in);
    QVERIFY(!button(card, "acceptProposal")->isVisible());
    QPushButton *writeAll = button(card, "writeAllSections");
    QTRY_VERIFY(writeAll->isEnabled());
    auto *outline = card->findChild<QPlainTextEdit *>(QStringLiteral("outlineEditor"));
    QCOMPARE(outline->toPlainText(), QStringLiteral("## Why\nBecause.\n## How\nLike so."));
    QVERIFY(!outline->isReadOnly());
    QVERIFY(button(card, "writeSection_0")->text().contains(QStringLiteral("Why")));
    QVERIFY(button(card, "writeSection_1")->text().contains(QStringLiteral("How")));
    QVERIFY(!card->findChild<QPushButton *>(QStringLiteral("writeSection_2")));

    // The user adds a section; it gets its own button and goes out with the outline.
    outline->setFocus();
    outline->moveCursor(QTextCursor::End);
    QTest::keyClick(outline, Qt::Key_Return);
    QTest::keyClicks(outline, QStringLiteral("## Next steps"));
    QPushButton *third = card->findChild<QPushButton *>(QStringLiteral("writeSection_2"));
    QVERIFY(third);
    QSignalSpy section(card.data(), &ProposalCard::writeSectionRequested);
    QSignalSpy all(card.data(), &ProposalCard::writeAllSectionsRequested);
    QTest::mouseClick(third, Qt::LeftButton);
    QCOMPARE(section.count(), 1);
    QCOMPARE(section.first().at(1).toString(), QStringLiteral("Next steps"));
    QVERIFY(section.first().at(0).toString().endsWith(QStringLiteral("Like so.\n## Next steps")));
    QTest::mouseClick(writeAll, Qt::LeftButton);
    QCOMPARE(all.count(), 1);
    QCOMPARE(card->brief().topic, QStringLiteral("Greek letters"));
    QCOMPARE(all.first().first().toString(),
             QStringLiteral("## Why\nBecause.\n## How\nLike so.\n## Next steps"));
    // An update of the proposal (e.g. a late flush) does not throw the user's edit away.
    Q_EMIT m_assistant->proposalUpdated(card->proposalId());
    QVERIFY(card->outlineText().endsWith(QStringLiteral("## Next steps")));
}

QTEST_MAIN(TestProposalCard)
#include "tst_proposalcard.moc"
