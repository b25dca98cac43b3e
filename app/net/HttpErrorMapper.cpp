#include "net/HttpErrorMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

namespace penpal {

namespace {

// A server asking us to wait longer than a day is almost certainly confused.
constexpr int MaxRetryAfterSeconds = 24 * 60 * 60;

QString messageFromObject(const QJsonObject &o)
{
    const QJsonValue error = o.value(QLatin1String("error"));
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        const QString m = e.value(QLatin1String("message")).toString().trimmed();
        if (!m.isEmpty())
            return m;
        // Some servers nest once more: {"error":{"error":{"message":..}}}.
        return messageFromObject(e);
    }
    if (error.isString() && !error.toString().trimmed().isEmpty())
        return error.toString().trimmed();
    for (const char *key : {"message", "detail"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed();
    }
    return {};
}

QDateTime parseHttpDate(const QByteArray &value)
{
    QString s = QString::fromLatin1(value).simplified();
    // The weekday is dropped before parsing: it is redundant, and Qt rejects a date whose
    // weekday does not match, which two-digit RFC 850 years (read as 19xx) never would.
    const qsizetype comma = s.indexOf(QLatin1Char(','));
    const char *const *formats;
    static const char *const withComma[] = {"dd MMM yyyy HH:mm:ss 'GMT'", // IMF-fixdate
                                            "dd-MMM-yy HH:mm:ss 'GMT'",   // RFC 850
                                            nullptr};
    static const char *const asctime[] = {"MMM d HH:mm:ss yyyy", nullptr};
    if (comma >= 0) {
        s = s.mid(comma + 1).trimmed();
        formats = withComma;
    } else {
        s = s.section(QLatin1Char(' '), 1);
        formats = asctime;
    }
    const QLocale c = QLocale::c();
    for (; *formats; ++formats) {
        QDateTime dt = c.toDateTime(s, QLatin1String(*formats));
        if (dt.isValid()) {
            if (dt.date().year() < 1970) // RFC 850's two-digit years
                dt = dt.addYears(100);
            return QDateTime(dt.date(), dt.time(), Qt::UTC); // HTTP dates are always UTC
        }
    }
    return {};
}

} // namespace

QByteArray HttpErrorMapper::header(const Headers &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

JobError HttpErrorMapper::fromTransportFailure(QNetworkReply::NetworkError error, const QString &errorString,
                                               const QStringList &sslErrors)
{
    JobError e = fromNetworkError(error, errorString);
    if (e.code == JobError::Cancelled || e.code == JobError::None)
        e.code = JobError::NetworkError;
    if (!sslErrors.isEmpty())
        e.details += QLatin1Char('\n') + sslErrors.join(QLatin1Char('\n'));
    return e;
}

JobError HttpErrorMapper::fromNetworkError(QNetworkReply::NetworkError error, const QString &errorString)
{
    JobError e;
    e.details = errorString;
    switch (error) {
    case QNetworkReply::NoError:
        e.code = JobError::None;
        break;
    case QNetworkReply::HostNotFoundError:
        e.code = JobError::HostNotFound;
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.code = JobError::TlsError;
        break;
    case QNetworkReply::TimeoutError:
        e.code = JobError::ConnectTimeout;
        break;
    case QNetworkReply::ProxyNotFoundError:
        e.code = JobError::ProxyNotFound;
        break;
    case QNetworkReply::ProxyConnectionRefusedError:
        e.code = JobError::ProxyRefused;
        break;
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        e.code = JobError::ProxyClosed;
        break;
    case QNetworkReply::ProxyAuthenticationRequiredError:
        e.code = JobError::ProxyAuthFailed;
        break;
    case QNetworkReply::OperationCanceledError:
        e.code = JobError::Cancelled;
        break;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
        e.code = JobError::BadResponse;
        break;
    default:
        // Refused, reset, unreachable, unsupported scheme: no usable exchange.
        e.code = JobError::NetworkError;
        break;
    }
    return e;
}

JobError HttpErrorMapper::fromHttpStatus(int status, const Headers &headers, const QByteArray &body,
                                         const QDateTime &nowUtc)
{
    JobError e;
    e.httpStatus = status;
    e.serverMessage = serverMessage(body);
    const bool html = looksLikeHtml(header(headers, "Content-Type"), body);

    if (status == 401 || status == 403) {
        e.code = JobError::Unauthorized;
    } else if (status == 407) {
        e.code = JobError::ProxyAuthFailed; // the proxy's answer, not the server's
    } else if (status == 404) {
        e.code = JobError::NotFound;
    } else if (status == 429) {
        e.code = JobError::RateLimited;
        e.retryAfterSeconds = parseRetryAfter(header(headers, "Retry-After"), nowUtc);
        // OpenAI also sends a millisecond variant; use it when the standard one is missing.
        const QByteArray ms = header(headers, "retry-after-ms").trimmed();
        bool ok = false;
        const double msValue = ms.toDouble(&ok);
        if (e.retryAfterSeconds < 0 && ok && msValue >= 0)
            e.retryAfterSeconds = qMin(MaxRetryAfterSeconds, int((msValue + 999) / 1000));
    } else if (html) {
        e.code = JobError::BadResponse;
    } else if (status >= 500 && status < 600) {
        e.code = JobError::ServerError;
    } else if (status >= 400 && status < 500) {
        e.code = JobError::ClientError;
    } else {
        e.code = JobError::BadResponse; // 1xx/3xx that Qt did not resolve
    }

    // Overloaded servers (503, Anthropic's 529, a proxy's HTML 502) may name when to come back
    // too; the retry policy honours it like a 429's.
    if (status >= 500 && status < 600)
        e.retryAfterSeconds = parseRetryAfter(header(headers, "Retry-After"), nowUtc);

    if (e.serverMessage.isEmpty() && !body.trimmed().isEmpty()) {
        const QString excerpt = plainTextExcerpt(body);
        if (!excerpt.isEmpty())
            e.details = QStringLiteral("Body: %1").arg(excerpt);
    }
    return e;
}

int HttpErrorMapper::parseRetryAfter(const QByteArray &value, const QDateTime &nowUtc)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const qlonglong seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : int(qMin<qlonglong>(seconds, MaxRetryAfterSeconds));
    const QDateTime when = parseHttpDate(v);
    if (!when.isValid())
        return -1;
    return int(qBound(qint64(0), nowUtc.secsTo(when), qint64(MaxRetryAfterSeconds)));
}

QString HttpErrorMapper::serverMessage(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return {};
    if (doc.isObject())
        return messageFromObject(doc.object());
    if (doc.isArray() && !doc.array().isEmpty() && doc.array().first().isObject())
        return messageFromObject(doc.array().first().toObject());
    return {};
}

bool HttpErrorMapper::looksLikeHtml(const QByteArray &contentType, const QByteArray &body)
{
    if (contentType.contains("html"))
        return true;
    const QByteArray start = body.left(256).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<?xml") ||
           start.startsWith("<head") || start.startsWith("<body");
}

QString HttpErrorMapper::plainTextExcerpt(const QByteArray &body, int maxChars)
{
    // Enough of a page to find its message; an excerpt never needs the whole body.
    QString text = QString::fromUtf8(body.left(64 * 1024));
    static const QRegularExpression hidden(QStringLiteral("<(script|style|head)\\b[^>]*>.*?</\\1\\s*>"),
                                           QRegularExpression::CaseInsensitiveOption |
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression comments(QStringLiteral("<!--.*?-->"),
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    // The <title> of an error page usually says it best ("502 Bad Gateway"), and <head> is
    // dropped below together with scripts and styles, so keep the title before that.
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title\\s*>"),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    const QString titleText = title.match(text).captured(1).simplified();
    text.remove(comments);
    text.remove(hidden);
    text.replace(tags, QStringLiteral(" "));
    text.replace(QLatin1String("&nbsp;"), QLatin1String(" "))
        .replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&#39;"), QLatin1String("'"))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
    text = text.simplified();
    if (!titleText.isEmpty() && !text.startsWith(titleText))
        text = text.isEmpty() ? titleText : titleText + QLatin1String(": ") + text;
    if (text.size() > maxChars)
        text = text.left(maxChars).trimmed() + QChar(0x2026);
    return text;
}

} // namespace penpal
