// Store: the Draft workspace's documents (saved as they are typed) and their versions, schema
// v11. Document title and text are searchable through document_fts by the rules of search().
#include "store/SearchQuery.h"
#include "store/Store.h"

#include "draft/DraftDocument.h"
#include "store/DocumentSnippet.h"
#include "store/StoreSql.h"

#include <QSqlQuery>

namespace penpal {

using namespace storesql;

namespace {

constexpr int kPreviewLength = 120;
// What the list reads of each text for its preview: enough to fill kPreviewLength after
// whitespace is collapsed in most texts, without reading whole documents for a list line.
constexpr int kPreviewRead = 4 * kPreviewLength;

// The start of `text` on one line, cut with "…" past kPreviewLength characters.
QString preview(const QString &text)
{
    QString s = text.simplified();
    if (s.size() <= kPreviewLength)
        return s;
    int cut = kPreviewLength - 1;
    if (s.at(cut - 1).isHighSurrogate()) // never half a character
        --cut;
    s.truncate(cut);
    return s.trimmed() + QChar(0x2026);
}

DraftVersion versionFrom(const QSqlQuery &q)
{
    DraftVersion v;
    v.id = q.value(0).toLongLong();
    v.documentId = q.value(1).toLongLong();
    v.created = timeFrom(q.value(2));
    v.cause = q.value(3).toString();
    v.name = q.value(4).toString();
    v.content = q.value(5).toString();
    return v;
}

} // namespace

qint64 Store::createDocument(const QString &title, const QString &content, const QString &language)
{
    if (!isOpen()) {
        fail(QStringLiteral("cannot create a document"), QStringLiteral("the store is not open"));
        return 0;
    }
    const QVariant now = timeValue(QDateTime::currentDateTimeUtc());
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO documents (created, updated, language, title, content)"
                             " VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(text(language));
    q.addBindValue(text(title));
    q.addBindValue(text(content));
    if (!q.exec()) {
        fail(QStringLiteral("cannot create a document"), errorOf(q));
        return 0;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    Q_EMIT documentAdded(id);
    return id;
}

DraftDocument Store::document(qint64 id) const
{
    DraftDocument d;
    if (!isOpen())
        return d;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, created, updated, language, title, content FROM documents WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read document %1").arg(id), errorOf(q));
        return d;
    }
    if (!q.next())
        return d;
    d.id = q.value(0).toLongLong();
    d.created = timeFrom(q.value(1));
    d.updated = timeFrom(q.value(2));
    d.language = q.value(3).toString();
    d.title = q.value(4).toString();
    d.content = q.value(5).toString();
    return d;
}

QVector<DraftSummary> Store::documents(const QString &query, int limit) const
{
    QVector<DraftSummary> list;
    if (!isOpen() || limit <= 0)
        return list;
    const SearchQuery parsed(query);
    const QString match = parsed.matchExpression();
    const bool searching = !query.trimmed().isEmpty();
    // A query without a searchable term (say "--") finds nothing, as search() does.
    if (searching && match.isEmpty())
        return list;

    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!searching) {
        q.prepare(QStringLiteral("SELECT id, title, updated, substr(content, 1, ?) FROM documents"
                                 " ORDER BY updated DESC, id DESC LIMIT ?"));
        q.addBindValue(kPreviewRead);
    } else {
        // The whole text, since the snippet may lie anywhere in it, but only of the documents
        // shown: the inner query orders the matches by columns stored before the text.
        q.prepare(QStringLiteral("SELECT d.id, d.title, d.updated, d.content FROM documents d"
                                 " WHERE d.id IN (SELECT m.id FROM document_fts f"
                                 "  CROSS JOIN documents m ON m.id = f.rowid WHERE document_fts MATCH ?"
                                 "  ORDER BY m.updated DESC, m.id DESC LIMIT ?)"
                                 " ORDER BY d.updated DESC, d.id DESC"));
        q.addBindValue(match);
    }
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(QStringLiteral("cannot list documents"), errorOf(q));
        return list;
    }
    const QStringList terms = parsed.terms();
    while (q.next()) {
        DraftSummary s;
        s.id = q.value(0).toLongLong();
        s.title = q.value(1).toString();
        s.updated = timeFrom(q.value(2));
        const QString content = q.value(3).toString();
        s.preview = preview(content);
        if (searching)
            s.snippet = documentSnippet(s.title, content, terms);
        list.append(s);
    }
    return list;
}

