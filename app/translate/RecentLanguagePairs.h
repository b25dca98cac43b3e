#pragma once

#include <QPair>
#include <QString>
#include <QVector>

namespace penpal {

class Settings;

// The language pairs last translated, for the Translate workspace's quick choices. Kept in
// Settings::TranslateRecentPairs as "source>target" BCP 47 codes, most recent first; an empty
// source means "detect". Entries the file holds in another shape (edited by hand, written by
// another version) are skipped, never fatal.
class RecentLanguagePairs {
public:
    using Pair = QPair<QString, QString>; // (source, target)

    static constexpr int kMaxCount = 6;

    // Most recent first, without duplicates or malformed entries, at most kMaxCount.
    static QVector<Pair> list(const Settings *settings);
    // Puts the pair first (moving it up if it was there already) and keeps kMaxCount. An
    // empty target is not a pair and is ignored.
    static void remember(Settings *settings, const QString &source, const QString &target);

    // The stored form of one entry, and back (false for a malformed entry).
    static QString encode(const QString &source, const QString &target);
    static bool decode(const QString &entry, Pair *pair);
};

} // namespace penpal
