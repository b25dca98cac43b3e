// Store: full-text search over message text and conversation titles (schema v8 index) and
// over Draft documents (schema v11).
#include "store/SearchQuery.h"
#include "store/Store.h"

#include "store/DocumentSnippet.h"
#include "store/StoreSql.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace penpal {

using namespace storesql;

QVector<SearchHit> Store::search(const QString &query, int limit) const
{
    QVector<SearchHit> hits;
    const SearchQuery parsed(query);
    const QString match = parsed.matchExpression();
    if (!isOpen() || match.isEmpty() || limit <= 0)
        return hits;
    const QStringList terms = parsed.terms();

    // Each table is walked newest row first straight off the index (ORDER BY rowid DESC is
    // the FTS table's own order), so LIMIT stops the walk early however common the words
    // are. CROSS JOIN keeps SQLite from starting anywhere else.
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT f.rowid, m.conversation_id, m.content, m.created, c.title, c.updated,"
                             " c.archived"
                             " FROM message_fts f CROSS JOIN messages m ON m.id = f.rowid"
                             " CROSS JOIN conversations c ON c.id = m.conversation_id"
                             " WHERE message_fts MATCH ? AND c.deleted_at IS NULL"
                             " ORDER BY f.rowid DESC LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(QStringLiteral("cannot search"), errorOf(q));
        return hits;
    }
    while (q.next()) {
        SearchHit hit;
        hit.messageId = q.value(0).toLongLong();
        hit.conversationId = q.value(1).toLongLong();
        hit.snippet = SearchQuery::snippet(q.value(2).toString(), terms);
        hit.created = timeFrom(q.value(3));
        hit.title = q.value(4).toString();
        hit.updated = timeFrom(q.value(5));
        hit.archived = q.value(6).toBool();
        hits.append(hit);
    }

    q.prepare(QStringLiteral("SELECT f.rowid, c.title, c.updated, c.archived"
                             " FROM title_fts f CROSS JOIN conversations c ON c.id = f.rowid"
                             " WHERE title_fts MATCH ? AND c.deleted_at IS NULL"
                             " ORDER BY f.rowid DESC LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(QStringLiteral("cannot search"), errorOf(q));
        return {};
    }
    while (q.next()) {
        SearchHit hit;
        hit.conversationId = q.value(0).toLongLong();
        hit.title = q.value(1).toString();
        hit.snippet = SearchQuery::snippet(hit.title, terms);
        hit.updated = timeFrom(q.value(2));
        hit.created = hit.updated;
        hit.archived = q.value(3).toBool();
        hits.append(hit);
    }

    // Draft documents (schema v11), newest edit first. Few enough to order every match by
    // `updated`; the inner query reads no text, the outer one only the texts of those kept.
    q.prepare(QStringLiteral("SELECT d.id, d.title, d.updated, d.content FROM documents d"
                             " WHERE d.id IN (SELECT m.id FROM document_fts f"
                             "  CROSS JOIN documents m ON m.id = f.rowid WHERE document_fts MATCH ?"
                             "  ORDER BY m.updated DESC, m.id DESC LIMIT ?)"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(QStringLiteral("cannot search"), errorOf(q));
        return {};
    }
    while (q.next()) {
        SearchHit hit;
        hit.documentId = q.value(0).toLongLong();
        hit.title = q.value(1).toString();
        hit.updated = timeFrom(q.value(2));
        hit.created = hit.updated;
        hit.snippet = documentSnippet(hit.title, q.value(3).toString(), terms);
        hits.append(hit);
    }

    // Newest first; a conversation's title hit before its messages of the same moment.
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
        if (a.created != b.created)
            return a.created > b.created;
        if ((a.messageId == 0) != (b.messageId == 0))
            return a.messageId == 0;
        return a.messageId > b.messageId;
    });
    if (hits.size() > limit)
        hits.resize(limit);
    return hits;
}

} // namespace penpal
