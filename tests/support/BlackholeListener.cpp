#include "support/BlackholeListener.h"

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace penpal::test {

namespace {

sockaddr_in loopback(quint16 port)
{
    sockaddr_in addr = {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    return addr;
}

// Starts a non-blocking connect; returns the fd, or -1 if the connect failed outright.
int startConnect(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const sockaddr_in addr = loopback(port);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// True if the connect on `fd` is still pending after `ms` milliseconds.
bool stillConnecting(int fd, int ms)
{
    pollfd p = {fd, POLLOUT, 0};
    return ::poll(&p, 1, ms) == 0;
}

} // namespace

BlackholeListener::BlackholeListener()
{
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listenFd < 0)
        return;
    sockaddr_in addr = loopback(0);
    socklen_t len = sizeof addr;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        ::listen(m_listenFd, 0) != 0 ||
        ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        return;
    m_port = ntohs(addr.sin_port);

    // Fill the accept queue. A connect that completes took a queue slot; one that stays pending
    // means the queue is full already.
    for (int i = 0; i < 4; ++i) {
        const int fd = startConnect(m_port);
        if (fd < 0)
            return;
        m_dummyFds.append(fd);
        if (stillConnecting(fd, 200))
            break;
    }
    // The proof: one more connect must hang too.
    const int probe = startConnect(m_port);
    if (probe < 0)
        return;
    m_valid = stillConnecting(probe, 300);
    ::close(probe);
}

BlackholeListener::~BlackholeListener()
{
    for (int fd : m_dummyFds)
        ::close(fd);
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

QUrl BlackholeListener::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    url.setPath(QStringLiteral("/v1"));
    return url;
}

} // namespace penpal::test
