#pragma once

#include "core/Conversation.h"
#include "store/ConversationFilter.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QSharedPointer>
#include <QVector>

namespace penpal {

class Store;

// The sidebar's list: pinned conversations first, then the most recently updated, of one view
// (main list, archive or trash, optionally one tag). A thin adapter over the Store that loads
// pages on demand (canFetchMore/fetchMore) and follows the store's change signals with
// minimal row inserts, moves and removals: a conversation archived, trashed, restored or
// tagged leaves or enters the list as its filter says.
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
        // The heading the row is listed under: "Pinned", "Today", "Yesterday", "Previous 7
        // days", "Previous 30 days", then the month ("October 2026"). Rows of one group are
        // adjacent, so a view draws the heading above a row whose group differs from the
        // previous row's.
        GroupRole,
        ArchivedRole,
        DeletedAtRole, // invalid unless in the trash
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

    ConversationFilter filter() const { return m_filter; }
    void setFilter(const ConversationFilter &filter); // reloads when it changed

    // The clock the groups are computed against; invalid (the default) means the real time.
    // Tests fix it to get the same groups on every day.
    void setNow(const QDateTime &now);
    QDateTime now() const;
    QString groupOf(const Conversation &c) const;
    // Announces that every row's group may have changed (the day changed): dataChanged with
    // GroupRole for all rows.
    void refreshGroups();

Q_SIGNALS:
    void filterChanged();

private:
    void onAdded(qint64 id);
    void onChanged(qint64 id);
    void onRemoved(qint64 id);
    bool matches(const Conversation &c) const;
    void insertLoaded(const Conversation &c);
    int insertionRow(const Conversation &c) const;
    bool sortsBefore(const Conversation &a, const Conversation &b) const;

    // Shared pointers, which QList moves as plain memory: inserting or removing a row near
    // the top of thousands then costs a memmove, not thousands of Conversation moves.
    using Row = QSharedPointer<Conversation>;
    Store *m_store;
    QVector<Row> m_rows;
    ConversationFilter m_filter;
    QDateTime m_now;
    // Each row's group by conversation id and the day they count from, computed on demand:
    // the view asks for every row's group and its neighbour's on each layout.
    mutable QHash<qint64, QString> m_groups;
    mutable QDate m_today;
    // About two screens: the first paint lays out every loaded row (variable heights), so a
    // large first page costs start-up time; more rows come with fetchMore() as the list scrolls.
    int m_pageSize = 60;
    bool m_hasMore = false;
};

} // namespace penpal
