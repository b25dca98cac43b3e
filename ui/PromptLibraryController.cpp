#include "PromptLibraryController.h"

#include "PromptEditor.h"
#include "PromptEnvironment.h"
#include "PromptLibraryPopup.h"
#include "PromptVariablesDialog.h"
#include "chat/AppContext.h"
#include "chat/PromptVariables.h"
#include "core/SavedPrompt.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QKeyEvent>
#include <QLineEdit>

namespace penpal {

PromptLibraryController::PromptLibraryController(AppContext *ctx, PromptEditor *editor)
    : QObject(editor)
    , m_ctx(ctx)
    , m_editor(editor)
{
    editor->installEventFilter(this);
}

bool PromptLibraryController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool slash = key->text() == QLatin1String("/") && m_editor->document()->isEmpty();
        const bool ctrlP = key->key() == Qt::Key_P && key->modifiers() == Qt::ControlModifier;
        if (slash || ctrlP) {
            openLibrary();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void PromptLibraryController::openLibrary()
{
    auto *popup = new PromptLibraryPopup(m_ctx->store()->prompts(), m_editor);
    connect(popup, &PromptLibraryPopup::chosen, this, [this](qint64 id) { insertPrompt(id); });
    const int width = qMax(320, m_editor->width() / 2);
    popup->resize(width, 280);
    // Above the editor: it sits at the bottom of the window.
    popup->move(m_editor->mapToGlobal(QPoint(0, -popup->height())));
    popup->show();
    popup->filterEdit()->setFocus();
}

bool PromptLibraryController::insertPrompt(qint64 promptId)
{
    const SavedPrompt prompt = m_ctx->store()->prompt(promptId);
    if (prompt.id == 0)
        return false;
    Settings *settings = m_ctx->settings();
    const QString stored = settings->value(Settings::PromptVariableValues).toString();
    QHash<QString, QString> values = PromptVariables::valuesFromJson(stored);
    const QStringList names = PromptVariables::userVariables(prompt.text);
    if (!names.isEmpty()) {
        PromptVariablesDialog form(names, values, m_editor);
        if (form.exec() != QDialog::Accepted)
            return false;
        values = form.values();
        settings->setValue(Settings::PromptVariableValues, PromptVariables::mergedJson(stored, values));
    }
    QTextCursor cursor = m_editor->textCursor();
    // QTextCursor marks line breaks in a selection with U+2029.
    const QString selection = cursor.selectedText().replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
    cursor.insertText(PromptVariables::expand(prompt.text, values, PromptEnvironment::current(selection)));
    m_editor->setTextCursor(cursor);
    m_editor->setFocus();
    return true;
}

} // namespace penpal
