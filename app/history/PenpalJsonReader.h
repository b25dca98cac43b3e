#pragma once

#include "history/ConversationArchive.h"

#include <QJsonObject>
#include <QString>

namespace penpal {

// Reads Penpal's own JSON export (app/history/FORMAT.md) one conversation at a time: the
// streamer hands over the top-level members and each element of "conversations".
class PenpalJsonReader {
public:
    static constexpr int SupportedVersion = 1;
    static constexpr const char *FormatName = "penpal-export";

    // The top-level "format" and "version": false with `error` for another format or a
    // version newer than SupportedVersion (the message names both).
    static bool checkHeader(const QJsonObject &members, QString *error);
    // One element of "conversations". Validates ids: unique, parents before replies, the
    // current leaf one of them.
    static bool readConversation(const QJsonObject &object, ConversationArchive *archive, QString *error);
};

} // namespace penpal
