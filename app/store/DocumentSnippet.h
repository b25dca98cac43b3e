#pragma once

#include "store/SearchQuery.h"

#include <QString>
#include <QStringList>

namespace penpal {

// The search snippet of a Draft document (for search() and documents()): around the first
// occurrence in its text, or of its title when only the title matches. Documents run to
// hundreds of KB and folding all of one for every keystroke's search is what costs, so the text
// is searched in growing prefixes: a snippet of a prefix is the snippet of the whole text when
// its first occurrence ends well before the prefix does (the snippet's window, its "…" and the
// occurrences marked in it all lie inside the prefix then).
inline QString documentSnippet(const QString &title, const QString &content, const QStringList &terms)
{
    constexpr int kContext = 40; // SearchQuery::snippet's default
    constexpr int kMargin = 4 * kContext;
    for (qsizetype size = 4096;; size *= 8) {
        const bool whole = size >= content.size();
        const QString part = whole ? content : content.left(size);
        const QVector<QPair<int, int>> hits = SearchQuery::occurrences(part, terms);
        if (!hits.isEmpty() && (whole || hits.constFirst().first + hits.constFirst().second + kMargin < size))
            return SearchQuery::snippet(part, terms, kContext);
        if (whole)
            return SearchQuery::snippet(title, terms, kContext);
    }
}

} // namespace penpal
