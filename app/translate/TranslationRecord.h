#pragma once

#include "translate/Glossary.h"

#include <QDateTime>
#include <QString>

namespace penpal {

// One translation job as the history keeps it: what was translated, into what, how, and the
// glossary terms it was given. `id` 0 until stored.
struct TranslationRecord {
    qint64 id = 0;
    QDateTime created;
    QDateTime updated;
    QString sourceLanguage; // BCP 47 code, empty when it was detected as unknown
    QString targetLanguage; // BCP 47 code
    QString model;
    QString style; // "neutral", "formal", "casual"
    QString instruction;
    QString sourceText;
    QString resultText;
    QVector<GlossaryTerm> glossary; // the terms that applied to this text
    // "complete", or "partial" when parts failed or were cancelled (their source stands in).
    QString state = QStringLiteral("complete");
};

} // namespace penpal
