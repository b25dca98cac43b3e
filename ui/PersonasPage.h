#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace penpal {

class AppContext;

// Settings page "Personas & Prompts": edit, add, delete and reset (built-ins) personas and
// library prompts, and import/export both as a JSON file (store/LibraryJson). Changes are
// written to the store by "Save" at once, not by the dialog's OK.
class PersonasPage : public QWidget {
    Q_OBJECT
public:
    explicit PersonasPage(AppContext *ctx, QWidget *parent = nullptr);

public Q_SLOTS:
    void reload();
    void exportTo(const QString &path);
    void importFrom(const QString &path);

private:
    QWidget *buildPersonaTab();
    QWidget *buildPromptTab();
    void showPersona();
    void showPrompt();
    void savePersona(bool asNew);
    void savePrompt(bool asNew);
    qint64 currentId(const QListWidget *list) const;

    AppContext *m_ctx;
    QListWidget *m_personas;
    QLineEdit *m_personaName;
    QLineEdit *m_personaIcon;
    QLineEdit *m_personaModel;
    QPlainTextEdit *m_personaPrompt;
    QPushButton *m_personaReset;
    QListWidget *m_prompts;
    QLineEdit *m_promptName;
    QPlainTextEdit *m_promptText;
    QPushButton *m_promptReset;
};

} // namespace penpal
