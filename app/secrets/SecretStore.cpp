#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>

#include <qt6keychain/keychain.h>

// Debug level only, and only profile ids: a key value must never reach a log.
Q_LOGGING_CATEGORY(lcSecrets, "penpal.secrets", QtInfoMsg)

namespace penpal {

namespace {

const char *opName(int op)
{
    static const char *const names[] = {"read", "write", "delete"};
    return names[op];
}

// What went wrong, as a sentence for the user. qtkeychain's own error text is technical
// ("Could not connect: No such file or directory"), so it only goes in parentheses.
QString problemSentence(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QCoreApplication::translate("SecretStore",
                                           "Access to the system keychain was denied (it may be locked).");
    case QKeychain::CouldNotDeleteEntry:
        return QCoreApplication::translate("SecretStore", "The system keychain refused to remove the entry.");
    case QKeychain::NotImplemented:
        return QCoreApplication::translate("SecretStore",
                                           "The system keychain is not supported on this platform.");
    default:
        // NoBackendAvailable, and OtherError, which is what libsecret reports when there is no
        // D-Bus session or nothing provides org.freedesktop.secrets.
        return QCoreApplication::translate(
            "SecretStore", "The system keychain is not available (no Secret Service is running).");
    }
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

// Queued requests are simply dropped with m_queue. The job in flight is not ours to delete:
// its backend (libsecret) holds a raw pointer to it until it answers, so deleting it would
// crash later. It has no parent and deletes itself when done (autoDelete); its `finished`
// connection uses this object as context, so Qt cuts it here and the callback is dropped.
SecretStore::~SecretStore() = default;

void SecretStore::readKey(const QString &profileId, Callback done)
{
    const auto session = m_sessionKeys.constFind(profileId);
    if (session != m_sessionKeys.cend()) {
        qCDebug(lcSecrets) << "read answered by session key for profile" << profileId;
        SecretResult result;
        result.value = session.value();
        // Through the event loop, so callers see the same asynchrony as with the keychain;
        // `this` as context drops the answer if the store goes away first.
        QMetaObject::invokeMethod(
            this, [done = std::move(done), result]() { done(result); }, Qt::QueuedConnection);
        return;
    }
    enqueue({Pending::Read, profileId, QString(), std::move(done)});
}

void SecretStore::writeKey(const QString &profileId, const QString &key, Callback done)
{
    // The user chose a key to keep: a stale session key must not shadow it.
    m_sessionKeys.remove(profileId);
    enqueue({Pending::Write, profileId, key, std::move(done)});
}

void SecretStore::deleteKey(const QString &profileId, Callback done)
{
    m_sessionKeys.remove(profileId);
    enqueue({Pending::Delete, profileId, QString(), std::move(done)});
}

void SecretStore::setSessionKey(const QString &profileId, const QString &key)
{
    qCDebug(lcSecrets) << "session key" << (key.isEmpty() ? "cleared" : "set") << "for profile" << profileId;
    if (key.isEmpty())
        m_sessionKeys.remove(profileId);
    else
        m_sessionKeys.insert(profileId, key);
}

bool SecretStore::hasSessionKey(const QString &profileId) const
{
    return m_sessionKeys.contains(profileId);
}

void SecretStore::enqueue(Pending p)
{
    qCDebug(lcSecrets) << "queue" << opName(p.op) << "for profile" << p.profileId;
    m_queue.enqueue(std::move(p));
    // Safe to start right away: Job::start() only schedules the work, so the callback still
    // comes from the event loop, never from inside readKey/writeKey/deleteKey.
    startNext();
}

// One job at a time, in request order: the Secret Service backends misbehave with
// concurrent jobs, and a read queued after a write must see that write.
void SecretStore::startNext()
{
    if (m_busy || m_queue.isEmpty())
        return;
    m_busy = true;
    const Pending p = m_queue.dequeue();

    // No parent on purpose, see ~SecretStore().
    QKeychain::Job *job = nullptr;
    switch (p.op) {
    case Pending::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Pending::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(p.value);
        job = write;
        break;
    }
    case Pending::Delete:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setKey(p.profileId);
    job->setAutoDelete(true);
    // Never the plain-text QSettings fallback: a key that cannot be kept safely is not kept.
    job->setInsecureFallback(false);

    connect(
        job, &QKeychain::Job::finished, this,
        [this, p](QKeychain::Job *finished) {
            SecretResult result;
            const QKeychain::Error error = finished->error();
            if (error == QKeychain::NoError) {
                result.status = SecretResult::Ok;
                if (p.op == Pending::Read)
                    result.value = qobject_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
            } else if (error == QKeychain::EntryNotFound) {
                // A missing entry is an answer, not a failure; deleting it is simply done.
                result.status = p.op == Pending::Delete ? SecretResult::Ok : SecretResult::NotFound;
            } else {
                result.status = SecretResult::Error;
                QString consequence;
                switch (p.op) {
                case Pending::Read:
                    consequence =
                        QCoreApplication::translate("SecretStore", "Your API key could not be read.");
                    break;
                case Pending::Write:
                    consequence = QCoreApplication::translate("SecretStore", "Your API key was not saved.");
                    break;
                case Pending::Delete:
                    consequence =
                        QCoreApplication::translate("SecretStore", "Your API key could not be removed.");
                    break;
                }
                result.error = problemSentence(error) + QLatin1Char(' ') + consequence;
                if (!finished->errorString().isEmpty())
                    result.error += QStringLiteral(" (%1)").arg(finished->errorString());
            }
            finishCurrent(p, result);
        },
        // Exactly once per request, whatever the backend does.
        Qt::SingleShotConnection);
    qCDebug(lcSecrets) << "start" << opName(p.op) << "for profile" << p.profileId;
    job->start();
}

void SecretStore::finishCurrent(const Pending &p, const SecretResult &result)
{
    qCDebug(lcSecrets) << "finished" << opName(p.op) << "for profile" << p.profileId << "status"
                       << result.status;
    m_busy = false;
    // Listeners and the callback may delete this store; stop touching it if they do.
    QPointer<SecretStore> guard(this);
    if (result.status == SecretResult::Error) {
        qCDebug(lcSecrets) << "keychain" << opName(p.op) << "failed for profile" << p.profileId;
        Q_EMIT keychainError(result.error);
        if (!guard)
            return;
    }
    if (p.done)
        p.done(result);
    if (guard)
        startNext();
}

} // namespace penpal
