// Store: full-text search over message text and conversation titles (schema v6).
#include "store/SearchQuery.h"
#include "store/Store.h"

#include "store/StoreSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace penpal {

using namespace storesql;

namespace {

// The WHERE clause of one FTS table: MATCH over the trigram index for the long terms, an
// escaped LIKE per short term. LIKE on an FTS5 table scans it, which is why short-only
// queries rely on the LIMIT of the outer query.
QString conditionsFor(const QString &table, const QString &column, const SearchQuery &query)
{
    QStringList parts;
    if (!query.matchExpression().isEmpty())
        parts << QStringLiteral("%1 MATCH ?").arg(table);
    for (int i = 0; i < query.likePatterns().size(); ++i)
        parts << QStringLiteral("%1 LIKE ? ESCAPE '\\'").arg(column);
    return parts.join(QStringLiteral(" AND "));
}

void bindConditions(QSqlQuery &q, const SearchQuery &query)
{
    if (!query.matchExpression().isEmpty())
        q.addBindValue(query.matchExpression());
    for (const QString &pattern : query.likePatterns())
        q.addBindValue(pattern);
}

} // namespace

QVector<SearchHit> Store::search(const QString &query, int limit) const
{
    QVector<SearchHit> hits;
    const SearchQuery parsed(query);
    if (!isOpen() || parsed.isEmpty() || limit <= 0)
        return hits;

    QSqlQuery q(db());
    q.setForwardOnly(true);
    // Within a conversation its title hit comes first, then its newest messages.
    q.prepare(QStringLiteral("SELECT h.cid, h.mid, c.title, h.body, c.updated FROM ("
                             " SELECT rowid AS mid, conversation_id AS cid, content AS body"
                             "  FROM message_fts WHERE %1"
                             " UNION ALL"
                             " SELECT 0, rowid, title FROM title_fts WHERE %2"
                             ") h JOIN conversations c ON c.id = h.cid"
                             " ORDER BY c.updated DESC, c.id DESC, h.mid = 0 DESC, h.mid DESC LIMIT ?")
                  .arg(conditionsFor(QStringLiteral("message_fts"), QStringLiteral("content"), parsed),
                       conditionsFor(QStringLiteral("title_fts"), QStringLiteral("title"), parsed)));
    bindConditions(q, parsed);
    bindConditions(q, parsed);
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(QStringLiteral("cannot search"), errorOf(q));
        return hits;
    }
    const QStringList terms = parsed.terms();
    while (q.next()) {
        SearchHit hit;
        hit.conversationId = q.value(0).toLongLong();
        hit.messageId = q.value(1).toLongLong();
        hit.title = q.value(2).toString();
        hit.snippet = SearchQuery::snippet(q.value(3).toString(), terms);
        hit.updated = timeFrom(q.value(4));
        hits.append(hit);
    }
    return hits;
}

} // namespace penpal
