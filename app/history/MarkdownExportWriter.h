#pragma once

#include "history/ArchiveExporter.h"

namespace penpal {

// Markdown for reading and sharing: per conversation a title, a metadata line, the system
// prompt, then each message of the shown branch under a role heading, reasoning in a collapsed
// quoted block, attachments listed by name. Message text is written as the model wrote it
// (fences and all); several conversations follow each other, separated by a rule.
class MarkdownExportWriter : public ArchiveExporter {
public:
    explicit MarkdownExportWriter(QIODevice *out);

    bool begin() override;
    bool write(const ConversationArchive &archive) override;
    bool finish() override;

    static QString render(const ConversationArchive &archive);

private:
    int m_written = 0;
};

} // namespace penpal
