#pragma once

#include "CodeHighlighter.h"

#include <QHash>
#include <QStringList>

namespace penpal {

// What the rule-based highlighter knows about one language: word lists and lexical rules.
// Defined once per language in LanguageDefinition.cpp; immutable afterwards.
struct LanguageDefinition {
    enum class Mode { Code, Markup, Css, Yaml, Markdown };

    QString id;          // canonical: "cpp"
    QString displayName; // "C++"
    QStringList aliases; // fence names that mean this language, lower case
    Mode mode = Mode::Code;

    QStringList keywords;
    QStringList types;
    QStringList literals;
    QStringList builtins;         // well-known functions/commands, shown as Function
    bool caseInsensitive = false; // SQL
    QStringList lineComments;
    QString blockCommentStart;
    QString blockCommentEnd;
    QString quotes = QStringLiteral("\"'"); // single-line string delimiters
    QStringList multiLineQuotes;            // """ ''' ` ...: may span lines
    QStringList stringPrefixes;             // Python r"", b'', f"" ...
    QString identifierExtras;               // besides letters, digits and '_'
    bool hashPreprocessor = false;          // C/C++ "#include"
    bool annotations = false;               // @Decorator / @Override
    bool dollarVariables = false;           // $HOME, ${x}
    bool capitalizedTypes = false;          // CamelCase names are types
    bool rustSyntax = false;                // 'lifetimes and macro!()
    bool jsonKeys = false;                  // "key": -> Attribute

    // Word -> kind; keys view the lists above (lower-cased for caseInsensitive languages).
    QHash<QStringView, TokenKind> words;
    QStringList lowered; // storage for caseInsensitive keys
    void buildWordTable();

    static const QVector<const LanguageDefinition *> &all();
    static const LanguageDefinition *find(QStringView fenceLanguage);
};

} // namespace penpal
