#include "chat/ChatController.h"

#include "chat/AutoTitler.h"
#include "chat/ContextTrimmer.h"
#include "chat/ReplyAlternatives.h"
#include "net/ChatJob.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "net/ProxyCredentials.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcChat, "penpal.chat", QtInfoMsg)

namespace penpal {

// One reply in flight. Text accumulates here; the store and the views catch up on timers.
struct ChatController::Stream {
    qint64 conversationId = 0;
    Message message; // the assistant message being written
    // A continuation appends to a reply that already has text; `before` is that reply as it
    // was, for adding up usage and timings at the end.
    bool continuing = false;
    Message before;
    std::unique_ptr<Provider> provider;
    QPointer<ChatJob> job;
    QTimer persistTimer;
    QTimer repaintTimer;
    QElapsedTimer clock;
    bool storeDirty = false;
    bool viewDirty = false;
    // A request for n > 1 replies: the others, stored beside this one as they arrive.
    std::unique_ptr<ReplyAlternatives> alternatives;
};

namespace {
QString titleFromPrompt(const QString &text)
{
    const QString simple = text.simplified();
    if (simple.size() <= 48)
        return simple;
    // Cut at a word boundary where there is one near the limit (CJK text has none).
    int cut = simple.lastIndexOf(QLatin1Char(' '), 48);
    if (cut < 24)
        cut = 48;
    return simple.left(cut) + QChar(0x2026);
}

// A continued reply is one message, and its footer describes all of it. Counts add up when
// both parts are known (else unknown); the prompt count is the last request's. The first
// request's wait for the first token stays; later requests add only the time they spent
// generating, so tokens/s = completion / (duration - ttft) stays true.
void addUpContinuation(Message &m, const Message &before)
{
    auto sum = [](qint64 a, qint64 b) {
        return a < 0 || b < 0 ? qint64(-1) : a + b;
    };
    const TokenUsage now = m.usage;
    m.usage.completionTokens = int(sum(before.usage.completionTokens, now.completionTokens));
    m.usage.reasoningTokens = int(sum(before.usage.reasoningTokens, now.reasoningTokens));
    m.usage.promptTokens = now.promptTokens;
    m.usage.totalTokens = now.promptTokens >= 0 && m.usage.completionTokens >= 0
                              ? now.promptTokens + m.usage.completionTokens
                              : -1;
    const qint64 generating =
        m.timeToFirstTokenMs >= 0 ? qMax<qint64>(0, m.durationMs - m.timeToFirstTokenMs) : 0;
    m.durationMs = sum(before.durationMs, generating);
    m.timeToFirstTokenMs = before.timeToFirstTokenMs;
}
} // namespace

QString ChatController::continueInstruction()
{
    // Sent to the model, not shown to the user: deliberately not translated.
    return QStringLiteral("Continue exactly where you stopped. Do not repeat anything you already wrote.");
}

ChatController::ChatController(Store *store, Settings *settings, SecretStore *secrets,
                               QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_nam(nam)
{
    m_factory = [this](const ProviderProfile &profile, const QString &key) {
        return createProvider(m_nam, profile, key);
    };
    // Through m_factory at call time, so that a factory set later (tests) is used for titles too.
    m_titler = new AutoTitler(
        store, settings, secrets,
        [this](const ProviderProfile &profile, const QString &key) { return m_factory(profile, key); }, this);
}

ChatController::~ChatController()
{
    // Whatever is streaming is written down as interrupted, text included.
    stopAll();
    m_ended.clear();
}

qint64 ChatController::send(qint64 conversationId, const QString &text, qint64 *storedPromptId,
                            const Attachments &attachments)
{
    if (storedPromptId)
        *storedPromptId = 0;
    if (text.trimmed().isEmpty() && attachments.isEmpty())
        return conversationId;
    if (isStreaming(conversationId)) {
        Q_EMIT errorOccurred(tr("Wait for the current reply to finish or stop it first."));
        return conversationId;
    }
    Conversation conv = m_store->conversation(conversationId);
    if (conv.id == 0) {
        const ProviderProfile profile = m_settings->activeProfile();
        conv = Conversation();
        conv.title = titleFromPrompt(text.trimmed().isEmpty() ? attachments.constFirst().fileName : text);
        conv.profileId = profile.id;
        conv.model = profile.model;
        conv.systemPrompt = profile.systemPrompt;
        conv.params = profile.params;
        if (m_store->createConversation(conv) == 0) {
            Q_EMIT errorOccurred(tr("The conversation could not be saved: %1").arg(m_store->lastError()));
            return 0;
        }
    }

    // The prompt is committed before anything is sent: it survives whatever follows.
    Message user;
    user.conversationId = conv.id;
    user.parentId = conv.currentLeafId;
    user.role = Role::User;
    user.content = text.trimmed().isEmpty() ? QString() : text; // files alone: no blank text part
    if (m_store->addMessage(user, attachments) == 0) {
        Q_EMIT errorOccurred(tr("Your message could not be saved: %1").arg(m_store->lastError()));
        return conv.id;
    }
    if (storedPromptId)
        *storedPromptId = user.id;
    if (const qint64 reply = addReply(conv.id, user.id))
        startReply(conv.id, reply);
    return conv.id;
}

qint64 ChatController::addReply(qint64 conversationId, qint64 parentId)
{
    const Conversation conv = m_store->conversation(conversationId);
    Message reply;
    reply.conversationId = conversationId;
    reply.parentId = parentId;
    reply.role = Role::Assistant;
    reply.model = conv.model;
    reply.state = MessageState::Streaming;
    if (m_store->addMessage(reply) == 0) {
        Q_EMIT errorOccurred(tr("The reply could not be saved: %1").arg(m_store->lastError()));
        return 0;
    }
    return reply.id;
}

qint64 ChatController::regenerate(qint64 assistantMessageId)
{
    const Message old = m_store->message(assistantMessageId);
    if (old.id == 0 || old.role != Role::Assistant)
        return 0;
    if (isStreaming(old.conversationId)) {
        Q_EMIT errorOccurred(tr("Wait for the current reply to finish or stop it first."));
        return 0;
    }
    // A sibling under the same prompt: the earlier attempt stays as a branch.
    const qint64 reply = addReply(old.conversationId, old.parentId);
    if (reply != 0)
        startReply(old.conversationId, reply);
    return reply;
}

qint64 ChatController::editAndResend(qint64 userMessageId, const QString &newText)
{
    const Message old = m_store->message(userMessageId);
    if (old.id == 0 || old.role != Role::User)
        return 0;
    // The edited prompt keeps the files of the one it replaces.
    const Attachments files = m_store->attachments(old.id);
    if (newText.trimmed().isEmpty() && files.isEmpty())
        return 0;
    if (isStreaming(old.conversationId)) {
        Q_EMIT errorOccurred(tr("Wait for the current reply to finish or stop it first."));
        return 0;
    }
    Message user;
    user.conversationId = old.conversationId;
    user.parentId = old.parentId; // a sibling: the old prompt keeps its branch below it
    user.role = Role::User;
    user.content = newText.trimmed().isEmpty() ? QString() : newText;
    if (m_store->addMessage(user, files) == 0) {
        Q_EMIT errorOccurred(tr("Your message could not be saved: %1").arg(m_store->lastError()));
        return 0;
    }
    if (const qint64 reply = addReply(old.conversationId, user.id))
        startReply(old.conversationId, reply);
    return user.id;
}

bool ChatController::canContinue(const Message &m) const
{
    if (m.id == 0 || m.role != Role::Assistant || m.content.isEmpty())
        return false;
    const bool cutShort = m.state == MessageState::Interrupted ||
                          (m.state == MessageState::Complete && m.finishReason == QLatin1String("length"));
    // Cheap checks first: views may ask for every row they paint.
    if (!cutShort || isStreaming(m.conversationId))
        return false;
    // Appending to a reply that was already answered would change what the answer answered.
    return !m_store->hasReplies(m.id);
}

bool ChatController::continueReply(qint64 assistantMessageId)
{
    const Message m = m_store->message(assistantMessageId);
    if (!canContinue(m))
        return false;
    if (!m_store->reopenMessage(m.id)) {
        Q_EMIT errorOccurred(tr("The reply could not be saved: %1").arg(m_store->lastError()));
        return false;
    }
    // The reply is a leaf (canContinue); show its branch if another one is shown.
    if (m_store->conversation(m.conversationId).currentLeafId != m.id)
        m_store->setCurrentLeaf(m.conversationId, m.id);
    startReply(m.conversationId, m.id, ReplyKind::Continuation);
    return true;
}

bool ChatController::deleteMessage(qint64 messageId)
{
    const Message m = m_store->message(messageId);
    if (m.id == 0)
        return false;
    const qint64 streaming = streamingMessageId(m.conversationId);
    if (streaming != 0) {
        const Stream *s = m_streams.value(m.conversationId);
        const QVector<qint64> doomed = m_store->subtreeIds(m.id);
        const bool alternativeDoomed =
            s->alternatives && std::any_of(doomed.cbegin(), doomed.cend(),
                                           [s](qint64 id) { return s->alternatives->contains(id); });
        if (doomed.contains(streaming) || alternativeDoomed)
            stop(m.conversationId); // writes the reply down first; then it goes with the rest
    }
    if (!m_store->deleteMessage(m.id)) {
        Q_EMIT errorOccurred(tr("The message could not be deleted: %1").arg(m_store->lastError()));
        return false;
    }
    return true;
}

void ChatController::startReply(qint64 conversationId, qint64 assistantId, ReplyKind kind)
{
    auto *s = new Stream;
    s->conversationId = conversationId;
    s->message = m_store->message(assistantId);
    s->continuing = kind == ReplyKind::Continuation;
    if (s->continuing) {
        s->before = s->message;
        // Measured afresh for this request, added up in finish().
        s->message.timeToFirstTokenMs = -1;
        s->message.durationMs = -1;
        s->message.usage = TokenUsage();
    }
    s->clock.start();
    s->persistTimer.setInterval(m_persistIntervalMs);
    s->repaintTimer.setInterval(m_repaintIntervalMs);
    s->repaintTimer.setSingleShot(true);
    connect(&s->persistTimer, &QTimer::timeout, this, [this, s] { persist(s); });
    connect(&s->repaintTimer, &QTimer::timeout, this, [this, s] {
        if (s->viewDirty) {
            s->viewDirty = false;
            Q_EMIT messageLive(s->message.id, s->message.content, s->message.reasoning);
        }
        if (s->alternatives) {
            for (const auto &[id, text] : s->alternatives->takeLive())
                Q_EMIT messageLive(id, text, QString());
        }
    });
    m_streams.insert(conversationId, s);
    Q_EMIT streamingChanged(conversationId, true);

    const Conversation conv = m_store->conversation(conversationId);
    ProviderProfile profile = m_settings->profile(conv.profileId);
    if (!profile.isValid())
        profile = m_settings->activeProfile();
    if (!profile.isValid()) {
        JobError e;
        e.code = JobError::ClientError;
        e.serverMessage = tr("No provider is set up. Add one in Settings.");
        finish(s, MessageState::Failed, e, {});
        return;
    }
    QPointer<ChatController> self(this);
    const qint64 convId = conversationId;
    m_secrets->readKey(profile.id, [self, convId, assistantId, profile](const SecretResult &r) {
        if (!self)
            return;
        Stream *st = self->m_streams.value(convId);
        if (!st || st->message.id != assistantId)
            return; // stopped while the keychain answered
        // Without a keychain the request still goes out, keyless: local servers need no key,
        // and a hosted one answers 401, which names the real problem together with this notice.
        if (r.status == SecretResult::Error)
            Q_EMIT self->errorOccurred(tr("%1 The request is sent without an API key.").arg(r.error));
        // NotFound is fine: local servers need no key.
        const QString key = r.status == SecretResult::Ok ? r.value : QString();
        // The proxy's password, if it wants one, must be in memory before the request goes out.
        ProxyCredentials::load(self->m_secrets, self->m_nam, profile,
                               [self, convId, assistantId, key](const SecretResult &proxy) {
                                   if (!self)
                                       return;
                                   Stream *stream = self->m_streams.value(convId);
                                   if (!stream || stream->message.id != assistantId)
                                       return;
                                   if (proxy.status == SecretResult::Error)
                                       Q_EMIT self->errorOccurred(
                                           tr("%1 The proxy password could not be read.").arg(proxy.error));
                                   self->launchJob(stream, key);
                               });
    });
}

void ChatController::launchJob(Stream *s, const QString &apiKey)
{
    const Conversation conv = m_store->conversation(s->conversationId);
    ProviderProfile profile = m_settings->profile(conv.profileId);
    if (!profile.isValid())
        profile = m_settings->activeProfile();
    s->provider = m_factory(profile, apiKey);
    if (!s->provider) {
        JobError e;
        e.code = JobError::ClientError;
        e.serverMessage = tr("The provider kind \"%1\" is not supported.").arg(profile.kind);
        finish(s, MessageState::Failed, e, {});
        return;
    }

    const ChatRequest req = buildRequest(s, conv, profile);
    s->message.model = req.model;
    if (req.params.n.value_or(1) > 1)
        s->alternatives = std::make_unique<ReplyAlternatives>(m_store, s->message);

    qCInfo(lcChat) << "reply" << s->message.id << "for conversation" << s->conversationId << "model"
                   << req.model << "turns" << req.turns.size();
    ChatJob *job = startRetryingJob(s->provider.get(), s->conversationId, s->message.id, profile, req);
    s->job = job;
    connect(job, &ChatJob::contentDelta, this, [this, s](const QString &t) { onDelta(s, t, {}); });
    connect(job, &ChatJob::reasoningDelta, this, [this, s](const QString &t) { onDelta(s, {}, t); });
    connect(job, &ChatJob::usageReported, this, [s](const TokenUsage &u) { s->message.usage = u; });
    connect(job, &ChatJob::finished, this,
            [this, s](const QString &reason) { finish(s, MessageState::Complete, {}, reason); });
    connect(job, &ChatJob::failed, this, [this, s](const JobError &e) {
        // Whatever arrived is kept. A reply with text is "interrupted" (it can be continued or
        // retried); one without any is "failed".
        const bool hasText = !s->message.content.isEmpty() || !s->message.reasoning.isEmpty();
        finish(s, hasText || e.code == JobError::Cancelled ? MessageState::Interrupted : MessageState::Failed,
               e, {});
    });
    connect(job, &ChatJob::alternativeDelta, this, [this, s](int index, const QString &text) {
        if (!s->alternatives || s->alternatives->append(index, text, s->clock.elapsed()) == 0)
            return;
        if (!s->repaintTimer.isActive())
            s->repaintTimer.start();
    });
    connect(job, &ChatJob::alternativeFinished, this, [this, s](int index, const QString &reason) {
        if (!s->alternatives)
            return;
        if (const qint64 id = s->alternatives->finish(index, reason, s->clock.elapsed()))
            Q_EMIT messageFinalized(id);
    });
    s->persistTimer.start();
}

ChatRequest ChatController::buildRequest(Stream *s, const Conversation &conv, const ProviderProfile &profile)
{
    ChatRequest req;
    req.model = conv.model.isEmpty() ? profile.model : conv.model;
    req.systemPrompt = conv.systemPrompt;
    req.params = profile.params.overriddenBy(conv.params);
    // The path from the root to the reply's parent, not the shown branch: the key arrives
    // asynchronously and the user may have switched branches meanwhile. Failed replies carry
    // no usable text and would only confuse the model, so they are left out.
    const QVector<Message> path = m_store->thread(s->conversationId, -1, s->message.id);
    int lastUserTurn = -1;
    // Each prompt carries its files every time: the model has no memory of earlier requests.
    // Reasoning is never sent back: it is the model's scratch work, and providers either
    // ignore it or reject it in the history.
    for (const Message &m : path) {
        if (m.role == Role::System)
            continue;
        const Attachments files = m.role == Role::User ? m_store->attachments(m.id) : Attachments();
        if (m.content.isEmpty() && files.isEmpty())
            continue;
        if (m.role == Role::Assistant && m.state == MessageState::Failed)
            continue;
        if (m.role == Role::User)
            lastUserTurn = int(req.turns.size());
        req.turns.append({m.role, m.content, files});
    }
    if (s->continuing) {
        req.turns.append({Role::Assistant, s->before.content});
        // A raw completion model continues the text it is given; an instruction would be
        // text to continue too.
        if (profile.kind != QLatin1String("completions"))
            req.turns.append({Role::User, continueInstruction()});
        // One message is being continued: alternatives would have nowhere to go.
        req.params.n.reset();
    }
    // The newest prompt and everything after it (a continuation's partial reply) always go.
    const int keep = int(req.turns.size()) - qMax(lastUserTurn, 0);
    const int omitted = ContextTrimmer::trim(req.turns, keep, conv.contextMaxMessages, conv.contextMaxTokens);
    if (omitted != s->message.contextOmitted) {
        s->message.contextOmitted = omitted;
        if (!m_store->setContextOmitted(s->message.id, omitted))
            qCWarning(lcChat) << "could not store the context of reply" << s->message.id
                              << m_store->lastError();
    }
    if (omitted > 0)
        Q_EMIT contextTrimmed(s->conversationId, s->message.id, omitted);
    return req;
}

void ChatController::onDelta(Stream *s, const QString &content, const QString &reasoning)
{
    if (s->message.timeToFirstTokenMs < 0)
        s->message.timeToFirstTokenMs = s->clock.elapsed();
    s->message.content += content;
    s->message.reasoning += reasoning;
    s->storeDirty = true;
    s->viewDirty = true;
    if (!s->repaintTimer.isActive())
        s->repaintTimer.start();
}

void ChatController::persist(Stream *s)
{
    if (s->alternatives)
        s->alternatives->persist();
    if (!s->storeDirty)
        return;
    s->storeDirty = false;
    m_store->updateMessageContent(s->message.id, s->message.content, s->message.reasoning,
                                  MessageState::Streaming);
}

void ChatController::finish(Stream *s, MessageState state, const JobError &error, const QString &finishReason)
{
    s->persistTimer.stop();
    s->repaintTimer.stop();
    if (s->job) {
        s->job->disconnect(this);
        if (s->job->isRunning())
            s->job->abort();
        s->job->deleteLater();
    }
    // A reply with text is never "failed" (that means nothing usable arrived), also when a
    // continuation fails before its first token.
    if (state == MessageState::Failed && !s->message.content.isEmpty())
        state = MessageState::Interrupted;
    s->message.state = state;
    s->message.durationMs = s->clock.elapsed();
    if (error.isError() && error.code != JobError::Cancelled)
        s->message.errorText = error.storedText();
    else if (error.code == JobError::Cancelled)
        s->message.errorText = tr("you stopped it.");
    else
        s->message.errorText.clear();
    s->message.finishReason = finishReason;
    if (s->continuing)
        addUpContinuation(s->message, s->before);
    if (!m_store->finishMessage(s->message))
        qCWarning(lcChat) << "could not store the end of reply" << s->message.id << m_store->lastError();
    // Alternatives the server did not finish end with the request, their text kept.
    const QVector<qint64> alternatives =
        s->alternatives ? s->alternatives->finishAll(state, s->message.errorText, s->message.durationMs)
                        : QVector<qint64>();
    qCInfo(lcChat) << "reply" << s->message.id << "ended as" << stateToString(state) << "code" << error.code;

    const qint64 convId = s->conversationId;
    const qint64 msgId = s->message.id;
    m_streams.remove(convId);
    clearRetry(convId);
    // We may be inside a signal of the stream's own job or timer: free it on the next turn.
    m_ended.emplace_back(s);
    QMetaObject::invokeMethod(
        this, [this] { m_ended.clear(); }, Qt::QueuedConnection);
    Q_EMIT messageFinalized(msgId);
    for (const qint64 id : alternatives)
        Q_EMIT messageFinalized(id);
    Q_EMIT streamingChanged(convId, false);
    if (state == MessageState::Complete)
        m_titler->replyFinished(msgId);
}

void ChatController::stop(qint64 conversationId)
{
    if (Stream *s = m_streams.value(conversationId)) {
        JobError cancelled;
        cancelled.code = JobError::Cancelled;
        // Stopped while waiting to send again: nothing arrived, and the last failure says why.
        if (m_retries.contains(conversationId)) {
            finish(s, MessageState::Failed, stoppedWhileWaiting(conversationId), {});
            return;
        }
        finish(s, MessageState::Interrupted, cancelled, {});
    }
}

void ChatController::stopAll()
{
    const auto ids = m_streams.keys();
    for (qint64 id : ids)
        stop(id);
}

bool ChatController::isStreaming(qint64 conversationId) const
{
    return conversationId != 0 && m_streams.contains(conversationId);
}

qint64 ChatController::streamingMessageId(qint64 conversationId) const
{
    const Stream *s = m_streams.value(conversationId);
    return s ? s->message.id : 0;
}

} // namespace penpal
