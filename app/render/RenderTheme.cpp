#include "RenderTheme.h"

#include <QPalette>

namespace penpal {

namespace {
void setSyntax(RenderTheme &t, TokenKind kind, QRgb rgb)
{
    t.syntax[size_t(kind)] = QColor::fromRgb(rgb);
}
} // namespace

RenderTheme RenderTheme::light()
{
    RenderTheme t;
    t.isDark = false;
    t.link = QColor(0x09, 0x69, 0xda);
    t.codeBackground = QColor(0xf6, 0xf8, 0xfa);
    t.codeBorder = QColor(0xd0, 0xd7, 0xde);
    t.codeLabel = QColor(0x57, 0x60, 0x6a);
    t.inlineCodeBackground = QColor(0xaf, 0xb8, 0xc1, 0x33);
    t.mathBackground = QColor(0xf0, 0xf4, 0xff);
    t.mathText = QColor(0x1f, 0x3a, 0x8a);
    t.quoteBar = QColor(0xd0, 0xd7, 0xde);
    t.tableBorder = QColor(0xd0, 0xd7, 0xde);
    t.placeholderText = QColor(0x57, 0x60, 0x6a);
    t.placeholderBackground = QColor(0, 0, 0, 12);
    t.placeholderBorder = QColor(0, 0, 0, 70);
    setSyntax(t, TokenKind::Keyword, 0xcf222e);
    setSyntax(t, TokenKind::Type, 0x953800);
    setSyntax(t, TokenKind::Literal, 0x0550ae);
    setSyntax(t, TokenKind::String, 0x0a3069);
    setSyntax(t, TokenKind::Number, 0x0550ae);
    setSyntax(t, TokenKind::Comment, 0x6e7781);
    setSyntax(t, TokenKind::Function, 0x8250df);
    setSyntax(t, TokenKind::Preprocessor, 0xcf222e);
    setSyntax(t, TokenKind::Tag, 0x116329);
    setSyntax(t, TokenKind::Attribute, 0x0550ae);
    setSyntax(t, TokenKind::Variable, 0x953800);
    setSyntax(t, TokenKind::Heading, 0x0550ae);
    setSyntax(t, TokenKind::Operator, 0xcf222e);
    return t;
}

RenderTheme RenderTheme::dark()
{
    RenderTheme t;
    t.isDark = true;
    t.link = QColor(0x58, 0xa6, 0xff);
    t.codeBackground = QColor(0x16, 0x1b, 0x22);
    t.codeBorder = QColor(0x30, 0x36, 0x3d);
    t.codeLabel = QColor(0x8b, 0x94, 0x9e);
    t.inlineCodeBackground = QColor(0x6e, 0x76, 0x81, 0x66);
    t.mathBackground = QColor(0x1c, 0x23, 0x3a);
    t.mathText = QColor(0xa5, 0xc8, 0xff);
    t.quoteBar = QColor(0x30, 0x36, 0x3d);
    t.tableBorder = QColor(0x30, 0x36, 0x3d);
    t.placeholderText = QColor(0x8b, 0x94, 0x9e);
    t.placeholderBackground = QColor(255, 255, 255, 14);
    t.placeholderBorder = QColor(255, 255, 255, 70);
    setSyntax(t, TokenKind::Keyword, 0xff7b72);
    setSyntax(t, TokenKind::Type, 0xffa657);
    setSyntax(t, TokenKind::Literal, 0x79c0ff);
    setSyntax(t, TokenKind::String, 0xa5d6ff);
    setSyntax(t, TokenKind::Number, 0x79c0ff);
    setSyntax(t, TokenKind::Comment, 0x8b949e);
    setSyntax(t, TokenKind::Function, 0xd2a8ff);
    setSyntax(t, TokenKind::Preprocessor, 0xff7b72);
    setSyntax(t, TokenKind::Tag, 0x7ee787);
    setSyntax(t, TokenKind::Attribute, 0x79c0ff);
    setSyntax(t, TokenKind::Variable, 0xffa657);
    setSyntax(t, TokenKind::Heading, 0x79c0ff);
    setSyntax(t, TokenKind::Operator, 0xff7b72);
    return t;
}

RenderTheme RenderTheme::forPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? dark() : light();
}

} // namespace penpal
