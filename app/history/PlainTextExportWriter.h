#pragma once

#include "history/ArchiveExporter.h"

namespace penpal {

// Plain text: the shown branch of each conversation with a line naming who speaks, reasoning
// marked off by "| ", attachments listed. Message text stays as written (Markdown reads well
// as text, and code keeps its indentation).
class PlainTextExportWriter : public ArchiveExporter {
public:
    explicit PlainTextExportWriter(QIODevice *out);

    bool begin() override;
    bool write(const ConversationArchive &archive) override;
    bool finish() override;

    static QString render(const ConversationArchive &archive);

private:
    int m_written = 0;
};

} // namespace penpal
