#include "ProposalCard.h"

#include "draft/DraftAssistant.h"
#include "draft/TextDiff.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QTextCharFormat>
#include <QTextDocument>
#include <QVBoxLayout>

namespace penpal {

namespace {

bool hasDiff(DraftAction a)
{
    return a != DraftAction::Outline && a != DraftAction::TitleIdeas;
}

} // namespace

ProposalCard::ProposalCard(DraftAssistant *assistant, int proposalId, QPlainTextEdit *editor,
                           const QTextCursor &range, QWidget *parent)
    : QWidget(parent)
    , m_assistant(assistant)
    , m_id(proposalId)
    , m_editor(editor)
    , m_range(range)
{
    setObjectName(QStringLiteral("proposalCard"));
    m_original = rangeText();
    buildUi();
    connect(assistant, &DraftAssistant::proposalUpdated, this, [this](int id) {
        if (id == m_id)
            refresh();
    });
    refresh();
}

ProposalCard::~ProposalCard() = default;

void ProposalCard::buildUi()
{
    const Proposal *p = m_assistant->proposal(m_id);
    const DraftAction action = p ? p->action : DraftAction::Continue;

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("proposalTitle"));
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    m_diff = new QTextBrowser(this);
    m_diff->setObjectName(QStringLiteral("proposalDiff"));
    m_diff->setOpenLinks(false);
    m_diff->setVisible(hasDiff(action));
    layout->addWidget(m_diff);

    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("proposalEditor"));
    m_edit->setVisible(false);
    layout->addWidget(m_edit);

    if (action == DraftAction::Outline) {
        m_outline = new QPlainTextEdit(this);
        m_outline->setObjectName(QStringLiteral("outlineEditor"));
        layout->addWidget(m_outline);
        connect(m_outline, &QPlainTextEdit::textChanged, this, [this] {
            // A change made while the answer streams in is the stream's, not the user's.
            const Proposal *cur = m_assistant ? m_assistant->proposal(m_id) : nullptr;
            if (cur && cur->state == Proposal::State::Ready && m_outline->toPlainText() != cur->text)
                m_outlineEdited = true;
            rebuildSectionButtons();
        });
        m_writeAll = new QPushButton(tr("Write All Sections"), this);
        m_writeAll->setObjectName(QStringLiteral("writeAllSections"));
        connect(m_writeAll, &QPushButton::clicked, this,
                [this] { Q_EMIT writeAllSectionsRequested(outlineText()); });
        layout->addWidget(m_writeAll);
        m_sections = new QWidget(this);
        m_sections->setObjectName(QStringLiteral("sectionButtons"));
        m_sectionsLayout = new QVBoxLayout(m_sections);
        m_sectionsLayout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_sections);
    }
    if (action == DraftAction::TitleIdeas) {
        m_titles = new QListWidget(this);
        m_titles->setObjectName(QStringLiteral("titleList"));
        m_titles->setToolTip(tr("Click a title to use it"));
        auto choose = [this](QListWidgetItem *item) {
            if (!item || m_closing)
                return;
            const QString title = item->text();
            m_closing = true;
            QPointer<ProposalCard> self(this);
            Q_EMIT titleChosen(title);
            if (self)
                close();
        };
        connect(m_titles, &QListWidget::itemClicked, this, choose);
        connect(m_titles, &QListWidget::itemActivated, this, choose);
        layout->addWidget(m_titles);
    }

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("proposalMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    m_accept = new QPushButton(tr("Accept"), this);
    m_accept->setObjectName(QStringLiteral("acceptProposal"));
    m_reject = new QPushButton(tr("Reject"), this);
    m_reject->setObjectName(QStringLiteral("rejectProposal"));
    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryProposal"));
    m_editButton = new QPushButton(tr("Edit"), this);
    m_editButton->setObjectName(QStringLiteral("editProposal"));
    m_accept->setVisible(hasDiff(action));
    m_editButton->setVisible(hasDiff(action));
    buttons->addWidget(m_accept);
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_retry);
    buttons->addStretch();
    buttons->addWidget(m_reject);
    layout->addLayout(buttons);
    connect(m_accept, &QPushButton::clicked, this, [this] { accept(); });
    connect(m_reject, &QPushButton::clicked, this, &ProposalCard::reject);
    connect(m_retry, &QPushButton::clicked, this, &ProposalCard::retry);
    connect(m_editButton, &QPushButton::clicked, this, &ProposalCard::edit);
}

