#include "model/ConversationListModel.h"

#include "store/Store.h"

namespace penpal {

ConversationListModel::ConversationListModel(Store *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(m_store, &Store::conversationAdded, this, &ConversationListModel::onAdded);
    connect(m_store, &Store::conversationChanged, this, &ConversationListModel::onChanged);
    connect(m_store, &Store::conversationRemoved, this, &ConversationListModel::onRemoved);
    reload();
}

void ConversationListModel::reload()
{
    beginResetModel();
    m_rows = m_store->conversations(0, m_pageSize);
    m_hasMore = m_rows.size() == m_pageSize && m_store->conversationCount() > m_rows.size();
    endResetModel();
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case TitleRole:
        return c.title.isEmpty() ? tr("New chat") : c.title;
    case Qt::ToolTipRole:
        return c.title;
    case IdRole:
        return c.id;
    case PinnedRole:
        return c.pinned;
    case UpdatedRole:
        return c.updated;
    case CreatedRole:
        return c.created;
    case ModelRole:
        return c.model;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const qint64 id = m_rows.at(index.row()).id;
    if (role == Qt::EditRole || role == TitleRole) {
        const QString title = value.toString().simplified();
        if (title.isEmpty())
            return false;
        return m_store->renameConversation(id, title); // the store's signal updates the row
    }
    if (role == PinnedRole)
        return m_store->setPinned(id, value.toBool());
    return false;
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(TitleRole, "title");
    names.insert(PinnedRole, "pinned");
    names.insert(UpdatedRole, "updated");
    names.insert(CreatedRole, "created");
    names.insert(ModelRole, "model");
    return names;
}

bool ConversationListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore;
}

void ConversationListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_hasMore)
        return;
    const auto more = m_store->conversations(int(m_rows.size()), m_pageSize);
    m_hasMore = more.size() == m_pageSize;
    if (more.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows += more;
    endInsertRows();
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == conversationId)
            return i;
    }
    return -1;
}

qint64 ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

bool ConversationListModel::sortsBefore(const Conversation &a, const Conversation &b) const
{
    if (a.pinned != b.pinned)
        return a.pinned;
    if (a.updated != b.updated)
        return a.updated > b.updated;
    return a.id > b.id;
}

// Where `c` belongs among the loaded rows. Past the end while more rows are unloaded means
// "not in the loaded prefix": the caller then leaves it to a later fetchMore.
int ConversationListModel::insertionRow(const Conversation &c) const
{
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), c,
                         [this](const Conversation &a, const Conversation &b) { return sortsBefore(a, b); });
    return int(it - m_rows.cbegin());
}

void ConversationListModel::onAdded(qint64 id)
{
    if (rowOf(id) >= 0)
        return;
    const Conversation c = m_store->conversation(id);
    if (c.id == 0)
        return;
    const int row = insertionRow(c);
    if (row == m_rows.size() && m_hasMore)
        return;
    beginInsertRows({}, row, row);
    m_rows.insert(row, c);
    endInsertRows();
}

void ConversationListModel::onChanged(qint64 id)
{
    const int from = rowOf(id);
    if (from < 0) {
        onAdded(id);
        return;
    }
    const Conversation c = m_store->conversation(id);
    if (c.id == 0) {
        onRemoved(id);
        return;
    }
    // Find the new place as if the row were taken out first.
    Conversation old = m_rows.takeAt(from);
    int to = insertionRow(c);
    m_rows.insert(from, old);
    if (to == m_rows.size() - 1 && m_hasMore && to != from) {
        onRemoved(id); // sorted past the loaded prefix
        return;
    }
    if (to != from) {
        // beginMoveRows wants the destination in pre-move coordinates.
        const int dest = to > from ? to + 1 : to;
        beginMoveRows({}, from, from, {}, dest);
        m_rows.move(from, to);
        m_rows[to] = c;
        endMoveRows();
    } else {
        m_rows[from] = c;
    }
    const QModelIndex idx = index(to);
    Q_EMIT dataChanged(idx, idx);
}

void ConversationListModel::onRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

} // namespace penpal
