#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace penpal {

// One Penpal per user and data directory. A second launch hands its command line to the
// running one (a local socket only this user can open) and exits; the running one acts on
// it (argumentsReceived). Portable mode (--data-dir) with another directory is another
// instance, since it is another history.
//
// Wire format, one message per connection: a quint32 (big-endian) byte count, then the
// arguments as a UTF-8 JSON array; the running instance answers one byte, 'k', once it took
// them, so the second launch only exits when its request has really arrived.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    explicit SingleInstance(const QString &key, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The socket name for a user's data directory: stable, short enough for a socket path,
    // and free of the directory's characters.
    static QString keyFor(const QString &dataDir);

    // Gives `arguments` to a running instance. True when it took them: this launch is done.
    // False at once when none is running (or it does not answer within `timeoutMs`).
    bool handOver(const QStringList &arguments, int timeoutMs = 3000);
    // Becomes the running instance. A socket left behind by one that crashed is replaced; one
    // that answers is not (two launches at the same moment: the later one hands over).
    // False with errorString() when neither works.
    bool listen();
    bool isListening() const;
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void argumentsReceived(const QStringList &arguments);

private:
    void readFrom(QLocalSocket *socket);

    QString m_key;
    QLocalServer *m_server = nullptr;
    QString m_error;
};

} // namespace penpal
