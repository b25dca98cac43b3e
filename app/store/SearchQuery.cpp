#include "store/SearchQuery.h"

#include <QRegularExpression>

namespace penpal {

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
    QStringList quotedTerms;
    for (const QString &term : m_terms) {
        if (characterCount(term) >= kMinTrigramLength)
            quotedTerms.append(quoted(term));
    }
    return quotedTerms.join(QStringLiteral(" AND "));
}

QStringList SearchQuery::likePatterns() const
{
    QStringList patterns;
    for (const QString &term : m_terms) {
        if (characterCount(term) < kMinTrigramLength)
            patterns.append(likePattern(term));
    }
    return patterns;
}

QString SearchQuery::quoted(const QString &term)
{
    QString inner = term;
    inner.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + inner + QLatin1Char('"');
}

QString SearchQuery::likePattern(const QString &term)
{
    QString escaped;
    escaped.reserve(term.size() + 4);
    for (const QChar ch : term) {
        if (ch == QLatin1Char('\\') || ch == QLatin1Char('%') || ch == QLatin1Char('_'))
            escaped.append(QLatin1Char('\\'));
        escaped.append(ch);
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

int SearchQuery::characterCount(const QString &term)
{
    return int(term.toUcs4().size());
}

QString SearchQuery::snippet(const QString &text, const QStringList &terms, int context)
{
    qsizetype at = -1;
    qsizetype length = 0;
    for (const QString &term : terms) {
        const qsizetype i = text.indexOf(term, 0, Qt::CaseInsensitive);
        if (i >= 0 && (at < 0 || i < at)) {
            at = i;
            length = term.size();
        }
    }
    if (at < 0)
        return text.left(2 * context) + (text.size() > 2 * context ? QStringLiteral("…") : QString());

    qsizetype from = qMax<qsizetype>(0, at - context);
    qsizetype to = qMin(text.size(), at + length + context);
    // Never cut a surrogate pair in half.
    if (from > 0 && text.at(from).isLowSurrogate())
        --from;
    if (to < text.size() && text.at(to).isLowSurrogate())
        ++to;
    QString result;
    if (from > 0)
        result += QStringLiteral("…");
    result += text.mid(from, at - from);
    result += QChar(0x02) + text.mid(at, length) + QChar(0x03);
    result += text.mid(at + length, to - at - length);
    if (to < text.size())
        result += QStringLiteral("…");
    return result;
}

} // namespace penpal
