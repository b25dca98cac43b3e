#include "render/DocumentDump.h"
#include "render/ImagePlaceholder.h"
#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"
#include "render/SafeTextDocument.h"

#include <QAbstractTextDocumentLayout>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextFrame>
#include <QTextTable>

using namespace penpal;

namespace {

QString fixture(const QString &name)
{
    QFile f(QStringLiteral(PENPAL_FIXTURES_DIR "/markdown/") + name);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

std::shared_ptr<const MarkdownRenderer> renderer()
{
    static const auto shared = std::make_shared<MarkdownRenderer>(QFont(QStringLiteral("DejaVu Sans"), 10));
    return shared;
}

int tableCells(const RenderedMessage &m)
{
    int cells = 0;
    for (int i = 0; i < m.chunkCount(); ++i) {
        QList<QTextFrame *> frames = m.chunk(i).doc->rootFrame()->childFrames();
        while (!frames.isEmpty()) {
            QTextFrame *frame = frames.takeFirst();
            frames += frame->childFrames();
            if (auto *table = qobject_cast<QTextTable *>(frame))
                cells += table->rows() * table->columns();
        }
    }
    return cells;
}

// Every fragment of the message with its format, for property checks.
struct Fragment {
    QString text;
    QTextCharFormat format;
    QTextBlockFormat blockFormat;
};

QVector<Fragment> fragments(const RenderedMessage &m)
{
    QVector<Fragment> out;
    for (int i = 0; i < m.chunkCount(); ++i) {
        for (QTextBlock b = m.chunk(i).doc->begin(); b.isValid(); b = b.next()) {
            for (auto it = b.begin(); !it.atEnd(); ++it)
                out.append({it.fragment().text(), it.fragment().charFormat(), b.blockFormat()});
        }
    }
    return out;
}

QImage paint(const RenderedMessage &m, int width, int height)
{
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    RenderedMessage::PaintContext ctx;
    ctx.palette.setColor(QPalette::Text, Qt::black);
    m.draw(&p, QRectF(), ctx);
    return image;
}

int countColor(const QImage &image, QRgb rgb)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            n += (line[x] & 0xffffff) == (rgb & 0xffffff);
    }
    return n;
}

} // namespace

