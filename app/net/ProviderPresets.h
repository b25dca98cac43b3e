#pragma once

#include <QString>
#include <QUrl>
#include <QVector>

namespace penpal {

// Ready-made endpoints for the setup page and the settings dialog. A preset only fills in
// the base URL, whether a key is needed and a suggested model.
struct ProviderPreset {
    QString id;
    QString name;
    QString kind;
    QUrl baseUrl;
    QString suggestedModel;
    bool needsKey = true;
};

QVector<ProviderPreset> providerPresets();

} // namespace penpal
