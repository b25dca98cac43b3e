#pragma once

#include "history/ImportNotes.h"

#include <QString>
#include <QVector>

namespace penpal {

// What an import did. On failure or cancel nothing was written (one transaction).
struct ImportResult {
    bool ok = false;
    bool cancelled = false;
    QString error;                   // why it failed: one sentence, English (core)
    QString format;                  // "ChatGPT" or "Penpal" once known
    int imported = 0;                // conversations added
    int alreadyPresent = 0;          // skipped: their uid was already in the history
    int messages = 0;                // messages added
    QVector<qint64> conversationIds; // the added conversations, in file order
    ImportNotes notes;
};

} // namespace penpal

#include <QMetaType>
Q_DECLARE_METATYPE(penpal::ImportResult)
