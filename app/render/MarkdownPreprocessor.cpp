#include "MarkdownPreprocessor.h"

#include "MarkdownLine.h"

#include <QList>

namespace penpal {

namespace {

bool isBlankChar(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r');
}

bool isAsciiPunctuation(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60) ||
           (u >= 0x7B && u <= 0x7E);
}

int longestRun(QStringView s, QChar ch)
{
    int best = 0;
    int run = 0;
    for (QChar c : s) {
        run = c == ch ? run + 1 : 0;
        best = qMax(best, run);
    }
    return best;
}

// A GFM table delimiter row: "| --- | :-: |" (pipes, dashes, colons, blanks; a pipe and a dash).
bool isTableDelimiterRow(QStringView line)
{
    bool pipe = false;
    bool dash = false;
    for (QChar c : line) {
        if (c == QLatin1Char('|'))
            pipe = true;
        else if (c == QLatin1Char('-'))
            dash = true;
        else if (c != QLatin1Char(':') && !isBlankChar(c))
            return false;
    }
    return pipe && dash;
}

class InlineRewriter {
public:
    InlineRewriter(QStringView run, MarkdownPreprocessor::Result &result, int &ordinal)
        : m_s(run)
        , m_r(result)
        , m_ordinal(ordinal)
    {
        for (QStringView line : run.split(QLatin1Char('\n'))) {
            if (isTableDelimiterRow(line))
                m_table = true;
        }
    }

    void rewrite()
    {
        QString &out = m_r.text;
        qsizetype i = 0;
        const qsizetype n = m_s.size();
        while (i < n) {
            const QChar c = m_s.at(i);
            if (c == QLatin1Char('\\') && i + 1 < n) {
                const QChar d = m_s.at(i + 1);
                if (d == QLatin1Char('(') || d == QLatin1Char('[')) {
                    const bool display = d == QLatin1Char('[');
                    const QStringView closer = display ? u"\\]" : u"\\)";
                    const qsizetype end =
                        display ? m_s.indexOf(closer, i + 2) : indexInMathRange(closer, i + 2);
                    if (end > i + 2 && !isBlankText(m_s.mid(i + 2, end - i - 2))) {
                        i = emitMath(i, i + 2, end, end + 2, display);
                        continue;
                    }
                }
                if (isAsciiPunctuation(d)) {
                    out.append(m_s.mid(i, 2));
                    i += 2;
                    continue;
                }
            } else if (c == QLatin1Char('`')) {
                i = skipCodeSpan(i);
                continue;
            } else if (c == QLatin1Char('$')) {
                if (i + 1 < n && m_s.at(i + 1) == QLatin1Char('$')) {
                    const qsizetype end = m_s.indexOf(u"$$", i + 2);
                    if (end > i + 2 && !isBlankText(m_s.mid(i + 2, end - i - 2))) {
                        i = emitMath(i, i + 2, end, end + 2, true);
                        continue;
                    }
                    out.append(u"$$");
                    i += 2;
                    continue;
                }
                const qsizetype end = closingDollar(i);
                if (end > 0) {
                    i = emitMath(i, i + 1, end, end + 1, false);
                    continue;
                }
            }
            out.append(c);
            ++i;
        }
    }

private:
    static bool isBlankText(QStringView s)
    {
        for (QChar c : s) {
            if (!isBlankChar(c))
                return false;
        }
        return true;
    }

    qsizetype lineEnd(qsizetype from) const
    {
        const qsizetype nl = m_s.indexOf(QLatin1Char('\n'), from);
        return nl < 0 ? m_s.size() : nl;
    }

    // Where inline math opened at `open` may close at the latest: the end of its line, or of
    // a later line of the same paragraph (not past a blank line, a quote or list line, or a
    // table row; bounded so a paragraph full of "$5" stays linear).
    qsizetype inlineMathEnd(qsizetype open) const
    {
        qsizetype end = lineEnd(open);
        if (m_table)
            return end;
        const qsizetype limit = open + 2000;
        while (end < m_s.size() && end < limit) {
            const qsizetype next = lineEnd(end + 1);
            const QStringView line = m_s.mid(end + 1, next - end - 1);
            if (isBlankText(line) || MarkdownLine::containerPrefixLength(line, true) > 0)
                break;
            end = next;
        }
        return end;
    }

