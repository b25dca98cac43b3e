#include "history/ExportFormat.h"

namespace penpal {

QVector<ExportFormat> ExportFormats::all()
{
    return {ExportFormat::Markdown, ExportFormat::Json, ExportFormat::Html, ExportFormat::Pdf,
            ExportFormat::PlainText};
}

QString ExportFormats::key(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Markdown:
        return QStringLiteral("markdown");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Html:
        return QStringLiteral("html");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::PlainText:
        return QStringLiteral("text");
    }
    return QStringLiteral("markdown");
}

ExportFormat ExportFormats::fromKey(const QString &key, ExportFormat fallback)
{
    for (ExportFormat f : all()) {
        if (ExportFormats::key(f) == key)
            return f;
    }
    return fallback;
}

QString ExportFormats::suffix(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Html:
        return QStringLiteral("html");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::PlainText:
        return QStringLiteral("txt");
    }
    return QStringLiteral("md");
}

} // namespace penpal
