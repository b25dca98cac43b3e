#pragma once

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace penpal {

// Sampling parameters. Unset values are not sent, so the server's defaults apply.
struct SamplingParams {
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    QStringList stop;
    // How many alternative completions to ask for (legacy Completions API; chat servers get
    // it too when set). Unset = one.
    std::optional<int> n;

    QJsonObject toJson() const;
    static SamplingParams fromJson(const QJsonObject &o);
    // Values set in `over` win over ours.
    SamplingParams overriddenBy(const SamplingParams &over) const;
    bool operator==(const SamplingParams &o) const;
};

} // namespace penpal
