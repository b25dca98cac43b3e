#pragma once

#include "store/Store.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace penpal::test {

// Creates a conversation with just a title (and, when valid, `updated` as both its created and
// updated time); returns its id, or 0 if the store refused.
qint64 newConversation(Store &s, const QString &title = QString(), const QDateTime &updated = QDateTime());

// Adds one message with the given fields; returns its id, or 0 if the store refused.
qint64 addMsg(Store &s, qint64 conversationId, qint64 parentId, Role role, const QString &content,
              MessageState state = MessageState::Complete, const QDateTime &created = QDateTime());

// The ids of `messages` / `conversations`, in order: compares lists by identity alone.
QVector<qint64> idsOf(const QVector<Message> &messages);
QVector<qint64> idsOf(const QVector<Conversation> &conversations);

} // namespace penpal::test
