#pragma once

#include "history/ConversationArchive.h"
#include "history/ExportFormat.h"

#include <QString>

#include <memory>

class QIODevice;

namespace penpal {

// Writes conversations to a device one at a time: begin(), write() for each conversation,
// finish(). Only one conversation is held at once, so exporting a whole history needs the
// memory of its largest conversation, not of all of them. Every call after a failure fails
// too; errorString() says why in one human sentence.
//
// Exports never contain an API key, a provider URL or any setting outside the conversation:
// writers only see a ConversationArchive, which has none.
class ArchiveExporter {
public:
    explicit ArchiveExporter(QIODevice *out);
    virtual ~ArchiveExporter();
    ArchiveExporter(const ArchiveExporter &) = delete;
    ArchiveExporter &operator=(const ArchiveExporter &) = delete;

    virtual bool begin() = 0;
    virtual bool write(const ConversationArchive &archive) = 0;
    virtual bool finish() = 0;
    QString errorString() const { return m_error; }

    // The writer for `format` on `out` (not owned).
    static std::unique_ptr<ArchiveExporter> create(ExportFormat format, QIODevice *out);

protected:
    QIODevice *device() const { return m_out; }
    bool failed() const { return !m_error.isEmpty(); }
    bool fail(const QString &error); // keeps the first error; returns false
    bool put(const QByteArray &bytes);
    bool put(const QString &text) { return put(text.toUtf8()); }
    // Pushes buffered bytes to the file, so that a full disk is reported by finish().
    bool flush();

private:
    QIODevice *m_out;
    QString m_error;
};

} // namespace penpal
