#include "DraftAssistController.h"

#include "BriefDialog.h"
#include "DraftView.h"
#include "ProposalCard.h"
#include "chat/AppContext.h"
#include "draft/DraftAssistant.h"
#include "draft/DraftDocument.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "store/Store.h"
#include "translate/Languages.h"
#include "translate/RecentLanguagePairs.h"

#include <QInputDialog>
#include <QLayout>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QToolButton>

namespace penpal {

namespace {

// Offered in Translate Selection after the targets used recently.
const char *const kCommonTargets[] = {"en", "zh-Hans", "zh-Hant", "ja", "de", "fr", "es"};

} // namespace

DraftAssistController::DraftAssistController(DraftView *view, AppContext *ctx, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_ctx(ctx)
    , m_assistant(new DraftAssistant(
          ctx->settings(), ctx->secrets(),
          [ctx](const ProviderProfile &profile, const QString &key) {
              return createProvider(ctx->network(), profile, key);
          },
          this))
{
    m_assistant->setStore(ctx->store());
    buildMenu();
}

DraftAssistController::~DraftAssistController() = default;

QMenu *DraftAssistController::menu() const
{
    return m_view->aiButton()->menu();
}

QAction *DraftAssistController::action(const char *objectName) const
{
    return menu()->findChild<QAction *>(QLatin1String(objectName));
}

void DraftAssistController::buildMenu()
{
    QMenu *m = menu();
    auto add = [this](QMenu *into, const QString &text, const char *name, auto slot) {
        QAction *a = into->addAction(text, this, slot);
        a->setObjectName(QLatin1String(name));
        return a;
    };
    add(m, tr("New from Brief…"), "draftNewFromBrief", [this] { askForBrief(); });
    m->addSeparator();
    QAction *cont = add(m, tr("Continue"), "draftContinue", [this] { continueAtCursor(); });
    cont->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    cont->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(cont);

    QMenu *rewrite = m->addMenu(tr("Rewrite Selection"));
    rewrite->setObjectName(QStringLiteral("draftRewriteMenu"));
    const struct {
        RewriteStyle style;
        const char *name;
        QString label;
    } styles[] = {
        {RewriteStyle::Shorter, "draftRewriteShorter", tr("Shorter")},
        {RewriteStyle::Longer, "draftRewriteLonger", tr("Longer")},
        {RewriteStyle::Simpler, "draftRewriteSimpler", tr("Simpler")},
        {RewriteStyle::MoreFormal, "draftRewriteFormal", tr("More Formal")},
        {RewriteStyle::MoreCasual, "draftRewriteCasual", tr("More Casual")},
        {RewriteStyle::FixGrammar, "draftRewriteFix", tr("Fix Grammar and Spelling")},
    };
    for (const auto &s : styles) {
        const RewriteStyle style = s.style;
        add(rewrite, s.label, s.name, [this, style] { this->rewrite(style); });
    }
    rewrite->addSeparator();
    QAction *custom =
        add(rewrite, tr("Custom Instruction…"), "draftRewriteCustom", [this] { askForInstruction(); });
    custom->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    custom->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(custom);

    add(m, tr("Summarize"), "draftSummarize", [this] { summarize(); });
    add(m, tr("Title Ideas"), "draftTitleIdeas", [this] { titleIdeas(); });
    m_translateMenu = m->addMenu(tr("Translate Selection"));
    m_translateMenu->setObjectName(QStringLiteral("draftTranslateMenu"));
    connect(m_translateMenu, &QMenu::aboutToShow, this, &DraftAssistController::fillTranslateMenu);
    fillTranslateMenu();
}

void DraftAssistController::fillTranslateMenu()
{
    m_translateMenu->clear();
    QStringList targets;
    for (const auto &pair : RecentLanguagePairs::list(m_ctx->settings()))
        targets << pair.second;
    for (const char *code : kCommonTargets)
        targets << QLatin1String(code);
    targets.removeDuplicates();
    for (const QString &code : targets) {
        QAction *a = m_translateMenu->addAction(Languages::nativeName(code), this,
                                                [this, code] { translateSelection(code); });
        a->setObjectName(QStringLiteral("draftTranslateTo_") + code);
    }
}

QVector<ProposalCard *> DraftAssistController::cards() const
{
    QVector<ProposalCard *> out;
    QLayout *layout = m_view->proposalsArea()->layout();
    for (int i = 0; i < layout->count(); ++i) {
        if (auto *card = qobject_cast<ProposalCard *>(layout->itemAt(i)->widget()))
            out << card;
    }
    return out;
}

ProposalInput DraftAssistController::inputAround(const QTextCursor &range) const
{
    const QString text = m_view->editor()->toPlainText();
    ProposalInput input;
    input.selection = range.selectedText().replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    input.before = text.left(range.selectionStart());
    input.after = text.mid(range.selectionEnd());
    input.documentLanguage = m_view->effectiveLanguage();
    return input;
}

QTextCursor DraftAssistController::selectionOrParagraph() const
{
    QTextCursor c = m_view->editor()->textCursor();
    if (!c.hasSelection()) {
        c.movePosition(QTextCursor::StartOfBlock);
        c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    }
    return c;
}

ProposalCard *DraftAssistController::start(DraftAction action, ProposalInput input, const QTextCursor &range)
{
    const int id = m_assistant->propose(action, input);
    auto *card = new ProposalCard(m_assistant, id, m_view->editor(), range, m_view->proposalsArea());
    card->setObjectName(QStringLiteral("proposalCard_%1").arg(id));
    m_view->proposalsArea()->layout()->addWidget(card);
    const qint64 documentId = m_view->documentId();
    connect(card, &ProposalCard::accepted, this, [this, documentId](int, const QString &summary) {
        // The accepted text is in the document at once, and a version remembers the moment.
        m_view->saveNow();
        if (m_view->documentId() == documentId) {
            m_ctx->store()->addVersion(documentId, QStringLiteral("accept"), m_view->editor()->toPlainText(),
                                       summary);
        }
    });
    connect(card, &ProposalCard::titleChosen, this,
            [this, documentId](const QString &title) { m_ctx->store()->renameDocument(documentId, title); });
    connect(card, &ProposalCard::writeAllSectionsRequested, this, [this, card](const QString &outline) {
        ProposalInput in = inputAround(QTextCursor(m_view->editor()->document()));
        in.brief = card->brief();
        in.outline = outline;
        QTextCursor end(m_view->editor()->document());
        end.movePosition(QTextCursor::End);
        in.before = m_view->editor()->toPlainText();
        in.after.clear();
        start(DraftAction::WriteAll, in, end);
    });
    connect(card, &ProposalCard::writeSectionRequested, this,
            [this, card](const QString &outline, const QString &heading) {
                ProposalInput in;
                in.brief = card->brief();
                in.outline = outline;
                in.heading = heading;
                in.before = m_view->editor()->toPlainText();
                in.documentLanguage = m_view->effectiveLanguage();
                QTextCursor end(m_view->editor()->document());
                end.movePosition(QTextCursor::End);
                start(DraftAction::WriteSection, in, end);
            });
    card->show();
    return card;
}

void DraftAssistController::askForBrief()
{
    BriefDialog dialog(m_view);
    Brief last;
    last.language = m_view->effectiveLanguage();
    dialog.setBrief(last);
    if (dialog.exec() == QDialog::Accepted)
        newFromBrief(dialog.brief());
}

ProposalCard *DraftAssistController::newFromBrief(const Brief &brief)
{
    const QString title = brief.topic.section(QLatin1Char('\n'), 0, 0).trimmed().left(80);
    if (m_view->newDocument(title.isEmpty() ? tr("Untitled") : title) == 0)
        return nullptr;
    ProposalInput input;
    input.brief = brief;
    input.documentLanguage = brief.language;
    // The outline is not inserted: it is edited in its card, which then writes the sections.
    return start(DraftAction::Outline, input, QTextCursor(m_view->editor()->document()));
}

ProposalCard *DraftAssistController::continueAtCursor()
{
    if (m_view->documentId() == 0)
        return nullptr;
    QTextCursor at = m_view->editor()->textCursor();
    at.clearSelection();
    return start(DraftAction::Continue, inputAround(at), at);
}

ProposalCard *DraftAssistController::rewrite(RewriteStyle style, const QString &instruction)
{
    const QTextCursor range = selectionOrParagraph();
    if (m_view->documentId() == 0 || range.selectedText().trimmed().isEmpty())
        return nullptr;
    ProposalInput input = inputAround(range);
    input.style = style;
    input.instruction = instruction;
    return start(DraftAction::Rewrite, input, range);
}

void DraftAssistController::askForInstruction()
{
    bool ok = false;
    const QString instruction =
        QInputDialog::getText(m_view, tr("Rewrite Selection"), tr("How should the selection be rewritten?"),
                              QLineEdit::Normal, QString(), &ok);
    if (ok && !instruction.trimmed().isEmpty())
        rewrite(RewriteStyle::Custom, instruction.trimmed());
}

ProposalCard *DraftAssistController::summarize()
{
    if (m_view->documentId() == 0 || m_view->editor()->toPlainText().trimmed().isEmpty())
        return nullptr;
    QTextCursor selection = m_view->editor()->textCursor();
    if (!selection.hasSelection())
        selection.select(QTextCursor::Document);
    ProposalInput input = inputAround(selection);
    // The summary goes after what it summarizes; the text itself stays.
    QTextCursor at(m_view->editor()->document());
    at.setPosition(selection.selectionEnd());
    return start(DraftAction::Summarize, input, at);
}

ProposalCard *DraftAssistController::titleIdeas()
{
    if (m_view->documentId() == 0 || m_view->editor()->toPlainText().trimmed().isEmpty())
        return nullptr;
    QTextCursor all(m_view->editor()->document());
    all.select(QTextCursor::Document);
    ProposalInput input = inputAround(all);
    return start(DraftAction::TitleIdeas, input, QTextCursor(m_view->editor()->document()));
}

ProposalCard *DraftAssistController::translateSelection(const QString &targetLanguage)
{
    const QTextCursor range = selectionOrParagraph();
    if (m_view->documentId() == 0 || range.selectedText().trimmed().isEmpty())
        return nullptr;
    ProposalInput input = inputAround(range);
    input.sourceLanguage = m_view->effectiveLanguage();
    input.targetLanguage = targetLanguage;
    RecentLanguagePairs::remember(m_ctx->settings(), input.sourceLanguage, targetLanguage);
    return start(DraftAction::Translate, input, range);
}

} // namespace penpal
