#pragma once

#include "core/Message.h"

#include <QMap>
#include <QPair>
#include <QVector>

namespace penpal {

class Store;

// The alternatives 1..n-1 of one reply in flight (a request with n > 1; the reply itself is
// alternative 0). Each becomes an assistant message beside the reply, under the same prompt,
// when its first text arrives, so that the thread's sibling control (‹ 1/n ›) reaches it; the
// shown branch stays where it was. Text is held here and written to the store by persist(),
// as ChatController does for the reply, and each ends with its own finish reason or, when
// the request ends first, with the request's outcome. GUI thread only, like the store.
class ReplyAlternatives {
public:
    ReplyAlternatives(Store *store, const Message &reply);

    // Text of alternative `index` (>= 1), `elapsedMs` after the request started. Returns the
    // alternative's message id; 0 when it could not be stored (its text is then dropped).
    qint64 append(int index, const QString &text, qint64 elapsedMs);
    // The server finished alternative `index`: stored as complete with that reason. Returns
    // its message id, 0 when there is no such alternative or it had ended already.
    qint64 finish(int index, const QString &finishReason, qint64 elapsedMs);
    // The request ended: every alternative still open ends like this. A failed request keeps
    // each alternative's text (interrupted); one without any text is failed. Returns the ids.
    QVector<qint64> finishAll(MessageState state, const QString &errorText, qint64 elapsedMs);

    // Writes the text of open alternatives that changed since the last call (crash safety).
    void persist();
    // Open alternatives whose text changed since the last call: (id, text), for the views.
    QVector<QPair<qint64, QString>> takeLive();

    QVector<qint64> ids() const;    // all, in the order they were created
    bool contains(qint64 id) const; // one of these alternatives
    bool isEmpty() const { return m_alternatives.isEmpty(); }

private:
    struct Alternative {
        Message message;
        bool open = true;
        bool storeDirty = false;
        bool viewDirty = false;
    };
    void end(Alternative &a, qint64 elapsedMs);

    Store *m_store;
    Message m_reply;
    QMap<int, Alternative> m_alternatives; // by choice index
    QVector<qint64> m_order;
};

} // namespace penpal
