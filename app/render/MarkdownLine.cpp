#include "MarkdownLine.h"

namespace penpal {

namespace {
bool isSpaceOrTab(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}
} // namespace

bool MarkdownLine::isBlank(QStringView line)
{
    for (QChar c : line) {
        if (!isSpaceOrTab(c) && c != QLatin1Char('\r'))
            return false;
    }
    return true;
}

int MarkdownLine::listMarkerLength(QStringView s)
{
    if (s.isEmpty())
        return 0;
    int n = 0;
    const QChar first = s.at(0);
    if (first == QLatin1Char('-') || first == QLatin1Char('*') || first == QLatin1Char('+')) {
        n = 1;
    } else if (first.isDigit() && first.unicode() < 128) {
        while (n < s.size() && n < 9 && s.at(n).unicode() < 128 && s.at(n).isDigit())
            ++n;
        if (n >= s.size() || (s.at(n) != QLatin1Char('.') && s.at(n) != QLatin1Char(')')))
            return 0;
        ++n;
    } else {
        return 0;
    }
    if (n == s.size() || s.at(n) == QLatin1Char('\r'))
        return n;
    return isSpaceOrTab(s.at(n)) ? n + 1 : 0;
}

int MarkdownLine::containerPrefixLength(QStringView line, bool stripListMarkers)
{
    int i = 0;
    for (;;) {
        while (i < line.size() && isSpaceOrTab(line.at(i)))
            ++i;
        if (i < line.size() && line.at(i) == QLatin1Char('>')) {
            ++i;
            continue;
        }
        if (stripListMarkers) {
            const int marker = listMarkerLength(line.mid(i));
            // "-" alone at the end is an empty item; "---" or "***" are rules, not markers.
            if (marker > 0 && i + marker <= line.size()) {
                i += marker;
                continue;
            }
        }
        return i;
    }
}

bool MarkdownLine::isListItem(QStringView line)
{
    const int prefix = containerPrefixLength(line, false);
    return listMarkerLength(line.mid(prefix)) > 0;
}

bool MarkdownLine::parseFenceOpen(QStringView line, Fence *fence)
{
    const int start = containerPrefixLength(line, true);
    if (start >= line.size())
        return false;
    const QChar ch = line.at(start);
    if (ch != QLatin1Char('`') && ch != QLatin1Char('~'))
        return false;
    int end = start;
    while (end < line.size() && line.at(end) == ch)
        ++end;
    if (end - start < 3)
        return false;
    if (ch == QLatin1Char('`') && line.mid(end).contains(QLatin1Char('`')))
        return false;
    if (fence) {
        fence->ch = ch;
        fence->length = end - start;
        fence->markerStart = start;
        fence->infoStart = end;
    }
    return true;
}

bool MarkdownLine::isFenceClose(QStringView line, const Fence &open)
{
    int i = containerPrefixLength(line, false);
    int run = 0;
    while (i < line.size() && line.at(i) == open.ch) {
        ++i;
        ++run;
    }
    return run >= open.length && isBlank(line.mid(i));
}

int MarkdownLine::indentColumns(QStringView line)
{
    int columns = 0;
    for (QChar c : line) {
        if (c == QLatin1Char(' '))
            ++columns;
        else if (c == QLatin1Char('\t'))
            columns = (columns / 4 + 1) * 4;
        else
            break;
    }
    return columns;
}

} // namespace penpal
