#pragma once

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace penpal {

// Turns what a user typed into an FTS5 query over the word index of schema v8, and marks
// what it found in the original text. Pure string work, no database, so it can be tested
// on its own.
//
// The input is split at whitespace into terms, all of which must match (AND). Each term is a
// quoted FTS5 string (quotes, `*`, `-`, `NEAR` or parentheses are plain text) followed by
// `*`, so that a Latin term matches words starting with it ("bro" finds "brown", "row" does
// not), with case and diacritics folded ("cafe" finds "Café"). The tokenizer splits a CJK
// term into single characters, so it matches those characters next to each other anywhere.
// A term without a letter or a digit (say "*" or "--") has no token and matches nothing.
class SearchQuery {
public:
    explicit SearchQuery(const QString &input);

    bool isEmpty() const { return matchExpression().isEmpty(); }
    QStringList terms() const { return m_terms; }
    // "\"a\"* AND \"b\"*"; empty when no term has a token.
    QString matchExpression() const;

    // The term as an FTS5 string: in double quotes, inner quotes doubled.
    static QString quoted(const QString &term);

    // `text` lower-cased with diacritics removed, as the index folds it. With `origin`, the
    // position in `text` of every position of the result, plus text.size() at the end.
    static QString fold(const QString &text, QVector<int> *origin = nullptr);
    // Where the terms occur in `text` as the index matches them (folded; a Latin term at
    // the start of a word): (position, length) in `text`, in order, overlaps merged.
    static QVector<QPair<int, int>> occurrences(const QString &text, const QStringList &terms);
    // The part of `text` around the first occurrence of any term, every occurrence in it
    // between \u0002 and \u0003, cut with "…" where the text goes on and line breaks shown as
    // spaces. Without an occurrence, the start of the text.
    static QString snippet(const QString &text, const QStringList &terms, int context = 40);

private:
    QStringList m_terms;
};

} // namespace penpal
