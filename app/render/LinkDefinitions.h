#pragma once

#include <QString>
#include <QStringView>
#include <QVector>

namespace penpal {

// Markdown link reference definitions ("[label]: https://…") across the chunks of a message.
// Each chunk is parsed on its own, so a definition in one chunk would not reach a reference
// ("[text][label]", "![alt][label]", "[label]") in another. The message collects every
// definition and appends the ones a chunk refers to to that chunk's Markdown before parsing;
// definitions produce no output, so the chunk looks as if the whole message had been parsed.
struct LinkDefinition {
    QString label; // normalised: case-folded, inner whitespace collapsed
    QString line;  // the definition line as written
    bool operator==(const LinkDefinition &o) const { return label == o.label && line == o.line; }
};

class LinkDefinitions {
public:
    // The definitions a chunk makes: its leading run of definition lines (a definition cannot
    // interrupt a paragraph). Code chunks define nothing.
    static QVector<LinkDefinition> scan(QStringView chunk);
    // What to append to `chunk` before parsing it: the definitions from `all` (first one per
    // label wins) that it refers to and does not make itself, or empty. Never for a chunk that
    // opens a code fence: the lines would end up inside the code.
    static QString suffixFor(QStringView chunk, const QVector<LinkDefinition> &all);
    static QString normalizeLabel(QStringView label);
};

} // namespace penpal
