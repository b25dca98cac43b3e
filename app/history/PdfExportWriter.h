#pragma once

#include "history/ArchiveExporter.h"

#include <memory>

class QPainter;
class QPdfWriter;

namespace penpal {

// PDF through QPdfWriter (QtGui, so it lives in the core library without PrintSupport). Each
// conversation is laid out as its own QTextDocument (SafeTextDocument: nothing is ever
// loaded) from the same markup as the HTML export, then painted page by page; every
// conversation starts on a new page. Only one conversation's document exists at a time.
class PdfExportWriter : public ArchiveExporter {
public:
    explicit PdfExportWriter(QIODevice *out);
    ~PdfExportWriter() override;

    bool begin() override;
    bool write(const ConversationArchive &archive) override;
    bool finish() override;

    int pageCount() const { return m_pages; }

private:
    std::unique_ptr<QPdfWriter> m_pdf;
    std::unique_ptr<QPainter> m_painter;
    int m_pages = 0;
};

} // namespace penpal
