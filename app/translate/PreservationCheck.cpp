#include "translate/PreservationCheck.h"

#include <QHash>
#include <QRegularExpression>

namespace penpal {

namespace {

using Kind = ProtectedSpan::Kind;

// Fenced blocks first: what is inside them is code, not URLs or numbers to check one by one.
const QRegularExpression &fencedBlock()
{
    static const QRegularExpression re(
        QStringLiteral("^ {0,3}(`{3,}|~{3,})[^\\n]*\\n(.*?)^ {0,3}\\1[ \\t]*$"),
        QRegularExpression::MultilineOption | QRegularExpression::DotMatchesEverythingOption);
    return re;
}

const QRegularExpression &inlineCode()
{
    static const QRegularExpression re(QStringLiteral("(`+)([^`\\n]|[^`\\n][^\\n]*?[^`\\n])\\1(?!`)"));
    return re;
}

const QRegularExpression &url()
{
    static const QRegularExpression re(
        QStringLiteral("\\b(?:https?|ftp)://[^\\s<>\"'`)\\]]+|\\bwww\\.[^\\s<>\"'`)\\]]+"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &placeholder()
{
    static const QRegularExpression re(QStringLiteral("\\{\\{\\s*[\\w.\\-]+\\s*\\}\\}" // {{var}}
                                                      "|\\$\\{[\\w.\\-]+\\}"           // ${x}
                                                      "|\\{[\\w.\\-]*\\}"              // {name}, {0}, {}
                                                      "|%\\([\\w]+\\)[sdif]"           // %(name)s
                                                      "|%\\d+\\$?[sd]?"                // %1, %1$s
                                                      "|%[sdifuxXc@]"));               // %s, %d
    return re;
}

const QRegularExpression &number()
{
    // Digits with the separators of any locale (1,000.5  1.000,5  1 000,5); not parts of words
    // such as "mp3" or "H2O", which are kept with the word anyway.
    static const QRegularExpression re(
        QStringLiteral("(?<![\\w.,])\\d+(?:[.,\\x{00A0}\\x{202F} ]\\d+)*(?![\\w])"));
    return re;
}

QString digitsOf(const QString &s)
{
    QString d;
    for (const QChar c : s) {
        if (c.isDigit())
            d += c;
    }
    return d;
}

// Replaces each match with spaces of the same length, so later patterns do not see inside it
// and positions stay the same.
void blank(QString &text, int start, int length)
{
    for (int i = start; i < start + length; ++i) {
        if (text.at(i) != QLatin1Char('\n'))
            text[i] = QLatin1Char(' ');
    }
}

void collect(QString &text, const QRegularExpression &re, Kind kind, int group, QVector<ProtectedSpan> *out)
{
    QVector<QPair<int, int>> found;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        QString t = m.captured(group);
        if (kind == Kind::Url) {
            // Sentence punctuation right after a URL is not part of it.
            while (!t.isEmpty() && QStringLiteral(".,;:!?").contains(t.back()))
                t.chop(1);
        }
        if (kind == Kind::Number)
            t = digitsOf(t);
        if (!t.isEmpty())
            out->append(ProtectedSpan{kind, t});
        found.append({m.capturedStart(0), m.capturedLength(0)});
    }
    for (const auto &[start, length] : found)
        blank(text, start, length);
}

} // namespace

QVector<ProtectedSpan> PreservationCheck::spansOf(const QString &source)
{
    QVector<ProtectedSpan> spans;
    QString text = source;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    collect(text, fencedBlock(), Kind::CodeBlock, 2, &spans);
    collect(text, inlineCode(), Kind::InlineCode, 2, &spans);
    collect(text, url(), Kind::Url, 0, &spans);
    collect(text, placeholder(), Kind::Placeholder, 0, &spans);
    collect(text, number(), Kind::Number, 0, &spans);
    return spans;
}

QVector<ProtectedSpan> PreservationCheck::missing(const QString &source, const QString &translation)
{
    QHash<QPair<int, QString>, int> available;
    for (const ProtectedSpan &s : spansOf(translation))
        ++available[{int(s.kind), s.text}];
    QVector<ProtectedSpan> lacking;
    for (const ProtectedSpan &s : spansOf(source)) {
        int &n = available[{int(s.kind), s.text}];
        if (n > 0) {
            --n;
            continue;
        }
        lacking.append(s);
    }
    return lacking;
}

} // namespace penpal
