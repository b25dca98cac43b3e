#pragma once

#include "draft/DraftPrompts.h"

#include <QObject>
#include <QPointer>
#include <QTextCursor>

class QAction;
class QMenu;

namespace penpal {

class AppContext;
class DraftAssistant;
class DraftView;
class ProposalCard;

// The Draft workspace's AI actions: fills the view's "Write" menu (New from Brief…, Continue,
// Rewrite Selection ▸, Summarize, Title Ideas, Translate Selection ▸), starts each one as a
// proposal (DraftAssistant) and shows it as a ProposalCard in the view's proposals column,
// anchored to the text it is about. An accepted proposal becomes a version of the document
// (cause "accept"); a chosen title renames it. Nothing else touches the text.
class DraftAssistController : public QObject {
    Q_OBJECT
public:
    DraftAssistController(DraftView *view, AppContext *ctx, QObject *parent = nullptr);
    ~DraftAssistController() override;

    DraftAssistant *assistant() const { return m_assistant; }
    QMenu *menu() const;
    QAction *action(const char *objectName) const; // e.g. "draftContinue", "draftRewriteShorter"

    // The actions themselves (the menu calls these). Each returns the new card, or nullptr when
    // there is nothing to work on (the view says why in its status).
    ProposalCard *newFromBrief(const Brief &brief); // a new document, then its outline
    ProposalCard *continueAtCursor();
    // On the selection, or on the paragraph under the cursor when nothing is selected.
    ProposalCard *rewrite(RewriteStyle style, const QString &instruction = {});
    ProposalCard *summarize(); // the selection, or the whole text; inserted after it
    ProposalCard *titleIdeas();
    ProposalCard *translateSelection(const QString &targetLanguage);
    QVector<ProposalCard *> cards() const;

private:
    void buildMenu();
    void fillTranslateMenu();
    ProposalCard *start(DraftAction action, ProposalInput input, const QTextCursor &range);
    ProposalInput inputAround(const QTextCursor &range) const;
    QTextCursor selectionOrParagraph() const;
    void askForBrief();
    void askForInstruction();

    QPointer<DraftView> m_view;
    AppContext *m_ctx;
    DraftAssistant *m_assistant;
    QMenu *m_translateMenu = nullptr;
};

} // namespace penpal
