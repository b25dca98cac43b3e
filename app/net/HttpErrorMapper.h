#pragma once

#include "net/JobError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QStringList>

namespace penpal {

// Turns what a failed HTTP exchange left behind - Qt's transport error, or a status with its
// headers and body - into a typed JobError. Pure functions of their inputs (the clock is a
// parameter), so every mapping is testable without a network.
class HttpErrorMapper {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // A failure before any HTTP status arrived: DNS, refused, reset, TLS, ...
    static JobError fromNetworkError(QNetworkReply::NetworkError error, const QString &errorString);

    // The same for an exchange the caller did not abort: whoever cancelled it, for the caller
    // it failed, so Cancelled (and None) become NetworkError. The TLS errors seen on the way,
    // if any, are appended to the details, one per line.
    static JobError fromTransportFailure(QNetworkReply::NetworkError error, const QString &errorString,
                                         const QStringList &sslErrors = {});

    // A response whose status is not a success. 401/403, 404 and 429 keep their meaning
    // whatever the body; otherwise an HTML body (a proxy's error page) is a BadResponse.
    // Retry-After is read for 429 and every 5xx.
    static JobError fromHttpStatus(int status, const Headers &headers, const QByteArray &body,
                                   const QDateTime &nowUtc = QDateTime::currentDateTimeUtc());

    // Retry-After as delta-seconds or an HTTP-date (IMF-fixdate, RFC 850, asctime); seconds
    // from `nowUtc`, 0 for a date in the past, -1 if absent or unreadable.
    static int parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc);

    // The message of an error body: {"error":{"message":..}}, {"error":".."}, {"message":..},
    // {"detail":".."}, or the same inside a one-element array. Empty if there is none.
    static QString serverMessage(const QByteArray &body);

    static bool looksLikeHtml(const QByteArray &contentType, const QByteArray &body);

    // A short single-line plain-text excerpt of a body: markup, scripts and styles removed,
    // common entities decoded, whitespace collapsed, cut at maxChars with an ellipsis.
    static QString plainTextExcerpt(const QByteArray &body, int maxChars = 200);

    static QByteArray header(const Headers &headers, const QByteArray &name);
};

} // namespace penpal