QString ProposalCard::rangeText() const
{
    if (!m_editor || m_range.isNull())
        return {};
    // Plain-text positions match the cursor's: one character per paragraph break.
    const int start = m_range.selectionStart();
    return m_range.document()->toPlainText().mid(start, m_range.selectionEnd() - start);
}

QString ProposalCard::proposedText() const
{
    if (m_editing)
        return m_edit->toPlainText();
    const Proposal *p = m_assistant ? m_assistant->proposal(m_id) : nullptr;
    return p ? p->text : QString();
}

QString ProposalCard::outlineText() const
{
    return m_outline ? m_outline->toPlainText() : QString();
}

QStringList ProposalCard::titles() const
{
    QStringList out;
    if (m_titles) {
        for (int i = 0; i < m_titles->count(); ++i)
            out << m_titles->item(i)->text();
    }
    return out;
}

Brief ProposalCard::brief() const
{
    const Proposal *p = m_assistant ? m_assistant->proposal(m_id) : nullptr;
    return p ? p->input.brief : Brief();
}

void ProposalCard::refresh()
{
    const Proposal *p = m_assistant ? m_assistant->proposal(m_id) : nullptr;
    if (!p)
        return;
    const bool ready = p->state == Proposal::State::Ready;
    QString state;
    switch (p->state) {
    case Proposal::State::Streaming:
        state = tr("writing…");
        break;
    case Proposal::State::Ready:
        break;
    case Proposal::State::Failed:
        state = tr("failed");
        break;
    case Proposal::State::Cancelled:
        state = tr("stopped");
        break;
    }
    m_title->setText(state.isEmpty() ? p->instruction : tr("%1 (%2)").arg(p->instruction, state));
    if (p->state == Proposal::State::Failed)
        showMessage(p->error);
    else if (p->state == Proposal::State::Streaming)
        m_message->setVisible(false);

    if (hasDiff(p->action))
        renderDiff(p->text);
    if (m_outline && !m_outlineEdited && m_outline->toPlainText() != p->text) {
        m_outline->setPlainText(p->text);
        m_outlineEdited = false;
    }
    if (m_outline)
        m_outline->setReadOnly(!ready);
    if (m_writeAll)
        m_writeAll->setEnabled(ready);
    if (m_sections)
        m_sections->setEnabled(ready);
    if (m_titles) {
        const QStringList parsed = DraftPrompts::parseTitles(p->text);
        if (parsed != titles()) {
            m_titles->clear();
            m_titles->addItems(parsed);
        }
        m_titles->setEnabled(ready);
    }
    m_accept->setEnabled(ready || m_editing);
    m_editButton->setEnabled(ready && !m_editing);
}

void ProposalCard::renderDiff(const QString &proposed)
{
    if (proposed == m_renderedText && !m_diff->document()->isEmpty())
        return;
    m_renderedText = proposed;
    QTextDocument *doc = m_diff->document();
    doc->clear();
    QTextCursor c(doc);
    QTextCharFormat inserted;
    inserted.setForeground(QColor(0x1a, 0x7f, 0x37));
    inserted.setBackground(QColor(0xd7, 0xf5, 0xdd));
    inserted.setFontUnderline(true);
    QTextCharFormat deleted;
    deleted.setForeground(QColor(0xb3, 0x1d, 0x28));
    deleted.setBackground(QColor(0xfd, 0xde, 0xe0));
    deleted.setFontStrikeOut(true);
    const QTextCharFormat plain;
    // An insertion-only proposal (Continue, a new section) is all new text: shown as it is.
    if (m_original.isEmpty()) {
        c.insertText(proposed, plain);
        return;
    }
    for (const DiffOp &op : TextDiff::compute(m_original, proposed)) {
        switch (op.kind) {
        case DiffOp::Kind::Equal:
            c.insertText(op.text, plain);
            break;
        case DiffOp::Kind::Insert:
            c.insertText(op.text, inserted);
            break;
        case DiffOp::Kind::Delete:
            c.insertText(op.text, deleted);
            break;
        }
    }
}

