#include "PromptEditor.h"

#include <QKeyEvent>

namespace penpal {

PromptEditor::PromptEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("promptEditor"));
    setPlaceholderText(tr("Message the model… (Enter to send, Shift+Enter for a new line)"));
    setAccessibleName(tr("Message"));
    setTabChangesFocus(true);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
}

QSize PromptEditor::sizeHint() const
{
    const QSize base = QPlainTextEdit::sizeHint();
    return {base.width(), fontMetrics().lineSpacing() * 4 + 12};
}

void PromptEditor::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        // Ctrl+Enter sends too; input methods composing text never reach here with Enter.
        event->accept();
        Q_EMIT submitRequested();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        event->accept();
        Q_EMIT stopRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace penpal
