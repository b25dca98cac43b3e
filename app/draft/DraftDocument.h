#pragma once

#include <QDateTime>
#include <QString>

namespace penpal {

// A Draft workspace document: Markdown text with a title, kept in the store and saved as it
// is typed (autosave), plus the versions taken of it.
struct DraftDocument {
    qint64 id = 0;
    QString title;
    QString content;  // Markdown
    QString language; // BCP 47, "" when unknown (spell checking and AI actions use it)
    QDateTime created;
    QDateTime updated;
};

// A line of the document list.
struct DraftSummary {
    qint64 id = 0;
    QString title;
    QDateTime updated;
    QString preview; // the start of the text on one line (~120 characters)
    QString snippet; // with a query: where it matched, terms between \u0002 and \u0003
};

// A snapshot of a document's text.
struct DraftVersion {
    qint64 id = 0;
    qint64 documentId = 0;
    QDateTime created;
    QString cause; // "named" (Ctrl+S), "accept" (an accepted proposal), "restore"
    QString name;  // the user's name for a named version, or what was accepted
    QString content;
};

} // namespace penpal
