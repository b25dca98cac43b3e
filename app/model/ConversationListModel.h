#pragma once

#include "core/Conversation.h"

#include <QAbstractListModel>
#include <QVector>

namespace penpal {

class Store;

// The sidebar's list: pinned conversations first, then the most recently updated. A thin
// adapter over the Store that loads pages on demand (canFetchMore/fetchMore) and follows the
// store's change signals with minimal row inserts, moves and removals.
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        PinnedRole,
        UpdatedRole,
        CreatedRole,
        ModelRole,
    };

    explicit ConversationListModel(Store *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    int rowOf(qint64 conversationId) const; // -1 when not loaded
    qint64 idAt(int row) const;
    void reload();
    void setPageSize(int n) { m_pageSize = n; }

private:
    void onAdded(qint64 id);
    void onChanged(qint64 id);
    void onRemoved(qint64 id);
    int insertionRow(const Conversation &c) const;
    bool sortsBefore(const Conversation &a, const Conversation &b) const;

    Store *m_store;
    QVector<Conversation> m_rows;
    int m_pageSize = 200;
    bool m_hasMore = false;
};

} // namespace penpal
