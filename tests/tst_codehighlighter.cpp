#include "render/CodeHighlighter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace penpal;

Q_DECLARE_METATYPE(TokenKind)

namespace {

using Expectations = QList<QPair<QString, TokenKind>>;

// The kind of the token that covers exactly `text` in `line`, or -1.
int kindOf(const QVector<HighlightToken> &tokens, QStringView line, const QString &text)
{
    const qsizetype at = line.indexOf(text);
    for (const HighlightToken &t : tokens) {
        if (t.start == at && t.length == text.size())
            return int(t.kind);
    }
    return -1;
}

QString describe(const QVector<HighlightToken> &tokens, QStringView line)
{
    QStringList parts;
    for (const HighlightToken &t : tokens)
        parts.append(QStringLiteral("[%1:%2]").arg(line.mid(t.start, t.length)).arg(int(t.kind)));
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestCodeHighlighter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aliases_data()
    {
        QTest::addColumn<QString>("fence");
        QTest::addColumn<QString>("canonical");
        const QList<QPair<const char *, const char *>> rows = {
            {"py", "python"},
            {"Python3", "python"},
            {"{.python}", "python"},
            {"js", "javascript"},
            {"jsx", "javascript"},
            {"ts", "typescript"},
            {"tsx", "typescript"},
            {"sh", "bash"},
            {"zsh", "bash"},
            {"bash", "bash"},
            {"shell", "bash"},
            {"c", "c"},
            {"cpp", "cpp"},
            {"c++", "cpp"},
            {"cc", "cpp"},
            {"C++", "cpp"},
            {"rs", "rust"},
            {"go", "go"},
            {"golang", "go"},
            {"java", "java"},
            {"json", "json"},
            {"sql", "sql"},
            {"html", "html"},
            {"xml", "html"},
            {"css", "css"},
            {"yml", "yaml"},
            {"yaml", "yaml"},
            {"md", "markdown"},
            {"markdown", "markdown"},
            {"brainfuck", ""},
            {"", ""},
        };
        for (const auto &[fence, canonical] : rows)
            QTest::newRow(fence) << QString::fromLatin1(fence) << QString::fromLatin1(canonical);
    }

    void aliases()
    {
        QFETCH(QString, fence);
        QFETCH(QString, canonical);
        QCOMPARE(CodeHighlighter::canonicalLanguage(fence), canonical);
        const auto highlighter = CodeHighlighter::forLanguage(fence);
        QCOMPARE(highlighter != nullptr, !canonical.isEmpty());
        if (highlighter)
            QCOMPARE(highlighter->language(), canonical);
    }

    void tokens_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("line");
        QTest::addColumn<Expectations>("expected");
        using K = TokenKind;
        QTest::newRow("c") << "c"
                           << R"(static int x = 42; /* c */ printf("%d", x);)"
                           << Expectations{{"static", K::Keyword},  {"int", K::Type},
                                           {"42", K::Number},       {"/* c */", K::Comment},
                                           {"printf", K::Function}, {"\"%d\"", K::String}};
        QTest::newRow("c preprocessor")
            << "c"
            << "#include <stdio.h>" << Expectations{{"#include", K::Preprocessor}};
        QTest::newRow("cpp") << "cpp"
                             << "template <typename T> auto p = nullptr; // done"
                             << Expectations{{"template", K::Keyword},
                                             {"typename", K::Keyword},
                                             {"nullptr", K::Literal},
                                             {"// done", K::Comment}};
        QTest::newRow("python") << "python"
                                << R"(def greet(x): return None  # note)"
                                << Expectations{{"def", K::Keyword},
                                                {"greet", K::Function},
                                                {"return", K::Keyword},
                                                {"None", K::Literal},
                                                {"# note", K::Comment}};
        QTest::newRow("python prefixes") << "py"
                                         << R"(s = f"hi {x}" + rb'raw')"
                                         << Expectations{{"f\"hi {x}\"", K::String}, {"rb'raw'", K::String}};
        QTest::newRow("python decorator") << "py"
                                          << "@dataclass" << Expectations{{"@dataclass", K::Preprocessor}};
        QTest::newRow("javascript") << "js"
                                    << "const s = `t ${x}`; let n = 0x1F; // c"
                                    << Expectations{{"const", K::Keyword},
                                                    {"`t ${x}`", K::String},
                                                    {"0x1F", K::Number},
                                                    {"// c", K::Comment}};
        QTest::newRow("typescript") << "ts"
                                    << "interface Point { x: number }"
                                    << Expectations{{"interface", K::Keyword},
                                                    {"Point", K::Type},
                                                    {"number", K::Type}};
        QTest::newRow("json") << "json"
                              << R"({"key": "value", "n": -1.5e3, "b": true, "z": null})"
                              << Expectations{{"\"key\"", K::Attribute},
                                              {"\"value\"", K::String},
                                              {"1.5e3", K::Number},
                                              {"true", K::Literal},
                                              {"null", K::Literal}};
        QTest::newRow("shell") << "sh"
                               << R"(if [ -n "$HOME" ]; then echo ${PATH} $1; fi # end)"
                               << Expectations{{"if", K::Keyword},    {"\"$HOME\"", K::String},
                                               {"echo", K::Function}, {"${PATH}", K::Variable},
                                               {"$1", K::Variable},   {"fi", K::Keyword},
                                               {"# end", K::Comment}};
        QTest::newRow("shell hash inside word")
            << "bash"
            << "echo ${#arr} x#y" << Expectations{{"${#arr}", K::Variable}};
        QTest::newRow("sql case-insensitive") << "sql"
                                              << "select Name from T where id = 3 -- c"
                                              << Expectations{{"select", K::Keyword},
                                                              {"from", K::Keyword},
                                                              {"where", K::Keyword},
                                                              {"3", K::Number},
                                                              {"-- c", K::Comment}};
        QTest::newRow("rust") << "rs"
                              << "fn f<'a>(x: &'a str) -> Vec<u8> { println!(\"x\"); }"
                              << Expectations{{"fn", K::Keyword},  {"'a", K::Type}, {"str", K::Type},
                                              {"Vec", K::Type},    {"u8", K::Type}, {"println!", K::Function},
                                              {"\"x\"", K::String}};
        QTest::newRow("go") << "go"
                            << "func main() { x := `raw` ; return nil }"
                            << Expectations{{"func", K::Keyword}, {"`raw`", K::String}, {"nil", K::Literal}};
        QTest::newRow("java") << "java"
                              << "@Override public String name() { return null; }"
                              << Expectations{{"@Override", K::Preprocessor},
                                              {"public", K::Keyword},
                                              {"String", K::Type},
                                              {"null", K::Literal}};
        QTest::newRow("html") << "html"
                              << R"(<a href="x">t</a> &amp; <!-- c -->)"
                              << Expectations{{"<a", K::Tag},        {"href", K::Attribute},
                                              {"\"x\"", K::String},  {"</a", K::Tag},
                                              {"&amp;", K::Literal}, {"<!-- c -->", K::Comment}};
        QTest::newRow("css") << "css"
                             << ".box { color: #fff; margin: 4px; } /* c */"
                             << Expectations{{".box", K::Type},
                                             {"color", K::Attribute},
                                             {"#fff", K::Number},
                                             {"4px", K::Number},
                                             {"/* c */", K::Comment}};
        QTest::newRow("yaml") << "yml"
                              << "key: true # c"
                              << Expectations{
                                     {"key", K::Attribute}, {"true", K::Literal}, {"# c", K::Comment}};
        QTest::newRow("yaml list") << "yaml"
                                   << "- name: \"x\""
                                   << Expectations{{"name", K::Attribute}, {"\"x\"", K::String}};
        QTest::newRow("markdown heading") << "md"
                                          << "## Title" << Expectations{{"## Title", K::Heading}};
        QTest::newRow("markdown inline")
            << "md"
            << "a **b** `c` [d](e)"
            << Expectations{
                   {"**b**", K::Keyword}, {"`c`", K::String}, {"[d]", K::Tag}, {"(e)", K::Attribute}};
    }

