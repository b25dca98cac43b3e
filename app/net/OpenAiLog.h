#pragma once

#include <QLoggingCategory>

namespace penpal {

// "penpal.net" for the OpenAI-compatible provider: request start and end, status, byte counts
// and error codes. Never the API key, a header value or prompt/reply text.
Q_DECLARE_LOGGING_CATEGORY(lcOpenAi)

} // namespace penpal
