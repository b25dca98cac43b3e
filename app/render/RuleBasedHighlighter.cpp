#include "RuleBasedHighlighter.h"

#include "LanguageDefinition.h"

namespace penpal {

namespace {

constexpr int kStateNormal = 0;
constexpr int kStateBlockComment = 1;
constexpr int kStateMultiLineQuote = 2; // + index into multiLineQuotes
constexpr int kStateInTag = 2;          // markup: inside <tag ...
constexpr int kCssInBlock = 2;          // css flag: inside { }

void add(QVector<HighlightToken> *out, qsizetype start, qsizetype end, TokenKind kind)
{
    if (end > start)
        out->append({int(start), int(end - start), kind});
}

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

int skipSpaces(QStringView line, int i)
{
    while (i < line.size() && isSpace(line.at(i)))
        ++i;
    return i;
}

bool isDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

// 42, 3.14, 1e-9, 0xFF, 1_000_000, 10px, 2u, 1.5f
int numberEnd(QStringView line, int i)
{
    int j = i;
    while (j < line.size()) {
        const QChar c = line.at(j);
        if (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.')) {
            ++j;
        } else if ((c == QLatin1Char('+') || c == QLatin1Char('-')) && j > i &&
                   (line.at(j - 1) == QLatin1Char('e') || line.at(j - 1) == QLatin1Char('E')) &&
                   !line.mid(i, 2).startsWith(u"0x", Qt::CaseInsensitive)) {
            ++j;
        } else {
            break;
        }
    }
    return j;
}

} // namespace

RuleBasedHighlighter::RuleBasedHighlighter(const LanguageDefinition *definition)
    : m_def(definition)
{
}

QString RuleBasedHighlighter::language() const
{
    return m_def->id;
}

int RuleBasedHighlighter::highlightLine(QStringView line, int state, QVector<HighlightToken> *tokens) const
{
    switch (m_def->mode) {
    case LanguageDefinition::Mode::Code:
        return highlightCode(line, state, tokens);
    case LanguageDefinition::Mode::Markup:
        return highlightMarkup(line, state, tokens);
    case LanguageDefinition::Mode::Css:
        return highlightCss(line, state, tokens);
    case LanguageDefinition::Mode::Yaml:
        return highlightYaml(line, tokens);
    case LanguageDefinition::Mode::Markdown:
        return highlightMarkdown(line, tokens);
    }
    return kStateNormal;
}

bool RuleBasedHighlighter::isIdentifierChar(QChar c) const
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || m_def->identifierExtras.contains(c);
}

int RuleBasedHighlighter::stringEnd(QStringView line, int quotePos, QStringView quote) const
{
    for (int k = quotePos + int(quote.size()); k < line.size(); ++k) {
        if (line.at(k) == QLatin1Char('\\')) {
            ++k;
            continue;
        }
        if (line.mid(k).startsWith(quote))
            return k + int(quote.size());
    }
    return -1;
}

TokenKind RuleBasedHighlighter::wordKind(QStringView word, bool *found) const
{
    auto it = m_def->caseInsensitive ? m_def->words.constFind(QStringView(word.toString().toLower()))
                                     : m_def->words.constFind(word);
    *found = it != m_def->words.constEnd();
    return *found ? *it : TokenKind::Keyword;
}

