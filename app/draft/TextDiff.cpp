#include "draft/TextDiff.h"
#include "draft/CjkCharacter.h"

#include <QHash>
#include <QStringList>
#include <QTextBoundaryFinder>

#include <algorithm>
#include <vector>

namespace penpal {

namespace {

enum class Cls { Space, Word, Cjk, Apostrophe, Other };

Cls classify(char32_t cp)
{
    if (QChar::isSpace(cp))
        return Cls::Space;
    if (isCjkCharacter(cp))
        return Cls::Cjk;
    if (QChar::isLetterOrNumber(cp) || QChar::isMark(cp))
        return Cls::Word;
    if (cp == U'\'' || cp == 0x2019)
        return Cls::Apostrophe;
    return Cls::Other;
}

char32_t firstCodePoint(const QString &text, qsizetype at)
{
    const QChar c = text.at(at);
    if (c.isHighSurrogate() && at + 1 < text.size() && text.at(at + 1).isLowSurrogate())
        return QChar::surrogateToUcs4(c, text.at(at + 1));
    return c.unicode();
}

// One step of the edit script over token indices.
struct Edit {
    DiffOp::Kind kind;
    int index; // into the before tokens (Equal, Delete) or the after tokens (Insert)
};

// Myers' O(ND) diff, linear-space (middle snake) variant, over interned tokens. The work is
// kept on an explicit stack so that a long document cannot overflow the call stack. A search
// for the middle snake gives up after kMaxD steps and splits at the furthest point reached:
// the result is then still a correct (if not minimal) diff, but time stays bounded on two
// completely different 50k-word texts.
class Myers {
public:
    Myers(const std::vector<int> &a, const std::vector<int> &b)
        : m_a(a)
        , m_b(b)
    {
    }

    std::vector<Edit> run()
    {
        struct Range {
            int a0, a1, b0, b1;
        };
        // Ranges are processed in order; each produces edits appended to m_out.
        std::vector<Range> stack;
        stack.push_back({0, int(m_a.size()), 0, int(m_b.size())});
        while (!stack.empty()) {
            Range r = stack.back();
            stack.pop_back();
            // Common prefix.
            while (r.a0 < r.a1 && r.b0 < r.b1 && m_a[r.a0] == m_b[r.b0]) {
                m_out.push_back({DiffOp::Kind::Equal, r.a0});
                ++r.a0;
                ++r.b0;
            }
            // Common suffix: emitted after whatever the middle produces.
            int suffix = 0;
            while (r.a0 < r.a1 - suffix && r.b0 < r.b1 - suffix &&
                   m_a[r.a1 - 1 - suffix] == m_b[r.b1 - 1 - suffix])
                ++suffix;
            if (suffix > 0)
                stack.push_back({r.a1 - suffix, r.a1, r.b1 - suffix, r.b1}); // all equal
            r.a1 -= suffix;
            r.b1 -= suffix;
            if (r.a0 == r.a1 || r.b0 == r.b1 || m_budget <= 0) {
                for (int i = r.a0; i < r.a1; ++i)
                    m_out.push_back({DiffOp::Kind::Delete, i});
                for (int j = r.b0; j < r.b1; ++j)
                    m_out.push_back({DiffOp::Kind::Insert, j});
                continue;
            }
            auto [x, y] = split(r.a0, r.a1, r.b0, r.b1);
            if ((x == 0 && y == 0) || (x == r.a1 - r.a0 && y == r.b1 - r.b0)) {
                // Never expected; guards against looping on the same range.
                x = r.a1 - r.a0;
                y = 0;
            }
            stack.push_back({r.a0 + x, r.a1, r.b0 + y, r.b1});
            stack.push_back({r.a0, r.a0 + x, r.b0, r.b0 + y});
        }
        return std::move(m_out);
    }

private:
    static constexpr int kMaxD = 1024;
    // Diagonal steps for the whole diff (~a second unoptimized). Once spent, what is left
    // is shown as replaced: two texts that different have no useful finer diff anyway.
    qint64 m_budget = 60'000'000;

