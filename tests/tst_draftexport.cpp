// Draft export (issue 7): one document with headings, lists, emphasis, code, a link, Chinese
// and an emoji written as Markdown (byte-exact), HTML (parsed as XML, nothing active or
// remote), PDF (text extracted with pdftotext), ODT (a ZIP read with libzip: content.xml) and
// plain text (no Markdown markers left); failures leave no file; the rich-text clipboard data.
#include "draft/DraftExport.h"

#include <QDir>
#include <QFile>
#include <QMimeData>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>
#include <zip.h>

using namespace penpal;

namespace {

QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

const QString kEnglish = QStringLiteral("This English sentence has some emphasis in it.");
const QString kChinese = u("这是一个用于测试导出的中文段落。");
const QString kEmoji = u("Party time \xF0\x9F\x8E\x89 at last");

DraftDocument sampleDocument()
{
    DraftDocument doc;
    doc.id = 7;
    doc.title = QStringLiteral("Travel notes");
    doc.language = QStringLiteral("en");
    doc.content = u("# Travel notes\n"
                    "\n"
                    "This English sentence has *some emphasis* in it.\n"
                    "\n"
                    "## Packing list\n"
                    "\n"
                    "- Passport\n"
                    "- Tickets with **strong** words\n"
                    "\n"
                    "1. First step\n"
                    "2. Second step\n"
                    "\n"
                    "```python\n"
                    "print(\"hello from code\")\n"
                    "```\n"
                    "\n"
                    "Read [the travel guide](https://example.org/guide) first.\n"
                    "\n"
                    "这是一个用于测试导出的中文段落。\n"
                    "\n"
                    "Party time \xF0\x9F\x8E\x89 at last\n");
    return doc;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

// One entry of a ZIP archive, read with libzip; empty when it is missing.
QByteArray zipEntry(const QString &zipPath, const char *name, bool *found = nullptr)
{
    if (found)
        *found = false;
    int code = 0;
    zip_t *archive = zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY, &code);
    if (!archive)
        return QByteArray();
    QByteArray data;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(archive, name, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
        if (zip_file_t *file = zip_fopen(archive, name, 0)) {
            data.resize(qsizetype(st.size));
            const zip_int64_t read = zip_fread(file, data.data(), st.size);
            zip_fclose(file);
            if (read == zip_int64_t(st.size) && found)
                *found = true;
        }
    }
    zip_discard(archive);
    return data;
}

// Parses `xml` completely; the text of all elements (whitespace collapsed) and the names of
// the elements seen, or an error message.
struct XmlScan {
    QString error;
    QString text;
    QStringList elements;
    QStringList srcValues;
    QString title;
};

XmlScan scanXml(const QString &xml)
{
    XmlScan scan;
    QXmlStreamReader reader(xml);
    QString current;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            current = reader.name().toString();
            scan.elements.append(current);
            const QXmlStreamAttributes attributes = reader.attributes();
            for (const QXmlStreamAttribute &a : attributes) {
                if (a.name() == QLatin1String("src"))
                    scan.srcValues.append(a.value().toString());
            }
        } else if (reader.isEndElement()) {
            current.clear();
        } else if (reader.isCharacters()) {
            if (current == QLatin1String("title"))
                scan.title += reader.text();
            scan.text += reader.text();
        }
    }
    if (reader.hasError())
        scan.error = QStringLiteral("%1 at line %2").arg(reader.errorString()).arg(reader.lineNumber());
    scan.text = scan.text.simplified();
    return scan;
}

// pdftotext's text without white space, NFKC-normalized: Qt's PDF writer maps each glyph back
// to the lowest code point the font gives it, so the "fi" ligature comes back as U+FB01 and
// Noto CJK's shared glyphs as Kangxi radicals (U+2F00 for U+4E00); NFKC folds both back.
QString comparablePdfText(const QString &s)
{
    QString out = s.normalized(QString::NormalizationForm_KC);
    out.remove(QRegularExpression(QStringLiteral("\\s")));
    return out;
}

