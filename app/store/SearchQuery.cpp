#include "store/SearchQuery.h"

#include "store/SearchTokenizer.h"

#include <QRegularExpression>

#include <algorithm>

namespace penpal {

namespace {

bool hasToken(const QString &term)
{
    for (const char32_t cp : term.toUcs4()) {
        if (QChar::isLetterOrNumber(cp))
            return true;
    }
    return false;
}

char32_t codePointAt(const QString &s, int i, int *length)
{
    const QChar c = s.at(i);
    if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
        *length = 2;
        return QChar::surrogateToUcs4(c, s.at(i + 1));
    }
    *length = 1;
    return c.unicode();
}

void appendCodePoint(QString &out, char32_t cp)
{
    if (QChar::requiresSurrogates(cp)) {
        out.append(QChar(QChar::highSurrogate(cp)));
        out.append(QChar(QChar::lowSurrogate(cp)));
    } else {
        out.append(QChar(char16_t(cp)));
    }
}

// A term matches where the index would: CJK anywhere, anything else at a word start.
bool startsWord(const QString &folded, int at)
{
    if (at == 0)
        return true;
    int length = 1;
    int before = at - 1;
    if (before > 0 && folded.at(before).isLowSurrogate())
        --before;
    const char32_t cp = codePointAt(folded, before, &length);
    return !QChar::isLetterOrNumber(cp) || SearchTokenizer::isCjk(cp);
}

} // namespace

SearchQuery::SearchQuery(const QString &input)
{
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    const QStringList parts = input.split(whitespace, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        // Control characters would only confuse the snippet markers; nothing stored has them.
        QString term;
        for (const QChar ch : part) {
            if (ch.category() != QChar::Other_Control)
                term.append(ch);
        }
        if (!term.isEmpty() && !m_terms.contains(term, Qt::CaseInsensitive))
            m_terms.append(term);
    }
}

QString SearchQuery::matchExpression() const
{
    QStringList parts;
    for (const QString &term : m_terms) {
        if (!hasToken(term))
            continue; // FTS5 would drop its empty phrase anyway; this keeps the SQL honest
        // A CJK character is a whole token, so a prefix query would only cost time.
        const QVector<uint> ucs = term.toUcs4();
        const bool endsCjk = !ucs.isEmpty() && SearchTokenizer::isCjk(ucs.constLast());
        parts.append(quoted(term) + (endsCjk ? QString() : QStringLiteral("*")));
    }
    return parts.join(QStringLiteral(" AND "));
}

QString SearchQuery::quoted(const QString &term)
{
    QString inner = term;
    inner.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + inner + QLatin1Char('"');
}

QString SearchQuery::fold(const QString &text, QVector<int> *origin)
{
    QString out;
    out.reserve(text.size());
    if (origin) {
        origin->clear();
        origin->reserve(text.size() + 1);
    }
    int i = 0;
    while (i < text.size()) {
        const int start = i;
        int length = 1;
        const char32_t cp = codePointAt(text, i, &length);
        i += length;
        const int before = out.size();
        if (cp < 0x80) {
            out.append(QLatin1Char(char(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp)));
        } else if (SearchTokenizer::isCjk(cp)) {
            // Kept as they are, Hangul syllables too, as the tokenizer keeps them.
            out.append(text.constData() + start, length);
        } else if (QChar::decompositionTag(cp) == QChar::Canonical) {
            // Canonical decomposition separates base letters from their accents, which go.
            // Rare enough in running text that allocating here does not matter.
            for (const char32_t part :
                 text.mid(start, length).normalized(QString::NormalizationForm_D).toUcs4()) {
                if (QChar::category(part) != QChar::Mark_NonSpacing)
                    appendCodePoint(out, QChar::toLower(part));
            }
        } else if (QChar::category(cp) != QChar::Mark_NonSpacing) {
            appendCodePoint(out, QChar::toLower(cp));
        }
        if (origin) {
            for (int k = before; k < out.size(); ++k)
                origin->append(start);
        }
    }
    if (origin)
        origin->append(text.size());
    return out;
}

QVector<QPair<int, int>> SearchQuery::occurrences(const QString &text, const QStringList &terms)
{
    QVector<QPair<int, int>> found;
    QVector<int> origin;
    const QString folded = fold(text, &origin);
    // A term matches as the words in it (the tokenizer drops what is between them: "fox*"
    // and "-fox" find "fox", "fox-like" finds "fox like"), so each word is looked for alone.
    QStringList needles;
    for (const QString &term : terms) {
        QString word;
        const QString folded = fold(term);
        for (int i = 0; i <= folded.size(); ++i) {
            if (i < folded.size() && (folded.at(i).isLetterOrNumber() || folded.at(i).isSurrogate())) {
                word.append(folded.at(i));
            } else if (!word.isEmpty()) {
                if (!needles.contains(word))
                    needles.append(word);
                word.clear();
            }
        }
    }
    for (const QString &needle : needles) {
        int length = 1;
        const bool cjkStart = SearchTokenizer::isCjk(codePointAt(needle, 0, &length));
        for (qsizetype at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
            if (!cjkStart && !startsWord(folded, int(at)))
                continue;
            const int from = origin.at(at);
            const int to = origin.at(at + needle.size());
            if (to > from)
                found.append({from, to - from});
        }
    }
    std::sort(found.begin(), found.end());
    QVector<QPair<int, int>> merged;
    for (const auto &r : found) {
        if (!merged.isEmpty() && r.first <= merged.constLast().first + merged.constLast().second) {
            auto &last = merged.last();
            last.second = qMax(last.first + last.second, r.first + r.second) - last.first;
        } else {
            merged.append(r);
        }
    }
    return merged;
}

QString SearchQuery::snippet(const QString &text, const QStringList &terms, int context)
{
    auto flat = [](QString s) {
        for (QChar &c : s) {
            if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
                c = QLatin1Char(' ');
        }
        return s;
    };
    const QVector<QPair<int, int>> hits = occurrences(text, terms);
    if (hits.isEmpty())
        return flat(text.left(2 * context)) + (text.size() > 2 * context ? QStringLiteral("…") : QString());

    const int at = hits.constFirst().first;
    int from = qMax(0, at - context);
    int to = qMin(int(text.size()), at + hits.constFirst().second + context);
    // Never cut a surrogate pair in half.
    if (from > 0 && text.at(from).isLowSurrogate())
        --from;
    if (to < text.size() && text.at(to).isLowSurrogate())
        ++to;
    QString result;
    if (from > 0)
        result += QStringLiteral("…");
    int pos = from;
    for (const auto &h : hits) {
        const int start = qMax(h.first, from);
        const int end = qMin(h.first + h.second, to);
        if (start >= to)
            break;
        if (end <= start)
            continue;
        result += flat(text.mid(pos, start - pos));
        result += QChar(0x02) + flat(text.mid(start, end - start)) + QChar(0x03);
        pos = end;
    }
    result += flat(text.mid(pos, to - pos));
    if (to < text.size())
        result += QStringLiteral("…");
    return result;
}

} // namespace penpal
