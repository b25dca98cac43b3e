#include "translate/RecentLanguagePairs.h"

#include "settings/Settings.h"

#include <QStringList>

namespace penpal {

namespace {

const QChar kSeparator = QLatin1Char('>');

// Language codes are case-insensitive in BCP 47 ("zh-Hans" and "zh-hans" are one language).
bool samePair(const RecentLanguagePairs::Pair &a, const RecentLanguagePairs::Pair &b)
{
    return a.first.compare(b.first, Qt::CaseInsensitive) == 0 &&
           a.second.compare(b.second, Qt::CaseInsensitive) == 0;
}

void appendUnique(QVector<RecentLanguagePairs::Pair> *pairs, const RecentLanguagePairs::Pair &p)
{
    if (pairs->size() >= RecentLanguagePairs::kMaxCount)
        return;
    for (const auto &existing : *pairs) {
        if (samePair(existing, p))
            return;
    }
    pairs->append(p);
}

// A code is letters, digits and hyphens (BCP 47); anything else means the entry is not ours.
bool isCode(const QString &code)
{
    for (const QChar c : code) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-'))
            return false;
    }
    return true;
}

} // namespace

QString RecentLanguagePairs::encode(const QString &source, const QString &target)
{
    return source.trimmed() + kSeparator + target.trimmed();
}

bool RecentLanguagePairs::decode(const QString &entry, Pair *pair)
{
    const QStringList parts = entry.split(kSeparator);
    if (parts.size() != 2)
        return false;
    const QString source = parts.at(0).trimmed();
    const QString target = parts.at(1).trimmed();
    if (target.isEmpty() || !isCode(source) || !isCode(target))
        return false;
    *pair = {source, target};
    return true;
}

QVector<RecentLanguagePairs::Pair> RecentLanguagePairs::list(const Settings *settings)
{
    QVector<Pair> pairs;
    const QStringList entries = settings->value(Settings::TranslateRecentPairs).toStringList();
    for (const QString &entry : entries) {
        Pair p;
        if (decode(entry, &p))
            appendUnique(&pairs, p);
    }
    return pairs;
}

void RecentLanguagePairs::remember(Settings *settings, const QString &source, const QString &target)
{
    Pair newest;
    if (!decode(encode(source, target), &newest))
        return;
    QVector<Pair> pairs{newest};
    for (const Pair &p : list(settings))
        appendUnique(&pairs, p);
    QStringList entries;
    for (const Pair &p : pairs)
        entries << encode(p.first, p.second);
    settings->setValue(Settings::TranslateRecentPairs, entries);
}

} // namespace penpal