// content.xml of an ODT: for each text span, the text properties of its automatic style.
QHash<QString, QXmlStreamAttributes> odtSpanStyles(const QByteArray &contentXml)
{
    QHash<QString, QXmlStreamAttributes> styles; // style name -> text-properties
    QHash<QString, QXmlStreamAttributes> spans;  // span text -> text-properties
    QXmlStreamReader reader(contentXml);
    QString style;
    QString spanStyle;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            if (reader.name() == QLatin1String("style"))
                style = reader.attributes().value(QLatin1String("style:name")).toString();
            else if (reader.name() == QLatin1String("text-properties"))
                styles.insert(style, reader.attributes());
            else if (reader.name() == QLatin1String("span"))
                spanStyle = reader.attributes().value(QLatin1String("text:style-name")).toString();
        } else if (reader.isEndElement() && reader.name() == QLatin1String("span")) {
            spanStyle.clear();
        } else if (reader.isCharacters() && !spanStyle.isEmpty()) {
            spans.insert(reader.text().toString().trimmed(), styles.value(spanStyle));
        }
    }
    return spans;
}

} // namespace

class TestDraftExport : public QObject {
    Q_OBJECT

private slots:
    void init();

    void formatsHaveSuffixesAndNames();
    void fromSuffix_data();
    void fromSuffix();
    void markdownTitle_data();
    void markdownTitle();

    void markdownIsByteExact();
    void htmlIsWellFormedAndInert();
    void htmlEscapesHostileText();
    void pdfHoldsTheText();
    void odtIsZipWithContent();
    void plainTextHasNoMarkup();
    void missingFolderFails_data();
    void missingFolderFails();
    void failedExportKeepsExistingFile();
    void richTextMimeHasBothFormats();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString written(DraftExport::Format f);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDraftExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestDraftExport::written(DraftExport::Format f)
{
    const QString file = path(QStringLiteral("notes.") + DraftExport::suffix(f));
    QString error;
    if (!DraftExport::write(sampleDocument(), f, file, &error)) {
        qWarning() << "export failed:" << error;
        return QString();
    }
    if (!error.isEmpty())
        qWarning() << "error set on success:" << error;
    return file;
}

void TestDraftExport::formatsHaveSuffixesAndNames()
{
    const auto formats = DraftExport::formats();
    QCOMPARE(formats.size(), 5);
    QSet<QString> suffixes;
    QSet<QString> names;
    for (DraftExport::Format f : formats) {
        suffixes.insert(DraftExport::suffix(f));
        names.insert(DraftExport::name(f));
        QCOMPARE(DraftExport::fromSuffix(DraftExport::suffix(f)), std::optional<DraftExport::Format>(f));
        QVERIFY(DraftExport::fileFilter(f).contains(QStringLiteral("*.") + DraftExport::suffix(f)));
    }
    QCOMPARE(suffixes, (QSet<QString>{QStringLiteral("md"), QStringLiteral("html"), QStringLiteral("pdf"),
                                      QStringLiteral("odt"), QStringLiteral("txt")}));
    QCOMPARE(names.size(), 5);
    QVERIFY(!names.contains(QString()));
}

void TestDraftExport::fromSuffix_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<int>("format"); // -1: none

    QTest::newRow("md") << "md" << int(DraftExport::Format::Markdown);
    QTest::newRow(".MD") << ".MD" << int(DraftExport::Format::Markdown);
    QTest::newRow("markdown") << "markdown" << int(DraftExport::Format::Markdown);
    QTest::newRow("htm") << "htm" << int(DraftExport::Format::Html);
    QTest::newRow("PDF") << "PDF" << int(DraftExport::Format::Pdf);
    QTest::newRow("odt") << "odt" << int(DraftExport::Format::Odt);
    QTest::newRow("text") << "text" << int(DraftExport::Format::PlainText);
    QTest::newRow("docx") << "docx" << -1;
    QTest::newRow("empty") << "" << -1;
}

