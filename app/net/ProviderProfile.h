#pragma once

#include "core/SamplingParams.h"

#include <QString>
#include <QUrl>

namespace penpal {

// A configured endpoint. The API key is deliberately not here: it lives in the keychain,
// looked up by `id`.
struct ProviderProfile {
    QString id;                              // stable, used as keychain entry name
    QString name;                            // shown to the user
    QString kind = QStringLiteral("openai"); // provider implementation
    QUrl baseUrl;                            // e.g. https://api.openai.com/v1
    QString model;
    QString systemPrompt;
    SamplingParams params;
    int connectTimeoutMs = 15000;
    int idleTimeoutMs = 60000;

    bool isValid() const { return !id.isEmpty() && baseUrl.isValid() && !baseUrl.isEmpty(); }
};

} // namespace penpal
