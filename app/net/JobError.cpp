#include "net/JobError.h"

#include <QCoreApplication>
#include <QStringList>

namespace penpal {

namespace {

// Timeouts are configured in milliseconds but read in seconds; round up so that a sub-second
// limit never reads as "0 seconds".
int seconds(int ms)
{
    return ms > 0 ? (ms + 999) / 1000 : 0;
}

const char *codeName(JobError::Code code)
{
    switch (code) {
    case JobError::None:
        return "None";
    case JobError::NetworkError:
        return "NetworkError";
    case JobError::HostNotFound:
        return "HostNotFound";
    case JobError::TlsError:
        return "TlsError";
    case JobError::ConnectTimeout:
        return "ConnectTimeout";
    case JobError::ProxyNotFound:
        return "ProxyNotFound";
    case JobError::ProxyRefused:
        return "ProxyRefused";
    case JobError::ProxyClosed:
        return "ProxyClosed";
    case JobError::ProxyAuthFailed:
        return "ProxyAuthFailed";
    case JobError::Unauthorized:
        return "Unauthorized";
    case JobError::NotFound:
        return "NotFound";
    case JobError::RateLimited:
        return "RateLimited";
    case JobError::ServerError:
        return "ServerError";
    case JobError::ClientError:
        return "ClientError";
    case JobError::BadResponse:
        return "BadResponse";
    case JobError::StreamError:
        return "StreamError";
    case JobError::IdleTimeout:
        return "IdleTimeout";
    case JobError::Interrupted:
        return "Interrupted";
    case JobError::LineTooLong:
        return "LineTooLong";
    case JobError::TotalTimeout:
        return "TotalTimeout";
    case JobError::Cancelled:
        return "Cancelled";
    }
    return "Unknown";
}

// The technical lines under the sentence: what the server said, then our own details. The
// server message is left out where the sentence already quotes it.
QString technicalText(const JobError &e)
{
    QStringList lines;
    const bool sentenceQuotesServer =
        e.code == JobError::StreamError || (e.code == JobError::ClientError && !e.serverMessage.isEmpty());
    if (!e.serverMessage.isEmpty() && !sentenceQuotesServer)
        lines << QCoreApplication::translate("JobError", "Server message: %1").arg(e.serverMessage);
    if (!e.details.isEmpty())
        lines << e.details;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

// Every string is spelled out as QCoreApplication::translate("JobError", ...) so that lupdate
// finds it; JobError is a plain struct without tr().
QString JobError::userMessage() const
{
    switch (code) {
    case None:
        return {};
    case NetworkError:
        // A status means the server did answer: the connection broke while the reply came in.
        if (httpStatus > 0)
            return QCoreApplication::translate(
                "JobError", "The connection to the server was lost before the reply finished.");
        return QCoreApplication::translate("JobError", "Could not reach the server.");
    case HostNotFound:
        return QCoreApplication::translate("JobError", "The server name could not be resolved.");
    case TlsError:
        return QCoreApplication::translate("JobError", "A secure connection could not be established (TLS).");
    case ConnectTimeout:
        if (timeoutMs > 0)
            return QCoreApplication::translate("JobError", "The server did not answer within %n second(s).",
                                               nullptr, seconds(timeoutMs));
        return QCoreApplication::translate("JobError", "The server did not answer in time.");
    case ProxyNotFound:
        return QCoreApplication::translate("JobError", "The proxy server's name could not be resolved. "
                                                       "Check the proxy settings of this profile.");
    case ProxyRefused:
        return QCoreApplication::translate("JobError", "The proxy server refused the connection. "
                                                       "Check the proxy's host and port.");
    case ProxyClosed:
        return QCoreApplication::translate("JobError",
                                           "The proxy server closed the connection or stopped answering.");
    case ProxyAuthFailed:
        return QCoreApplication::translate("JobError",
                                           "The proxy server rejected the user name or password.");
    case Unauthorized:
        if (httpStatus == 403)
            return QCoreApplication::translate("JobError",
                                               "The API key was rejected or lacks access (HTTP 403).");
        return QCoreApplication::translate("JobError", "The API key was rejected.");
    case NotFound:
        if (!model.isEmpty())
            return QCoreApplication::translate("JobError", "The model or URL was not found: %1").arg(model);
        return QCoreApplication::translate("JobError", "The model or URL was not found.");
    case RateLimited:
        if (retryAfterSeconds >= 0)
            return QCoreApplication::translate("JobError",
                                               "Rate limited by the server; try again in %n second(s).",
                                               nullptr, retryAfterSeconds);
        return QCoreApplication::translate("JobError", "Rate limited by the server; try again later.");
    case ServerError:
        // A 503 that names when to come back (and that we did not wait for) says so.
        if (retryAfterSeconds >= 0)
            return QCoreApplication::translate(
                       "JobError", "The server had an error (HTTP %1); try again in %n second(s).", nullptr,
                       retryAfterSeconds)
                .arg(httpStatus);
        return QCoreApplication::translate("JobError", "The server had an error (HTTP %1).").arg(httpStatus);
    case ClientError:
        // The server's own words are what tells the person which parameter it refused.
        if (!serverMessage.isEmpty())
            return QCoreApplication::translate("JobError", "The server refused the request (HTTP %1): %2")
                .arg(httpStatus)
                .arg(serverMessage);
        return QCoreApplication::translate("JobError", "The server refused the request (HTTP %1).")
            .arg(httpStatus);
    case BadResponse:
        if (httpStatus > 0)
            return QCoreApplication::translate("JobError", "The server's reply was not understood (HTTP %1).")
                .arg(httpStatus);
        return QCoreApplication::translate("JobError", "The server's reply was not understood.");
    case StreamError:
        return QCoreApplication::translate("JobError", "The server reported an error: %1")
            .arg(serverMessage.isEmpty() ? QCoreApplication::translate("JobError", "no details given")
                                         : serverMessage);
    case IdleTimeout:
        if (timeoutMs > 0)
            return QCoreApplication::translate("JobError", "The reply stopped: no data for %n second(s).",
                                               nullptr, seconds(timeoutMs));
        return QCoreApplication::translate("JobError", "The reply stopped: no data arrived for too long.");
    case Interrupted:
        return QCoreApplication::translate("JobError", "The reply was cut off before it finished.");
    case LineTooLong:
        return QCoreApplication::translate("JobError", "The server sent a line too long to handle.");
    case TotalTimeout:
        // Not a fault of the server: the person set this limit, so the sentence points there.
        if (timeoutMs > 0)
            return QCoreApplication::translate(
                       "JobError", "The reply took longer than the %1 s limit set for this profile.")
                .arg(seconds(timeoutMs));
        return QCoreApplication::translate("JobError",
                                           "The reply took longer than the limit set for this profile.");
    case Cancelled:
        return QCoreApplication::translate("JobError", "Cancelled.");
    }
    return QCoreApplication::translate("JobError", "Unknown error.");
}

QString JobError::detailText() const
{
    QStringList parts{userMessage()};
    const QString technical = technicalText(*this);
    if (!technical.isEmpty())
        parts << technical;
    // The code name is for bug reports; it is deliberately not translated.
    QString status = QStringLiteral("%1 (%2)").arg(QLatin1String(codeName(code))).arg(int(code));
    if (httpStatus > 0)
        status += QStringLiteral(", HTTP %1").arg(httpStatus);
    parts << status;
    return parts.join(QStringLiteral("\n\n"));
}

QString JobError::storedText() const
{
    const QString technical = technicalText(*this);
    if (technical.isEmpty())
        return userMessage();
    return userMessage() + QStringLiteral("\n\n") + technical;
}

} // namespace penpal