    // A point (x, y) relative to (a0, b0), strictly inside the edit graph, through which a
    // shortest edit path passes. Both sides are non-empty and differ at both ends.
    std::pair<int, int> split(int a0, int a1, int b0, int b1)
    {
        const int n = a1 - a0;
        const int m = b1 - b0;
        const int maxD = std::min((n + m + 1) / 2, kMaxD);
        const int offset = maxD + 1;
        const int length = 2 * maxD + 3;
        std::vector<int> v1(length, -1), v2(length, -1);
        v1[offset + 1] = 0;
        v2[offset + 1] = 0;
        const int delta = n - m;
        const bool front = (delta % 2) != 0;
        int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        const int *A = m_a.data() + a0;
        const int *B = m_b.data() + b0;
        for (int d = 0; d < maxD && m_budget > 0; ++d) {
            m_budget -= 2 * d + 2;
            for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const int k1o = offset + k1;
                int x1 = (k1 == -d || (k1 != d && v1[k1o - 1] < v1[k1o + 1])) ? v1[k1o + 1] : v1[k1o - 1] + 1;
                int y1 = x1 - k1;
                while (x1 < n && y1 < m && A[x1] == B[y1]) {
                    ++x1;
                    ++y1;
                    --m_budget;
                }
                v1[k1o] = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (front) {
                    const int k2o = offset + delta - k1;
                    if (k2o >= 0 && k2o < length && v2[k2o] != -1 && x1 >= n - v2[k2o])
                        return {x1, y1};
                }
            }
            for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const int k2o = offset + k2;
                int x2 = (k2 == -d || (k2 != d && v2[k2o - 1] < v2[k2o + 1])) ? v2[k2o + 1] : v2[k2o - 1] + 1;
                int y2 = x2 - k2;
                while (x2 < n && y2 < m && A[n - x2 - 1] == B[m - y2 - 1]) {
                    ++x2;
                    ++y2;
                    --m_budget;
                }
                v2[k2o] = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!front) {
                    const int k1o = offset + delta - k2;
                    if (k1o >= 0 && k1o < length && v1[k1o] != -1) {
                        const int x1 = v1[k1o];
                        const int y1 = x1 - (k1o - offset);
                        if (x1 >= n - x2)
                            return {x1, y1};
                    }
                }
            }
        }
        // Too expensive: split at the forward point that got furthest along.
        int bestX = 0, bestY = 0;
        for (int k = -maxD; k <= maxD; ++k) {
            const int x = v1[offset + k];
            const int y = x - k;
            if (x < 0 || x > n || y < 0 || y > m)
                continue;
            if (x + y > bestX + bestY) {
                bestX = x;
                bestY = y;
            }
        }
        if (bestX + bestY == 0 || (bestX == n && bestY == m))
            return {n, 0}; // degenerate: delete everything, insert everything
        return {bestX, bestY};
    }

    const std::vector<int> &m_a;
    const std::vector<int> &m_b;
    std::vector<Edit> m_out;
};

void append(QVector<DiffOp> &ops, DiffOp::Kind kind, const QString &text)
{
    if (text.isEmpty())
        return;
    if (!ops.isEmpty() && ops.last().kind == kind)
        ops.last().text += text;
    else
        ops.append({kind, text});
}

} // namespace

QStringList TextDiff::tokenize(const QString &text)
{
    QStringList tokens;
    if (text.isEmpty())
        return tokens;
    // Grapheme clusters keep surrogate pairs, emoji sequences and combining marks whole;
    // clusters of the same kind are then joined into words and whitespace runs.
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    Cls current = Cls::Other;
    qsizetype tokenStart = -1;
    auto flush = [&](qsizetype end) {
        if (tokenStart >= 0 && end > tokenStart)
            tokens.append(text.mid(tokenStart, end - tokenStart));
        tokenStart = -1;
    };
    while (start < text.size()) {
        qsizetype end = finder.toNextBoundary();
        if (end <= start)
            end = text.size();
        Cls cls = classify(firstCodePoint(text, start));
        if (cls == Cls::Apostrophe) {
            // "don't" stays one word: an apostrophe between two word clusters belongs to it.
            const bool inWord = tokenStart >= 0 && current == Cls::Word;
            const bool wordFollows = end < text.size() && classify(firstCodePoint(text, end)) == Cls::Word;
            cls = (inWord && wordFollows) ? Cls::Word : Cls::Other;
        }
        const bool joins = tokenStart >= 0 && cls == current && (cls == Cls::Space || cls == Cls::Word);
        if (!joins) {
            flush(start);
            tokenStart = start;
            current = cls;
        }
        start = end;
    }
    flush(text.size());
    return tokens;
}

QVector<DiffOp> TextDiff::compute(const QString &before, const QString &after)
{
    const QStringList a = tokenize(before);
    const QStringList b = tokenize(after);
    QHash<QString, int> ids;
    auto intern = [&ids](const QStringList &tokens) {
        std::vector<int> out;
        out.reserve(size_t(tokens.size()));
        for (const QString &t : tokens) {
            auto it = ids.constFind(t);
            if (it == ids.constEnd())
                it = ids.insert(t, int(ids.size()));
            out.push_back(it.value());
        }
        return out;
    };
    const std::vector<int> ia = intern(a);
    const std::vector<int> ib = intern(b);
    const std::vector<Edit> edits = Myers(ia, ib).run();

    // Between two Equal runs, all Deletes come first and then all Inserts.
    QVector<DiffOp> ops;
    QString deleted, inserted;
    auto flushChange = [&] {
        append(ops, DiffOp::Kind::Delete, deleted);
        append(ops, DiffOp::Kind::Insert, inserted);
        deleted.clear();
        inserted.clear();
    };
    for (const Edit &e : edits) {
        switch (e.kind) {
        case DiffOp::Kind::Equal:
            flushChange();
            append(ops, DiffOp::Kind::Equal, a.at(e.index));
            break;
        case DiffOp::Kind::Delete:
            deleted += a.at(e.index);
            break;
        case DiffOp::Kind::Insert:
            inserted += b.at(e.index);
            break;
        }
    }
    flushChange();
    return ops;
}

} // namespace penpal