void TestDraftExport::fromSuffix()
{
    QFETCH(QString, suffix);
    QFETCH(int, format);
    const auto f = DraftExport::fromSuffix(suffix);
    if (format < 0)
        QVERIFY(!f.has_value());
    else
        QCOMPARE(f, std::optional<DraftExport::Format>(DraftExport::Format(format)));
}

void TestDraftExport::markdownTitle_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("expected");

    QTest::newRow("title added") << "Plan"
                                 << "Some text\n"
                                 << "# Plan\n\nSome text\n";
    QTest::newRow("own heading") << "Plan"
                                 << "# Mine\n\ntext"
                                 << "# Mine\n\ntext";
    QTest::newRow("heading after blank lines") << "Plan"
                                               << "\n\n# Mine\ntext"
                                               << "\n\n# Mine\ntext";
    QTest::newRow("setext heading") << "Plan"
                                    << "Mine\n====\ntext"
                                    << "Mine\n====\ntext";
    QTest::newRow("level-2 heading first") << "Plan"
                                           << "## Sub\ntext"
                                           << "# Plan\n\n## Sub\ntext";
    QTest::newRow("no title") << ""
                              << "text"
                              << "text";
    QTest::newRow("hashtag is no heading") << "Plan"
                                           << "#tag text"
                                           << "# Plan\n\n#tag text";
}

void TestDraftExport::markdownTitle()
{
    QFETCH(QString, title);
    QFETCH(QString, content);
    QFETCH(QString, expected);
    DraftDocument doc;
    doc.title = title;
    doc.content = content;
    QCOMPARE(DraftExport::markdown(doc), expected);
}

void TestDraftExport::markdownIsByteExact()
{
    const QString file = written(DraftExport::Format::Markdown);
    QVERIFY(!file.isEmpty());
    QCOMPARE(readFile(file), sampleDocument().content.toUtf8());
}

void TestDraftExport::htmlIsWellFormedAndInert()
{
    const QString file = written(DraftExport::Format::Html);
    QVERIFY(!file.isEmpty());
    const QByteArray bytes = readFile(file);
    QVERIFY(bytes.startsWith("<!DOCTYPE html>"));
    QVERIFY(bytes.contains("<meta charset=\"utf-8\"/>"));
    const QString html = QString::fromUtf8(bytes);
    const XmlScan scan = scanXml(html);
    QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
    QCOMPARE(scan.title, QStringLiteral("Travel notes"));
    QVERIFY2(scan.text.contains(kEnglish), qPrintable(scan.text));
    QVERIFY(scan.text.contains(kChinese));
    QVERIFY(scan.text.contains(kEmoji));
    QVERIFY(scan.text.contains(QStringLiteral("print(\"hello from code\")")));
    // The document's own heading levels: its "#" is the page's h1.
    QCOMPARE(scan.elements.count(QStringLiteral("h1")), 1);
    QCOMPARE(scan.elements.count(QStringLiteral("h2")), 1);
    QCOMPARE(scan.elements.count(QStringLiteral("li")), 4);
    QVERIFY(scan.elements.contains(QStringLiteral("em")));
    QVERIFY(scan.elements.contains(QStringLiteral("strong")));
    QVERIFY(scan.elements.contains(QStringLiteral("pre")));
    QVERIFY(html.contains(QStringLiteral("href=\"https://example.org/guide\"")));
    // The fence at the left margin after the list is not part of its last item.
    QVERIFY(html.indexOf(QStringLiteral("</ol>")) < html.indexOf(QStringLiteral("<pre")));
    QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
    QVERIFY(!scan.elements.contains(QStringLiteral("script")));
    for (const QString &src : scan.srcValues)
        QVERIFY2(!src.startsWith(QStringLiteral("http"), Qt::CaseInsensitive), qPrintable(src));
    // No markup was left as text.
    QVERIFY(!scan.text.contains(QStringLiteral("**")));
    QVERIFY(!scan.text.contains(QStringLiteral("```")));
}

