#pragma once

#include <QNetworkReply>
#include <QPointer>

namespace penpal {

enum class ReplyEnd {
    Abort,     // close the connection now
    LetFinish, // the reply is logically done (e.g. after [DONE]); let the body end on its own
               // so the connection can be reused, but abort it after a grace period
};

// How every job lets go of its reply: takes it out of `slot`, disconnects it from `owner` (no
// more signals reach the job), then aborts and deletes it, or with LetFinish deletes it once it
// finishes. Nothing happens when the slot is empty.
void releaseReply(QPointer<QNetworkReply> &slot, const QObject *owner, ReplyEnd end = ReplyEnd::Abort);

} // namespace penpal
