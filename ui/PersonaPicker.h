#pragma once

#include <QWidget>

class QComboBox;

namespace penpal {

class AppContext;

// The persona choice above the prompt editor of a new chat (objectName "personaPicker", the
// combo "newChatPersonaCombo"; first item "No persona": the profile's settings). Kept in step
// with the store's personas.
class PersonaPicker : public QWidget {
    Q_OBJECT
public:
    explicit PersonaPicker(AppContext *ctx, QWidget *parent = nullptr);
    qint64 personaId() const; // 0: none
    // Saves a new conversation for `prompt` with the active profile and the chosen persona
    // copied in (see PersonaApply); its id, 0 when no persona is chosen or saving failed.
    qint64 createConversation(const QString &prompt);

private:
    void reload();

    AppContext *m_ctx;
    QComboBox *m_combo;
};

} // namespace penpal