void TestDraftExport::htmlEscapesHostileText()
{
    DraftDocument doc;
    doc.title = QStringLiteral("</title><script>alert(1)</script> & co");
    doc.language = QStringLiteral("en\" onload=\"x");
    doc.content = QStringLiteral("<script>alert(2)</script>\n\n![tracker](https://evil.example/pixel.png)\n\n"
                                 "<img src=\"http://evil.example/x.png\"/> [js](javascript:alert(3))\n");
    const QString html = DraftExport::html(doc);
    const XmlScan scan = scanXml(html);
    QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error + QLatin1Char('\n') + html));
    QCOMPARE(scan.title, doc.title);
    QVERIFY(!scan.elements.contains(QStringLiteral("script")));
    QVERIFY(!scan.elements.contains(QStringLiteral("img")));
    QVERIFY(scan.srcValues.isEmpty());
    QVERIFY(!html.contains(QStringLiteral("javascript:")));
    QVERIFY(!html.contains(QStringLiteral("onload=\"")));
    // What was typed is still there, as text.
    QVERIFY(scan.text.contains(QStringLiteral("<script>alert(2)</script>")));
}

void TestDraftExport::pdfHoldsTheText()
{
    const QString file = written(DraftExport::Format::Pdf);
    QVERIFY(!file.isEmpty());
    QVERIFY(readFile(file).startsWith("%PDF"));
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    QProcess p;
    p.start(tool, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), file, QStringLiteral("-")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QString text = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(comparablePdfText(text).contains(comparablePdfText(kEnglish)), qPrintable(text));
    QVERIFY2(comparablePdfText(text).contains(kChinese), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Travel notes")));
    QVERIFY(text.contains(QStringLiteral("print(\"hello from code\")")));
}

void TestDraftExport::odtIsZipWithContent()
{
    const QString file = written(DraftExport::Format::Odt);
    QVERIFY(!file.isEmpty());
    QVERIFY(readFile(file).startsWith("PK"));
    bool found = false;
    QCOMPARE(zipEntry(file, "mimetype", &found), QByteArray("application/vnd.oasis.opendocument.text"));
    QVERIFY(found);
    const QByteArray contentXml = zipEntry(file, "content.xml", &found);
    QVERIFY(found);
    const XmlScan scan = scanXml(QString::fromUtf8(contentXml));
    QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
    QVERIFY2(scan.text.contains(QStringLiteral("Travel notes")), qPrintable(scan.text));
    QVERIFY(scan.text.contains(QStringLiteral("emphasis")));
    QVERIFY(scan.text.contains(kChinese));
    QVERIFY(scan.text.contains(QStringLiteral("Passport")));
    QVERIFY(scan.text.contains(QStringLiteral("print(\"hello from code\")")));
    // Lists stay lists; headings are large and bold, code is monospace, emphasis italic (Qt's
    // ODF writer has no outline headings: they are styled paragraphs).
    QVERIFY(scan.elements.contains(QStringLiteral("list")));
    QCOMPARE(scan.elements.count(QStringLiteral("list-item")), 4);
    const auto spans = odtSpanStyles(contentXml);
    const QXmlStreamAttributes heading = spans.value(QStringLiteral("Travel notes"));
    QCOMPARE(heading.value(QLatin1String("fo:font-weight")).toString(), QStringLiteral("bold"));
    QCOMPARE(heading.value(QLatin1String("fo:font-size")).toString(), QStringLiteral("20pt"));
    QCOMPARE(spans.value(QStringLiteral("Packing list")).value(QLatin1String("fo:font-size")).toString(),
             QStringLiteral("16pt"));
    QCOMPARE(spans.value(QStringLiteral("some emphasis")).value(QLatin1String("fo:font-style")).toString(),
             QStringLiteral("italic"));
    QVERIFY(spans.value(QStringLiteral("print(\"hello from code\")"))
                .value(QLatin1String("fo:font-family"))
                .contains(QLatin1String("Mono")));
}

void TestDraftExport::plainTextHasNoMarkup()
{
    const QString file = written(DraftExport::Format::PlainText);
    QVERIFY(!file.isEmpty());
    const QString text = QString::fromUtf8(readFile(file));
    QVERIFY2(text.contains(kEnglish), qPrintable(text));
    QVERIFY(text.contains(kChinese));
    QVERIFY(text.contains(kEmoji));
    QVERIFY(text.startsWith(QStringLiteral("Travel notes\n")));
    QVERIFY(text.contains(u("\xE2\x80\xA2 Passport\n\xE2\x80\xA2 Tickets with strong words")));
    QVERIFY(text.contains(u("strong words\n\n1. First step\n2. Second step\n\n")));
    QVERIFY(text.contains(QStringLiteral("\n    print(\"hello from code\")\n")));
    QVERIFY(text.contains(QStringLiteral("the travel guide (https://example.org/guide)")));
    for (const char *marker : {"#", "**", "*some", "`", "](", "- Passport", "\n- "})
        QVERIFY2(!text.contains(QLatin1String(marker)), marker);
}

void TestDraftExport::missingFolderFails_data()
{
    QTest::addColumn<int>("format");
    for (DraftExport::Format f : DraftExport::formats())
        QTest::newRow(qPrintable(DraftExport::suffix(f))) << int(f);
}

void TestDraftExport::missingFolderFails()
{
    QFETCH(int, format);
    const auto f = DraftExport::Format(format);
    const QString file = path(QStringLiteral("missing/deeper/notes.") + DraftExport::suffix(f));
    QString error;
    QVERIFY(!DraftExport::write(sampleDocument(), f, file, &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("notes.")));
    QVERIFY(!QFile::exists(file));
    QVERIFY(!QDir(path(QStringLiteral("missing"))).exists());
}

void TestDraftExport::failedExportKeepsExistingFile()
{
    // A folder where the file should go: the export fails, nothing is replaced or left over.
    const QString target = path(QStringLiteral("taken.md"));
    QVERIFY(QDir().mkpath(target));
    QString error;
    QVERIFY(!DraftExport::write(sampleDocument(), DraftExport::Format::Markdown, target, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(target).isDir());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList());

    // An existing file is replaced whole by a successful export.
    const QString existing = path(QStringLiteral("old.md"));
    QFile old(existing);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write(QByteArray(10000, 'x'));
    old.close();
    QVERIFY(DraftExport::write(sampleDocument(), DraftExport::Format::Markdown, existing, &error));
    QCOMPARE(readFile(existing), sampleDocument().content.toUtf8());
}

void TestDraftExport::richTextMimeHasBothFormats()
{
    const QString markdown = sampleDocument().content;
    std::unique_ptr<QMimeData> mime(DraftExport::richTextMime(markdown));
    QVERIFY(mime);
    QVERIFY(mime->hasHtml());
    QVERIFY(mime->hasText());
    QCOMPARE(mime->text(), markdown);
    QVERIFY(mime->formats().contains(QStringLiteral("text/html")));
    QVERIFY(mime->formats().contains(QStringLiteral("text/plain")));
    const QString html = mime->html();
    const XmlScan scan = scanXml(QStringLiteral("<div>") + html + QStringLiteral("</div>"));
    QVERIFY2(scan.error.isEmpty(), qPrintable(scan.error));
    QVERIFY(scan.text.contains(kEnglish));
    QVERIFY(scan.text.contains(kChinese));
    QVERIFY(scan.elements.contains(QStringLiteral("em")));
    QVERIFY(scan.elements.contains(QStringLiteral("h1")));
    // Mail clients drop <style>: code is styled inline.
    QVERIFY(!scan.elements.contains(QStringLiteral("style")));
    QVERIFY(html.contains(QStringLiteral("<pre style=\"")));
    QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
}

QTEST_MAIN(TestDraftExport)
#include "tst_draftexport.moc"
