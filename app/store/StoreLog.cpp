#include "store/StoreLog.h"

namespace penpal {

Q_LOGGING_CATEGORY(lcStore, "penpal.store")

} // namespace penpal
