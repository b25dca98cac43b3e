#include "chat/SingleInstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

#include <unistd.h>

namespace penpal {

namespace {

Q_LOGGING_CATEGORY(lcInstance, "penpal.app", QtInfoMsg)

// A command line is a few hundred bytes; anything far larger is not a Penpal talking.
constexpr quint32 kMaxMessage = 1024 * 1024;
constexpr char kAck = 'k';

} // namespace

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
    , m_key(key)
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::keyFor(const QString &dataDir)
{
    const QByteArray where = QDir(dataDir).absolutePath().toUtf8();
    const QByteArray hash = QCryptographicHash::hash(where, QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("penpal-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
}

bool SingleInstance::handOver(const QStringList &arguments, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_key);
    if (!socket.waitForConnected(timeoutMs))
        return false; // nobody listens (or a socket left behind by a crash)
    const QByteArray payload =
        QJsonDocument(QJsonArray::fromStringList(arguments)).toJson(QJsonDocument::Compact);
    QByteArray message;
    QDataStream out(&message, QIODevice::WriteOnly);
    out << quint32(payload.size());
    message.append(payload);
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    while (socket.bytesAvailable() < 1) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    }
    char ack = 0;
    return socket.getChar(&ack) && ack == kAck;
}

bool SingleInstance::listen()
{
    if (isListening())
        return true;
    // QLocalServer replaces a socket file of the same name without asking, so whether another
    // instance answers on it is checked first: if it does, it stays the instance (two launches
    // at the same moment: the later one hands over). A file left by a crash refuses at once.
    {
        QLocalSocket probe;
        probe.connectToServer(m_key);
        if (probe.waitForConnected(500)) {
            m_error = tr("Another Penpal is already running with this data directory.");
            return false;
        }
    }
    m_server = new QLocalServer(this);
    // Only this user may hand a command line to their Penpal.
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
            readFrom(socket);
        }
    });
    if (m_server->listen(m_key))
        return true;
    if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
        QLocalServer::removeServer(m_key);
        if (m_server->listen(m_key))
            return true;
    }
    m_error = m_server->errorString();
    qCWarning(lcInstance) << "cannot listen for other launches:" << m_error;
    delete m_server;
    m_server = nullptr;
    return false;
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

void SingleInstance::readFrom(QLocalSocket *socket)
{
    if (socket->bytesAvailable() < qint64(sizeof(quint32)))
        return;
    QByteArray header = socket->peek(sizeof(quint32));
    QDataStream in(header);
    quint32 size = 0;
    in >> size;
    if (size > kMaxMessage) {
        socket->abort();
        return;
    }
    if (socket->bytesAvailable() < qint64(sizeof(quint32) + size))
        return; // the rest is on its way
    socket->read(sizeof(quint32));
    const QJsonDocument doc = QJsonDocument::fromJson(socket->read(size));
    if (!doc.isArray()) {
        socket->abort();
        return;
    }
    QStringList arguments;
    for (const QJsonValue &v : doc.array())
        arguments << v.toString();
    socket->putChar(kAck);
    socket->flush();
    // Not the arguments themselves: a command line may carry a prompt.
    qCInfo(lcInstance) << "a second launch handed over its command line," << arguments.size() << "arguments";
    Q_EMIT argumentsReceived(arguments);
}

} // namespace penpal
