#pragma once

#include <QLoggingCategory>

namespace penpal {

// "penpal.store": opening, migrations, backups and failed statements. Never message text.
Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace penpal
