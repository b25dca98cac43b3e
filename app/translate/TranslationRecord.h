#pragma once

#include "translate/Glossary.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace penpal {

// One translation job as the history keeps it: what was translated, into what, how, and the
// glossary terms it was given. `id` 0 until stored.
struct TranslationRecord {
    qint64 id = 0;
    QDateTime created;
    QDateTime updated;
    QString sourceLanguage; // BCP 47 code; empty when neither chosen nor detected
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

// A line of the history list: enough to show and find a job without loading its texts.
struct TranslationSummary {
    qint64 id = 0;
    QDateTime created;
    QDateTime updated;
    QString sourceLanguage;
    QString targetLanguage;
    QString model;
    QString state;
    QString sourcePreview; // the start of the source text, on one line (at most ~120 characters)
    QString resultPreview; // the same for the result
    QString snippet;       // with a query: where it matched, terms marked as search() marks them
};

} // namespace penpal
