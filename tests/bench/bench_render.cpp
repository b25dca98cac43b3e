// Streaming cost of the Markdown renderer. Streams a generated ~100k-token (~400 KB) reply into
// a RenderedMessage in token-sized pieces at maximum speed, laying it out at a fixed width (and
// painting the bottom of it) after every batch of 16 tokens, as a view does once per frame.
// Prints the cost (thread CPU time) of the last 1,000 tokens against the first 1,000 and the
// sustained rate.
// For comparison it runs the same stream through two other designs for part of the way:
// one QTextDocument fed chunk fragments (insertFragment), and re-parsing the whole message
// each frame (what the first delegate did). Never asserts on time.
//
// Usage: bench_render [tokens] [--no-compare]

#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"
#include "render/SafeTextDocument.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTextCursor>
#include <QTextDocumentFragment>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace penpal;

namespace {

constexpr int kBatch = 16;     // tokens per frame
constexpr qreal kWidth = 720;  // layout width of the message
constexpr int kViewport = 900; // height of the painted bottom part

const char *const kWords[] = {
    "the",    "model",         "returns", "a",      "stream", "of",        "tokens",     "which", "we",
    "render", "incrementally", "so",      "that",   "long",   "answers",   "stay",       "fluid", "and",
    "every",  "frame",         "costs",   "about",  "same",   "time",      "regardless", "how",   "much",
    "text",   "already",       "arrived", "parser", "layout", "paragraph", "function",   "value", "result"};

QString word(QRandomGenerator &rng)
{
    return QString::fromLatin1(kWords[rng.bounded(int(std::size(kWords)))]);
}

QString sentence(QRandomGenerator &rng, int words)
{
    QString s = word(rng);
    s[0] = s.at(0).toUpper();
    for (int i = 1; i < words; ++i) {
        s += QLatin1Char(' ');
        const int style = int(rng.bounded(40));
        if (style == 0)
            s += QStringLiteral("**") + word(rng) + QStringLiteral("**");
        else if (style == 1)
            s += QLatin1Char('`') + word(rng) + QStringLiteral("()`");
        else if (style == 2)
            s += QStringLiteral("$x_%1^2$").arg(rng.bounded(9));
        else
            s += word(rng);
    }
    return s + QLatin1Char('.');
}

// A long assistant reply: sections of paragraphs, lists, code blocks and the odd table.
QString generateReply(qsizetype targetChars)
{
    QRandomGenerator rng(42);
    QString md;
    int section = 0;
    while (md.size() < targetChars) {
        md += QStringLiteral("## Section %1\n\n").arg(++section);
        for (int p = 0; p < 2; ++p)
            md += sentence(rng, 12) + QLatin1Char(' ') + sentence(rng, 16) + QLatin1Char(' ') +
                  sentence(rng, 10) + QStringLiteral("\n\n");
        const int kind = section % 4;
        if (kind == 0 || kind == 2) {
            for (int i = 0; i < 5; ++i)
                md += QStringLiteral("- ") + sentence(rng, 8) + QLatin1Char('\n');
            md += QLatin1Char('\n');
        }
        if (kind == 1 || kind == 2) {
            md += QStringLiteral("```python\n");
            const int lines = 12 + int(rng.bounded(16));
            for (int i = 0; i < lines; ++i) {
                md += QString(4 * (i % 3), QLatin1Char(' ')) +
                      QStringLiteral("%1 = compute_%2(%3, \"%4\")  # step %5\n")
                          .arg(word(rng), word(rng), QString::number(rng.bounded(1000)), word(rng))
                          .arg(i);
            }
            md += QStringLiteral("```\n\n");
        }
        if (kind == 3) {
            md += QStringLiteral("| Name | Value | Note |\n|---|---:|---|\n");
            for (int i = 0; i < 4; ++i)
                md +=
                    QStringLiteral("| %1 | %2 | %3 |\n").arg(word(rng)).arg(rng.bounded(100)).arg(word(rng));
            md += QLatin1Char('\n');
        }
    }
    return md;
}

// Cuts text like a BPE tokenizer roughly does: a leading space and up to 4 more characters.
QStringList tokenize(const QString &text)
{
    QStringList tokens;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype j = i + 1;
        if (text.at(i) != QLatin1Char('\n')) {
            while (j < text.size() && j - i < 5 && text.at(j) != QLatin1Char(' ') &&
                   text.at(j) != QLatin1Char('\n'))
                ++j;
        }
        tokens.append(text.mid(i, j - i));
        i = j;
    }
    return tokens;
}

