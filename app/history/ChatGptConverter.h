#pragma once

#include "history/ConversationArchive.h"
#include "history/ImportNotes.h"

#include <QJsonObject>
#include <QString>

namespace penpal {

// Turns one conversation of a ChatGPT data export (an element of conversations.json) into a
// ConversationArchive. The whole `mapping` tree is kept: every edited prompt and regenerated
// reply becomes a branch, `current_node` the shown leaf. Nodes a person never saw there (the
// empty root, hidden system messages, tool calls' output, the user's custom-instruction
// context) are left out and their replies hang from the nearest message that is kept; the
// model's thoughts become the reasoning of the reply that follows them. A content type this
// does not know is written into the text as "[Unsupported content type: X]" and counted in
// `notes`, never dropped silently.
class ChatGptConverter {
public:
    // False with `error` set when `conversation` is not a ChatGPT conversation or is broken
    // in a way that cannot be imported (e.g. two messages with the same id).
    static bool convert(const QJsonObject &conversation, ConversationArchive *archive, ImportNotes *notes,
                        QString *error);

    // "chatgpt:<conversation id>", the uid an imported conversation gets (empty without an id).
    static QString uidOf(const QJsonObject &conversation);
};

} // namespace penpal
