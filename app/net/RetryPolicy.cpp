#include "net/RetryPolicy.h"

#include "net/ProviderProfile.h"

#include <QRandomGenerator>
#include <QtGlobal>

#include <cmath>

namespace penpal {

RetryPolicy::RetryPolicy(int maxRetries, int ceilingMs, int initialDelayMs)
    : m_maxRetries(qMax(0, maxRetries))
    , m_ceilingMs(qMax(0, ceilingMs))
    , m_initialDelayMs(qMax(0, initialDelayMs))
{
}

RetryPolicy RetryPolicy::fromProfile(const ProviderProfile &profile)
{
    RetryPolicy p(profile.retryAttempts, profile.retryCeilingMs);
    p.setTotalTimeoutMs(profile.totalTimeoutMs);
    return p;
}

bool RetryPolicy::isRetryableStatus(int httpStatus)
{
    switch (httpStatus) {
    case 429: // rate limited
    case 500: // internal error, often a hiccup
    case 502: // bad gateway: the proxy could not reach the model server
    case 503: // overloaded or restarting
    case 504: // gateway timeout
    case 529: // Anthropic: overloaded
        return true;
    default:
        return false;
    }
}

bool RetryPolicy::isRetryable(const JobError &error)
{
    switch (error.code) {
    case JobError::NetworkError:
        // With a status the server had answered and the connection broke while the reply came
        // in: the reply had begun.
        return error.httpStatus == 0;
    case JobError::HostNotFound:
    case JobError::ConnectTimeout:
        return true;
    case JobError::RateLimited:
        return true;
    case JobError::ServerError:
    case JobError::BadResponse: // a proxy's HTML "502 Bad Gateway" page
        return isRetryableStatus(error.httpStatus);
    default:
        // TLS (never retried blindly), 4xx, errors inside a stream, idle and total timeouts,
        // cut-off streams, and a cancel.
        return false;
    }
}

double RetryPolicy::random() const
{
    const double r = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
    return qBound(0.0, r, 1.0);
}

int RetryPolicy::backoffMs(int retry) const
{
    // 2^30 s is far beyond any ceiling; the exponent is bounded so the double stays finite.
    const double exponential = double(m_initialDelayMs) * std::pow(2.0, qBound(0, retry - 1, 30));
    const double jittered = exponential * (1.0 + JitterFraction * (2.0 * random() - 1.0));
    return int(qMin(double(m_ceilingMs), qMax(0.0, std::round(jittered))));
}

RetryPolicy::Decision RetryPolicy::decide(const JobError &error, int attemptsMade, qint64 elapsedMs) const
{
    Decision d;
    if (!isRetryable(error)) {
        d.outcome = Outcome::NotRetryable;
        return d;
    }
    if (attemptsMade > m_maxRetries) {
        d.outcome = Outcome::AttemptsExhausted;
        return d;
    }
    if (error.retryAfterSeconds >= 0) {
        const qint64 wanted = qint64(error.retryAfterSeconds) * 1000;
        if (wanted > m_ceilingMs) {
            d.outcome = Outcome::RetryAfterTooLong;
            return d;
        }
        d.delayMs = int(wanted);
    } else {
        d.delayMs = backoffMs(attemptsMade);
    }
    if (m_totalTimeoutMs > 0 && elapsedMs + d.delayMs >= m_totalTimeoutMs) {
        d.outcome = Outcome::BeyondTotalTimeout;
        d.delayMs = 0;
        return d;
    }
    d.outcome = Outcome::Retry;
    return d;
}

} // namespace penpal
