#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace penpal {

// A file the user attached to a prompt. Text files are inlined into the prompt by the
// provider with their file name; images are sent in each provider's own image format.
// Stored with the user message, so a regenerate or a restart sends exactly the same bytes.
struct Attachment {
    enum class Kind { Text, Image };
    Kind kind = Kind::Text;
    QString fileName; // shown on the chip and given to the model for text files
    QString mimeType; // image/png, image/jpeg, image/webp, text/plain, ...
    QByteArray data;  // the file's bytes (UTF-8 for text)

    bool isImage() const { return kind == Kind::Image; }
    bool operator==(const Attachment &o) const
    {
        return kind == o.kind && fileName == o.fileName && mimeType == o.mimeType && data == o.data;
    }
};

using Attachments = QVector<Attachment>;

} // namespace penpal