// CPU time of this thread: the machine running benchmarks is shared, and wall-clock time would
// mostly measure the neighbours.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Result {
    double totalMs = 0;
    double firstMs = 0; // first 1,000 tokens
    double lastMs = 0;  // last 1,000 tokens
    double worstFrameMs = 0;
    int tokens = 0;
};

// Runs `frame` after every batch; `feed` gets each token.
Result stream(const QStringList &tokens, int limit, const std::function<void(const QString &)> &feed,
              const std::function<void()> &frame)
{
    Result r;
    r.tokens = qMin(limit, int(tokens.size()));
    QVector<double> at(r.tokens + 1, 0.0);
    const double start = threadCpuMs();
    double frameStart = start;
    for (int i = 0; i < r.tokens; ++i) {
        feed(tokens.at(i));
        if ((i + 1) % kBatch == 0 || i + 1 == r.tokens) {
            frame();
            const double now = threadCpuMs();
            r.worstFrameMs = qMax(r.worstFrameMs, now - frameStart);
            frameStart = now;
        }
        at[i + 1] = threadCpuMs() - start;
    }
    r.totalMs = at[r.tokens];
    const int window = qMin(1000, r.tokens);
    r.firstMs = at[window];
    r.lastMs = at[r.tokens] - at[r.tokens - window];
    return r;
}

void print(const char *name, const Result &r)
{
    std::printf(
        "%-36s %7d tokens  %9.1f ms CPU  %8.0f tok/s  first 1k %7.1f ms  last 1k %7.1f ms  ratio %5.2fx  "
        "worst frame %6.1f ms\n",
        name, r.tokens, r.totalMs, r.tokens / (r.totalMs / 1000.0), r.firstMs, r.lastMs,
        r.lastMs / qMax(0.001, r.firstMs), r.worstFrameMs);
}

