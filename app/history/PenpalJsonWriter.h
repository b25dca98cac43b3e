#pragma once

#include "history/ArchiveExporter.h"

#include <QJsonObject>

namespace penpal {

// Writes the Penpal JSON export format (FORMAT.md, version 1) as it goes: begin() writes the
// header, write() one conversation (its messages one by one), finish() closes the file. Only
// one message is serialized at a time, so memory stays bounded by the largest message.
class PenpalJsonWriter : public ArchiveExporter {
public:
    static constexpr int FormatVersion = 1;

    explicit PenpalJsonWriter(QIODevice *out);

    bool begin() override;
    bool write(const ConversationArchive &archive) override;
    bool finish() override;
    QString errorString() const { return ArchiveExporter::errorString(); }

    // The JSON forms of one conversation without its messages, and of one message, as
    // FORMAT.md defines them (for tests and tools).
    static QJsonObject conversationObject(const ConversationArchive &archive);
    static QJsonObject messageObject(const ArchivedMessage &message);

private:
    enum class Phase { Idle, Open, Finished };
    Phase m_phase = Phase::Idle;
    int m_written = 0;
};

} // namespace penpal
