#include "support/TestProxyRelay.h"

#include <QPointer>
#include <QTcpSocket>

namespace penpal::test {

namespace {

// After one side closed: let the other write out what it has, then close it too.
void closeAfterFlush(QTcpSocket *socket)
{
    if (socket->state() == QAbstractSocket::UnconnectedState)
        return;
    socket->disconnectFromHost();
}

} // namespace

void TestProxyRelay::pipe(QTcpSocket *client, QTcpSocket *upstream, const QByteArray &pending)
{
    QPointer<QTcpSocket> a(client);
    QPointer<QTcpSocket> b(upstream);
    auto forward = [](QTcpSocket *from, QTcpSocket *to) {
        const QByteArray bytes = from->readAll();
        if (!bytes.isEmpty() && to->state() == QAbstractSocket::ConnectedState)
            to->write(bytes);
    };
    QObject::connect(client, &QTcpSocket::readyRead, upstream, [a, b, forward] {
        if (a && b)
            forward(a, b);
    });
    QObject::connect(upstream, &QTcpSocket::readyRead, client, [a, b, forward] {
        if (a && b)
            forward(b, a);
    });
    auto onClosed = [a, b](QTcpSocket *closed, QTcpSocket *other) {
        if (other) {
            if (closed->bytesAvailable() > 0 && other->state() == QAbstractSocket::ConnectedState)
                other->write(closed->readAll());
            closeAfterFlush(other);
        }
        const bool bothClosed = (!a || a->state() == QAbstractSocket::UnconnectedState) &&
                                (!b || b->state() == QAbstractSocket::UnconnectedState);
        if (bothClosed) {
            if (a)
                a->deleteLater();
            if (b)
                b->deleteLater();
        }
    };
    QObject::connect(client, &QTcpSocket::disconnected, upstream, [a, b, onClosed] {
        if (a)
            onClosed(a, b);
    });
    QObject::connect(upstream, &QTcpSocket::disconnected, client, [a, b, onClosed] {
        if (b)
            onClosed(b, a);
    });
    if (!pending.isEmpty())
        upstream->write(pending);
    if (client->bytesAvailable() > 0)
        upstream->write(client->readAll());
}

QString TestProxyRelay::upstreamHost(const QString &requested, const QString &overrideHost)
{
    return overrideHost.isEmpty() ? requested : overrideHost;
}

} // namespace penpal::test