    void tokens()
    {
        QFETCH(QString, language);
        QFETCH(QString, line);
        QFETCH(Expectations, expected);
        const auto highlighter = CodeHighlighter::forLanguage(language);
        QVERIFY(highlighter);
        QVector<HighlightToken> tokens;
        highlighter->highlightLine(line, 0, &tokens);
        for (const auto &[text, kind] : expected) {
            QVERIFY2(kindOf(tokens, line, text) == int(kind),
                     qPrintable(QStringLiteral("'%1' not kind %2 in %3")
                                    .arg(text)
                                    .arg(int(kind))
                                    .arg(describe(tokens, line))));
        }
    }

    void multiLineState_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QString>("continued"); // text on the last line that continues the construct
        QTest::addColumn<int>("kind");
        QTest::newRow("c block comment") << "c" << QStringList{"int a; /* start", "still comment */ int b;"}
                                         << "still comment */" << int(TokenKind::Comment);
        QTest::newRow("python docstring") << "python" << QStringList{"x = \"\"\"doc", "more doc\"\"\" + y"}
                                          << "more doc\"\"\"" << int(TokenKind::String);
        QTest::newRow("js template") << "js" << QStringList{"const t = `line one", "line two` ;"}
                                     << "line two`" << int(TokenKind::String);
        QTest::newRow("html comment")
            << "html" << QStringList{"<!-- one", "two --> <b>"} << "two -->" << int(TokenKind::Comment);
        QTest::newRow("html tag") << "html" << QStringList{"<a", "  href=\"x\">"} << "href"
                                  << int(TokenKind::Attribute);
        QTest::newRow("css block") << "css" << QStringList{"a {", "  color: red;"} << "color"
                                   << int(TokenKind::Attribute);
    }

    void multiLineState()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, lines);
        QFETCH(QString, continued);
        QFETCH(int, kind);
        const auto highlighter = CodeHighlighter::forLanguage(language);
        QVERIFY(highlighter);
        int state = 0;
        QVector<HighlightToken> tokens;
        for (const QString &line : std::as_const(lines)) {
            tokens.clear();
            state = highlighter->highlightLine(line, state, &tokens);
        }
        QCOMPARE(kindOf(tokens, lines.last(), continued), kind);
        // Without the state from the first line, the same text is not that construct.
        tokens.clear();
        highlighter->highlightLine(lines.last(), 0, &tokens);
        QVERIFY(kindOf(tokens, lines.last(), continued) != kind);
    }

    // Whatever the input, tokens are in order, inside the line and never overlap.
    void tokensAreWellFormed()
    {
        QRandomGenerator rng(7u);
        const QString alphabet = QStringLiteral("abcXYZ019 _$#@\"'`/*-<>!{}[]():;.,\\|&%=+~\t");
        for (const QString &language : CodeHighlighter::supportedLanguages()) {
            const auto highlighter = CodeHighlighter::forLanguage(language);
            QVERIFY(highlighter);
            int state = 0;
            for (int n = 0; n < 400; ++n) {
                QString line;
                const int length = int(rng.bounded(60));
                for (int i = 0; i < length; ++i)
                    line += alphabet.at(int(rng.bounded(alphabet.size())));
                QVector<HighlightToken> tokens;
                state = highlighter->highlightLine(line, state, &tokens);
                int end = 0;
                for (const HighlightToken &t : std::as_const(tokens)) {
                    QVERIFY2(t.start >= end && t.length > 0 && t.start + t.length <= line.size(),
                             qPrintable(language + QLatin1String(": ") + line));
                    end = t.start + t.length;
                }
            }
        }
    }

    void displayNames()
    {
        QCOMPARE(CodeHighlighter::displayName(QStringLiteral("cpp")), QStringLiteral("C++"));
        QCOMPARE(CodeHighlighter::displayName(QStringLiteral("py")), QStringLiteral("Python"));
        QCOMPARE(CodeHighlighter::displayName(QStringLiteral("cobol")), QStringLiteral("cobol"));
        QVERIFY(CodeHighlighter::supportedLanguages().size() >= 15);
    }
};

QTEST_GUILESS_MAIN(TestCodeHighlighter)
#include "tst_codehighlighter.moc"
