#pragma once

#include <QUrl>
#include <QVector>

namespace penpal::test {

// A loopback port where TCP connects hang instead of completing or being refused, for
// connect-timeout tests without leaving the machine.
//
// How: a raw listening socket on 127.0.0.1 with backlog 0 that never accepts. Linux admits
// backlog + 1 connections into the accept queue; once that is full it silently drops further
// SYNs (with or without SYN cookies), so a client keeps retransmitting its SYN and its connect
// stays pending for many seconds. The constructor fills the queue with dummy connections of its
// own and then checks with one more non-blocking probe connect that the port really does hang
// (isValid() is false otherwise).
class BlackholeListener {
public:
    BlackholeListener();
    ~BlackholeListener();
    BlackholeListener(const BlackholeListener &) = delete;
    BlackholeListener &operator=(const BlackholeListener &) = delete;

    bool isValid() const { return m_valid; }
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http://127.0.0.1:<port>/v1

private:
    int m_listenFd = -1;
    QVector<int> m_dummyFds;
    quint16 m_port = 0;
    bool m_valid = false;
};

} // namespace penpal::test
