#pragma once

#include <QString>
#include <QStringList>

namespace penpal {

// Turns what a user typed into the pieces of an SQL search over the trigram FTS5 index.
// Pure string work, no database, so the escaping can be tested on its own.
//
// The input is split at whitespace into terms, all of which must occur (AND), each as a
// case-insensitive substring (so a word prefix matches). Terms of 3 or more characters go
// into an FTS5 MATCH expression, each one a quoted string so that quotes, `*`, `-`, `NEAR`
// or parentheses are plain text. Shorter terms (one or two CJK characters) have no trigram
// and become escaped LIKE patterns instead.
class SearchQuery {
public:
    explicit SearchQuery(const QString &input);

    bool isEmpty() const { return m_terms.isEmpty(); }
    QStringList terms() const { return m_terms; }
    // FTS5 expression over the long terms ("a" AND "b"); empty when every term is short.
    QString matchExpression() const;
    // One `%term%` pattern per short term, escaped for `LIKE ? ESCAPE '\'`.
    QStringList likePatterns() const;

    // The term as an FTS5 string: in double quotes, inner quotes doubled.
    static QString quoted(const QString &term);
    // `%term%` with `\`, `%` and `_` escaped by a backslash.
    static QString likePattern(const QString &term);
    // Characters as the trigram tokenizer counts them (code points, not UTF-16 units).
    static int characterCount(const QString &term);
    // The part of `text` around the earliest occurrence of any term (case-insensitive), the
    // occurrence between \u0002 and \u0003, cut with "…" when the text goes on. Without an
    // occurrence, the start of the text.
    static QString snippet(const QString &text, const QStringList &terms, int context = 40);

    static constexpr int kMinTrigramLength = 3;

private:
    QStringList m_terms;
};

} // namespace penpal
