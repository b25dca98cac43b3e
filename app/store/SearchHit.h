#pragma once

#include <QDateTime>
#include <QString>
#include <QVector>

namespace penpal {

// One result of Store::search(): a message (or a conversation title) containing the query,
// or a draft document (documentId set, conversationId 0; title is the document's).
struct SearchHit {
    qint64 documentId = 0; // a hit in a Draft document's title or text
    qint64 conversationId = 0;
    qint64 messageId = 0; // 0 for a hit in the conversation's title
    QString title;        // the conversation's title
    // Text around the first hit, every occurrence of a term between \u0002 and \u0003
    // (control characters no message contains, so a view can replace them with its own
    // highlighting).
    QString snippet;
    QDateTime updated; // the conversation's
    QDateTime created; // the message's; for a title hit the conversation's `updated`
    bool archived = false; // the conversation is archived (search still finds it)
};

using SearchHits = QVector<SearchHit>;

} // namespace penpal
