// Streaming equivalence: a reply rendered while it streams, in any pieces, ends up exactly like
// the final text rendered at once; and chunks that are closed are never parsed or laid out again.

#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace penpal;

namespace {

QString fixture(const QString &name)
{
    QFile f(QStringLiteral(PENPAL_FIXTURES_DIR "/markdown/") + name);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList fixtureNames()
{
    return QDir(QStringLiteral(PENPAL_FIXTURES_DIR "/markdown"))
        .entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
}

// A code block long enough to be cut into pieces, with a comment and a docstring that span a
// piece boundary (the highlighter state must carry over).
QString longCode()
{
    QString text = QStringLiteral("Intro\n\n```python\n");
    for (int i = 0; i < 90; ++i) {
        if (i == 30)
            text += QStringLiteral("s = \"\"\"a docstring\n");
        else if (i == 34)
            text += QStringLiteral("end of it\"\"\" + '$x$'\n");
        else
            text += QStringLiteral("value_%1 = compute(%1)  # step\n").arg(i);
    }
    return text + QStringLiteral("```\nright after\n\nDone.");
}

// Cases where a naive incremental renderer goes wrong.
QList<QPair<QString, QString>> trickyTexts()
{
    return {
        {"fence opens and closes", "Intro\n\n```py\nx = 1\n\n\ny = '$a$'\n```\n\nAfter $x$ text\n"},
        {"loose list grows", "- a\n\n- b\n\n  more b\n\n- c\n\nend"},
        {"display math over lines", "Before\n\n$$\na = b\n+ c\n$$\n\n\\[\nx\n\\]\n"},
        {"inline math next to code", "`$code$` then $m$ and \\(n\\) and $5 and $6"},
        {"table grows", "| a | b |\n|---|---|\n| 1 | 2 |\n| $|x|$ | `y` |\n\ntext"},
        {"crlf", "one\r\n\r\ntwo **bold**\r\n\r\n- x\r\n- y\r\n"},
        {"headings and rule", "# T\n\ntext\n\n---\n\nSetext\n===\n"},
        {"adjacent fences", "```py\na\n```\n```py\nb\n```\n"},
        {"image and link",
         "![img](https://x.example/i.png) [l](https://y.example)\n\n[a]: https://z.example"},
        {"long code block", longCode()},
        {"inline math over lines", "Let $a +\nb = c$ hold and \\(x\ny\\) too, $5 and\n$6.\n\nNext $z$"},
    };
}

std::shared_ptr<const MarkdownRenderer> renderer()
{
    static const auto shared = std::make_shared<MarkdownRenderer>(QFont(QStringLiteral("DejaVu Sans"), 10));
    return shared;
}

QString renderAtOnce(const QString &text)
{
    RenderedMessage message(renderer());
    message.setText(text);
    return message.dump();
}

// Feeds the text in pieces ending at the given offsets; lays out every few pieces like a view
// would between frames.
void streamInPieces(RenderedMessage &message, const QString &text, const QVector<qsizetype> &cuts,
                    int layoutEvery)
{
    qsizetype start = 0;
    int pieces = 0;
    for (qsizetype cut : cuts) {
        message.append(QStringView(text).mid(start, cut - start));
        start = cut;
        // Rendering is lazy: ask for it after every piece so each intermediate state is
        // really rendered (and can leave stale state behind if the reuse logic is wrong).
        QVERIFY(message.chunkCount() >= 0);
        if (layoutEvery > 0 && ++pieces % layoutEvery == 0)
            message.size(420);
    }
    message.append(QStringView(text).mid(start));
}

QString firstDifference(const QString &a, const QString &b)
{
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a.at(i) == b.at(i))
        ++i;
    return QStringLiteral("at %1: '%2' vs '%3'").arg(i).arg(a.mid(i, 80), b.mid(i, 80));
}

} // namespace