    qsizetype indexInMathRange(QStringView needle, qsizetype from) const
    {
        const qsizetype at = m_s.indexOf(needle, from);
        return at >= 0 && at + needle.size() <= inlineMathEnd(from) ? at : -1;
    }

    // Pandoc's rule: "$x$" but not "$5 and $10" or "$ x $".
    qsizetype closingDollar(qsizetype open) const
    {
        const qsizetype end = inlineMathEnd(open);
        if (open + 1 >= end || isBlankChar(m_s.at(open + 1)))
            return -1;
        for (qsizetype k = open + 1; k < end; ++k) {
            const QChar c = m_s.at(k);
            if (c == QLatin1Char('\\')) {
                ++k;
                continue;
            }
            if (c != QLatin1Char('$'))
                continue;
            if (k == open + 1 || isBlankChar(m_s.at(k - 1)))
                continue;
            if (k + 1 < m_s.size() && m_s.at(k + 1).isDigit())
                continue;
            return k;
        }
        return -1;
    }

    qsizetype skipCodeSpan(qsizetype i)
    {
        qsizetype runEnd = i;
        while (runEnd < m_s.size() && m_s.at(runEnd) == QLatin1Char('`'))
            ++runEnd;
        const qsizetype len = runEnd - i;
        qsizetype k = runEnd;
        while (k < m_s.size()) {
            if (m_s.at(k) != QLatin1Char('`')) {
                ++k;
                continue;
            }
            qsizetype e = k;
            while (e < m_s.size() && m_s.at(e) == QLatin1Char('`'))
                ++e;
            if (e - k == len) {
                m_r.text.append(m_s.mid(i, e - i)); // a code span: copied untouched
                return e;
            }
            k = e;
        }
        m_r.text.append(m_s.mid(i, len)); // no closing run: the backticks are literal
        return runEnd;
    }

    // Where the opener stands at the start of its line (after quote markers, list markers and
    // indentation), returns that prefix's length in the line, else -1.
    qsizetype prefixAtLineStart(qsizetype pos, qsizetype *lineStart) const
    {
        *lineStart = pos == 0 ? 0 : m_s.lastIndexOf(QLatin1Char('\n'), pos - 1) + 1;
        const QStringView prefix = m_s.mid(*lineStart, pos - *lineStart);
        return MarkdownLine::containerPrefixLength(prefix, true) == prefix.size() ? prefix.size() : -1;
    }

    qsizetype emitMath(qsizetype open, qsizetype contentStart, qsizetype contentEnd, qsizetype after,
                       bool display)
    {
        const QStringView content = m_s.mid(contentStart, contentEnd - contentStart);
        qsizetype lineStart = 0;
        if (display && prefixAtLineStart(open, &lineStart) >= 0 &&
            isBlankText(m_s.mid(after, lineEnd(after) - after))) {
            emitDisplay(m_s.mid(lineStart, open - lineStart), content);
            return after;
        }
        QString body = content.toString();
        if (m_table)
            body.replace(QLatin1Char('|'), QLatin1String("\\|"));
        const QString ticks(longestRun(body, QLatin1Char('`')) + 1, QLatin1Char('`'));
        QString &out = m_r.text;
        out += ticks;
        out += QChar(MarkdownPreprocessor::InlineMathBegin);
        out += body;
        out += QChar(MarkdownPreprocessor::InlineMathEnd);
        out += ticks;
        ++m_r.inlineMath;
        return after;
    }

    void emitDisplay(QStringView openPrefix, QStringView content)
    {
        // Lines after the first continue the container the opener is in: keep quote markers and
        // indentation, turn list markers into spaces.
        QString cont;
        for (QChar c : openPrefix)
            cont += (c == QLatin1Char('>') || c == QLatin1Char('\t')) ? c : QChar(QLatin1Char(' '));
        const QString fence(qMax(3, longestRun(content, QLatin1Char('`')) + 1), QLatin1Char('`'));
        QString &out = m_r.text;
        out += fence + MarkdownPreprocessor::mathLanguage() + QChar(MarkdownPreprocessor::FenceTag) +
               QString::number(m_ordinal++) + QLatin1Char('\n');
        const QList<QStringView> lines = content.split(QLatin1Char('\n'));
        if (lines.size() == 1) {
            out += cont + lines.first().trimmed().toString() + QLatin1Char('\n');
        } else {
            if (!isBlankText(lines.first()))
                out += cont + lines.first().trimmed().toString() + QLatin1Char('\n');
            for (qsizetype k = 1; k + 1 < lines.size(); ++k)
                out += lines.at(k).toString() + QLatin1Char('\n');
            const QStringView last = lines.last();
            if (!isBlankText(last.mid(MarkdownLine::containerPrefixLength(last, false))))
                out += last.toString() + QLatin1Char('\n');
        }
        out += cont + fence;
        ++m_r.displayMath;
        ++m_r.fences;
    }

