#include "chat/ContextTrimmer.h"

#include "chat/TokenEstimate.h"

namespace penpal {

int ContextTrimmer::trim(QVector<ChatTurn> &turns, int keep, int maxMessages, int maxTokens)
{
    const int n = int(turns.size());
    const int droppable = n - qBound(0, keep, n);
    if (droppable == 0 || (maxMessages <= 0 && maxTokens <= 0))
        return 0;

    QVector<qint64> tokens(n);
    qint64 total = 0;
    for (int i = 0; i < n; ++i) {
        tokens[i] = maxTokens > 0 ? TokenEstimate::of(turns.at(i).content) : 0;
        total += tokens.at(i);
    }
    int drop = 0;
    auto overLimit = [&] {
        return (maxMessages > 0 && n - drop > maxMessages) || (maxTokens > 0 && total > maxTokens);
    };
    while (drop < droppable && overLimit())
        total -= tokens.at(drop++);
    if (drop == 0)
        return 0;
    while (drop < droppable && turns.at(drop).role == Role::Assistant)
        ++drop;
    turns.remove(0, drop);
    return drop;
}

} // namespace penpal
