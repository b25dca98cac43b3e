#pragma once

#include "draft/DraftPrompts.h"

#include <QPointer>
#include <QTextCursor>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace penpal {

class DraftAssistant;

// One pending AI proposal of the Draft workspace, shown against the editor's text: the action,
// a live diff of the range's text and the proposed text (insertions green and underlined,
// deletions red and struck through; word by word, CJK character by character), and Accept,
// Reject, Retry, Edit. Nothing in the editor changes until Accept, which replaces the range
// with the proposed (or edited) text as ONE undo step.
//
// The range is a QTextCursor on the editor's document: its positions follow edits made
// elsewhere, so several cards stay anchored to their own parts of the document. Accept is
// refused (with a message pointing at Retry) when the range's text is no longer what the
// proposal was made from; Retry then asks again from the current text.
//
// Title ideas show a list instead: picking one emits titleChosen(). An outline is editable in
// the card; "Write All Sections" and the per-section buttons emit the edited outline.
//
// After Accept, Reject or a chosen title the card discards the proposal in the assistant,
// hides and deletes itself (deleteLater); deleting it in a slot connected to those signals is
// safe too.
class ProposalCard : public QWidget {
    Q_OBJECT
public:
    ProposalCard(DraftAssistant *assistant, int proposalId, QPlainTextEdit *editor, const QTextCursor &range,
                 QWidget *parent = nullptr);
    ~ProposalCard() override;

    int proposalId() const { return m_id; }
    QTextCursor range() const { return m_range; }
    // The text of the range now, and what it was when the proposal was made.
    QString rangeText() const;
    QString originalText() const { return m_original; }
    // What Accept would insert: the edited text in edit mode, else the proposal's.
    QString proposedText() const;
    QString outlineText() const;
    QStringList titles() const;
    // The brief an outline was made from (for the WriteAll/WriteSection proposals it leads to).
    Brief brief() const;
    bool isEditing() const { return m_editing; }

    // The buttons' actions, for keyboard shortcuts of the view. accept() returns false when
    // it was refused (nothing to accept yet, or the range's text changed).
    bool accept();
    void reject();
    void retry();
    void edit();

Q_SIGNALS:
    // The text was changed (one undo step). `summary` says what was accepted, for the version.
    void accepted(int id, const QString &summary);
    void rejected(int id);
    void titleChosen(const QString &title);
    void writeAllSectionsRequested(const QString &outline);
    void writeSectionRequested(const QString &outline, const QString &heading);

private:
    void buildUi();
    void refresh();
    void renderDiff(const QString &proposed);
    void rebuildSectionButtons();
    void showMessage(const QString &text);
    void close(); // after the outcome's signal: forget the proposal, go away

    QPointer<DraftAssistant> m_assistant;
    int m_id;
    QPointer<QPlainTextEdit> m_editor;
    QTextCursor m_range;
    QString m_original;
    bool m_editing = false;
    bool m_outlineEdited = false;
    bool m_closing = false;
    QString m_renderedText; // what the diff view shows, to skip identical redraws
    QStringList m_sectionHeadings;

    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QTextBrowser *m_diff = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    QPlainTextEdit *m_outline = nullptr;
    QWidget *m_sections = nullptr;
    QVBoxLayout *m_sectionsLayout = nullptr;
    QPushButton *m_writeAll = nullptr;
    QListWidget *m_titles = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_editButton = nullptr;
};

} // namespace penpal