int RuleBasedHighlighter::highlightCode(QStringView line, int state, QVector<HighlightToken> *out) const
{
    const LanguageDefinition &d = *m_def;
    int i = 0;
    const int n = int(line.size());
    if (state == kStateBlockComment) {
        const qsizetype end = line.indexOf(d.blockCommentEnd);
        if (end < 0) {
            add(out, 0, n, TokenKind::Comment);
            return kStateBlockComment;
        }
        i = int(end + d.blockCommentEnd.size());
        add(out, 0, i, TokenKind::Comment);
    } else if (state >= kStateMultiLineQuote && state - kStateMultiLineQuote < d.multiLineQuotes.size()) {
        const QString &q = d.multiLineQuotes.at(state - kStateMultiLineQuote);
        const int end = stringEnd(line, -int(q.size()), q); // the quote opened on an earlier line
        if (end < 0) {
            add(out, 0, n, TokenKind::String);
            return state;
        }
        add(out, 0, end, TokenKind::String);
        i = end;
    }

    if (d.hashPreprocessor) {
        const int first = skipSpaces(line, i);
        if (i == 0 && first < n && line.at(first) == QLatin1Char('#')) {
            int j = skipSpaces(line, first + 1);
            while (j < n && line.at(j).isLetter())
                ++j;
            add(out, first, j, TokenKind::Preprocessor);
            i = j;
        }
    }

    while (i < n) {
        const QChar c = line.at(i);
        if (isSpace(c)) {
            ++i;
            continue;
        }
        const QStringView rest = line.mid(i);
        bool matched = false;
        for (const QString &lc : d.lineComments) {
            // In shells '#' starts a comment only at the start of a word ("$#", "${#x}" do not).
            if (rest.startsWith(lc) && (!d.dollarVariables || i == 0 || isSpace(line.at(i - 1)))) {
                add(out, i, n, TokenKind::Comment);
                return kStateNormal;
            }
        }
        if (!d.blockCommentStart.isEmpty() && rest.startsWith(d.blockCommentStart)) {
            const qsizetype end = line.indexOf(d.blockCommentEnd, i + d.blockCommentStart.size());
            if (end < 0) {
                add(out, i, n, TokenKind::Comment);
                return kStateBlockComment;
            }
            add(out, i, end + d.blockCommentEnd.size(), TokenKind::Comment);
            i = int(end + d.blockCommentEnd.size());
            continue;
        }

        // Strings, with an optional prefix word (Python r"..", f'..').
        int quoteAt = i;
        if (!d.stringPrefixes.isEmpty() && c.isLetter()) {
            int j = i;
            while (j < n && line.at(j).isLetter() && j - i < 2)
                ++j;
            if (j < n && d.quotes.contains(line.at(j)) &&
                d.stringPrefixes.contains(line.mid(i, j - i).toString().toLower()))
                quoteAt = j;
        }
        for (int k = 0; k < d.multiLineQuotes.size() && !matched; ++k) {
            const QString &q = d.multiLineQuotes.at(k);
            if (line.mid(quoteAt).startsWith(q)) {
                const int end = stringEnd(line, quoteAt, q);
                if (end < 0) {
                    add(out, i, n, TokenKind::String);
                    return kStateMultiLineQuote + k;
                }
                add(out, i, end, TokenKind::String);
                i = end;
                matched = true;
            }
        }
        if (matched)
            continue;
        if (quoteAt < n && d.quotes.contains(line.at(quoteAt))) {
            const QChar q = line.at(quoteAt);
            if (d.rustSyntax && q == QLatin1Char('\'') && quoteAt + 2 < n &&
                isIdentifierChar(line.at(quoteAt + 1)) && line.at(quoteAt + 2) != QLatin1Char('\'')) {
                int j = quoteAt + 1; // a lifetime: 'a, 'static
                while (j < n && isIdentifierChar(line.at(j)))
                    ++j;
                add(out, i, j, TokenKind::Type);
                i = j;
                continue;
            }
            int end = stringEnd(line, quoteAt, QStringView(&q, 1));
            if (end < 0)
                end = n;
            const int afterString = skipSpaces(line, end);
            const bool isKey = d.jsonKeys && afterString < n && line.at(afterString) == QLatin1Char(':');
            add(out, i, end, isKey ? TokenKind::Attribute : TokenKind::String);
            i = end;
            continue;
        }

        if (isDigit(c) || (c == QLatin1Char('.') && i + 1 < n && isDigit(line.at(i + 1)))) {
            const int end = numberEnd(line, i);
            add(out, i, end, TokenKind::Number);
            i = end;
            continue;
        }
        if (d.annotations && c == QLatin1Char('@') && i + 1 < n && line.at(i + 1).isLetter()) {
            int j = i + 1;
            while (j < n && (isIdentifierChar(line.at(j)) || line.at(j) == QLatin1Char('.')))
                ++j;
            add(out, i, j, TokenKind::Preprocessor);
            i = j;
            continue;
        }
        if (d.dollarVariables && c == QLatin1Char('$') && i + 1 < n) {
            int j = i + 1;
            if (line.at(j) == QLatin1Char('{')) {
                const qsizetype close = line.indexOf(QLatin1Char('}'), j);
                j = close < 0 ? n : int(close + 1);
            } else if (line.at(j).isLetter() || line.at(j) == QLatin1Char('_')) {
                while (j < n && (line.at(j).isLetterOrNumber() || line.at(j) == QLatin1Char('_')))
                    ++j;
            } else if (QStringLiteral("0123456789@#?*!$-").contains(line.at(j))) {
                ++j;
            }
            if (j > i + 1) {
                add(out, i, j, TokenKind::Variable);
                i = j;
                continue;
            }
        }
        if (isIdentifierChar(c)) {
            int j = i;
            while (j < n && isIdentifierChar(line.at(j)))
                ++j;
            const QStringView word = line.mid(i, j - i);
            bool known = false;
            TokenKind kind = wordKind(word, &known);
            if (!known) {
                if (d.rustSyntax && j < n && line.at(j) == QLatin1Char('!') &&
                    (j + 1 >= n || line.at(j + 1) != QLatin1Char('='))) {
                    add(out, i, j + 1, TokenKind::Function); // println!(...)
                    i = j + 1;
                    continue;
                }
                const int next = skipSpaces(line, j);
                if (next < n && line.at(next) == QLatin1Char('(')) {
                    kind = TokenKind::Function;
                    known = true;
                } else if (d.capitalizedTypes && word.at(0).isUpper() && word.size() > 1) {
                    kind = TokenKind::Type;
                    known = true;
                }
            }
            if (known)
                add(out, i, j, kind);
            i = j;
            continue;
        }
        ++i;
    }
    return kStateNormal;
}

