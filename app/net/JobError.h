#pragma once

#include <QString>

namespace penpal {

// A typed failure of a network job. Codes are grouped in ranges so that callers can ask
// "was this the network?" without listing every case (the libQuotient idea).
struct JobError {
    enum Code {
        None = 0,
        // 100..199: could not talk to the server at all
        NetworkError = 100, // connection refused/reset, no route, host unreachable
        HostNotFound = 101, // DNS failure
        TlsError = 102,     // certificate or handshake failure; never ignored
        ConnectTimeout = 103,
        ProxyNotFound = 104,   // the proxy's host name did not resolve
        ProxyRefused = 105,    // the proxy refused the connection (wrong host or port, not running)
        ProxyClosed = 106,     // the proxy closed the connection or stopped answering
        ProxyAuthFailed = 107, // the proxy rejected the user name or password (HTTP 407, RFC 1929)
        // 200..299: the server answered, but not with success
        Unauthorized = 200, // 401 / 403: the API key was rejected
        NotFound = 201,     // 404: wrong model name or base URL
        RateLimited = 202,  // 429, retryAfterSeconds set when the server said
        ServerError = 203,  // 5xx
        ClientError = 204,  // other 4xx (bad request body, ...)
        // 300..399: the reply was not what the protocol promises
        BadResponse = 300,  // not JSON (HTML proxy page, ...) or malformed
        StreamError = 301,  // the server sent an error object inside the stream
        IdleTimeout = 302,  // no byte for too long while streaming
        Interrupted = 303,  // the stream ended without [DONE] or a finish reason
        LineTooLong = 304,  // a single SSE line beyond the sane bound
        TotalTimeout = 305, // the whole reply took longer than the profile's cap (timeoutMs)
        // 400..: we stopped it
        Cancelled = 400,
    };

    Code code = None;
    int httpStatus = 0;
    int retryAfterSeconds = -1; // 429/5xx: Retry-After (seconds or HTTP date), -1 if absent
    QString serverMessage;      // message from the server's error JSON, if any
    QString details;            // technical detail: Qt's error string, a body excerpt, the URL
    QString model;              // NotFound: the model that was asked for (named in the sentence)
    int timeoutMs = -1;         // ConnectTimeout / IdleTimeout / TotalTimeout: the limit that ran out

    bool isError() const { return code != None; }
    bool isTransport() const { return code >= 100 && code < 200; }
    bool isHttp() const { return code >= 200 && code < 300; }
    bool isProtocol() const { return code >= 300 && code < 400; }

    // One clear sentence for a person, translated.
    QString userMessage() const;
    // The sentence plus details on demand (what a "Details" disclosure shows).
    QString detailText() const;
    // Text stored with a failed message: sentence, blank line, details.
    QString storedText() const;
};

} // namespace penpal
