#pragma once

#include "TestContext.h"
#include "TestHttpServer.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace penpal {
class ChatController;
class MessageListModel;
class Store;
} // namespace penpal

namespace penpal::test {

// A chat as the app runs it, for tests of message actions: an AppContext on a temporary
// directory talking to a loopback server, and a MessageListModel (checked by a
// QAbstractItemModelTester) wired to the controller the way the chat pane wires it.
// restart() replaces context and model with new ones on the same directory, like quitting
// and starting the app again.
class ChatFixture {
public:
    ChatFixture();
    ~ChatFixture();
    bool isValid() const { return m_ctx != nullptr; }

    AppContext *ctx() const { return m_ctx.get(); }
    ChatController *chat() const;
    Store *store() const;
    TestHttpServer *server() const { return m_server.get(); }
    MessageListModel *model() const { return m_model.get(); }

    // Queues the next chat completion response (each request takes the next one).
    void queue(const Response &r);
    void queueReply(const QStringList &pieces) { queue(Response::sse(openAiStream(pieces))); }

    void openModel(qint64 conversationId);
    bool restart();

    // messageFinalized of the current controller; waits until it fired `count` times.
    bool waitFinalized(int count, int timeoutMs = 10000);
    qint64 lastFinalized() const;
    int finalizedCount() const;

    QStringList shown() const;            // content of every row, oldest first
    QString siblings(int row) const;      // "2/3"
    QStringList turns(int request) const; // requestTurns() of the request with that index

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MessageListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<QSignalSpy> m_finalized;
    qint64 m_conversationId = 0;
};

} // namespace penpal::test
