#include "core/SamplingParams.h"

#include <QJsonArray>

namespace penpal {

QJsonObject SamplingParams::toJson() const
{
    QJsonObject o;
    if (temperature)
        o.insert(QStringLiteral("temperature"), *temperature);
    if (topP)
        o.insert(QStringLiteral("top_p"), *topP);
    if (maxTokens)
        o.insert(QStringLiteral("max_tokens"), *maxTokens);
    if (!stop.isEmpty())
        o.insert(QStringLiteral("stop"), QJsonArray::fromStringList(stop));
    if (n)
        o.insert(QStringLiteral("n"), *n);
    return o;
}

SamplingParams SamplingParams::fromJson(const QJsonObject &o)
{
    SamplingParams p;
    if (o.contains(QStringLiteral("temperature")))
        p.temperature = o.value(QStringLiteral("temperature")).toDouble();
    if (o.contains(QStringLiteral("top_p")))
        p.topP = o.value(QStringLiteral("top_p")).toDouble();
    if (o.contains(QStringLiteral("max_tokens")))
        p.maxTokens = o.value(QStringLiteral("max_tokens")).toInt();
    for (const auto &v : o.value(QStringLiteral("stop")).toArray())
        p.stop << v.toString();
    if (o.contains(QStringLiteral("n")))
        p.n = o.value(QStringLiteral("n")).toInt();
    return p;
}

SamplingParams SamplingParams::overriddenBy(const SamplingParams &over) const
{
    SamplingParams r = *this;
    if (over.temperature)
        r.temperature = over.temperature;
    if (over.topP)
        r.topP = over.topP;
    if (over.maxTokens)
        r.maxTokens = over.maxTokens;
    if (!over.stop.isEmpty())
        r.stop = over.stop;
    if (over.n)
        r.n = over.n;
    return r;
}

bool SamplingParams::operator==(const SamplingParams &o) const
{
    return temperature == o.temperature && topP == o.topP && maxTokens == o.maxTokens && stop == o.stop &&
           n == o.n;
}

} // namespace penpal
