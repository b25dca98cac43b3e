#pragma once

#include <QLoggingCategory>

namespace penpal {

// "penpal.net.anthropic" for the Anthropic provider: request start and end, status, byte counts
// and error codes. Never the API key, a header value or prompt/reply text.
Q_DECLARE_LOGGING_CATEGORY(lcAnthropic)

} // namespace penpal
