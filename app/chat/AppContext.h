#pragma once

#include "net/ProviderProfile.h"
#include "secrets/SecretStore.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

class QNetworkAccessManager;
class QThread;

namespace penpal {

class BackupManager;
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
    // Why the last open() failed: Corrupt when the file is damaged or not a database at all
    // (it is then left untouched; see recoverFromBackup()).
    enum class OpenOutcome { NotOpened, Opened, Failed, Corrupt };
    Q_ENUM(OpenOutcome)
    OpenOutcome openOutcome() const { return m_openOutcome; }
    // Messages of an earlier import are still being indexed for search (see SearchBacklog).
    bool isIndexingBacklog() const;
    QString databasePath() const;

    Store *store() const { return m_store; }
    Settings *settings() const { return m_settings; }
    SecretStore *secrets() const { return m_secrets; }
    QNetworkAccessManager *network() const { return m_nam; }
    ChatController *chat() const { return m_chat; }
    ConversationListModel *conversations() const { return m_conversations; }
    BackupManager *backups() const { return m_backups; }

    // --- backups (AppContextBackups.cpp); false with lastError() set on failure
    // Replaces the open database with `backupPath` (checked with integrity_check first) after
    // taking a "before-restore" backup of the current state, reopens it, reloads the models
    // and emits databaseReplaced().
    bool restoreBackup(const QString &backupPath);
    // After open() found the database Corrupt: moves the damaged file aside (never deletes it),
    // puts the verified backup in its place and opens it.
    bool recoverFromBackup(const QString &backupPath);

    // Saves a profile and, when the key was edited, its key to the keychain (an empty key
    // deletes the entry). Returns the profile's id at once; `done` gets the keychain's answer.
    QString saveProfile(const ProviderProfile &profile, const QString &key, bool keyEdited,
                        std::function<void(const QString &id, const SecretResult &keyResult)> done);

    // Stores a saved profile's proxy password in the keychain (entry proxyKeychainEntry(); an
    // empty password deletes it) and in memory for its next requests. Never in the settings.
    void saveProxyPassword(const ProviderProfile &profile, const QString &password,
                           std::function<void(const SecretResult &)> done);

Q_SIGNALS:
    // The database was replaced by a backup and reopened; the conversation list was reset.
    // Views showing a conversation must open it again.
    void databaseReplaced();

private:
    bool replaceDatabase(const QString &incoming, const QString &setAsideAs);

    Paths m_paths;
    QString m_lastError;
    OpenOutcome m_openOutcome = OpenOutcome::NotOpened;
    // Waits for the background indexing to stop (before the database file is replaced).
    void stopBacklog();
    // Indexes for search what an import left unindexed when the app closed (SearchBacklog).
    QThread *m_backlogThread = nullptr;
    std::atomic<bool> m_stopBacklog{false};
    BackupManager *m_backups = nullptr;
    Store *m_store;
    Settings *m_settings;
    SecretStore *m_secrets;
    QNetworkAccessManager *m_nam;
    ChatController *m_chat;
    ConversationListModel *m_conversations = nullptr;
};

} // namespace penpal
