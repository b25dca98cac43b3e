#pragma once

#include "core/Message.h"

#include <QAbstractListModel>
#include <QVector>

namespace penpal {

class Store;

// The open conversation's thread, oldest message first. Loads the newest page when a
// conversation is opened; older pages are prepended on demand (canFetchMore/fetchMore), so
// opening a long chat costs one page. While a reply streams, only that row changes.
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        RoleRole,       // penpal::Role as int
        ContentRole,
        ReasoningRole,
        StateRole,      // penpal::MessageState as int
        ErrorTextRole,
        ModelRole,
        CreatedRole,
        RevisionRole,   // bumps on every change of the row; keys layout caches
        ParentIdRole,
        UsageTextRole,  // "123 tokens · 1.2 s" or empty
    };

    explicit MessageListModel(Store *store, QObject *parent = nullptr);

    void openConversation(qint64 conversationId); // 0 closes
    qint64 conversationId() const { return m_conversationId; }
    void reload();
    void setPageSize(int n) { m_pageSize = n; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    int rowOf(qint64 messageId) const;
    const Message *messageAt(int row) const;
    const Message *lastMessage() const;

public Q_SLOTS:
    // Text that arrived but may not be in the store yet (the controller flushes once a second).
    void setLiveText(qint64 messageId, const QString &content, const QString &reasoning);
    // Re-reads one message from the store (after it finished, failed, ...).
    void refreshMessage(qint64 messageId);

private:
    void onMessageAdded(qint64 conversationId, qint64 messageId);
    void emitRowChanged(int row);

    Store *m_store;
    qint64 m_conversationId = 0;
    QVector<Message> m_rows;
    QVector<quint32> m_revisions;
    int m_pageSize = 100;
    bool m_hasOlder = false;
};

} // namespace penpal