int RuleBasedHighlighter::highlightMarkup(QStringView line, int state, QVector<HighlightToken> *out) const
{
    int i = 0;
    const int n = int(line.size());
    while (i < n) {
        if (state == kStateBlockComment) {
            const qsizetype end = line.indexOf(u"-->", i);
            if (end < 0) {
                add(out, i, n, TokenKind::Comment);
                return kStateBlockComment;
            }
            add(out, i, end + 3, TokenKind::Comment);
            i = int(end + 3);
            state = kStateNormal;
            continue;
        }
        const QChar c = line.at(i);
        if (state == kStateInTag) {
            if (c == QLatin1Char('>') || line.mid(i).startsWith(u"/>") || line.mid(i).startsWith(u"?>")) {
                const int len = c == QLatin1Char('>') ? 1 : 2;
                add(out, i, i + len, TokenKind::Tag);
                i += len;
                state = kStateNormal;
            } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                const qsizetype end = line.indexOf(c, i + 1);
                const int e = end < 0 ? n : int(end + 1);
                add(out, i, e, TokenKind::String);
                i = e;
            } else if (c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char(':') ||
                       c == QLatin1Char('@')) {
                int j = i;
                while (j < n &&
                       (line.at(j).isLetterOrNumber() || QStringLiteral("_:.-@").contains(line.at(j))))
                    ++j;
                add(out, i, j, TokenKind::Attribute);
                i = j;
            } else {
                ++i;
            }
            continue;
        }
        if (line.mid(i).startsWith(u"<!--")) {
            state = kStateBlockComment;
            continue;
        }
        if (c == QLatin1Char('<') && i + 1 < n &&
            (line.at(i + 1).isLetter() || QStringLiteral("/!?").contains(line.at(i + 1)))) {
            int j = i + 1;
            if (QStringLiteral("/!?").contains(line.at(j)))
                ++j;
            while (j < n && (line.at(j).isLetterOrNumber() || QStringLiteral("_:.-").contains(line.at(j))))
                ++j;
            add(out, i, j, TokenKind::Tag);
            i = j;
            state = kStateInTag;
            continue;
        }
        if (c == QLatin1Char('&')) {
            const qsizetype semi = line.indexOf(QLatin1Char(';'), i);
            if (semi > i && semi - i <= 10) {
                add(out, i, semi + 1, TokenKind::Literal);
                i = int(semi + 1);
                continue;
            }
        }
        ++i;
    }
    return state;
}

