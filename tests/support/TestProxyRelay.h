#pragma once

#include <QByteArray>
#include <QString>

class QTcpSocket;

namespace penpal::test {

// Byte pipes for the loopback proxies and the TLS front: whatever one socket reads, the other
// writes, until either side closes; then the other is closed once its bytes are out.
class TestProxyRelay {
public:
    // Connects `client` to `upstream` both ways. `pending` (bytes the client sent before the
    // pipe existed) goes out first. Both sockets are deleted when both are closed.
    static void pipe(QTcpSocket *client, QTcpSocket *upstream, const QByteArray &pending = {});
    // Where a proxy really connects: `overrideHost` (if set) instead of what the client named,
    // so tests can ask for a name that does not resolve and still reach the loopback server.
    static QString upstreamHost(const QString &requested, const QString &overrideHost);
};

} // namespace penpal::test
