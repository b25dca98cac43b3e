#pragma once

#include "CodeHighlighter.h"

#include <QColor>
#include <array>

class QPalette;

namespace penpal {

// Colours the renderer bakes into documents (code, math, links, decorations). Plain text takes
// the view's palette at paint time; everything here must suit that palette, so pick the theme
// from it (forPalette) and re-render when it changes.
struct RenderTheme {
    bool isDark = false;
    QColor link;
    QColor codeBackground;
    QColor codeBorder;
    QColor codeLabel; // the language name over a code block
    QColor inlineCodeBackground;
    QColor mathBackground;
    QColor mathText;
    QColor quoteBar;
    QColor tableBorder;
    QColor placeholderText;
    QColor placeholderBackground;
    QColor placeholderBorder;
    std::array<QColor, size_t(TokenKind::Count)> syntax;

    QColor syntaxColor(TokenKind kind) const { return syntax[size_t(kind)]; }

    static RenderTheme light();
    static RenderTheme dark();
    // Dark when the palette's window colour is dark.
    static RenderTheme forPalette(const QPalette &palette);
};

} // namespace penpal
