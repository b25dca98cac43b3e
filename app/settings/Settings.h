#pragma once

#include "net/ProviderProfile.h"

#include <QObject>
#include <QSettings>
#include <QVariant>
#include <QVector>

#include <memory>

namespace penpal {

// Typed application settings over an INI file. Every key and its default live in one table
// (Settings.cpp); `changed(key)` tells listeners. Tests use a temporary file.
// Never holds an API key: those are in the keychain (SecretStore).
class Settings : public QObject {
    Q_OBJECT
public:
    enum Key {
        WindowGeometry,
        WindowState,
        SplitterState,
        LastConversationId,
        ActiveProfileId,
        AutoTitle,        // bool: ask the model for a title after the first exchange
        BackupKeepCount,  // int: how many daily backups to keep
        LastExportDir,    // string: where the last export was saved
        LastExportFormat, // string: "markdown", "json", "html", "pdf", "text"
        LastImportDir,    // string: where the last import came from
        // Translate workspace (Settings → Translate; TranslateView):
        TranslatePromptTemplate, // string: the system prompt template; empty = the built-in one
        TranslateConcurrency,    // int 1–16: chunks translated at the same time
        TranslateModel,          // string: default model for translations; empty = the profile's
        TranslateTemperature,    // double: default temperature; < 0 = the provider's default
        TranslateRecentPairs,    // QStringList "source>target" codes, most recent first ("" = detect)
        // Draft workspace (DraftView):
        DraftLastDocumentId, // qint64: the document open when the app was last closed
        DraftPreviewMode,    // string: "split" (editor and preview), "editor", "preview"
        DraftSpellCheck,     // bool: underline misspelt words where a dictionary is installed
        // Appearance and desktop (Settings → Appearance, tray):
        Theme,              // string: "system", "light", "dark"
        FontScale,          // int: percent for the thread and editors (80–200)
        Density,            // string: "comfortable", "compact"
        CloseToTray,        // bool: closing the window keeps Penpal in the tray (when there is one)
        NotifyWhenInactive, // bool: a desktop notification when a reply finishes in the background
        // Personas and prompt library:
        PromptVariableValues, // string: JSON object, the last value given for each {{variable}}
        KeyCount
    };
    Q_ENUM(Key)

    explicit Settings(const QString &iniPath, QObject *parent = nullptr);
    ~Settings() override;

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void reset(Key key);
    static QString keyName(Key key);
    static QVariant defaultValue(Key key);
    QString fileName() const;
    void sync();

    // Provider profiles (without keys).
    QVector<ProviderProfile> profiles() const;
    ProviderProfile profile(const QString &id) const; // invalid when missing
    QString saveProfile(const ProviderProfile &p);    // adds or replaces by id; returns the id
    void removeProfile(const QString &id);
    ProviderProfile activeProfile() const; // falls back to the first profile

Q_SIGNALS:
    void changed(penpal::Settings::Key key);
    void profilesChanged();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace penpal
