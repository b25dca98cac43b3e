#pragma once

#include "core/Persona.h"
#include "core/SavedPrompt.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace penpal {

// The personas-and-prompts exchange file (documented in app/store/LIBRARY_FORMAT.md):
//   {"format": "penpal-library", "version": 1,
//    "personas": [{"name", "icon", "systemPrompt", "model", "params": {...}}],
//    "prompts":  [{"name", "text"}]}
// Ids, times and built-in keys are not written: an import always adds the user's own copies.
// Readers accept any version up to kVersion and ignore members they do not know.
class LibraryJson {
public:
    static constexpr int kVersion = 1;

    static QByteArray write(const QVector<Persona> &personas, const QVector<SavedPrompt> &prompts);
    // False with *error (English, for the UI to wrap) when the file is not a library this
    // version can read; items without a name are skipped.
    static bool read(const QByteArray &json, QVector<Persona> *personas, QVector<SavedPrompt> *prompts,
                     QString *error);
};

} // namespace penpal