void ProposalCard::rebuildSectionButtons()
{
    const QStringList headings = DraftPrompts::outlineHeadings(outlineText());
    if (headings == m_sectionHeadings)
        return;
    m_sectionHeadings = headings;
    while (QLayoutItem *item = m_sectionsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < headings.size(); ++i) {
        const QString heading = headings.at(i);
        auto *b = new QPushButton(tr("Write “%1”").arg(heading), m_sections);
        b->setObjectName(QStringLiteral("writeSection_%1").arg(i));
        b->setProperty("heading", heading);
        connect(b, &QPushButton::clicked, this,
                [this, heading] { Q_EMIT writeSectionRequested(outlineText(), heading); });
        m_sectionsLayout->addWidget(b);
    }
}

void ProposalCard::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

bool ProposalCard::accept()
{
    const Proposal *p = m_assistant ? m_assistant->proposal(m_id) : nullptr;
    if (!p || !m_editor || m_closing || !hasDiff(p->action))
        return false;
    if (p->state != Proposal::State::Ready && !m_editing)
        return false;
    if (rangeText() != m_original) {
        showMessage(tr("The text here has changed since this proposal was made. Retry to make a new "
                       "proposal from the current text, or Reject it."));
        m_retry->setFocus();
        return false;
    }
    QString text = proposedText();
    const QString summary = p->instruction;
    QTextCursor c = m_range;
    // Whole blocks (a section, a summary) inserted into running text stand apart as paragraphs:
    // a blank line on each side where the text around has none.
    const bool blocks = p->action == DraftAction::WriteAll || p->action == DraftAction::WriteSection ||
                        p->action == DraftAction::Summarize;
    if (blocks && !c.hasSelection()) {
        const QString doc = m_editor->toPlainText();
        const int at = c.position();
        int newlinesBefore = 0;
        while (newlinesBefore < 2 && at - newlinesBefore > 0 && doc.at(at - newlinesBefore - 1) == QLatin1Char('\n'))
            ++newlinesBefore;
        int newlinesAfter = 0;
        while (newlinesAfter < 2 && at + newlinesAfter < doc.size() && doc.at(at + newlinesAfter) == QLatin1Char('\n'))
            ++newlinesAfter;
        text = text.trimmed();
        if (at > 0)
            text.prepend(QString(2 - newlinesBefore, QLatin1Char('\n')));
        if (at < doc.size())
            text.append(QString(2 - newlinesAfter, QLatin1Char('\n')));
    }
    // One edit block: one Ctrl+Z undoes the whole proposal.
    c.beginEditBlock();
    c.insertText(text);
    c.endEditBlock();
    m_editor->setTextCursor(c);
    m_closing = true;
    QPointer<ProposalCard> self(this);
    Q_EMIT accepted(m_id, summary);
    if (self)
        close();
    return true;
}

void ProposalCard::reject()
{
    if (m_closing)
        return;
    m_closing = true;
    QPointer<ProposalCard> self(this);
    Q_EMIT rejected(m_id);
    if (self)
        close();
}

void ProposalCard::retry()
{
    const Proposal *p = m_assistant ? m_assistant->proposal(m_id) : nullptr;
    if (!p || m_closing)
        return;
    m_editing = false;
    m_edit->setVisible(false);
    m_diff->setVisible(hasDiff(p->action));
    m_outlineEdited = false;
    m_message->setVisible(false);
    // Ask from the text as it is now: the range may have been edited since.
    ProposalInput in = p->input;
    const DraftAction a = p->action;
    const bool anchored = a == DraftAction::Rewrite || a == DraftAction::Translate ||
                          a == DraftAction::Continue ||
                          (a == DraftAction::Summarize && !p->input.selection.isEmpty());
    if (anchored && m_editor) {
        const QString all = m_range.document()->toPlainText();
        m_original = rangeText();
        in.selection = m_original;
        in.before = all.left(m_range.selectionStart());
        in.after = all.mid(m_range.selectionEnd());
    } else {
        m_original = rangeText();
    }
    m_renderedText.clear();
    m_diff->clear();
    m_assistant->retry(m_id, in);
    refresh();
}

void ProposalCard::edit()
{
    const Proposal *p = m_assistant ? m_assistant->proposal(m_id) : nullptr;
    if (!p || p->state != Proposal::State::Ready || m_editing)
        return;
    m_editing = true;
    m_edit->setPlainText(p->text);
    m_edit->setVisible(true);
    m_diff->setVisible(false);
    m_edit->setFocus();
    refresh();
}

void ProposalCard::close()
{
    m_closing = true;
    if (m_assistant)
        m_assistant->discard(m_id);
    hide();
    deleteLater();
}

} // namespace penpal
