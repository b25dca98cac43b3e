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
    QString kind = QStringLiteral("openai"); // openai | anthropic | azure | completions
    QUrl baseUrl;                            // e.g. https://api.openai.com/v1
    QString model;
    QString systemPrompt;
    SamplingParams params;
    int connectTimeoutMs = 15000;
    int idleTimeoutMs = 60000;
    int totalTimeoutMs = 0; // whole reply, first byte to last; 0 = no cap

    // Retries of failures before the first byte of a reply (refused, reset, DNS, 429, 5xx).
    int retryAttempts = 3;      // extra attempts after the first; 0 = never retry
    int retryCeilingMs = 30000; // longest wait between two attempts

    // "anthropic": the anthropic-version header (empty = 2023-06-01).
    // "azure": the api-version query parameter (empty = a current GA version).
    QString apiVersion;
    QString deployment; // "azure": the deployment name in the URL

    // Proxy for this profile's requests. The password lives in the keychain under
    // proxyKeychainEntry(), never in the settings file.
    enum class ProxyMode { System, None, Http, Socks5 };
    ProxyMode proxyMode = ProxyMode::System;
    QString proxyHost;
    int proxyPort = 0;
    QString proxyUser;

    // SHA-256 fingerprint (hex, lower case) of a server certificate the user accepted
    // explicitly for this profile although it failed verification (self-signed servers).
    // Empty = TLS errors always fail.
    QString trustedCertSha256;

    QString proxyKeychainEntry() const { return QStringLiteral("proxy:") + id; }

    bool isValid() const { return !id.isEmpty() && baseUrl.isValid() && !baseUrl.isEmpty(); }
};

} // namespace penpal
