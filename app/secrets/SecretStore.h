#pragma once

#include <QHash>
#include <QObject>
#include <QQueue>
#include <QString>

#include <functional>

namespace penpal {

struct SecretResult {
    enum Status { Ok, NotFound, Error };
    Status status = Ok;
    QString value; // the secret, for Ok reads
    QString error; // human sentence for Error (e.g. no Secret Service running)
};

// API keys in the OS keychain (Secret Service on Linux) through qtkeychain, one entry per
// provider profile. Keychain jobs run one at a time in the order requested, because the
// backends misbehave with concurrent jobs. "Not found" is a normal answer, not an error.
// There is no plain-text fallback; a key can instead be kept for this session only (in
// memory), which the UI offers when the keychain fails.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretResult &)>;

    explicit SecretStore(const QString &service = QStringLiteral("penpal"), QObject *parent = nullptr);
    ~SecretStore() override;

    // Each callback is called exactly once, always later from the event loop (never inside
    // these calls), in the order the requests were made. Callbacks still pending when the
    // store is destroyed are dropped. Writing or deleting a key drops its session-only key.
    void readKey(const QString &profileId, Callback done);
    void writeKey(const QString &profileId, const QString &key, Callback done);
    void deleteKey(const QString &profileId, Callback done);

    // Session-only keys: never written anywhere, gone when the app quits. Reads see them first
    // and are answered without waiting for the keychain queue. An empty key removes it.
    void setSessionKey(const QString &profileId, const QString &key);
    bool hasSessionKey(const QString &profileId) const;

    int pendingJobs() const { return m_queue.size() + (m_busy ? 1 : 0); }

Q_SIGNALS:
    // A real keychain failure happened (not "not found"): for the UI to show.
    void keychainError(const QString &message);

private:
    struct Pending {
        enum Op { Read, Write, Delete } op;
        QString profileId;
        QString value;
        Callback done;
    };
    void enqueue(Pending p);
    void startNext();
    void finishCurrent(const Pending &p, const SecretResult &result);

    QString m_service;
    QQueue<Pending> m_queue;
    bool m_busy = false;
    QHash<QString, QString> m_sessionKeys;
};

} // namespace penpal
