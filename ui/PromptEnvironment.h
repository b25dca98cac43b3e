#pragma once

#include "chat/PromptVariables.h"

#include <QClipboard>
#include <QGuiApplication>

namespace penpal {

// The machine's side of {{variables}}: now, the UI language, the clipboard (read only when a
// text uses it) and the given selection.
class PromptEnvironment {
public:
    static PromptVariables::Environment current(const QString &selection = {})
    {
        PromptVariables::Environment env;
        env.now = QDateTime::currentDateTime();
        env.locale = QLocale();
        env.clipboard = [] {
            return QGuiApplication::clipboard()->text();
        };
        env.selection = selection;
        return env;
    }
};

} // namespace penpal