long residentKb()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toLong() * 4 : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    int tokenTarget = 100000;
    bool compare = true;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--no-compare") == 0)
            compare = false;
        else if (QByteArray(argv[i]).toInt() > 0)
            tokenTarget = QByteArray(argv[i]).toInt();
    }

    const QString reply = generateReply(qsizetype(tokenTarget) * 33 / 10); // ~3.3 characters per token
    const QStringList tokens = tokenize(reply);
    std::printf("reply: %lld chars, %lld tokens, batches of %d tokens, width %.0f px\n",
                static_cast<long long>(reply.size()), static_cast<long long>(tokens.size()), kBatch, kWidth);

    const auto renderer = std::make_shared<MarkdownRenderer>(QFont(QStringLiteral("DejaVu Sans"), 10));
    QImage canvas(int(kWidth), kViewport, QImage::Format_ARGB32_Premultiplied);

    // 1. The block list (the engine): append, lay out, paint the bottom of the message.
    {
        const long rssBefore = residentKb();
        RenderedMessage message(renderer);
        RenderedMessage::PaintContext ctx;
        const Result r = stream(
            tokens, int(tokens.size()), [&](const QString &t) { message.append(t); },
            [&] {
                const QSizeF size = message.size(kWidth);
                canvas.fill(Qt::white);
                QPainter p(&canvas);
                p.translate(0, kViewport - size.height());
                message.draw(&p, QRectF(0, size.height() - kViewport, kWidth, kViewport), ctx);
            });
        print("block list (append+layout+paint)", r);
        const RenderedMessage::Stats &s = message.stats();
        std::printf(
            "  chunks %d, chunk parses %lld (%.2f per chunk), chunk layouts %lld, parsed %.1f MB of text, "
            "height %.0f px, RSS +%ld KB\n",
            message.chunkCount(), static_cast<long long>(s.chunksRendered),
            double(s.chunksRendered) / qMax(1, message.chunkCount()), static_cast<long long>(s.chunksLaidOut),
            s.charsRendered * 2 / 1e6, message.size(kWidth).height(), residentKb() - rssBefore);

        // The same without painting: the figure the goal is about. Best of three runs per
        // window, since a 1,000-token window costs only some tens of milliseconds and a shared
        // machine's noise is of that size.
        Result best;
        for (int run = 0; run < 3; ++run) {
            RenderedMessage layoutOnly(renderer);
            const Result r = stream(
                tokens, int(tokens.size()), [&](const QString &t) { layoutOnly.append(t); },
                [&] { layoutOnly.size(kWidth); });
            if (run == 0) {
                best = r;
                continue;
            }
            best.totalMs = qMin(best.totalMs, r.totalMs);
            best.firstMs = qMin(best.firstMs, r.firstMs);
            best.lastMs = qMin(best.lastMs, r.lastMs);
            best.worstFrameMs = qMin(best.worstFrameMs, r.worstFrameMs);
        }
        print("block list (append+layout), best of 3", best);
        // Content differs along the reply (code costs more per token than prose): the same last
        // 1,000 tokens streamed into an empty message separate length from content.
        const QStringList lastTokens = tokens.mid(tokens.size() - 1000);
        double fresh = 1e9;
        for (int run = 0; run < 3; ++run) {
            RenderedMessage alone(renderer);
            fresh = qMin(fresh, stream(
                                    lastTokens, int(lastTokens.size()),
                                    [&](const QString &t) { alone.append(t); }, [&] { alone.size(kWidth); })
                                    .totalMs);
        }
        std::printf("  the last 1k tokens into an empty message: %.1f ms -> growth at 100k tokens %.2fx\n",
                    fresh, best.lastMs / fresh);
        const double onceStart = threadCpuMs();
        RenderedMessage atOnce(renderer);
        atOnce.setText(reply);
        atOnce.size(kWidth);
        std::printf("  final text rendered and laid out at once: %.1f ms CPU\n", threadCpuMs() - onceStart);
    }

    // 1a. Painting one screen costs what is on it, not how long the message is.
    {
        std::printf("  painting the last %d px screen (mean of 20):", kViewport);
        for (int percent : {10, 25, 50, 100}) {
            RenderedMessage message(renderer);
            message.setText(reply.left(reply.size() * percent / 100));
            const QSizeF size = message.size(kWidth);
            const double start = threadCpuMs();
            for (int n = 0; n < 20; ++n) {
                canvas.fill(Qt::white);
                QPainter p(&canvas);
                p.translate(0, kViewport - size.height());
                message.draw(&p, QRectF(0, size.height() - kViewport, kWidth, kViewport), {});
            }
            std::printf("  at %d%%: %.2f ms", percent, (threadCpuMs() - start) / 20);
        }
        std::printf("\n");
    }

    // 1b. The worst case for chunking: one long code block (a whole file in one fence).
    {
        QString file = QStringLiteral("Here is the file:\n\n```python\n");
        for (int i = 0; file.size() < 120000; ++i)
            file += QStringLiteral("    value_%1 = compute(%1, \"text\")  # step %1\n").arg(i);
        file += QStringLiteral("```\n");
        const QStringList fileTokens = tokenize(file);
        RenderedMessage message(renderer);
        print("one long code block (append+layout)",
              stream(
                  fileTokens, int(fileTokens.size()), [&](const QString &t) { message.append(t); },
                  [&] { message.size(kWidth); }));
        std::printf("  %lld chars, %d chunks (pieces of %d lines)\n", static_cast<long long>(file.size()),
                    message.chunkCount(), MarkdownBlockSplitter::CodePieceLines);
    }

    if (!compare)
        return 0;

    // 2. One big QTextDocument: the same chunk renderings, spliced in with insertFragment().
    {
        const int limit = int(tokens.size());
        RenderedMessage message(renderer);
        SafeTextDocument big;
        big.setDocumentMargin(0);
        big.setDefaultFont(renderer->font());
        big.setTextWidth(kWidth);
        std::vector<const QTextDocument *> inserted; // chunk documents now in `big`
        std::vector<int> starts;
        const Result r = stream(
            tokens, limit, [&](const QString &t) { message.append(t); },
            [&] {
                size_t same = 0;
                while (same < inserted.size() && int(same) < message.chunkCount() &&
                       inserted[same] == message.chunk(int(same)).doc.get())
                    ++same;
                QTextCursor cursor(&big);
                cursor.beginEditBlock();
                cursor.setPosition(same < starts.size() ? starts[same] : big.characterCount() - 1);
                cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
                cursor.removeSelectedText();
                inserted.resize(same);
                starts.resize(same);
                for (int i = int(same); i < message.chunkCount(); ++i) {
                    if (i > 0)
                        cursor.insertBlock();
                    starts.push_back(cursor.position());
                    cursor.insertFragment(QTextDocumentFragment(message.chunk(i).doc.get()));
                    inserted.push_back(message.chunk(i).doc.get());
                }
                cursor.endEditBlock();
                big.size();
            });
        print("one document (insertFragment)", r);
    }

    // 3. Re-parsing the whole message every frame.
    {
        const int limit = qMin(int(tokens.size()), 6000);
        QString text;
        SafeTextDocument doc;
        doc.setDocumentMargin(0);
        doc.setDefaultFont(renderer->font());
        const Result r = stream(
            tokens, limit, [&](const QString &t) { text += t; },
            [&] {
                doc.setSafeMarkdown(text);
                doc.setTextWidth(kWidth);
                doc.size();
            });
        print("whole-message setMarkdown", r);
    }
    return 0;
}
