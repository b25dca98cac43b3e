#include "settings/Settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>

namespace penpal {

namespace {
struct KeyInfo {
    Settings::Key key;
    const char *name;
    QVariant defaultValue;
};

// The one table of keys and defaults.
const KeyInfo &info(Settings::Key key)
{
    static const KeyInfo table[] = {
        {Settings::WindowGeometry, "ui/windowGeometry", QByteArray()},
        {Settings::WindowState, "ui/windowState", QByteArray()},
        {Settings::SplitterState, "ui/splitterState", QByteArray()},
        {Settings::LastConversationId, "ui/lastConversationId", qint64(0)},
        {Settings::ActiveProfileId, "providers/activeProfile", QString()},
        {Settings::AutoTitle, "history/autoTitle", true},
        {Settings::BackupKeepCount, "history/backupKeepCount", 7},
        {Settings::LastExportDir, "history/lastExportDir", QString()},
        {Settings::LastExportFormat, "history/lastExportFormat", QStringLiteral("markdown")},
        {Settings::LastImportDir, "history/lastImportDir", QString()},
        {Settings::TranslatePromptTemplate, "translate/promptTemplate", QString()},
        {Settings::TranslateConcurrency, "translate/concurrency", 3},
        {Settings::TranslateModel, "translate/model", QString()},
        {Settings::TranslateTemperature, "translate/temperature", -1.0},
        {Settings::TranslateRecentPairs, "translate/recentPairs", QStringList()},
        {Settings::DraftLastDocumentId, "draft/lastDocumentId", qint64(0)},
        {Settings::DraftPreviewMode, "draft/previewMode", QStringLiteral("split")},
        {Settings::DraftSpellCheck, "draft/spellCheck", true},
        {Settings::Theme, "appearance/theme", QStringLiteral("system")},
        {Settings::FontScale, "appearance/fontScale", 100},
        {Settings::Density, "appearance/density", QStringLiteral("comfortable")},
        {Settings::CloseToTray, "desktop/closeToTray", false},
        {Settings::NotifyWhenInactive, "desktop/notifyWhenInactive", true},
        {Settings::PromptVariableValues, "prompts/variableValues", QString()},
    };
    static_assert(sizeof(table) / sizeof(table[0]) == Settings::KeyCount, "every key needs a row");
    return table[key];
}

const QString kProfilesGroup = QStringLiteral("profiles");

QString proxyModeToString(ProviderProfile::ProxyMode m)
{
    switch (m) {
    case ProviderProfile::ProxyMode::System:
        break;
    case ProviderProfile::ProxyMode::None:
        return QStringLiteral("none");
    case ProviderProfile::ProxyMode::Http:
        return QStringLiteral("http");
    case ProviderProfile::ProxyMode::Socks5:
        return QStringLiteral("socks5");
    }
    return QStringLiteral("system");
}

ProviderProfile::ProxyMode proxyModeFromString(const QString &s)
{
    if (s == QLatin1String("none"))
        return ProviderProfile::ProxyMode::None;
    if (s == QLatin1String("http"))
        return ProviderProfile::ProxyMode::Http;
    if (s == QLatin1String("socks5"))
        return ProviderProfile::ProxyMode::Socks5;
    return ProviderProfile::ProxyMode::System;
}
} // namespace

Settings::Settings(const QString &iniPath, QObject *parent)
    : QObject(parent)
    , m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{
}

Settings::~Settings() = default;

QString Settings::keyName(Key key)
{
    return QString::fromLatin1(info(key).name);
}
QVariant Settings::defaultValue(Key key)
{
    return info(key).defaultValue;
}
QString Settings::fileName() const
{
    return m_settings->fileName();
}
void Settings::sync()
{
    m_settings->sync();
}

QVariant Settings::value(Key key) const
{
    const auto &i = info(key);
    QVariant v = m_settings->value(QString::fromLatin1(i.name), i.defaultValue);
    if (i.defaultValue.isValid() && v.metaType() != i.defaultValue.metaType())
        v.convert(i.defaultValue.metaType());
    return v;
}

void Settings::setValue(Key key, const QVariant &value)
{
    // Store the key's own type, so that "5" and 5 are the same value and no false change is
    // reported for them.
    QVariant v = value;
    const QVariant def = defaultValue(key);
    if (def.isValid() && v.isValid() && v.metaType() != def.metaType() && v.canConvert(def.metaType()))
        v.convert(def.metaType());
    if (v == this->value(key))
        return;
    m_settings->setValue(keyName(key), v);
    Q_EMIT changed(key);
}

void Settings::reset(Key key)
{
    // Only a real change is news: resetting a key that already has its default says nothing.
    const QVariant before = value(key);
    m_settings->remove(keyName(key));
    if (value(key) != before)
        Q_EMIT changed(key);
}

QVector<ProviderProfile> Settings::profiles() const
{
    QVector<ProviderProfile> out;
    m_settings->beginGroup(kProfilesGroup);
    const QStringList ids = m_settings->childGroups();
    m_settings->endGroup();
    for (const QString &id : ids)
        out << profile(id);
    // Case-folded first: in the "C" locale localeAwareCompare is a plain code-point compare and
    // would put "Zeta" before "alpha". The id breaks ties so equal names keep a stable order.
    std::sort(out.begin(), out.end(), [](const ProviderProfile &a, const ProviderProfile &b) {
        int c = a.name.toCaseFolded().localeAwareCompare(b.name.toCaseFolded());
        if (c == 0)
            c = a.name.compare(b.name);
        return c != 0 ? c < 0 : a.id < b.id;
    });
    return out;
}

ProviderProfile Settings::profile(const QString &id) const
{
    ProviderProfile p;
    if (id.isEmpty())
        return p;
    m_settings->beginGroup(kProfilesGroup + QLatin1Char('/') + id);
    if (m_settings->contains(QStringLiteral("baseUrl"))) {
        p.id = id;
        p.name = m_settings->value(QStringLiteral("name")).toString();
        p.kind = m_settings->value(QStringLiteral("kind"), QStringLiteral("openai")).toString();
        p.baseUrl = QUrl(m_settings->value(QStringLiteral("baseUrl")).toString());
        p.model = m_settings->value(QStringLiteral("model")).toString();
        p.systemPrompt = m_settings->value(QStringLiteral("systemPrompt")).toString();
        p.params = SamplingParams::fromJson(
            QJsonDocument::fromJson(m_settings->value(QStringLiteral("params")).toByteArray()).object());
        p.connectTimeoutMs = m_settings->value(QStringLiteral("connectTimeoutMs"), 15000).toInt();
        p.idleTimeoutMs = m_settings->value(QStringLiteral("idleTimeoutMs"), 60000).toInt();
        p.totalTimeoutMs = m_settings->value(QStringLiteral("totalTimeoutMs"), 0).toInt();
        p.retryAttempts = m_settings->value(QStringLiteral("retryAttempts"), 3).toInt();
        p.retryCeilingMs = m_settings->value(QStringLiteral("retryCeilingMs"), 30000).toInt();
        p.apiVersion = m_settings->value(QStringLiteral("apiVersion")).toString();
        p.deployment = m_settings->value(QStringLiteral("deployment")).toString();
        p.proxyMode = proxyModeFromString(m_settings->value(QStringLiteral("proxyMode")).toString());
        p.proxyHost = m_settings->value(QStringLiteral("proxyHost")).toString();
        p.proxyPort = m_settings->value(QStringLiteral("proxyPort"), 0).toInt();
        p.proxyUser = m_settings->value(QStringLiteral("proxyUser")).toString();
        p.trustedCertSha256 = m_settings->value(QStringLiteral("trustedCertSha256")).toString();
    }
    m_settings->endGroup();
    return p;
}

QString Settings::saveProfile(const ProviderProfile &in)
{
    ProviderProfile p = in;
    if (p.id.isEmpty())
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_settings->beginGroup(kProfilesGroup + QLatin1Char('/') + p.id);
    m_settings->setValue(QStringLiteral("name"), p.name);
    m_settings->setValue(QStringLiteral("kind"), p.kind);
    m_settings->setValue(QStringLiteral("baseUrl"), p.baseUrl.toString());
    m_settings->setValue(QStringLiteral("model"), p.model);
    m_settings->setValue(QStringLiteral("systemPrompt"), p.systemPrompt);
    m_settings->setValue(QStringLiteral("params"),
                         QJsonDocument(p.params.toJson()).toJson(QJsonDocument::Compact));
    m_settings->setValue(QStringLiteral("connectTimeoutMs"), p.connectTimeoutMs);
    m_settings->setValue(QStringLiteral("idleTimeoutMs"), p.idleTimeoutMs);
    m_settings->setValue(QStringLiteral("totalTimeoutMs"), p.totalTimeoutMs);
    m_settings->setValue(QStringLiteral("retryAttempts"), p.retryAttempts);
    m_settings->setValue(QStringLiteral("retryCeilingMs"), p.retryCeilingMs);
    m_settings->setValue(QStringLiteral("apiVersion"), p.apiVersion);
    m_settings->setValue(QStringLiteral("deployment"), p.deployment);
    m_settings->setValue(QStringLiteral("proxyMode"), proxyModeToString(p.proxyMode));
    m_settings->setValue(QStringLiteral("proxyHost"), p.proxyHost);
    m_settings->setValue(QStringLiteral("proxyPort"), p.proxyPort);
    m_settings->setValue(QStringLiteral("proxyUser"), p.proxyUser);
    m_settings->setValue(QStringLiteral("trustedCertSha256"), p.trustedCertSha256);
    m_settings->endGroup();
    Q_EMIT profilesChanged();
    return p.id;
}

void Settings::removeProfile(const QString &id)
{
    if (id.isEmpty())
        return;
    m_settings->beginGroup(kProfilesGroup);
    const bool existed = m_settings->childGroups().contains(id);
    m_settings->remove(id);
    m_settings->endGroup();
    if (existed)
        Q_EMIT profilesChanged();
}

ProviderProfile Settings::activeProfile() const
{
    ProviderProfile p = profile(value(ActiveProfileId).toString());
    if (p.isValid())
        return p;
    const auto all = profiles();
    return all.isEmpty() ? ProviderProfile() : all.first();
}

} // namespace penpal
