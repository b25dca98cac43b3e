#pragma once

#include "core/Attachment.h"
#include "store/Store.h"

#include <QByteArray>
#include <QString>

namespace penpal::test {

// A conversation for export tests, built through the Store: a prompt with an attached image
// and text file, two replies to it (the older one on a branch that is not shown), a follow-up
// and a reply still streaming. Texts carry code, CJK, emoji, "<script>", "&" and a remote
// image; markers tell the shown branch (Shown*) from the other one (OtherBranch).
struct ExportFixture {
    static constexpr const char *ShownReply = "SHOWN-BRANCH-REPLY";
    static constexpr const char *ShownFollowUp = "SHOWN-FOLLOWUP";
    static constexpr const char *OtherBranch = "OTHER-BRANCH-REPLY";
    static constexpr const char *Reasoning = "REASONING-MARKER";
    static constexpr const char *RemoteImage = "https://tracker.example/pixel.png";

    qint64 conversationId = 0;
    qint64 promptId = 0;     // root, with the attachments
    qint64 otherReplyId = 0; // first reply: the branch that is not shown
    qint64 shownReplyId = 0; // second reply, with reasoning and usage
    qint64 followUpId = 0;   // the user's next prompt
    qint64 streamingId = 0;  // the current leaf, still streaming
    Attachment image;
    Attachment textFile;

    // Empty `profileId` leaves the conversation without one. False if the store refused.
    bool build(Store &store, const QString &profileId = QString());
};

QByteArray tinyPng(); // a 3x2 PNG

} // namespace penpal::test
