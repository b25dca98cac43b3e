#pragma once

#include "core/Attachment.h"

#include <QMetaType>
#include <QString>
#include <QVector>

namespace penpal {

// What a view needs to show an attachment as a chip: never its bytes, which stay in the
// store until a request is built.
struct AttachmentInfo {
    Attachment::Kind kind = Attachment::Kind::Text;
    QString fileName;
    QString mimeType;
    qint64 size = 0; // bytes

    bool isImage() const { return kind == Attachment::Kind::Image; }
    bool operator==(const AttachmentInfo &o) const
    {
        return kind == o.kind && fileName == o.fileName && mimeType == o.mimeType && size == o.size;
    }
};

using AttachmentInfos = QVector<AttachmentInfo>;

} // namespace penpal

Q_DECLARE_METATYPE(penpal::AttachmentInfo)
Q_DECLARE_METATYPE(penpal::AttachmentInfos)
