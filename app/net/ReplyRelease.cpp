#include "net/ReplyRelease.h"

#include <QTimer>

namespace penpal {

namespace {
// After the end of a stream only the end of the chunked body is missing; a server that keeps
// the connection open must not pin the reply forever.
constexpr int DoneGraceMs = 5000;
} // namespace

void releaseReply(QPointer<QNetworkReply> &slot, const QObject *owner, ReplyEnd end)
{
    QNetworkReply *reply = slot;
    slot = nullptr;
    if (!reply)
        return;
    reply->disconnect(owner);
    if (end == ReplyEnd::Abort || reply->isFinished()) {
        reply->abort();
        reply->deleteLater();
        return;
    }
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    QTimer::singleShot(DoneGraceMs, reply, &QNetworkReply::abort);
}

} // namespace penpal
