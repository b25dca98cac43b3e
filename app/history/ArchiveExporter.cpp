#include "history/ArchiveExporter.h"

#include "history/HtmlExportWriter.h"
#include "history/MarkdownExportWriter.h"
#include "history/PdfExportWriter.h"
#include "history/PenpalJsonWriter.h"
#include "history/PlainTextExportWriter.h"

#include <QFileDevice>
#include <QIODevice>

namespace penpal {

ArchiveExporter::ArchiveExporter(QIODevice *out)
    : m_out(out)
{
}

ArchiveExporter::~ArchiveExporter() = default;

std::unique_ptr<ArchiveExporter> ArchiveExporter::create(ExportFormat format, QIODevice *out)
{
    switch (format) {
    case ExportFormat::Markdown:
        return std::make_unique<MarkdownExportWriter>(out);
    case ExportFormat::Json:
        return std::make_unique<PenpalJsonWriter>(out);
    case ExportFormat::Html:
        return std::make_unique<HtmlExportWriter>(out);
    case ExportFormat::Pdf:
        return std::make_unique<PdfExportWriter>(out);
    case ExportFormat::PlainText:
        return std::make_unique<PlainTextExportWriter>(out);
    }
    return nullptr;
}

bool ArchiveExporter::fail(const QString &error)
{
    if (m_error.isEmpty())
        m_error = error;
    return false;
}

bool ArchiveExporter::put(const QByteArray &bytes)
{
    if (failed())
        return false;
    if (!m_out || !m_out->isWritable())
        return fail(QStringLiteral("The file is not open for writing."));
    if (m_out->write(bytes) != bytes.size())
        return fail(QStringLiteral("Cannot write the file: %1").arg(m_out->errorString()));
    return true;
}

bool ArchiveExporter::flush()
{
    if (failed())
        return false;
    if (auto *file = qobject_cast<QFileDevice *>(m_out)) {
        if (!file->flush())
            return fail(QStringLiteral("Cannot write the file: %1").arg(file->errorString()));
    }
    return true;
}

} // namespace penpal
