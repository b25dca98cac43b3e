#include "StoreTestHelpers.h"

namespace penpal::test {

qint64 newConversation(Store &s, const QString &title, const QDateTime &updated)
{
    Conversation c;
    c.title = title;
    c.created = updated.isValid() ? updated : QDateTime();
    c.updated = updated;
    return s.createConversation(c);
}

qint64 addMsg(Store &s, qint64 conversationId, qint64 parentId, Role role, const QString &content,
              MessageState state, const QDateTime &created)
{
    Message m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = role;
    m.content = content;
    m.state = state;
    m.created = created;
    return s.addMessage(m);
}

QVector<qint64> idsOf(const QVector<Message> &messages)
{
    QVector<qint64> ids;
    for (const Message &m : messages)
        ids << m.id;
    return ids;
}

QVector<qint64> idsOf(const QVector<Conversation> &conversations)
{
    QVector<qint64> ids;
    for (const Conversation &c : conversations)
        ids << c.id;
    return ids;
}

} // namespace penpal::test
