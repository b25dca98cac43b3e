#pragma once

#include <QString>
#include <QUrl>
#include <QVector>

namespace penpal {

// Ready-made endpoints for the setup page and the settings dialog. A preset only fills in
// the kind of API, the base URL, whether a key is needed and a suggested model; everything
// else is the profile's. Ids are stable (the setup page preselects "ollama").
struct ProviderPreset {
    QString id;
    QString name;
    QString kind; // ProviderProfile::kind: openai | anthropic | azure | completions
    QUrl baseUrl;
    QString suggestedModel;
    bool needsKey = true;
};

// Hosted OpenAI first, then the local servers, the other hosted services, the other kinds of
// API, and "Custom" last.
QVector<ProviderPreset> providerPresets();
// The preset with that id; an empty id when there is none.
ProviderPreset providerPreset(const QString &id);

} // namespace penpal
