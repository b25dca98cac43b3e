// Store: announcing conversations that an import wrote through its own connection.
#include "store/Store.h"

namespace penpal {

void Store::announceImported(const QVector<qint64> &conversationIds)
{
    for (const qint64 id : conversationIds)
        Q_EMIT conversationAdded(id);
}

} // namespace penpal
