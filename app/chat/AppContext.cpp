#include "chat/AppContext.h"

#include "chat/ChatController.h"
#include "history/BackupManager.h"
#include "history/DatabaseFile.h"
#include "model/ConversationListModel.h"
#include "net/ProxyRouter.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "store/SearchBacklog.h"
#include "store/Store.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QThread>

#include <utility>

namespace penpal {

AppContext::Paths AppContext::defaultPaths(const QString &dataDirOverride)
{
    Paths p;
    if (!dataDirOverride.isEmpty()) {
        p.dataDir = QDir(dataDirOverride).absolutePath();
        p.settingsFile = QDir(p.dataDir).filePath(QStringLiteral("settings.ini"));
    } else {
        p.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        p.settingsFile = QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                             .filePath(QStringLiteral("settings.ini"));
    }
    return p;
}

AppContext::AppContext(const Paths &paths, QObject *parent)
    : QObject(parent)
    , m_paths(paths)
    , m_store(new Store(this))
    , m_settings(new Settings(paths.settingsFile, this))
    , m_secrets(new SecretStore(paths.keychainService, this))
    , m_nam(new QNetworkAccessManager(this))
    , m_chat(new ChatController(m_store, m_settings, m_secrets, m_nam, this))
{
    // Every profile's requests leave through its own proxy, chosen per request by the router.
    ProxyRouter::of(m_nam);
    m_backups = new BackupManager(databasePath(), m_settings, this);
}

AppContext::~AppContext()
{
    stopBacklog();
    // The controller writes streaming replies down before the store closes.
    delete m_chat;
    m_chat = nullptr;
    delete m_conversations;
    m_conversations = nullptr;
}

QString AppContext::databasePath() const
{
    return QDir(m_paths.dataDir).filePath(QStringLiteral("penpal.db"));
}

QString AppContext::saveProfile(const ProviderProfile &profile, const QString &key, bool keyEdited,
                                std::function<void(const QString &, const SecretResult &)> done)
{
    const QString id = m_settings->saveProfile(profile);
    if (!keyEdited) {
        done(id, SecretResult{});
        return id;
    }
    auto finished = [id, done](const SecretResult &r) {
        done(id, r);
    };
    if (key.isEmpty())
        m_secrets->deleteKey(id, finished);
    else
        m_secrets->writeKey(id, key, finished);
    return id;
}

void AppContext::saveProxyPassword(const ProviderProfile &profile, const QString &password,
                                   std::function<void(const SecretResult &)> done)
{
    const QString entry = profile.proxyKeychainEntry();
    ProxyRouter::of(m_nam)->setPassword(entry, password);
    if (password.isEmpty())
        m_secrets->deleteKey(entry, std::move(done));
    else
        m_secrets->writeKey(entry, password, std::move(done));
}

bool AppContext::open()
{
    if (!QDir().mkpath(m_paths.dataDir)) {
        m_lastError = tr("The data folder %1 could not be created.").arg(m_paths.dataDir);
        m_openOutcome = OpenOutcome::Failed;
        return false;
    }
    // A damaged file must not be migrated or written to: the user may still want it, and a
    // backup can replace it (recoverFromBackup()). The check is cheap, not integrity_check.
    const DatabaseFile::Probe probe = DatabaseFile::probe(databasePath());
    if (probe.health == DatabaseFile::Health::Corrupt) {
        m_openOutcome = OpenOutcome::Corrupt;
        m_lastError = tr("The database %1 is damaged (%2).").arg(databasePath(), probe.detail);
        return false;
    }
    if (!m_store->open(databasePath())) {
        m_lastError = m_store->lastError();
        m_openOutcome = DatabaseFile::looksCorrupt(m_lastError) ? OpenOutcome::Corrupt : OpenOutcome::Failed;
        return false;
    }
    m_openOutcome = OpenOutcome::Opened;
    // The trash keeps a conversation for 30 days; a failure here only delays the purge.
    m_store->purgeTrash(QDateTime::currentDateTimeUtc().addDays(-30));
    if (!m_conversations)
        m_conversations = new ConversationListModel(m_store, this);
    // An import's messages not yet indexed when the app last closed: indexed in the
    // background, batch by batch, while the app is used.
    if (!m_backlogThread && SearchBacklog::hasPending(databasePath())) {
        const QString path = databasePath();
        m_backlogThread = QThread::create([this, path] {
            QString error;
            if (!SearchBacklog::indexPending(path, &m_stopBacklog, &error))
                qWarning("search indexing of imported messages stopped: %s", qPrintable(error));
        });
        m_backlogThread->start(QThread::LowPriority);
    }
    return true;
}

void AppContext::stopBacklog()
{
    if (!m_backlogThread)
        return;
    m_stopBacklog = true; // stops between batches; the rest waits for the next start
    m_backlogThread->wait();
    delete m_backlogThread;
    m_backlogThread = nullptr;
    m_stopBacklog = false;
}

bool AppContext::isIndexingBacklog() const
{
    return m_backlogThread && m_backlogThread->isRunning();
}

} // namespace penpal
