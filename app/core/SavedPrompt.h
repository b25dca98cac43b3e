#pragma once

#include <QDateTime>
#include <QString>

namespace penpal {

// A reusable prompt of the library, inserted into the prompt editor. `text` may hold
// {{variables}} (chat/PromptVariables).
struct SavedPrompt {
    qint64 id = 0;
    QString name;
    QString text;
    // Non-empty for the shipped prompts (store/BuiltinLibrary): resetPrompt() restores them.
    QString builtinKey;
    QDateTime created;
    QDateTime updated;
};

} // namespace penpal
