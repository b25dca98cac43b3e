#pragma once

#include "CodeHighlighter.h"

namespace penpal {

struct LanguageDefinition;

// The built-in highlighter: a small hand-written lexer driven by a LanguageDefinition (word
// lists, comment and string delimiters), with special modes for markup, CSS, YAML and
// Markdown. Good enough to make code readable; not a grammar.
class RuleBasedHighlighter : public CodeHighlighter {
public:
    explicit RuleBasedHighlighter(const LanguageDefinition *definition);

    QString language() const override;
    int highlightLine(QStringView line, int state, QVector<HighlightToken> *tokens) const override;

private:
    int highlightCode(QStringView line, int state, QVector<HighlightToken> *out) const;
    int highlightMarkup(QStringView line, int state, QVector<HighlightToken> *out) const;
    int highlightCss(QStringView line, int state, QVector<HighlightToken> *out) const;
    int highlightYaml(QStringView line, QVector<HighlightToken> *out) const;
    int highlightMarkdown(QStringView line, QVector<HighlightToken> *out) const;

    bool isIdentifierChar(QChar c) const;
    // Scans a string whose delimiter starts at quotePos; returns its end (exclusive) or -1 when
    // the line ends first.
    int stringEnd(QStringView line, int quotePos, QStringView quote) const;
    TokenKind wordKind(QStringView word, bool *found) const;

    const LanguageDefinition *m_def;
};

} // namespace penpal
