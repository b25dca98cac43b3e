#pragma once

#include <QString>
#include <QVector>

namespace penpal {

// The file formats conversations can be exported to. The string form is what the
// LastExportFormat setting stores.
enum class ExportFormat { Markdown, Json, Html, Pdf, PlainText };

class ExportFormats {
public:
    static QVector<ExportFormat> all(); // in the order a menu lists them
    static QString key(ExportFormat f); // "markdown", "json", "html", "pdf", "text"
    static ExportFormat fromKey(const QString &key, ExportFormat fallback = ExportFormat::Markdown);
    static QString suffix(ExportFormat f); // "md", "json", "html", "pdf", "txt"
};

} // namespace penpal
