#pragma once

#include "core/Conversation.h"
#include "core/Message.h"
#include "net/ChatRequest.h"
#include "net/JobError.h"
#include "net/ProviderProfile.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace penpal {

class AutoTitler;
class ChatJob;
class Provider;
class SecretStore;
class Settings;
class Store;

// Runs replies: stores the prompt, starts the provider's job, and carries its deltas to the
// store (crash-safe, at least once a second) and to the views (coalesced to the frame).
// One reply at a time per conversation; several conversations may stream at once.
//
// Message actions work on the store's message tree: regenerating a reply or editing a
// prompt adds a sibling (the earlier one stays reachable through the model's sibling
// navigation), continuing appends to the same reply, deleting removes a subtree. Each
// request carries the path from the root to the reply's parent, cut to the conversation's
// context limit.
class ChatController : public QObject {
    Q_OBJECT
public:
    using ProviderFactory =
        std::function<std::unique_ptr<Provider>(const ProviderProfile &profile, const QString &apiKey)>;

    ChatController(Store *store, Settings *settings, SecretStore *secrets, QNetworkAccessManager *nam,
                   QObject *parent = nullptr);
    ~ChatController() override;

    // Sends `text` as the next user message. conversationId 0 starts a new conversation with
    // the active profile. Returns the conversation id (0 when nothing could be stored);
    // `storedPromptId` receives the user message's id once it is safely on disk. The
    // `attachments` are stored with the prompt (which may then be empty) and sent with it.
    qint64 send(qint64 conversationId, const QString &text, qint64 *storedPromptId = nullptr,
                const Attachments &attachments = {});
    // Asks again for the reply `assistantMessageId`: a new assistant message under the same
    // prompt, which becomes the shown branch; the old reply stays as a sibling (‹ 1/2 ›).
    // Returns the new reply's id, 0 when nothing was started.
    qint64 regenerate(qint64 assistantMessageId);
    // The same as regenerate() (kept for existing callers).
    bool retry(qint64 assistantMessageId) { return regenerate(assistantMessageId) != 0; }
    // Stores `newText` as a new user message beside `userMessageId` (same parent) and asks
    // for a reply to it (with the old prompt's attachments); the old prompt with everything
    // below it stays reachable. Returns
    // the new user message's id, 0 when nothing was started.
    qint64 editAndResend(qint64 userMessageId, const QString &newText);
    // Continues an interrupted or length-cut reply: the request carries the thread, the
    // partial reply as the last assistant turn and continueInstruction() as a user turn
    // (OpenAI-compatible chat APIs have no native "continue"; a prefilled assistant turn
    // alone is answered as a finished one by most servers). New text is appended to the same
    // message, stored as it streams. False when canContinue() is not true.
    bool continueReply(qint64 assistantMessageId);
    // An assistant reply with text that stopped early (interrupted, or finish reason
    // "length"), nothing streaming in its conversation, and no reply below it yet.
    bool canContinue(const Message &m) const;
    static QString continueInstruction();
    // Deletes the message and everything below it (stopping a reply streaming there first).
    bool deleteMessage(qint64 messageId);
    void stop(qint64 conversationId);
    void stopAll();

    bool isStreaming(qint64 conversationId) const;
    qint64 streamingMessageId(qint64 conversationId) const;

    void setProviderFactory(ProviderFactory f) { m_factory = std::move(f); }
    // Names conversations after their first exchange (Settings::AutoTitle).
    AutoTitler *autoTitler() const { return m_titler; }
    // How often streamed text is written to the store. The default keeps a kill -9 from
    // losing more than half a second of text.
    void setPersistIntervalMs(int ms) { m_persistIntervalMs = ms; }
    // How often views are told about new text (coalesces token-by-token deltas).
    void setRepaintIntervalMs(int ms) { m_repaintIntervalMs = ms; }

Q_SIGNALS:
    void streamingChanged(qint64 conversationId, bool streaming);
    // New text for a streaming message (coalesced); the store may lag by up to a second.
    void messageLive(qint64 messageId, const QString &content, const QString &reasoning);
    // The message's final state is in the store.
    void messageFinalized(qint64 messageId);
    // Something went wrong that is not a reply's failure (e.g. nothing to send with).
    void errorOccurred(const QString &message);
    // The request for `messageId` left out the `omittedCount` oldest messages of the thread
    // because of the conversation's context limit (also stored: Message::contextOmitted).
    void contextTrimmed(qint64 conversationId, qint64 messageId, int omittedCount);
    // The request for `messageId` failed before its first byte (`reason`, a sentence) and is
    // sent again as attempt `attempt` (from 2) in `delayMs`; see pendingRetry().
    void replyRetrying(qint64 conversationId, qint64 messageId, int attempt, int delayMs,
                       const QString &reason);
    // The wait announced by replyRetrying() is over: the attempt went out, or the reply ended.
    void replyRetryCleared(qint64 conversationId, qint64 messageId);

public:
    // A reply waiting to be sent again (see RetryingChatJob); messageId 0 when there is none.
    struct PendingRetry {
        qint64 messageId = 0;
        int attempt = 0;         // the attempt that will be sent, from 2
        int maxAttempts = 0;     // 1 + the profile's retryAttempts
        QDeadlineTimer deadline; // when it is sent
        QString reason;          // the last failure's sentence
        JobError error;          // the last failure
    };
    PendingRetry pendingRetry(qint64 conversationId) const { return m_retries.value(conversationId); }
    // Tests: waits between attempts last this fraction of the announced delay.
    void setRetryDelayScale(double scale) { m_retryDelayScale = scale; }

private:
    struct Stream;
    enum class ReplyKind { Fresh, Continuation };
    qint64 addReply(qint64 conversationId, qint64 parentId);
    void startReply(qint64 conversationId, qint64 assistantId, ReplyKind kind = ReplyKind::Fresh);
    ChatRequest buildRequest(Stream *s, const Conversation &conv, const ProviderProfile &profile);
    void launchJob(Stream *s, const QString &apiKey);
    void onDelta(Stream *s, const QString &content, const QString &reasoning);
    void persist(Stream *s);
    void finish(Stream *s, MessageState state, const JobError &error, const QString &finishReason);
    // ChatControllerRetry.cpp: the provider's job wrapped in retries, and their bookkeeping.
    ChatJob *startRetryingJob(Provider *provider, qint64 conversationId, qint64 messageId,
                              const ProviderProfile &profile, const ChatRequest &request);
    void clearRetry(qint64 conversationId);
    JobError stoppedWhileWaiting(qint64 conversationId) const;

    Store *m_store;
    Settings *m_settings;
    SecretStore *m_secrets;
    QNetworkAccessManager *m_nam;
    ProviderFactory m_factory;
    QHash<qint64, Stream *> m_streams; // by conversation id
    std::vector<std::unique_ptr<Stream>> m_ended;
    int m_persistIntervalMs = 500;
    int m_repaintIntervalMs = 33;
    QHash<qint64, PendingRetry> m_retries; // by conversation id
    double m_retryDelayScale = 1.0;
    AutoTitler *m_titler = nullptr;
};

} // namespace penpal