    QStringView m_s;
    MarkdownPreprocessor::Result &m_r;
    int &m_ordinal;
    bool m_table = false;
};

} // namespace

QString MarkdownPreprocessor::untagLanguage(const QString &tagged, int *ordinal)
{
    const qsizetype at = tagged.indexOf(QChar(FenceTag));
    if (at < 0) {
        if (ordinal)
            *ordinal = -1;
        return tagged;
    }
    if (ordinal)
        *ordinal = tagged.mid(at + 1).toInt();
    return tagged.left(at);
}

MarkdownPreprocessor::Result MarkdownPreprocessor::process(QStringView chunk)
{
    // The markers are private: any that the model itself wrote become U+FFFD, so text can never
    // forge a math span or a fence ordinal.
    QString sanitized;
    for (qsizetype k = 0; k < chunk.size(); ++k) {
        const char16_t u = chunk.at(k).unicode();
        if (u == InlineMathBegin || u == InlineMathEnd || u == FenceTag || u == 0x0001) {
            if (sanitized.isNull())
                sanitized = chunk.toString();
            sanitized[k] = QChar::ReplacementCharacter;
        }
    }
    const QStringView src = sanitized.isNull() ? chunk : QStringView(sanitized);

    Result result;
    QString &out = result.text;
    out.reserve(src.size() + 32);
    int ordinal = 0;
    bool inFence = false;
    MarkdownLine::Fence fence;
    bool inIndentedCode = false;
    bool prevBlank = true;
    bool seenList = false;
    qsizetype runStart = -1;

    auto flushRun = [&](qsizetype end) {
        if (runStart < 0)
            return;
        InlineRewriter(src.mid(runStart, end - runStart), result, ordinal).rewrite();
        runStart = -1;
    };

    qsizetype pos = 0;
    while (pos < src.size()) {
        qsizetype nl = src.indexOf(QLatin1Char('\n'), pos);
        const qsizetype next = nl < 0 ? src.size() : nl + 1;
        if (nl < 0)
            nl = src.size();
        const QStringView line = src.mid(pos, nl - pos);
        const QStringView whole = src.mid(pos, next - pos); // with its newline

        if (inFence) {
            out += whole;
            if (MarkdownLine::isFenceClose(line, fence))
                inFence = false;
        } else if (inIndentedCode &&
                   (MarkdownLine::isBlank(line) || MarkdownLine::indentColumns(line) >= 4)) {
            out += whole;
        } else if (MarkdownLine::isBlank(line)) {
            flushRun(pos);
            inIndentedCode = false;
            out += whole;
            prevBlank = true;
        } else if (MarkdownLine::parseFenceOpen(line, &fence)) {
            flushRun(pos);
            inIndentedCode = false;
            inFence = true;
            seenList = seenList || MarkdownLine::isListItem(line);
            // "```py title" -> "```py\x02<n> title": md4c's language is the first word.
            QStringView info = line.mid(fence.infoStart);
            qsizetype langStart = 0;
            while (langStart < info.size() && isBlankChar(info.at(langStart)))
                ++langStart;
            qsizetype langEnd = langStart;
            while (langEnd < info.size() && !isBlankChar(info.at(langEnd)))
                ++langEnd;
            out += line.left(fence.infoStart + langEnd);
            out += QChar(FenceTag);
            out += QString::number(ordinal++);
            out += src.mid(pos + fence.infoStart + langEnd, next - pos - fence.infoStart - langEnd);
            ++result.fences;
            prevBlank = false;
        } else if (prevBlank && runStart < 0 && !seenList && MarkdownLine::indentColumns(line) >= 4) {
            inIndentedCode = true; // an indented code block: no math in there
            out += whole;
            prevBlank = false;
        } else {
            inIndentedCode = false;
            seenList = seenList || MarkdownLine::isListItem(line);
            if (runStart < 0)
                runStart = pos;
            prevBlank = false;
        }
        pos = next;
    }
    flushRun(src.size());
    return result;
}

} // namespace penpal
