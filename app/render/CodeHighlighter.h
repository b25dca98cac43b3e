#pragma once

#include <QString>
#include <QStringView>
#include <QVector>

#include <memory>

namespace penpal {

enum class TokenKind : quint8 {
    Keyword,
    Type,
    Literal, // true/false/null/None, constants
    String,
    Number,
    Comment,
    Function,     // a name followed by "(" or a macro call
    Preprocessor, // #include, decorators, annotations
    Tag,          // HTML/XML tag names, CSS selectors, Markdown link text
    Attribute,    // HTML attributes, CSS properties, JSON/YAML keys
    Variable,     // $shell, YAML anchors
    Heading,      // Markdown headings
    Operator,
    Count
};

struct HighlightToken {
    int start = 0;
    int length = 0;
    TokenKind kind = TokenKind::Keyword;
    bool operator==(const HighlightToken &o) const
    {
        return start == o.start && length == o.length && kind == o.kind;
    }
};

// Syntax highlighting for one language, line by line like QSyntaxHighlighter: the state carried
// from one line to the next lets block comments and multi-line strings continue. The built-in
// rule-based implementation sits behind this interface so that a KSyntaxHighlighting backend
// can be added where KF6 exists (Debian 12 only ships KF5).
class CodeHighlighter {
public:
    virtual ~CodeHighlighter() = default;

    // Canonical language id: "cpp", "python", "javascript", ...
    virtual QString language() const = 0;

    // Appends the tokens of `line` (offsets into it, ascending, not overlapping) and returns the
    // state at its end. The first line of a block starts in state 0.
    virtual int highlightLine(QStringView line, int state, QVector<HighlightToken> *tokens) const = 0;

    // The highlighter for a fence's language ("py", "C++", "yml", ...), or nullptr when there
    // is none. Highlighters are shared and immutable.
    static std::shared_ptr<const CodeHighlighter> forLanguage(QStringView fenceLanguage);

    // The canonical id for a fence language or alias, empty when unknown.
    static QString canonicalLanguage(QStringView fenceLanguage);

    // Display name for a canonical id ("cpp" -> "C++"), or the input when unknown.
    static QString displayName(const QString &language);

    static QStringList supportedLanguages();
};

} // namespace penpal
