// Store: the Translate workspace's history (searchable through the schema v10 index) and its
// glossaries, one list of term pairs per language pair.
#include "store/SearchQuery.h"
#include "store/Store.h"

#include "store/StoreSql.h"
#include "store/StoreTransaction.h"
#include "translate/Glossary.h"
#include "translate/TranslationRecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

namespace penpal {

using namespace storesql;

namespace {

constexpr int kPreviewLength = 120;
// What the list query reads of each text for its preview: enough to fill kPreviewLength after
// whitespace is collapsed in most texts, without reading whole documents for a list line.
constexpr int kPreviewRead = 4 * kPreviewLength;

const QString kSummaryColumns =
    QStringLiteral("t.id, t.created, t.updated, t.source_language, t.target_language, t.model, t.state");

QString glossaryJson(const QVector<GlossaryTerm> &terms)
{
    QJsonArray array;
    for (const GlossaryTerm &t : terms)
        array.append(QJsonObject{{QStringLiteral("source"), t.source}, {QStringLiteral("target"), t.target}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// A hand-edited or damaged value reads as "no terms" rather than failing the whole record.
QVector<GlossaryTerm> glossaryFrom(const QString &json)
{
    QVector<GlossaryTerm> terms;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        terms.append(GlossaryTerm{o.value(QStringLiteral("source")).toString(),
                                  o.value(QStringLiteral("target")).toString()});
    }
    return terms;
}

// The start of `text` on one line: runs of whitespace (line breaks included) become one space,
// and a longer text is cut with "…" so the line stays within kPreviewLength characters.
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

// The columns of kSummaryColumns, from `q`'s first seven values.
TranslationSummary summaryFrom(const QSqlQuery &q)
{
    TranslationSummary s;
    s.id = q.value(0).toLongLong();
    s.created = timeFrom(q.value(1));
    s.updated = timeFrom(q.value(2));
    s.sourceLanguage = q.value(3).toString();
    s.targetLanguage = q.value(4).toString();
    s.model = q.value(5).toString();
    s.state = q.value(6).toString();
    return s;
}

} // namespace

qint64 Store::saveTranslation(const TranslationRecord &record)
{
    if (!isOpen()) {
        fail(QStringLiteral("cannot save a translation"), QStringLiteral("the store is not open"));
        return 0;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSqlQuery q(db());
    if (record.id == 0) {
        // Given times are kept (a job saved when it ended, or copied in); otherwise "now".
        const QDateTime created = record.created.isValid() ? record.created : now;
        const QDateTime updated = record.updated.isValid() ? record.updated : created;
        q.prepare(
            QStringLiteral("INSERT INTO translations (created, updated, source_language, target_language,"
                           " model, style, instruction, source_text, result_text, glossary, state)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(timeValue(created));
        q.addBindValue(timeValue(updated));
    } else {
        // `created` stays as first stored; saving again is what makes the job recent.
        q.prepare(
            QStringLiteral("UPDATE translations SET updated = ?, source_language = ?, target_language = ?,"
                           " model = ?, style = ?, instruction = ?, source_text = ?, result_text = ?,"
                           " glossary = ?, state = ? WHERE id = ?"));
        q.addBindValue(timeValue(now));
    }
    q.addBindValue(text(record.sourceLanguage));
    q.addBindValue(text(record.targetLanguage));
    q.addBindValue(text(record.model));
    q.addBindValue(text(record.style));
    q.addBindValue(text(record.instruction));
    q.addBindValue(text(record.sourceText));
    q.addBindValue(text(record.resultText));
    q.addBindValue(glossaryJson(record.glossary));
    q.addBindValue(record.state.isEmpty() ? QStringLiteral("complete") : record.state);
    if (record.id != 0)
        q.addBindValue(record.id);
    if (!q.exec()) {
        fail(QStringLiteral("cannot save a translation"), errorOf(q));
        return 0;
    }
    qint64 id = record.id;
    if (id == 0) {
        id = q.lastInsertId().toLongLong();
    } else if (q.numRowsAffected() != 1) {
        fail(QStringLiteral("no translation %1").arg(record.id), QString());
        return 0;
    }
    Q_EMIT translationsChanged();
    return id;
}

TranslationRecord Store::translation(qint64 id) const
{
    TranslationRecord r;
    if (!isOpen())
        return r;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, created, updated, source_language, target_language, model, style,"
                             " instruction, source_text, result_text, glossary, state"
                             " FROM translations WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(QStringLiteral("cannot read translation %1").arg(id), errorOf(q));
        return r;
    }
    if (!q.next())
        return r;
    r.id = q.value(0).toLongLong();
    r.created = timeFrom(q.value(1));
    r.updated = timeFrom(q.value(2));
    r.sourceLanguage = q.value(3).toString();
    r.targetLanguage = q.value(4).toString();
    r.model = q.value(5).toString();
    r.style = q.value(6).toString();
    r.instruction = q.value(7).toString();
    r.sourceText = q.value(8).toString();
    r.resultText = q.value(9).toString();
    r.glossary = glossaryFrom(q.value(10).toString());
    r.state = q.value(11).toString();
    return r;
}

QVector<TranslationSummary> Store::translations(const QString &query, int limit) const
{
    QVector<TranslationSummary> list;
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
        q.prepare(QStringLiteral("SELECT %1, substr(t.source_text, 1, ?), substr(t.result_text, 1, ?)"
                                 " FROM translations t ORDER BY t.updated DESC, t.id DESC LIMIT ?")
                      .arg(kSummaryColumns));
        q.addBindValue(kPreviewRead);
        q.addBindValue(kPreviewRead);
    } else {
        // The whole texts, since the snippet may lie anywhere in them, but only of the jobs
        // shown: the inner query orders the matches reading no text (the columns before the
        // texts never touch their overflow pages), the outer one reads the texts of those kept.
        q.prepare(QStringLiteral("SELECT %1, t.source_text, t.result_text FROM translations t"
                                 " WHERE t.id IN (SELECT m.id FROM translation_fts f"
                                 "  CROSS JOIN translations m ON m.id = f.rowid WHERE translation_fts MATCH ?"
                                 "  ORDER BY m.updated DESC, m.id DESC LIMIT ?)"
                                 " ORDER BY t.updated DESC, t.id DESC")
                      .arg(kSummaryColumns));
        q.addBindValue(match);
    }
    q.addBindValue(limit);
    if (!q.exec()) {
        fail(QStringLiteral("cannot list translations"), errorOf(q));
        return list;
    }
    const QStringList terms = parsed.terms();
    while (q.next()) {
        TranslationSummary s = summaryFrom(q);
        const QString source = q.value(7).toString();
        const QString result = q.value(8).toString();
        s.sourcePreview = preview(source);
        s.resultPreview = preview(result);
        if (searching) {
            // Terms may match in either text; show the source where it has one.
            const bool inSource = !SearchQuery::occurrences(source, terms).isEmpty();
            s.snippet = SearchQuery::snippet(inSource ? source : result, terms);
        }
        list.append(s);
    }
    return list;
}

bool Store::deleteTranslation(qint64 id)
{
    if (!isOpen())
        return fail(QStringLiteral("cannot delete a translation"), QStringLiteral("the store is not open"));
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM translations WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot delete translation %1").arg(id), errorOf(q));
    if (q.numRowsAffected() != 1)
        return fail(QStringLiteral("no translation %1").arg(id), QString());
    Q_EMIT translationsChanged();
    return true;
}

Glossary Store::glossary(const QString &sourceLanguage, const QString &targetLanguage) const
{
    QVector<GlossaryTerm> terms;
    if (!isOpen())
        return Glossary(terms);
    QSqlQuery q(db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT source, target FROM glossary_terms"
                             " WHERE source_language = ? AND target_language = ? ORDER BY position"));
    q.addBindValue(text(sourceLanguage));
    q.addBindValue(text(targetLanguage));
    if (!q.exec()) {
        fail(QStringLiteral("cannot read the glossary %1-%2").arg(sourceLanguage, targetLanguage),
             errorOf(q));
        return Glossary(terms);
    }
    while (q.next())
        terms.append(GlossaryTerm{q.value(0).toString(), q.value(1).toString()});
    return Glossary(terms);
}

bool Store::setGlossary(const QString &sourceLanguage, const QString &targetLanguage,
                        const Glossary &glossary)
{
    const QString what = QStringLiteral("cannot save the glossary %1-%2").arg(sourceLanguage, targetLanguage);
    if (!isOpen())
        return fail(what, QStringLiteral("the store is not open"));
    // Glossary matching ignores case, so "API" and "api" would be one term with two renderings.
    QSet<QString> seen;
    for (const GlossaryTerm &t : glossary.terms()) {
        const QString key = t.source.toCaseFolded();
        if (seen.contains(key))
            return fail(what, QStringLiteral("\"%1\" is in it twice").arg(t.source));
        seen.insert(key);
    }

    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(what, tx.error());
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM glossary_terms WHERE source_language = ? AND target_language = ?"));
    q.addBindValue(text(sourceLanguage));
    q.addBindValue(text(targetLanguage));
    if (!q.exec())
        return fail(what, errorOf(q));
    if (!q.prepare(QStringLiteral("INSERT INTO glossary_terms (source_language, target_language, position,"
                                  " source, target) VALUES (?, ?, ?, ?, ?)")))
        return fail(what, errorOf(q));
    int position = 0;
    for (const GlossaryTerm &t : glossary.terms()) {
        q.addBindValue(text(sourceLanguage));
        q.addBindValue(text(targetLanguage));
        q.addBindValue(position++);
        q.addBindValue(text(t.source));
        q.addBindValue(text(t.target));
        if (!q.exec())
            return fail(what, errorOf(q));
    }
    if (!tx.commit())
        return fail(what, tx.error());
    Q_EMIT glossaryChanged(sourceLanguage, targetLanguage);
    return true;
}

} // namespace penpal
