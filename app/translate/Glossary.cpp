#include "translate/Glossary.h"

#include "chat/TokenEstimate.h"

#include <QCoreApplication>
#include <QSet>

namespace penpal {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

bool isCjk(QChar c)
{
    return TokenEstimate::isCjk(c.unicode());
}

// RFC 4180 fields of one CSV text, row by row, with each row's first line number.
struct CsvRow {
    QStringList fields;
    int line = 0;
};

QVector<CsvRow> parseCsv(const QString &text, QString *error)
{
    QVector<CsvRow> rows;
    CsvRow row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    row.line = 1;
    auto endField = [&] {
        row.fields << field;
        field.clear();
        fieldStarted = false;
    };
    auto endRow = [&] {
        endField();
        if (!(row.fields.size() == 1 && row.fields.first().isEmpty()))
            rows.append(row);
        row = CsvRow();
        row.line = line;
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            continue; // the \n ends the row
        } else if (c == QLatin1Char('\n')) {
            ++line;
            endRow();
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        if (error)
            *error = QCoreApplication::translate("Glossary", "Line %1: a quoted field is never closed.")
                         .arg(row.line);
        return {};
    }
    if (fieldStarted || !row.fields.isEmpty())
        endRow();
    return rows;
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')) &&
        !s.contains(QLatin1Char('\r')) && s.trimmed() == s)
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace

Glossary::Glossary(QVector<GlossaryTerm> terms)
    : m_terms(std::move(terms))
{
}

int Glossary::find(const QString &text, const QString &term, int from)
{
    const QString needle = term.trimmed();
    if (needle.isEmpty())
        return -1;
    // Whole words only where the term's own edges are word characters of a spaced script: a
    // term that starts or ends with CJK, punctuation or a symbol matches anywhere.
    const bool wordStart = isWordChar(needle.front()) && !isCjk(needle.front());
    const bool wordEnd = isWordChar(needle.back()) && !isCjk(needle.back());
    for (int at = text.indexOf(needle, from, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(needle, at + 1, Qt::CaseInsensitive)) {
        const int end = at + needle.size();
        const bool startOk = !wordStart || at == 0 || !isWordChar(text.at(at - 1)) || isCjk(text.at(at - 1));
        const bool endOk = !wordEnd || end >= text.size() || !isWordChar(text.at(end)) || isCjk(text.at(end));
        if (startOk && endOk)
            return at;
    }
    return -1;
}

QVector<GlossaryTerm> Glossary::termsIn(const QString &text) const
{
    QVector<GlossaryTerm> found;
    for (const GlossaryTerm &t : m_terms) {
        if (find(text, t.source) >= 0)
            found.append(t);
    }
    return found;
}

QString Glossary::promptSection(const QString &sourceText) const
{
    QStringList lines;
    for (const GlossaryTerm &t : termsIn(sourceText))
        lines << QStringLiteral("%1 → %2").arg(t.source.trimmed(), t.target.trimmed());
    return lines.join(QLatin1Char('\n'));
}

QVector<GlossaryMiss> Glossary::check(const QString &sourceText, const QString &translation) const
{
    QVector<GlossaryMiss> misses;
    for (const GlossaryTerm &t : m_terms) {
        const int at = find(sourceText, t.source);
        if (at < 0 || find(translation, t.target) >= 0)
            continue;
        misses.append(GlossaryMiss{t, at, int(t.source.trimmed().size())});
    }
    return misses;
}

Glossary Glossary::fromCsv(const QByteArray &csv, QString *error)
{
    QString text = QString::fromUtf8(csv);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QString parseError;
    const QVector<CsvRow> rows = parseCsv(text, &parseError);
    if (!parseError.isEmpty()) {
        if (error)
            *error = parseError;
        return {};
    }
    QVector<GlossaryTerm> terms;
    QSet<QString> seen;
    for (int i = 0; i < rows.size(); ++i) {
        const CsvRow &r = rows.at(i);
        if (i == 0 && r.fields.size() >= 2 &&
            r.fields.at(0).trimmed().compare(QLatin1String("source"), Qt::CaseInsensitive) == 0 &&
            r.fields.at(1).trimmed().compare(QLatin1String("target"), Qt::CaseInsensitive) == 0)
            continue;
        const QString source = r.fields.value(0).trimmed();
        const QString target = r.fields.value(1).trimmed();
        if (r.fields.size() < 2 || source.isEmpty() || target.isEmpty()) {
            if (error)
                *error = QCoreApplication::translate("Glossary",
                                                     "Line %1: each row needs a term and its translation.")
                             .arg(r.line);
            return {};
        }
        if (seen.contains(source.toCaseFolded())) {
            if (error)
                *error =
                    QCoreApplication::translate("Glossary", "Line %1: \"%2\" is already in the glossary.")
                        .arg(r.line)
                        .arg(source);
            return {};
        }
        seen.insert(source.toCaseFolded());
        terms.append(GlossaryTerm{source, target});
    }
    if (error)
        error->clear();
    return Glossary(terms);
}

QByteArray Glossary::toCsv() const
{
    QString out = QStringLiteral("source,target\r\n");
    for (const GlossaryTerm &t : m_terms)
        out += csvField(t.source) + QLatin1Char(',') + csvField(t.target) + QStringLiteral("\r\n");
    return out.toUtf8();
}

} // namespace penpal