class TestMarkdownStreaming : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void oneCharacterAtATime_data()
    {
        QTest::addColumn<QString>("text");
        for (const QString &name : fixtureNames())
            QTest::newRow(qPrintable(name)) << fixture(name);
        for (const auto &[name, text] : trickyTexts())
            QTest::newRow(qPrintable(name)) << text;
    }

    void oneCharacterAtATime()
    {
        QFETCH(QString, text);
        QVERIFY(!text.isEmpty());
        RenderedMessage streamed(renderer());
        QVector<qsizetype> cuts;
        for (qsizetype i = 1; i < text.size(); ++i)
            cuts.append(i);
        // Lay out about once per frame's worth of text (16 tokens), as a streaming view does.
        streamInPieces(streamed, text, cuts, text.size() > 5000 ? 64 : 7);
        const QString once = renderAtOnce(text);
        QVERIFY2(streamed.dump() == once, qPrintable(firstDifference(streamed.dump(), once)));

        // The incrementally maintained layout equals a fresh one.
        RenderedMessage fresh(renderer());
        fresh.setText(text);
        QCOMPARE(streamed.size(420), fresh.size(420));
        QCOMPARE(streamed.toPlainText(), fresh.toPlainText());
    }

    void randomPieces_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint32>("seed");
        for (const QString &name : fixtureNames()) {
            for (quint32 seed : {1u, 2u, 3u})
                QTest::addRow("%s seed %u", qPrintable(name), seed) << fixture(name) << seed;
        }
    }

    void randomPieces()
    {
        QFETCH(QString, text);
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed);
        QVector<qsizetype> cuts;
        for (qsizetype at = 1 + rng.bounded(40); at < text.size(); at += 1 + rng.bounded(40))
            cuts.append(at);
        RenderedMessage streamed(renderer());
        streamInPieces(streamed, text, cuts, 3);
        const QString once = renderAtOnce(text);
        QVERIFY2(streamed.dump() == once, qPrintable(firstDifference(streamed.dump(), once)));
    }

    // Every two-way split, through setText() (as the model delivers whole texts).
    void everyTwoWaySplit_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *name : {"task_lists.md", "block_quotes.md", "math.md"})
            QTest::newRow(name) << fixture(QString::fromLatin1(name));
        for (const auto &[name, text] : trickyTexts()) {
            if (text.size() <= 1000) // every split re-renders the whole text: small texts only
                QTest::newRow(qPrintable(name)) << text;
        }
    }

    void everyTwoWaySplit()
    {
        QFETCH(QString, text);
        const QString once = renderAtOnce(text);
        for (qsizetype k = 0; k <= text.size(); ++k) {
            RenderedMessage message(renderer());
            message.setText(text.left(k));
            message.size(300);
            message.setText(text);
            if (message.dump() != once)
                QFAIL(qPrintable(QStringLiteral("split at %1 ").arg(k) +
                                 firstDifference(message.dump(), once)));
        }
    }

    // Edits that are not appends (regenerate, truncate, change in the middle) re-render from the
    // first changed chunk and still match a fresh rendering.
    void edits_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        const QString reply = fixture(QStringLiteral("mixed_reply.md"));
        QTest::newRow("truncate") << reply << reply.left(reply.size() / 2);
        QTest::newRow("change in the middle")
            << reply << QString(reply).replace(QLatin1String("sorted"), QLatin1String("ordered"));
        QTest::newRow("replace all") << reply << fixture(QStringLiteral("tables.md"));
        QTest::newRow("to empty") << reply << QString();
        QTest::newRow("from empty") << QString() << reply;
    }

    void edits()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        RenderedMessage message(renderer());
        message.setText(before);
        message.size(500);
        message.setText(after);
        QCOMPARE(message.dump(), renderAtOnce(after));
        RenderedMessage fresh(renderer());
        fresh.setText(after);
        QCOMPARE(message.size(500), fresh.size(500));
    }

    // Appending paragraph by paragraph parses each chunk a bounded number of times: the parse
    // count grows with the number of chunks, not with its square.
    void closedChunksAreNotReparsed()
    {
        RenderedMessage message(renderer());
        const int paragraphs = 300;
        int appends = 0;
        for (int i = 0; i < paragraphs; ++i) {
            const QString paragraph = QStringLiteral("Paragraph %1 has *some* words and `code`.\n\n").arg(i);
            // Token-sized pieces, with a layout after each like a streaming view.
            for (qsizetype at = 0; at < paragraph.size(); at += 4) {
                message.append(QStringView(paragraph).mid(at, 4));
                message.size(400);
                ++appends;
            }
        }
        QCOMPARE(message.chunkCount(), paragraphs);
        // Each append re-renders at most the open chunk and the chunks it creates.
        QVERIFY2(message.stats().chunksRendered <= appends + paragraphs,
                 qPrintable(QString::number(message.stats().chunksRendered)));
        QVERIFY2(message.stats().chunksLaidOut <= appends + paragraphs,
                 qPrintable(QString::number(message.stats().chunksLaidOut)));
        // A naive renderer parses all chunks on each append: about paragraphs^2/2 * pieces.
        QVERIFY(message.stats().chunksRendered < qint64(paragraphs) * paragraphs / 4);
        QCOMPARE(message.stats().rescans, 0);
    }

    void closedChunksKeepTheirDocuments()
    {
        RenderedMessage message(renderer());
        message.setText(QStringLiteral("First paragraph.\n\nSecond paragraph.\n\nThird"));
        QCOMPARE(message.closedChunkCount(), 2);
        const QTextDocument *first = message.chunk(0).doc.get();
        const QTextDocument *second = message.chunk(1).doc.get();
        const qint64 rendered = message.stats().chunksRendered;
        message.size(300);
        const qint64 laidOut = message.stats().chunksLaidOut;

        message.append(u" one grows.\n\n- and a list");
        message.size(300);
        QCOMPARE(message.chunk(0).doc.get(), first);
        QCOMPARE(message.chunk(1).doc.get(), second);
        // Only "Third one grows." (now closed) and the new list chunk were rendered and laid out.
        QCOMPARE(message.stats().chunksRendered, rendered + 2);
        QCOMPARE(message.stats().chunksLaidOut, laidOut + 2);

        // A changed width lays everything out again, but parses nothing.
        message.size(500);
        QCOMPARE(message.stats().chunksRendered, rendered + 2);
        QCOMPARE(message.stats().chunksLaidOut, laidOut + 2 + message.chunkCount());
    }

    void setTextWithSameTextDoesNothing()
    {
        RenderedMessage message(renderer());
        const QString text = fixture(QStringLiteral("mixed_reply.md"));
        message.setText(text);
        const qint64 rendered = message.stats().chunksRendered;
        message.setText(QString(text)); // equal, not shared
        QCOMPARE(message.stats().chunksRendered, rendered);
    }
};

QTEST_MAIN(TestMarkdownStreaming)
#include "tst_markdownstreaming.moc"
