#pragma once

#include <QStringView>

namespace penpal {

// Line-level facts about Markdown that the block splitter and the preprocessor both need. This
// is deliberately not a Markdown parser (Qt's md4c importer is): it only answers "is this a
// blank line / a fence / a list item" the way CommonMark does for the common cases.
class MarkdownLine {
public:
    struct Fence {
        QChar ch;            // '`' or '~'
        int length = 0;      // length of the marker run (>= 3)
        int markerStart = 0; // offset of the run in the line
        int infoStart = 0;   // offset just after the run (the info string follows)
    };

    // Only spaces, tabs and a carriage return.
    static bool isBlank(QStringView line);

    // Offset of the first character after leading whitespace and block-quote markers ('>' with
    // an optional space); with stripListMarkers, also after list markers ("- ", "1. ").
    static int containerPrefixLength(QStringView line, bool stripListMarkers);

    // Length of a list marker at the very start of s including the following space ("- " -> 2,
    // "10) " -> 4, "-" at the end of s -> 1), or 0 when s does not start with one.
    static int listMarkerLength(QStringView s);

    // The line is a list item: after whitespace and quote markers comes a list marker.
    static bool isListItem(QStringView line);

    // An opening code fence (``` or ~~~, three or more) after any container prefix; a backtick
    // fence's info string may not contain a backtick ("```x```" is inline code, not a fence).
    static bool parseFenceOpen(QStringView line, Fence *fence);

    // A closing fence for `open`: same character, at least as long, nothing but blanks after.
    static bool isFenceClose(QStringView line, const Fence &open);

    // Number of leading columns of whitespace (a tab advances to the next multiple of 4).
    static int indentColumns(QStringView line);
};

} // namespace penpal
