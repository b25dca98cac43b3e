#pragma once

#include <QString>
#include <QVector>

namespace penpal {

// One term pair: how `source` must be rendered in the target language.
struct GlossaryTerm {
    QString source;
    QString target;
    bool operator==(const GlossaryTerm &o) const { return source == o.source && target == o.target; }
};

// A term of the glossary that occurs in the source text but whose rendering is missing from
// the translation. `sourceStart`/`sourceLength`: the first occurrence in the source text.
struct GlossaryMiss {
    GlossaryTerm term;
    int sourceStart = -1;
    int sourceLength = 0;
};

// The term pairs of one language pair. Pure: the terms are supplied to the model (only those
// that occur in the text, so a long glossary does not crowd the request) and checked in the
// result. Matching ignores case; for scripts with spaces a term must stand as whole words
// ("art" is not found in "start"), for CJK any occurrence counts.
class Glossary {
public:
    Glossary() = default;
    explicit Glossary(QVector<GlossaryTerm> terms);

    const QVector<GlossaryTerm> &terms() const { return m_terms; }
    bool isEmpty() const { return m_terms.isEmpty(); }

    // The terms whose source occurs in `text`, in glossary order.
    QVector<GlossaryTerm> termsIn(const QString &text) const;
    // Lines for the request ("source → target", one per line); empty when none applies.
    QString promptSection(const QString &sourceText) const;
    // Terms present in `sourceText` whose target is absent from `translation`.
    QVector<GlossaryMiss> check(const QString &sourceText, const QString &translation) const;

    // CSV with two columns (source, target), RFC 4180 quoting, an optional header row
    // "source,target", UTF-8 with or without BOM, LF or CRLF. Rows with an empty source or
    // target are refused with their line number; so is a source given twice.
    static Glossary fromCsv(const QByteArray &csv, QString *error = nullptr);
    QByteArray toCsv() const;

    // Where `term` first occurs in `text` by the rules above: its start, or -1.
    static int find(const QString &text, const QString &term, int from = 0);

private:
    QVector<GlossaryTerm> m_terms;
};

} // namespace penpal
