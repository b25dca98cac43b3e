#pragma once

#include <QStringList>

class QNetworkReply;
class QObject;

namespace penpal {

// Keeps the text of the TLS errors a reply reports, for a failure's details only: TLS errors
// are never ignored. Without TLS support in Qt there is nothing to record.
class SslErrorRecorder {
public:
    // Appends each error of `reply` to `into` while `context` (which owns `into`) lives.
    static void record(QNetworkReply *reply, QObject *context, QStringList *into);
};

} // namespace penpal
