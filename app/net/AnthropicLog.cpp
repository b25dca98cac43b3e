#include "net/AnthropicLog.h"

namespace penpal {

Q_LOGGING_CATEGORY(lcAnthropic, "penpal.net.anthropic", QtInfoMsg)

} // namespace penpal
