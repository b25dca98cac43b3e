#include "chat/ReplyAlternatives.h"

#include "store/Store.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAlternatives, "penpal.chat.alternatives", QtInfoMsg)

namespace penpal {

ReplyAlternatives::ReplyAlternatives(Store *store, const Message &reply)
    : m_store(store)
    , m_reply(reply)
{
}

qint64 ReplyAlternatives::append(int index, const QString &text, qint64 elapsedMs)
{
    if (index < 1)
        return 0;
    auto it = m_alternatives.find(index);
    if (it == m_alternatives.end()) {
        Alternative a;
        a.message.conversationId = m_reply.conversationId;
        a.message.parentId = m_reply.parentId;
        a.message.role = Role::Assistant;
        a.message.model = m_reply.model;
        a.message.state = MessageState::Streaming;
        a.message.timeToFirstTokenMs = elapsedMs;
        // A new message becomes the shown leaf; the person keeps seeing the branch they were
        // on (the reply itself, unless they moved meanwhile).
        const qint64 shownLeaf = m_store->conversation(m_reply.conversationId).currentLeafId;
        if (m_store->addMessage(a.message) == 0) {
            qCWarning(lcAlternatives)
                << "could not store alternative" << index << "of reply" << m_reply.id << m_store->lastError();
            // Remembered as ended, so that every further delta does not try again.
            a.open = false;
            m_alternatives.insert(index, a);
            return 0;
        }
        if (shownLeaf != 0 && shownLeaf != a.message.id)
            m_store->setCurrentLeaf(m_reply.conversationId, shownLeaf);
        m_order.append(a.message.id);
        it = m_alternatives.insert(index, a);
    }
    if (!it->open || it->message.id == 0)
        return 0;
    it->message.content += text;
    it->storeDirty = true;
    it->viewDirty = true;
    return it->message.id;
}

void ReplyAlternatives::end(Alternative &a, qint64 elapsedMs)
{
    a.open = false;
    a.storeDirty = false;
    a.viewDirty = false;
    a.message.durationMs = elapsedMs;
    if (!m_store->finishMessage(a.message))
        qCWarning(lcAlternatives) << "could not store the end of alternative" << a.message.id
                                  << m_store->lastError();
}

qint64 ReplyAlternatives::finish(int index, const QString &finishReason, qint64 elapsedMs)
{
    auto it = m_alternatives.find(index);
    if (it == m_alternatives.end() || !it->open)
        return 0;
    it->message.state = MessageState::Complete;
    it->message.finishReason = finishReason;
    it->message.errorText.clear();
    end(*it, elapsedMs);
    return it->message.id;
}

QVector<qint64> ReplyAlternatives::finishAll(MessageState state, const QString &errorText, qint64 elapsedMs)
{
    QVector<qint64> ended;
    for (Alternative &a : m_alternatives) {
        if (!a.open || a.message.id == 0)
            continue;
        MessageState s = state;
        // As for the reply: text that arrived is never "failed", and nothing at all is.
        if (s == MessageState::Failed && !a.message.content.isEmpty())
            s = MessageState::Interrupted;
        if (s == MessageState::Interrupted && a.message.content.isEmpty())
            s = MessageState::Failed;
        a.message.state = s;
        a.message.errorText = s == MessageState::Complete ? QString() : errorText;
        end(a, elapsedMs);
        ended.append(a.message.id);
    }
    return ended;
}

void ReplyAlternatives::persist()
{
    for (Alternative &a : m_alternatives) {
        if (!a.open || !a.storeDirty)
            continue;
        a.storeDirty = false;
        m_store->updateMessageContent(a.message.id, a.message.content, QString(), MessageState::Streaming);
    }
}

QVector<QPair<qint64, QString>> ReplyAlternatives::takeLive()
{
    QVector<QPair<qint64, QString>> live;
    for (Alternative &a : m_alternatives) {
        if (!a.open || !a.viewDirty)
            continue;
        a.viewDirty = false;
        live.append({a.message.id, a.message.content});
    }
    return live;
}

QVector<qint64> ReplyAlternatives::ids() const
{
    return m_order;
}

bool ReplyAlternatives::contains(qint64 id) const
{
    return id != 0 && m_order.contains(id);
}

} // namespace penpal