int RuleBasedHighlighter::highlightCss(QStringView line, int state, QVector<HighlightToken> *out) const
{
    int i = 0;
    const int n = int(line.size());
    bool inComment = state & kStateBlockComment;
    bool inBlock = state & kCssInBlock;
    while (i < n) {
        if (inComment) {
            const qsizetype end = line.indexOf(u"*/", i);
            if (end < 0) {
                add(out, i, n, TokenKind::Comment);
                return kStateBlockComment | (inBlock ? kCssInBlock : 0);
            }
            add(out, i, end + 2, TokenKind::Comment);
            i = int(end + 2);
            inComment = false;
            continue;
        }
        const QChar c = line.at(i);
        if (line.mid(i).startsWith(u"/*")) {
            inComment = true;
            continue;
        }
        if (line.mid(i).startsWith(u"//")) { // SCSS/LESS
            add(out, i, n, TokenKind::Comment);
            break;
        }
        if (c == QLatin1Char('{') || c == QLatin1Char('}')) {
            inBlock = c == QLatin1Char('{');
            ++i;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            int end = stringEnd(line, i, QStringView(&c, 1));
            end = end < 0 ? n : end;
            add(out, i, end, TokenKind::String);
            i = end;
            continue;
        }
        if (c == QLatin1Char('@')) {
            int j = i + 1;
            while (j < n && (line.at(j).isLetterOrNumber() || line.at(j) == QLatin1Char('-')))
                ++j;
            add(out, i, j, TokenKind::Keyword);
            i = j;
            continue;
        }
        if (isDigit(c) || (c == QLatin1Char('.') && inBlock && i + 1 < n && isDigit(line.at(i + 1))) ||
            (c == QLatin1Char('#') && inBlock)) {
            int j = i + 1;
            while (j < n && (line.at(j).isLetterOrNumber() || line.at(j) == QLatin1Char('.') ||
                             line.at(j) == QLatin1Char('%')))
                ++j;
            add(out, i, j, TokenKind::Number);
            i = j;
            continue;
        }
        const bool selectorPrefix =
            !inBlock && (c == QLatin1Char('.') || c == QLatin1Char('#') || c == QLatin1Char(':'));
        if (c.isLetter() || c == QLatin1Char('-') || c == QLatin1Char('_') || c == QLatin1Char('!') ||
            selectorPrefix) {
            int j = i + 1;
            while (j < n && (line.at(j).isLetterOrNumber() || line.at(j) == QLatin1Char('-') ||
                             line.at(j) == QLatin1Char('_')))
                ++j;
            const QStringView word = line.mid(i, j - i);
            TokenKind kind = TokenKind::Tag;
            bool known = true;
            if (inBlock) {
                const int next = skipSpaces(line, j);
                if (next < n && line.at(next) == QLatin1Char(':'))
                    kind = TokenKind::Attribute;
                else if (next < n && line.at(next) == QLatin1Char('('))
                    kind = TokenKind::Function;
                else
                    kind = wordKind(word, &known);
            } else if (c == QLatin1Char('.') || c == QLatin1Char('#')) {
                kind = TokenKind::Type;
            } else if (c == QLatin1Char(':')) {
                kind = TokenKind::Keyword;
            }
            if (known)
                add(out, i, j, kind);
            i = j;
            continue;
        }
        ++i;
    }
    return (inComment ? kStateBlockComment : 0) | (inBlock ? kCssInBlock : 0);
}

