#pragma once

#include "core/Attachment.h"
#include "core/Conversation.h"
#include "core/Message.h"

#include <QStringList>
#include <QVector>

namespace penpal {

// One message of an archived conversation with the files attached to it.
struct ArchivedMessage {
    Message message;
    Attachments attachments;
};

// A whole conversation as it moves in and out of Penpal: every branch, not only the shown one.
// The common shape of exports (Store::loadArchive -> writers) and imports (readers ->
// ArchiveWriter), so that each format only converts to and from this.
//
// Message ids are local to the archive: `message.id` is unique within it, `message.parentId`
// (0 for a first message) and `conversation.currentLeafId` (0: none) refer to those ids, and
// every parent comes before its replies. `conversation.id` is meaningless outside the store it
// came from; `conversation.uid` names it everywhere.
struct ConversationArchive {
    Conversation conversation;
    QStringList tags;
    QVector<ArchivedMessage> messages;
};

} // namespace penpal
