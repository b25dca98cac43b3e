#pragma once

#include <QObject>

namespace penpal {

class AppContext;
class PromptEditor;

// Inserts library prompts into a prompt editor: "/" typed into the empty editor or Ctrl+P
// opens the library popup; the chosen prompt's own {{variables}} are asked for (values
// remembered in Settings::PromptVariableValues), the built-ins filled in, and the text
// replaces the editor's selection ({{selection}} is that selection).
class PromptLibraryController : public QObject {
    Q_OBJECT
public:
    PromptLibraryController(AppContext *ctx, PromptEditor *editor);

    void openLibrary();
    // Expands and inserts the prompt; false when it is unknown or the form was cancelled.
    bool insertPrompt(qint64 promptId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    AppContext *m_ctx;
    PromptEditor *m_editor;
};

} // namespace penpal