int RuleBasedHighlighter::highlightYaml(QStringView line, QVector<HighlightToken> *out) const
{
    const int n = int(line.size());
    int i = skipSpaces(line, 0);
    if (i >= n)
        return kStateNormal;
    if (line.at(i) == QLatin1Char('#')) {
        add(out, i, n, TokenKind::Comment);
        return kStateNormal;
    }
    if (i == 0 && (line.startsWith(u"---") || line.startsWith(u"..."))) {
        add(out, 0, 3, TokenKind::Preprocessor);
        i = 3;
    }
    while (i + 1 < n && line.at(i) == QLatin1Char('-') && isSpace(line.at(i + 1))) {
        add(out, i, i + 1, TokenKind::Operator);
        i = skipSpaces(line, i + 1);
    }
    // "key:" (plain or quoted) up to a colon followed by a blank or the end of the line.
    for (int j = i; j < n; ++j) {
        const QChar c = line.at(j);
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('#') ||
            c == QLatin1Char('[') || c == QLatin1Char('{'))
            break;
        if (c == QLatin1Char(':') && (j + 1 == n || isSpace(line.at(j + 1)))) {
            add(out, i, j, TokenKind::Attribute);
            i = j + 1;
            break;
        }
    }
    while (i < n) {
        const QChar c = line.at(i);
        if (isSpace(c) || c == QLatin1Char(',') || c == QLatin1Char('[') || c == QLatin1Char(']') ||
            c == QLatin1Char('{') || c == QLatin1Char('}')) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('#') && isSpace(line.at(i - 1))) {
            add(out, i, n, TokenKind::Comment);
            break;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            int end = stringEnd(line, i, QStringView(&c, 1));
            end = end < 0 ? n : end;
            add(out, i, end, TokenKind::String);
            i = end;
            continue;
        }
        int j = i;
        while (j < n && !isSpace(line.at(j)) && line.at(j) != QLatin1Char(',') &&
               line.at(j) != QLatin1Char(']') && line.at(j) != QLatin1Char('}'))
            ++j;
        const QStringView word = line.mid(i, j - i);
        bool known = false;
        const TokenKind kind = wordKind(word, &known);
        if (known)
            add(out, i, j, kind);
        else if (c == QLatin1Char('&') || c == QLatin1Char('*'))
            add(out, i, j, TokenKind::Variable);
        else if (c == QLatin1Char('|') || c == QLatin1Char('>'))
            add(out, i, j, TokenKind::Operator);
        else if (isDigit(c) ||
                 ((c == QLatin1Char('-') || c == QLatin1Char('.')) && j > i + 1 && isDigit(line.at(i + 1))))
            add(out, i, j, TokenKind::Number);
        i = j;
    }
    return kStateNormal;
}

int RuleBasedHighlighter::highlightMarkdown(QStringView line, QVector<HighlightToken> *out) const
{
    const int n = int(line.size());
    int i = skipSpaces(line, 0);
    if (i >= n)
        return kStateNormal;
    const QChar first = line.at(i);
    if (first == QLatin1Char('#')) {
        add(out, i, n, TokenKind::Heading);
        return kStateNormal;
    }
    if (first == QLatin1Char('>')) {
        add(out, i, n, TokenKind::Comment);
        return kStateNormal;
    }
    if (line.mid(i).startsWith(u"```") || line.mid(i).startsWith(u"~~~")) {
        add(out, i, n, TokenKind::Preprocessor);
        return kStateNormal;
    }
    const int marker =
        (first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+')) && i + 1 < n &&
                isSpace(line.at(i + 1))
            ? 1
            : 0;
    if (marker) {
        add(out, i, i + 1, TokenKind::Operator);
        i += 1;
    }
    while (i < n) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('`')) {
            const qsizetype end = line.indexOf(QLatin1Char('`'), i + 1);
            const int e = end < 0 ? n : int(end + 1);
            add(out, i, e, TokenKind::String);
            i = e;
        } else if ((c == QLatin1Char('*') || c == QLatin1Char('_')) && i + 1 < n && line.at(i + 1) == c) {
            const qsizetype end = line.indexOf(QString(2, c), i + 2);
            const int e = end < 0 ? i + 2 : int(end + 2);
            add(out, i, e, TokenKind::Keyword);
            i = e;
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = line.indexOf(QLatin1Char(']'), i);
            if (close > i && close + 1 < n && line.at(close + 1) == QLatin1Char('(')) {
                const qsizetype paren = line.indexOf(QLatin1Char(')'), close);
                const int e = paren < 0 ? n : int(paren + 1);
                add(out, i, close + 1, TokenKind::Tag);
                add(out, close + 1, e, TokenKind::Attribute);
                i = e;
            } else {
                ++i;
            }
        } else {
            ++i;
        }
    }
    return kStateNormal;
}

} // namespace penpal
