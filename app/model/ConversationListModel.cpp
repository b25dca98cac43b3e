#include "model/ConversationListModel.h"

#include "store/Store.h"

#include <QLocale>

namespace penpal {

namespace {

QVector<QSharedPointer<Conversation>> rowsOf(const QVector<Conversation> &list)
{
    QVector<QSharedPointer<Conversation>> rows;
    rows.reserve(list.size());
    for (const Conversation &c : list)
        rows.append(QSharedPointer<Conversation>::create(c));
    return rows;
}

} // namespace

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
    m_groups.clear();
    m_today = QDate();
    // One row more than a page says whether there are more, without counting a long history
    // (counting 10,000 conversations was most of what start-up spent on the list).
    auto page = m_store->conversations(m_filter, 0, m_pageSize + 1);
    m_hasMore = page.size() > m_pageSize;
    if (m_hasMore)
        page.removeLast();
    m_rows = rowsOf(page);
    endResetModel();
}

void ConversationListModel::setFilter(const ConversationFilter &filter)
{
    if (filter == m_filter && filter.tag == m_filter.tag)
        return;
    m_filter = filter;
    reload();
    Q_EMIT filterChanged();
}

void ConversationListModel::setNow(const QDateTime &now)
{
    m_now = now;
    refreshGroups();
}

void ConversationListModel::refreshGroups()
{
    m_groups.clear();
    m_today = QDate();
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {GroupRole});
}

QDateTime ConversationListModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTime();
}

QString ConversationListModel::groupOf(const Conversation &c) const
{
    if (c.pinned)
        return tr("Pinned");
    // Calendar days where the user is, not 24-hour spans: "Yesterday" starts at midnight.
    // Local time costs a look at the time zone file each time, hence the caches.
    if (!m_today.isValid())
        m_today = now().toLocalTime().date();
    const QDate today = m_today;
    const QDate day = c.updated.toLocalTime().date();
    const qint64 days = day.daysTo(today);
    if (days <= 0) // a clock set back leaves newer times; they are still the newest
        return tr("Today");
    if (days == 1)
        return tr("Yesterday");
    if (days <= 7)
        return tr("Previous 7 days");
    if (days <= 30)
        return tr("Previous 30 days");
    return QLocale().toString(day, QStringLiteral("MMMM yyyy"));
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &c = *m_rows.at(index.row());
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
    case GroupRole: {
        auto it = m_groups.constFind(c.id);
        if (it == m_groups.cend())
            it = m_groups.insert(c.id, groupOf(c));
        return *it;
    }
    case ArchivedRole:
        return c.archived;
    case DeletedAtRole:
        return c.deletedAt;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const qint64 id = m_rows.at(index.row())->id;
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
    names.insert(GroupRole, "group");
    names.insert(ArchivedRole, "archived");
    names.insert(DeletedAtRole, "deletedAt");
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
    // The loaded rows are always a prefix of the store's list for the filter (rows leaving
    // it are removed, rows sorting past it dropped), so the next page starts at their count.
    auto more = m_store->conversations(m_filter, int(m_rows.size()), m_pageSize + 1);
    // The extra row spares the view a useless fetch after a full last page, and lets rows
    // restored below the end show at once.
    const bool hasMore = more.size() > m_pageSize;
    if (hasMore)
        more.removeLast();
    if (more.isEmpty()) {
        m_hasMore = false;
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows += rowsOf(more);
    endInsertRows();
    m_hasMore = hasMore;
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i)->id == conversationId)
            return i;
    }
    return -1;
}

qint64 ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row)->id : 0;
}

bool ConversationListModel::matches(const Conversation &c) const
{
    if (c.id == 0 || !m_filter.matchesView(c))
        return false;
    const QString tag = m_filter.tag.trimmed();
    return tag.isEmpty() || m_store->tagsOf(c.id).contains(tag, Qt::CaseInsensitive);
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
                         [this](const Row &a, const Conversation &b) { return sortsBefore(*a, b); });
    return int(it - m_rows.cbegin());
}

void ConversationListModel::insertLoaded(const Conversation &c)
{
    const int row = insertionRow(c);
    if (row == m_rows.size() && m_hasMore)
        return;
    beginInsertRows({}, row, row);
    m_rows.insert(row, Row::create(c));
    endInsertRows();
    // The row below may have lost its group heading to this one.
    if (row + 1 < m_rows.size())
        Q_EMIT dataChanged(index(row + 1), index(row + 1), {GroupRole});
}

void ConversationListModel::onAdded(qint64 id)
{
    if (rowOf(id) >= 0)
        return;
    const Conversation c = m_store->conversation(id);
    if (matches(c))
        insertLoaded(c);
}

void ConversationListModel::onChanged(qint64 id)
{
    const int from = rowOf(id);
    const Conversation c = m_store->conversation(id);
    if (!matches(c)) { // archived, trashed, restored, untagged, or gone
        onRemoved(id);
        return;
    }
    if (from < 0) {
        insertLoaded(c);
        return;
    }
    const QString oldGroup = groupOf(*m_rows.at(from));
    m_groups.remove(id);
    // Find the new place as if the row were taken out first.
    Row old = m_rows.takeAt(from);
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
        *m_rows[to] = c;
        endMoveRows();
    } else {
        *m_rows[from] = c;
    }
    // A new group changes the heading of the row below as well (first of its group or not).
    const bool regrouped = groupOf(c) != oldGroup;
    const int last = regrouped && to + 1 < m_rows.size() ? to + 1 : to;
    Q_EMIT dataChanged(index(to), index(last));
}

void ConversationListModel::onRemoved(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_groups.remove(id);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    // The row that took its place may now open a group.
    if (row < m_rows.size())
        Q_EMIT dataChanged(index(row), index(row), {GroupRole});
}

} // namespace penpal
