#pragma once

#include "core/Attachment.h"

#include <QCoreApplication>
#include <QString>

namespace penpal {

// Turns a file (or pasted bytes) into an Attachment, or says in one sentence why not. The
// kind comes from the content, never the file name: PNG, JPEG and WebP by their magic bytes,
// text when the bytes are valid UTF-8 without NULs. Everything else is refused, because a
// model given a renamed binary as "text" only sees noise.
//
// Limits: text files are inlined into every request of the conversation, so they are kept
// small (256 KB, roughly 60k tokens); images travel base64-encoded and most providers refuse
// more than about 20 MB per image, so 10 MB leaves room for the encoding.
class AttachmentLoader {
    Q_DECLARE_TR_FUNCTIONS(AttachmentLoader)
public:
    static constexpr qint64 kMaxTextBytes = 256 * 1024;
    static constexpr qint64 kMaxImageBytes = 10 * 1024 * 1024;
    static constexpr int kMaxPerMessage = 10;
    static constexpr qint64 kMaxTotalBytes = 20 * 1024 * 1024;

    struct Result {
        Attachment attachment;
        QString error; // empty on success
        bool ok() const { return error.isEmpty(); }
    };

    // Reads the file at `path`; only its file name (not the folder) is kept.
    static Result fromFile(const QString &path);
    // Bytes from the clipboard or a drop, named `fileName`.
    static Result fromData(const QByteArray &data, const QString &fileName);

    // "image/png", "image/jpeg", "image/webp" when `data` starts like one; empty otherwise.
    static QString imageMimeType(const QByteArray &data);
    // Valid UTF-8 (a BOM is fine) without NUL bytes; an empty file counts as text.
    static bool isText(const QByteArray &data);
    // Empty when `next` may join the `pending` attachments of one message; else why not.
    static QString checkAddable(const Attachments &pending, const Attachment &next);
    // "12.3 KB", for chips and messages.
    static QString sizeText(qint64 bytes);
};

} // namespace penpal