bool Store::saveDocumentContent(qint64 id, const QString &content)
{
    // Autosave calls this up to once a second with the whole text: one statement (its own
    // transaction, committed to the WAL before returning) that writes nothing, and so neither
    // re-indexes nor bumps `updated`, when the text is what is stored already.
    return setDocumentColumn(id, QStringLiteral("content"), content, true,
                             QStringLiteral("cannot save document %1").arg(id));
}

bool Store::renameDocument(qint64 id, const QString &title)
{
    return setDocumentColumn(id, QStringLiteral("title"), title, true,
                             QStringLiteral("cannot rename document %1").arg(id));
}

bool Store::setDocumentLanguage(qint64 id, const QString &language)
{
    // A setting of the document rather than an edit of it: `updated` (the list's order) stays.
    return setDocumentColumn(id, QStringLiteral("language"), language, false,
                             QStringLiteral("cannot set the language of document %1").arg(id));
}

bool Store::setDocumentColumn(qint64 id, const QString &column, const QString &value, bool touch,
                              const QString &what)
{
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    // `IS NOT`: an unchanged value writes nothing, so nothing is re-indexed or announced.
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE documents SET %1 = ?%2 WHERE id = ? AND %1 IS NOT ?")
                  .arg(column, touch ? QStringLiteral(", updated = ?") : QString()));
    q.addBindValue(text(value));
    if (touch)
        q.addBindValue(timeValue(QDateTime::currentDateTimeUtc()));
    q.addBindValue(id);
    q.addBindValue(text(value));
    if (!q.exec())
        return fail(what, errorOf(q));
    if (q.numRowsAffected() == 1) {
        Q_EMIT documentChanged(id);
        return true;
    }
    // Nothing written: unchanged (fine) or no such document (a failure).
    if (document(id).id == 0)
        return fail(QStringLiteral("no document %1").arg(id), QString());
    return true;
}

bool Store::deleteDocument(qint64 id)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot delete a document"), QStringLiteral("the store is not open"));
    // ON DELETE CASCADE takes the versions in the same statement.
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM documents WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot delete document %1").arg(id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no document %1").arg(id), QString());
    Q_EMIT documentRemoved(id);
    return true;
}

qint64 Store::addVersion(qint64 documentId, const QString &cause, const QString &content, const QString &name)
{
    const QString what = QStringLiteral("cannot add a version of document %1").arg(documentId);
    if (!isOpen()) {
        fail(what, QStringLiteral("the store is not open"));
        return 0;
    }
    // The foreign key refuses an unknown document.
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO document_versions (document_id, created, cause, name, content)"
                             " VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(documentId);
    q.addBindValue(timeValue(QDateTime::currentDateTimeUtc()));
    q.addBindValue(text(cause));
    q.addBindValue(text(name));
    q.addBindValue(text(content));
    if (!q.exec()) {
        fail(what, errorOf(q));
        return 0;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    Q_EMIT versionsChanged(documentId);
    return id;
}

QVector<DraftVersion> Store::versions(qint64 documentId) const
{
    QVector<DraftVersion> list;
    if (!isOpen())
        return list;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, document_id, created, cause, name, content FROM document_versions"
                             " WHERE document_id = ? ORDER BY created DESC, id DESC"));
    q.addBindValue(documentId);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the versions of document %1").arg(documentId), errorOf(q));
        return list;
    }
    while (q.next())
        list.append(versionFrom(q));
    return list;
}

DraftVersion Store::version(qint64 id) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, document_id, created, cause, name, content FROM document_versions"
                             " WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read version %1").arg(id), errorOf(q));
        return {};
    }
    return q.next() ? versionFrom(q) : DraftVersion();
}

} // namespace penpal
