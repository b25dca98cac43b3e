#pragma once

#include <QString>

class QTextDocument;

namespace penpal {

// A structural text dump of a QTextDocument: every frame, table cell, block and fragment with
// all of its format properties, list membership and text. Stable for equal documents, so tests
// can compare renderings exactly (toMarkdown() loses too much, toHtml() too little structure).
class DocumentDump {
public:
    static QString dump(const QTextDocument &doc);
};

} // namespace penpal
