#pragma once

#include <QChar>
#include <QHash>
#include <QString>

namespace penpal {

// Makes the text deltas of a stream join to valid UTF-16. JSON escapes can carry half a
// surrogate pair ("\ud83d" in one delta, "\ude00" in the next): a delta's trailing high
// surrogate waits for the next delta of the same stream (`key`: choice and kind); halves that
// find no partner become U+FFFD. A lone half would otherwise be stored, shown and sent back in
// later requests, which some servers reject.
class Utf16DeltaJoiner {
public:
    // The text to emit for this delta (may be empty when it was only a held half).
    QString join(qint64 key, QString text);
    static void replaceLoneSurrogates(QString &text);

private:
    QHash<qint64, QChar> m_held;
};

} // namespace penpal
