#pragma once

#include "net/JobError.h"

#include <functional>
#include <utility>

namespace penpal {

struct ProviderProfile;

// When a failed chat request is sent again, and after how long. Pure: no clock, no timers;
// the random source for the jitter is injectable so that tests can fix it.
//
// Only failures before the first byte of a reply are retried: refused/reset connections, DNS
// failures, connect timeouts, 429 and the overload statuses 500/502/503/504/529 (also when a
// proxy answers them with an HTML page). Never other 4xx, TLS, a cancel, an idle or total
// timeout, or anything after the reply began - the caller checks the last one.
//
// Delays: initialDelayMs * 2^(retry-1) (1 s, 2 s, 4 s, ...), moved by up to +-JitterFraction
// so that many clients hit by the same outage do not come back in lockstep, then capped at
// the ceiling. A server's Retry-After wins over the backoff, without jitter. If the server
// asks for a longer wait than the ceiling allows, the request is not retried at all: the
// failure goes through at once and its sentence names when to try again ("try again in N
// seconds"), instead of Penpal hammering the server early or sitting silently for minutes.
class RetryPolicy {
public:
    // A number in [0, 1).
    using RandomSource = std::function<double()>;

    enum class Outcome {
        Retry,
        NotRetryable,       // the kind of failure is never retried
        AttemptsExhausted,  // maxRetries() retries have been made
        RetryAfterTooLong,  // Retry-After beyond the ceiling
        BeyondTotalTimeout, // the wait would end after the total cap ran out
    };
    struct Decision {
        Outcome outcome = Outcome::NotRetryable;
        int delayMs = 0; // when outcome == Retry
        bool retry() const { return outcome == Outcome::Retry; }
    };

    static constexpr int DefaultInitialDelayMs = 1000;
    static constexpr double JitterFraction = 0.2;

    RetryPolicy() = default;
    RetryPolicy(int maxRetries, int ceilingMs, int initialDelayMs = DefaultInitialDelayMs);
    // retryAttempts, retryCeilingMs and totalTimeoutMs of the profile.
    static RetryPolicy fromProfile(const ProviderProfile &profile);

    // Defaults to a uniform generator (QRandomGenerator::global()).
    void setRandomSource(RandomSource source) { m_random = std::move(source); }
    // The whole reply's cap (0 = none): no retry is scheduled whose wait would end after it,
    // counted from the first request.
    void setTotalTimeoutMs(int ms) { m_totalTimeoutMs = ms; }

    int maxRetries() const { return m_maxRetries; }
    int maxAttempts() const { return m_maxRetries + 1; }
    int ceilingMs() const { return m_ceilingMs; }
    int totalTimeoutMs() const { return m_totalTimeoutMs; }

    // The kind of failure alone, before anything of the reply arrived.
    static bool isRetryable(const JobError &error);
    static bool isRetryableStatus(int httpStatus);

    // The backoff before retry number `retry` (1 = the second attempt), jittered and capped.
    int backoffMs(int retry) const;

    // `attemptsMade` requests have been sent (>= 1), the last failed with `error`;
    // `elapsedMs` have passed since the first was sent.
    Decision decide(const JobError &error, int attemptsMade, qint64 elapsedMs = 0) const;

private:
    double random() const;

    int m_maxRetries = 3;
    int m_ceilingMs = 30000;
    int m_initialDelayMs = DefaultInitialDelayMs;
    int m_totalTimeoutMs = 0;
    RandomSource m_random;
};

} // namespace penpal
