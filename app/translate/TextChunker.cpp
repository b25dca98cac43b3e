#include "translate/TextChunker.h"

#include "chat/TokenEstimate.h"

#include <QTextBoundaryFinder>

#include <algorithm>

namespace penpal {

namespace {

// A range of the source that is packed into chunks whole. `atomic`: never cut (code).
struct Unit {
    int start = 0;
    int end = 0;
    bool atomic = false;
};

bool isBlank(QStringView line)
{
    return std::all_of(line.begin(), line.end(), [](QChar c) { return c.isSpace(); });
}

// The fence a line opens (``` or ~~~, at most three spaces in), or an empty view.
QStringView fenceOf(QStringView line)
{
    int i = 0;
    while (i < line.size() && i < 3 && line.at(i) == QLatin1Char(' '))
        ++i;
    const QStringView rest = line.mid(i);
    if (rest.size() < 3)
        return {};
    const QChar c = rest.at(0);
    if (c != QLatin1Char('`') && c != QLatin1Char('~'))
        return {};
    int n = 0;
    while (n < rest.size() && rest.at(n) == c)
        ++n;
    return n >= 3 ? rest.left(n) : QStringView();
}

bool closesFence(QStringView line, QStringView fence)
{
    const QStringView f = fenceOf(line);
    return !f.isEmpty() && f.at(0) == fence.at(0) && f.size() >= fence.size() &&
           isBlank(line.mid(line.indexOf(f) + f.size()));
}

// Paragraphs (runs of non-blank lines) and fenced code blocks, each from the start of its
// first line to the end of its last (newline excluded). A fence interrupts a paragraph; an
// unclosed fence runs to the end of the text, as Markdown renders it.
QVector<Unit> blocksOf(const QString &text)
{
    QVector<Unit> blocks;
    int paraStart = -1;
    int paraEnd = 0;
    int pos = 0;
    const int n = text.size();
    auto endParagraph = [&] {
        if (paraStart >= 0)
            blocks.append(Unit{paraStart, paraEnd, false});
        paraStart = -1;
    };
    while (pos < n) {
        int eol = text.indexOf(QLatin1Char('\n'), pos);
        if (eol < 0)
            eol = n;
        const QStringView line = QStringView(text).mid(pos, eol - pos);
        const QStringView fence = fenceOf(line);
        if (!fence.isEmpty()) {
            endParagraph();
            const int codeStart = pos;
            int codeEnd = eol;
            int next = eol + 1;
            while (next < n) {
                int e = text.indexOf(QLatin1Char('\n'), next);
                if (e < 0)
                    e = n;
                codeEnd = e;
                const bool closing = closesFence(QStringView(text).mid(next, e - next), fence);
                next = e + 1;
                if (closing)
                    break;
            }
            blocks.append(Unit{codeStart, codeEnd, true});
            pos = next;
            continue;
        }
        if (isBlank(line)) {
            endParagraph();
        } else {
            if (paraStart < 0)
                paraStart = pos;
            paraEnd = eol;
        }
        pos = eol + 1;
    }
    endParagraph();
    return blocks;
}

// `range` cut at the boundaries of `type`, each piece without the whitespace at its end
// (that stays between pieces). Pieces that are only whitespace are dropped.
QVector<Unit> piecesOf(const QString &text, const Unit &range, QTextBoundaryFinder::BoundaryType type)
{
    QVector<Unit> pieces;
    const QString part = text.mid(range.start, range.end - range.start);
    QTextBoundaryFinder finder(type, part);
    int from = 0;
    for (int at = finder.toNextBoundary(); at >= 0; at = finder.toNextBoundary()) {
        int s = from;
        int e = at;
        while (s < e && part.at(s).isSpace())
            ++s;
        while (e > s && part.at(e - 1).isSpace())
            --e;
        if (e > s)
            pieces.append(Unit{range.start + s, range.start + e, false});
        from = at;
    }
    return pieces;
}

int costOf(const QString &text, const Unit &u)
{
    return TokenEstimate::of(text.mid(u.start, u.end - u.start));
}

// A unit that does not fit, cut into the largest pieces that do: sentences, then words, then
// grapheme clusters (a long run without spaces, e.g. Chinese with no sentence end).
void cutToFit(const QString &text, const Unit &unit, int budget, QVector<Unit> *out)
{
    static const QTextBoundaryFinder::BoundaryType levels[] = {
        QTextBoundaryFinder::Sentence, QTextBoundaryFinder::Word, QTextBoundaryFinder::Grapheme};
    for (const auto type : levels) {
        const QVector<Unit> pieces = piecesOf(text, unit, type);
        if (pieces.size() < 2)
            continue; // this level cannot cut it: try a finer one
        for (const Unit &p : pieces) {
            if (costOf(text, p) > budget && type != QTextBoundaryFinder::Grapheme)
                cutToFit(text, p, budget, out);
            else
                out->append(p);
        }
        return;
    }
    out->append(unit); // one grapheme: nothing smaller exists
}

} // namespace

TextChunks TextChunker::split(const QString &text, int budgetTokens)
{
    const int budget = std::max(budgetTokens, 1);
    QVector<Unit> units;
    for (const Unit &block : blocksOf(text)) {
        if (block.atomic || costOf(text, block) <= budget)
            units.append(block);
        else
            cutToFit(text, block, budget, &units);
    }

    // Pack units greedily, in order: a chunk ends when the next unit would overflow it.
    struct Range {
        int start;
        int end;
        int cost;
        bool oversized;
    };
    QVector<Range> ranges;
    for (const Unit &u : units) {
        const int cost = costOf(text, u);
        if (!ranges.isEmpty() && !ranges.constLast().oversized && ranges.constLast().cost + cost <= budget) {
            ranges.last().end = u.end;
            ranges.last().cost += cost;
            continue;
        }
        ranges.append(Range{u.start, u.end, cost, cost > budget});
    }

    TextChunks chunks;
    int covered = 0;
    for (int i = 0; i < ranges.size(); ++i) {
        const Range &r = ranges.at(i);
        TextChunk c;
        c.start = covered;
        c.leading = text.mid(covered, r.start - covered);
        c.text = text.mid(r.start, r.end - r.start);
        c.end = r.end;
        c.oversized = r.oversized;
        if (i == ranges.size() - 1) {
            c.trailing = text.mid(r.end);
            c.end = text.size();
        }
        covered = r.end;
        chunks.append(c);
    }
    return chunks;
}

int TextChunker::budgetForContext(int contextTokens)
{
    // A quarter of the context for the chunk leaves room for its neighbour, the instructions
    // and an answer somewhat longer than the source. Beyond ~1,500 tokens a chunk only makes
    // the first result later and a failed one costlier to redo.
    return std::clamp(contextTokens / 4, 200, 1500);
}

} // namespace penpal