class TestMarkdownRenderer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("words");     // must all be in the plain text
        QTest::addColumn<QStringList>("absent");    // must not be (markup that should be gone)
        QTest::addColumn<int>("cells");             // table cells in total
        QTest::addColumn<QStringList>("languages"); // code block languages, in order
        QTest::addColumn<int>("math");              // inline + display math spans

        QTest::newRow("tables") << "tables.md"
                                << QStringList{"Quicksort", "Mergesort", "n²", "std::sort", "beta", "x^2"}
                                << QStringList{"|", "---", "**"} << 33 << QStringList{} << 1;
        QTest::newRow("nested lists") << "nested_lists.md" << QStringList{"Groceries",
                                                                          "sourdough",
                                                                          "rye",
                                                                          "hinges",
                                                                          "continuation paragraph",
                                                                          "third item with inline code",
                                                                          "star bullet two"}
                                      << QStringList{"- apples", "* star"} << 0 << QStringList{} << 0;
        QTest::newRow("task lists") << "task_lists.md"
                                    << QStringList{"changelog", "Debian", "Flatpak", "announce it"}
                                    << QStringList{"[x]", "[ ]"} << 0 << QStringList{} << 0;
        QTest::newRow("block quotes")
            << "block_quotes.md" << QStringList{"quick brown fox", "Nested quote inside", "bold", "banana"}
            << QStringList{">"} << 0 << QStringList{} << 0;
        QTest::newRow("headings") << "headings.md"
                                  << QStringList{"Heading level one", "Heading level six", "Setext heading",
                                                 "strikethrough", "Text after a rule."}
                                  << QStringList{"#", "==", "~~", "__"} << 0 << QStringList{} << 0;
        QTest::newRow("code")
            << "code_languages.md"
            << QStringList{"#include <stdio.h>", "nullptr",       "print(f\"hi {name}\", 3.14)",
                           "ORDER BY name",      "println!",      "System.out.println",
                           "<!-- note -->",      "enabled: true", "no language at all"}
            << QStringList{"```"} << 0
            << QStringList{"c",        "cpp",  "python", "javascript", "typescript", "json", "bash",
                           "sql",      "rust", "go",     "java",       "html",       "css",  "yaml",
                           "markdown", "",     ""}
            << 0;
        QTest::newRow("math") << "math.md"
                              << QStringList{"a_1 * b_2",
                                             "x*y*z",
                                             "$5 and $10",
                                             "$5-$10",
                                             "e^{i\\pi} + 1 = 0",
                                             "\\frac{\\sqrt{\\pi}}{2}",
                                             "\\sum_{k=1}^{n}",
                                             "$not_math$",
                                             "echo \"$HOME/$USER\"",
                                             "escaped dollar $ stays",
                                             "E = mc^2"}
                              << QStringList{"\\(", "\\[", "$$"} << 0 << QStringList{"bash"} << 6;
        QTest::newRow("cjk") << "cjk.md"
                             << QStringList{"中文标题",      "机器学习模型", "粗体文字", "ひらがな、カタカナ",
                                            "한국어 문장도", "项目二",       "内容"}
                             << QStringList{"**"} << 4 << QStringList{} << 0;
        QTest::newRow("rtl")
            << "rtl.md"
            << QStringList{"مرحبا بالعالم", "نص عريض", "שלום עולם", "קוד", "the word שלום means peace",
                           "عنصر أول"}
            << QStringList{"**", "`"} << 0 << QStringList{} << 0;
        QTest::newRow("emoji") << "emoji.md"
                               << QStringList{"🎉",       "🥳",     "👨‍👩‍👧‍👦",
                                              "🇯🇵",      "👍🏽", "🍌 banana",
                                              "🚀 rocket"}
                               << QStringList{"`"} << 0 << QStringList{} << 0;
        QTest::newRow("long line") << "long_line.md" << QStringList{"START", "END", "normal paragraph after"}
                                   << QStringList{} << 0 << QStringList{} << 0;
        QTest::newRow("links and images")
            << "links_images.md"
            << QStringList{"click here", "open file", "https://www.example.org/path", "A chart", "badge"}
            << QStringList{"](", "!["} << 0 << QStringList{} << 0;
        QTest::newRow("mixed reply")
            << "mixed_reply.md"
            << QStringList{"binary search", "How it works",      "Look at the middle element.",
                           "O(\\log n)",    "return mid",        "the input must be sorted",
                           "1,000,000",     "recursive version!"}
            << QStringList{"##", "```"} << 6 << QStringList{"python"} << 1;
    }

    void corpus()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, words);
        QFETCH(QStringList, absent);
        QFETCH(int, cells);
        QFETCH(QStringList, languages);
        QFETCH(int, math);

        const QString text = fixture(name);
        QVERIFY(!text.isEmpty());
        RenderedMessage message(renderer());
        message.setText(text);
        const QString plain = message.toPlainText();
        for (const QString &w : std::as_const(words))
            QVERIFY2(plain.contains(w), qPrintable(QStringLiteral("'%1' missing in:\n%2").arg(w, plain)));
        for (const QString &a : std::as_const(absent))
            QVERIFY2(!plain.contains(a),
                     qPrintable(QStringLiteral("'%1' should be gone:\n%2").arg(a, plain)));
        QCOMPARE(tableCells(message), cells);

        QStringList found;
        for (const CodeBlockInfo &info : message.codeBlocks())
            found.append(info.canonicalLanguage);
        QCOMPARE(found, languages);

        int mathSpans = 0;
        for (int i = 0; i < message.chunkCount(); ++i)
            mathSpans += message.chunk(i).inlineMath + message.chunk(i).displayMath;
        QCOMPARE(mathSpans, math);

        // Stable: rendering again gives the very same documents.
        RenderedMessage again(renderer());
        again.setText(text);
        QCOMPARE(again.dump(), message.dump());

        // Lays out and paints without trouble, never wider than asked (long lines wrap).
        const QSizeF size = message.size(420);
        QVERIFY(size.height() > 0);
        for (int i = 0; i < message.chunkCount(); ++i) {
            const qreal docWidth = message.chunk(i).doc->documentLayout()->documentSize().width();
            QVERIFY2(docWidth <= 420.5, qPrintable(QString::number(docWidth)));
        }
        const QImage image = paint(message, 440, qMin(4000, int(size.height()) + 10));
        QVERIFY(countColor(image, qRgb(255, 255, 255)) < image.width() * image.height());
    }

    void longLineWraps()
    {
        RenderedMessage message(renderer());
        message.setText(fixture(QStringLiteral("long_line.md")));
        const qreal lineHeight = QFontMetricsF(renderer()->font()).height();
        const QSizeF size = message.size(400);
        // 10,000 characters at ~7 px each need well over 100 lines of 400 px.
        QVERIFY2(size.height() > 100 * lineHeight, qPrintable(QString::number(size.height())));
    }

    void rightToLeftParagraphs()
    {
        RenderedMessage message(renderer());
        message.setText(fixture(QStringLiteral("rtl.md")));
        int rtl = 0;
        int ltr = 0;
        for (int i = 0; i < message.chunkCount(); ++i) {
            for (QTextBlock b = message.chunk(i).doc->begin(); b.isValid(); b = b.next()) {
                if (b.text().startsWith(QStringLiteral("Mixed")))
                    ltr += b.textDirection() == Qt::LeftToRight;
                else if (!b.text().isEmpty())
                    rtl += b.textDirection() == Qt::RightToLeft;
            }
        }
        QCOMPARE(ltr, 1);
        QVERIFY2(rtl >= 4, qPrintable(QString::number(rtl)));
    }

    void mathIsStyledNotMarkdown()
    {
        RenderedMessage message(renderer());
        message.setText(fixture(QStringLiteral("math.md")));
        QStringList inlineMath;
        QStringList displayMath;
        for (const Fragment &f : fragments(message)) {
            if (f.format.boolProperty(MarkdownRenderer::InlineMathProperty)) {
                QVERIFY(f.format.fontItalic());
                QVERIFY(!f.format.fontFixedPitch());
                QVERIFY(f.format.background().style() != Qt::NoBrush);
                inlineMath.append(f.text);
            }
            if (f.blockFormat.boolProperty(MarkdownRenderer::MathBlockProperty)) {
                QVERIFY(!f.blockFormat.hasProperty(QTextFormat::BlockCodeLanguage));
                QVERIFY(f.format.fontItalic());
                displayMath.append(f.text);
            }
            // "$a_1 * b_2$" must not have turned into emphasis.
            if (f.text.contains(QLatin1String("1 * b")) || f.text.contains(QLatin1String("y*z")))
                QVERIFY(f.format.boolProperty(MarkdownRenderer::InlineMathProperty));
            // Currency stays plain text, code spans stay code.
            if (f.text.contains(QLatin1String("$5")))
                QVERIFY(!f.format.boolProperty(MarkdownRenderer::InlineMathProperty));
            if (f.text == QLatin1String("$not_math$"))
                QVERIFY(f.format.fontFixedPitch());
        }
        QCOMPARE(inlineMath, (QStringList{"a_1 * b_2", "x*y*z", "e^{i\\pi} + 1 = 0", "E = mc^2"}));
        QCOMPARE(displayMath.size(), 2);
        QCOMPARE(displayMath.at(0),
                 QStringLiteral("\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}"));
        // No private marker survives into the text.
        const QString plain = message.toPlainText();
        for (QChar c : plain)
            QVERIFY(c.unicode() != 0xE000 && c.unicode() != 0xE001 && c.unicode() != 0x0001 &&
                    c.unicode() != 0x0002);
    }

    void inlineMathOverLines_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QStringList>("math"); // the inline math spans, as shown
        QTest::newRow("over a line break") << "Let $a +\nb = c$ hold." << QStringList{"a + b = c"};
        QTest::newRow("parenthesised") << "Let \\(x\ny\\) hold." << QStringList{"x y"};
        QTest::newRow("not past a blank line") << "Cost $a or\n\nmore$ today" << QStringList{};
        QTest::newRow("not into a list") << "Price $a\n- b$ c" << QStringList{};
        QTest::newRow("one line still") << "$x$ and $y$" << QStringList{"x", "y"};
    }

    void inlineMathOverLines()
    {
        QFETCH(QString, markdown);
        QFETCH(QStringList, math);
        RenderedMessage message(renderer());
        message.setText(markdown);
        QStringList shown;
        for (const Fragment &f : fragments(message)) {
            if (f.format.boolProperty(MarkdownRenderer::InlineMathProperty))
                shown.append(f.text);
        }
        QCOMPARE(shown, math);
    }

    void mathInTableCell()
    {
        RenderedMessage message(renderer());
        message.setText(QStringLiteral("| a | b |\n|---|---|\n| $|x|$ | 2 |\n"));
        QCOMPARE(tableCells(message), 4);
        bool found = false;
        for (const Fragment &f : fragments(message)) {
            if (f.format.boolProperty(MarkdownRenderer::InlineMathProperty)) {
                QCOMPARE(f.text, QStringLiteral("|x|"));
                found = true;
            }
        }
        QVERIFY(found);
    }

    void forgedMarkersAreNeutralised()
    {
        RenderedMessage message(renderer());
        message.setText(QStringLiteral("`\uE000not math\uE001` and ```\x01math\n```"));
        for (const Fragment &f : fragments(message))
            QVERIFY(!f.format.boolProperty(MarkdownRenderer::InlineMathProperty));
        for (int i = 0; i < message.chunkCount(); ++i)
            QCOMPARE(message.chunk(i).displayMath, 0);
    }

    void codeBlocks()
    {
        RenderedMessage message(renderer());
        message.setText(
            QStringLiteral("Text\n\n```py\nx = 1\n\n  y = 2\n```\n```py\nz = 3\n```\n\n- item\n\n  ```js\n  "
                           "let a;\n  ```\n"));
        message.size(400);
        const QVector<CodeBlockInfo> blocks = message.codeBlocks();
        QCOMPARE(blocks.size(), 3); // the adjacent fences stay two blocks
        QCOMPARE(blocks.at(0).code, QStringLiteral("x = 1\n\n  y = 2"));
        QCOMPARE(blocks.at(0).language, QStringLiteral("py"));
        QCOMPARE(blocks.at(0).canonicalLanguage, QStringLiteral("python"));
        QCOMPARE(blocks.at(1).code, QStringLiteral("z = 3"));
        QCOMPARE(blocks.at(2).code, QStringLiteral("let a;"));
        QCOMPARE(blocks.at(2).canonicalLanguage, QStringLiteral("javascript"));
        for (int i = 0; i < blocks.size(); ++i) {
            // The block's position range holds exactly its code.
            QCOMPARE(message.selectedText(blocks.at(i).firstPosition, blocks.at(i).endPosition),
                     blocks.at(i).code);
            const QRectF rect = message.codeBlockRect(i);
            QVERIFY(rect.isValid());
            QCOMPARE(message.codeBlockAt(rect.center()), i);
            QCOMPARE(message.codeBlockAt(rect.topLeft() + QPointF(4, 4)), i); // the header strip
        }
        QCOMPARE(message.codeBlockAt(QPointF(5, 2)), -1); // "Text"
        // Code wraps and keeps the language on its lines.
        const QTextBlock first = message.chunk(blocks.at(0).chunk).doc->findBlock(0).next();
        QVERIFY(!first.blockFormat().nonBreakableLines());
    }

    // A long block is rendered in pieces but is one code block to the view: one box, one Copy.
    void longCodeBlockIsOneBlock()
    {
        QString code;
        for (int i = 0; i < 100; ++i)
            code += QStringLiteral("line_%1 = \"%1\"\n").arg(i);
        code.chop(1);
        RenderedMessage message(renderer());
        message.setText(QStringLiteral("Before\n\n```python\n") + code + QStringLiteral("\n```\n\nAfter"));
        message.size(500);
        QVERIFY(message.chunkCount() >= 5);
        const QVector<CodeBlockInfo> blocks = message.codeBlocks();
        QCOMPARE(blocks.size(), 1);
        QCOMPARE(blocks.at(0).code, code);
        QCOMPARE(message.selectedText(blocks.at(0).firstPosition, blocks.at(0).endPosition), code);
        const QRectF rect = message.codeBlockRect(0);
        QVERIFY(rect.height() > 100 * QFontMetricsF(renderer()->monoFont()).height() * 0.9);
        for (qreal y = rect.top() + 2; y < rect.bottom(); y += rect.height() / 7)
            QCOMPARE(message.codeBlockAt(QPointF(rect.center().x(), y)), 0);
        // Seamless: consecutive pieces touch, and only the first has a header.
        int headers = 0;
        qreal openBottomAt = -1;
        for (int i = 0; i < message.chunkCount(); ++i) {
            for (const ChunkDecoration &d : message.chunk(i).decorations) {
                if (d.kind != ChunkDecoration::Kind::CodeBlock)
                    continue;
                headers += !d.openTop;
                const QRectF box = d.rect.translated(0, message.chunkTop(i));
                if (d.openTop)
                    QCOMPARE(box.top(), openBottomAt);
                openBottomAt = d.openBottom ? box.bottom() : -1;
            }
        }
        QCOMPARE(headers, 1);
        const QString plain = message.toPlainText();
        QVERIFY(plain.contains(QStringLiteral("Before\n") + code + QStringLiteral("\nAfter")));
    }

    void syntaxColoursReachTheDocument()
    {
        RenderedMessage message(renderer());
        message.setText(QStringLiteral("```python\ndef f(): return None  # c\n```"));
        QMap<QString, QColor> colours;
        for (const Fragment &f : fragments(message))
            colours.insert(f.text.trimmed(), f.format.foreground().color());
        const RenderTheme &theme = renderer()->theme();
        QCOMPARE(colours.value(QStringLiteral("def")), theme.syntaxColor(TokenKind::Keyword));
        QCOMPARE(colours.value(QStringLiteral("None")), theme.syntaxColor(TokenKind::Literal));
        QCOMPARE(colours.value(QStringLiteral("# c")), theme.syntaxColor(TokenKind::Comment));
    }

    // Nothing is read from disk: a real image file next to the working directory, referenced
    // relatively and by file: URL, never shows up in the painted output.
    void imagesAreNeverLoaded()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QImage magenta(24, 24, QImage::Format_RGB32);
        magenta.fill(qRgb(255, 0, 255));
        const QString path = dir.filePath(QStringLiteral("pixel.png"));
        QVERIFY(magenta.save(path));
        const QString cwd = QDir::currentPath();
        QDir::setCurrent(dir.path());
        auto restore = qScopeGuard([&] { QDir::setCurrent(cwd); });

        const QString md =
            QStringLiteral("![rel](pixel.png) ![abs](%1) ![url](%2)\n\n<img src=\"pixel.png\">\n")
                .arg(path, QUrl::fromLocalFile(path).toString());
        RenderedMessage message(renderer());
        message.setText(md);
        const QSizeF size = message.size(600);
        QCOMPARE(message.images().size(), 3);
        const QImage image = paint(message, 620, int(size.height()) + 10);
        QCOMPARE(countColor(image, qRgb(255, 0, 255)), 0);
        for (int i = 0; i < message.chunkCount(); ++i)
            QCOMPARE(message.chunk(i).doc->resourceRequests(), 0);

        // Even a bare SafeTextDocument with Qt's own image handling only gets placeholders.
        SafeTextDocument raw;
        raw.setSafeMarkdown(md);
        raw.setTextWidth(600);
        QImage rawImage(620, int(raw.size().height()) + 10, QImage::Format_RGB32);
        rawImage.fill(Qt::white);
        {
            QPainter p(&rawImage);
            raw.drawContents(&p);
        }
        QVERIFY(raw.resourceRequests() > 0);
        QCOMPARE(countColor(rawImage, qRgb(255, 0, 255)), 0);
        const QVariant resource = raw.resource(QTextDocument::ImageResource, QUrl::fromLocalFile(path));
        QCOMPARE(
            countColor(resource.value<QImage>().convertToFormat(QImage::Format_RGB32), qRgb(255, 0, 255)), 0);
    }

    void placeholderNamesTheHost()
    {
        RenderedMessage message(renderer());
        message.setText(QStringLiteral("Look: ![chart](https://img.example.net/c.png)"));
        message.size(500);
        const QVector<ImageReference> images = message.images();
        QCOMPARE(images.size(), 1);
        QCOMPARE(images.at(0).host, QStringLiteral("img.example.net"));
        bool labelled = false;
        for (const Fragment &f : fragments(message)) {
            if (f.format.objectType() == ImagePlaceholder::ObjectType) {
                QVERIFY(f.format.stringProperty(ImagePlaceholder::LabelProperty)
                            .contains(QLatin1String("img.example.net")));
                labelled = true;
            }
        }
        QVERIFY(labelled);
        const QRectF caret = message.cursorRect(images.at(0).position);
        QCOMPARE(message.imageAt(caret.center() + QPointF(10, 0)), 0);
        QCOMPARE(message.imageAt(QPointF(2, caret.center().y())), -1);
    }

    void hitTestingAndSelection()
    {
        RenderedMessage message(renderer());
        message.setText(
            QStringLiteral("First paragraph with a [link](https://example.com/x).\n\nSecond one.\n\n"
                           "```sh\necho hi\n```\n\nLast."));
        message.size(500);
        QVERIFY(message.chunkCount() >= 4);
        const int total = message.positionCount();
        for (int pos : {0, 3, message.chunkBase(1) + 2, message.chunkBase(2) + 1, total - 2}) {
            const QRectF caret = message.cursorRect(pos);
            QVERIFY(caret.isValid());
            QCOMPARE(message.hitTest(caret.center() + QPointF(0.5, 0)), pos);
        }
        // A selection across chunks reads like the text.
        const QString all = message.selectedText(0, total);
        QCOMPARE(all, message.toPlainText());
        QVERIFY(all.contains(QLatin1String("link.\nSecond one.\necho hi\nLast.")));
        const QString part = message.selectedText(6, message.chunkBase(1) + 6);
        QVERIFY(part.startsWith(QLatin1String("paragraph")));
        QVERIFY(part.endsWith(QLatin1String("\nSecond")));

        // The link is found under its text.
        const int linkPos = int(message.toPlainText().indexOf(QLatin1String("link")));
        const QRectF linkCaret = message.cursorRect(linkPos + 1);
        QCOMPARE(message.anchorAt(linkCaret.center() + QPointF(2, 0)),
                 QStringLiteral("https://example.com/x"));
        QCOMPARE(message.anchorAt(message.cursorRect(2).center()), QString());

        // Painting a selection changes pixels only where selected.
        RenderedMessage::PaintContext ctx;
        ctx.palette.setColor(QPalette::Highlight, QColor(0, 200, 0));
        ctx.selectionStart = message.chunkBase(1);
        ctx.selectionEnd = message.chunkBase(1) + 6;
        QImage image(520, int(message.size(500).height()) + 4, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        message.draw(&p, QRectF(), ctx);
        p.end();
        QVERIFY(countColor(image, qRgb(0, 200, 0)) > 0);
    }

    void plainTextFormat()
    {
        RenderedMessage message(renderer(), RenderedMessage::Format::PlainText);
        message.setText(QStringLiteral("*not emphasis* and `not code`\n\n$x$"));
        QCOMPARE(message.toPlainText(), QStringLiteral("*not emphasis* and `not code`\n\n$x$"));
        QCOMPARE(message.codeBlocks().size(), 0);
        message.append(u" more");
        QVERIFY(message.toPlainText().endsWith(QLatin1String("$x$ more")));
    }

    void themeChangeRerenders()
    {
        const QString text = fixture(QStringLiteral("code_languages.md"));
        RenderedMessage message(std::make_shared<MarkdownRenderer>(QFont(), RenderTheme::light()));
        message.setText(text);
        const QString lightDump = message.dump();
        const QString plain = message.toPlainText();
        message.setRenderer(std::make_shared<MarkdownRenderer>(QFont(), RenderTheme::dark()));
        QVERIFY(message.dump() != lightDump);
        QCOMPARE(message.toPlainText(), plain);
    }

    void referenceDefinitionsReachEveryChunk()
    {
        // Definitions at the end of a reply serve references in earlier chunks (paragraph, list,
        // quote, table), the first definition of a label wins, and code is left alone. Streamed
        // in pieces, the chunks rendered before the definitions arrived are redone.
        const QString text = fixture(QStringLiteral("reference_links.md"));
        QVERIFY(!text.isEmpty());
        for (const bool streamed : {false, true}) {
            RenderedMessage message(std::make_shared<MarkdownRenderer>(QFont(), RenderTheme::light()));
            if (streamed) {
                for (qsizetype at = 0; at < text.size(); at += 7)
                    message.append(QStringView(text).mid(at, 7)), message.chunkCount();
            } else {
                message.setText(text);
            }
            QStringList hrefs;
            for (int c = 0; c < message.chunkCount(); ++c) {
                const QTextDocument &doc = *message.chunk(c).doc;
                for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
                    for (auto it = b.begin(); !it.atEnd(); ++it) {
                        if (it.fragment().charFormat().isAnchor())
                            hrefs << it.fragment().charFormat().anchorHref();
                    }
                }
            }
            hrefs.removeDuplicates();
            hrefs.sort();
            QCOMPARE(hrefs, (QStringList{"https://doc.qt.io/qt-6/", "https://example.com/collapsed",
                                         "https://spec.commonmark.org/0.31.2/"}));
            const QVector<ImageReference> images = message.images();
            QCOMPARE(images.size(), 1);
            QCOMPARE(images.first().url, QStringLiteral("https://example.com/diagram.png"));
            const QString plain = message.toPlainText();
            QVERIFY2(plain.contains(QLatin1String("[undefined]")), qPrintable(plain));
            QVERIFY2(plain.contains(QLatin1String("[diagram]: this is code, not a definition")),
                     qPrintable(plain));
            QVERIFY(!plain.contains(QLatin1String("https://doc.qt.io")));
            QVERIFY(!plain.contains(QLatin1String("[qt docs]")));
        }
    }

    void dumpSeesFormats()
    {
        // The equivalence tests rely on the dump telling formats apart.
        SafeTextDocument a;
        SafeTextDocument b;
        a.setSafeMarkdown(QStringLiteral("some *text*"));
        b.setSafeMarkdown(QStringLiteral("some **text**"));
        QVERIFY(DocumentDump::dump(a) != DocumentDump::dump(b));
        SafeTextDocument c;
        c.setSafeMarkdown(QStringLiteral("some *text*"));
        QCOMPARE(DocumentDump::dump(a), DocumentDump::dump(c));
    }
};

QTEST_MAIN(TestMarkdownRenderer)
#include "tst_markdownrenderer.moc"
