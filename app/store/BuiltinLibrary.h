#pragma once

#include "core/Persona.h"
#include "core/SavedPrompt.h"

#include <QVector>

namespace penpal {

// The personas and prompts Penpal ships. The store seeds each (by builtinKey) once and
// resets an edited one back to these texts. Keys are stable forever; texts may improve.
class BuiltinLibrary {
public:
    static const QVector<Persona> &personas();
    static const QVector<SavedPrompt> &prompts();
    static Persona persona(const QString &key);    // id 0, empty key when unknown
    static SavedPrompt prompt(const QString &key); // empty key when unknown
};

} // namespace penpal
