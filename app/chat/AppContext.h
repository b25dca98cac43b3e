#pragma once

#include "net/ProviderProfile.h"
#include "secrets/SecretStore.h"

#include <QObject>
#include <QString>

#include <functional>

class QNetworkAccessManager;

namespace penpal {

class ChatController;
class ConversationListModel;
class Settings;
class Store;

// Everything the app is made of, wired once: the store, settings, keychain, the single
// QNetworkAccessManager and the chat controller. main() makes one; tests make their own
// over a temporary directory.
class AppContext : public QObject {
    Q_OBJECT
public:
    struct Paths {
        QString dataDir;      // database lives here
        QString settingsFile; // INI file
        QString keychainService = QStringLiteral("penpal");
    };
    // Where a normal install keeps things; with `dataDir` set (--data-dir), everything goes
    // there (portable mode).
    static Paths defaultPaths(const QString &dataDirOverride = {});

    explicit AppContext(const Paths &paths, QObject *parent = nullptr);
    ~AppContext() override;

    bool open(); // opens the database; false with lastError() set
    QString lastError() const { return m_lastError; }
    QString databasePath() const;

    Store *store() const { return m_store; }
    Settings *settings() const { return m_settings; }
    SecretStore *secrets() const { return m_secrets; }
    QNetworkAccessManager *network() const { return m_nam; }
    ChatController *chat() const { return m_chat; }
    ConversationListModel *conversations() const { return m_conversations; }

    // Saves a profile and, when the key was edited, its key to the keychain (an empty key
    // deletes the entry). Returns the profile's id at once; `done` gets the keychain's answer.
    QString saveProfile(const ProviderProfile &profile, const QString &key, bool keyEdited,
                        std::function<void(const QString &id, const SecretResult &keyResult)> done);

    // Stores a saved profile's proxy password in the keychain (entry proxyKeychainEntry(); an
    // empty password deletes it) and in memory for its next requests. Never in the settings.
    void saveProxyPassword(const ProviderProfile &profile, const QString &password,
                           std::function<void(const SecretResult &)> done);

private:
    Paths m_paths;
    QString m_lastError;
    Store *m_store;
    Settings *m_settings;
    SecretStore *m_secrets;
    QNetworkAccessManager *m_nam;
    ChatController *m_chat;
    ConversationListModel *m_conversations = nullptr;
};

} // namespace penpal
