#include "net/OpenAiLog.h"

namespace penpal {

Q_LOGGING_CATEGORY(lcOpenAi, "penpal.net", QtInfoMsg)

} // namespace penpal
