#pragma once

#include <QString>
#include <QVector>

namespace penpal {

// Something a translation must carry over unchanged.
struct ProtectedSpan {
    enum class Kind { CodeBlock, InlineCode, Url, Number, Placeholder };
    Kind kind = Kind::CodeBlock;
    QString text; // as it appears in the source (numbers: their digits only)
    bool operator==(const ProtectedSpan &o) const { return kind == o.kind && text == o.text; }
};

// Checks that a translation kept what must not be translated: fenced code blocks and inline
// code exactly, URLs, numbers (by their digits, so 1,000.5 may become 1.000,5 or 1 000,5) and
// placeholders ({name}, {{var}}, ${x}, %1, %s, %(name)s). Pure; the translate view marks what
// is missing, and the prompt asks the model to keep these.
class PreservationCheck {
public:
    static QVector<ProtectedSpan> spansOf(const QString &text);
    // The source's spans that the translation lacks, counting repeats: a source with "%1"
    // twice needs it twice.
    static QVector<ProtectedSpan> missing(const QString &source, const QString &translation);
};

} // namespace penpal
