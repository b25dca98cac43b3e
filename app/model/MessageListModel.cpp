#include "model/MessageListModel.h"

#include "store/Store.h"

#include <QLocale>

namespace penpal {

MessageListModel::MessageListModel(Store *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(m_store, &Store::messageAdded, this, &MessageListModel::onMessageAdded);
    connect(m_store, &Store::conversationRemoved, this, [this](qint64 id) {
        if (id == m_conversationId)
            openConversation(0);
    });
}

void MessageListModel::openConversation(qint64 conversationId)
{
    m_conversationId = conversationId;
    reload();
}

void MessageListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (m_conversationId != 0) {
        // One more than a page tells whether older messages exist without a COUNT query.
        m_rows = m_store->thread(m_conversationId, m_pageSize + 1);
        m_hasOlder = m_rows.size() > m_pageSize;
        if (m_hasOlder)
            m_rows.removeFirst();
    } else {
        m_hasOlder = false;
    }
    m_revisions = QVector<quint32>(m_rows.size(), 0);
    endResetModel();
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

static QString usageText(const Message &m)
{
    QStringList parts;
    const QLocale locale;
    if (m.usage.completionTokens >= 0)
        parts << MessageListModel::tr("%n token(s)", nullptr, m.usage.completionTokens);
    if (m.durationMs >= 0)
        parts << MessageListModel::tr("%1 s").arg(locale.toString(m.durationMs / 1000.0, 'f', 1));
    return parts.join(QStringLiteral(" · "));
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Message &m = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return m.content;
    case IdRole:
        return m.id;
    case RoleRole:
        return int(m.role);
    case ReasoningRole:
        return m.reasoning;
    case StateRole:
        return int(m.state);
    case ErrorTextRole:
        return m.errorText;
    case ModelRole:
        return m.model;
    case CreatedRole:
        return m.created;
    case RevisionRole:
        return m_revisions.at(index.row());
    case ParentIdRole:
        return m.parentId;
    case UsageTextRole:
        return usageText(m);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "messageId");
    names.insert(RoleRole, "role");
    names.insert(ContentRole, "content");
    names.insert(ReasoningRole, "reasoning");
    names.insert(StateRole, "state");
    names.insert(ErrorTextRole, "errorText");
    names.insert(ModelRole, "model");
    names.insert(CreatedRole, "created");
    names.insert(RevisionRole, "revision");
    names.insert(ParentIdRole, "parentId");
    names.insert(UsageTextRole, "usageText");
    return names;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasOlder;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_hasOlder || m_rows.isEmpty())
        return;
    QVector<Message> older = m_store->thread(m_conversationId, m_pageSize + 1, m_rows.first().id);
    m_hasOlder = older.size() > m_pageSize;
    if (m_hasOlder)
        older.removeFirst();
    if (older.isEmpty())
        return;
    beginInsertRows({}, 0, int(older.size() - 1));
    m_rows = older + m_rows;
    m_revisions = QVector<quint32>(older.size(), 0) + m_revisions;
    endInsertRows();
}

int MessageListModel::rowOf(qint64 messageId) const
{
    // Recent rows are the ones that change; search from the end.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (m_rows.at(i).id == messageId)
            return i;
    }
    return -1;
}

const Message *MessageListModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

const Message *MessageListModel::lastMessage() const
{
    return m_rows.isEmpty() ? nullptr : &m_rows.last();
}

void MessageListModel::setLiveText(qint64 messageId, const QString &content, const QString &reasoning)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    Message &m = m_rows[row];
    if (m.content == content && m.reasoning == reasoning)
        return;
    m.content = content;
    m.reasoning = reasoning;
    emitRowChanged(row);
}

void MessageListModel::refreshMessage(qint64 messageId)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    const Message m = m_store->message(messageId);
    if (m.id == 0)
        return;
    m_rows[row] = m;
    emitRowChanged(row);
}

void MessageListModel::emitRowChanged(int row)
{
    ++m_revisions[row];
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx);
}

void MessageListModel::onMessageAdded(qint64 conversationId, qint64 messageId)
{
    if (conversationId != m_conversationId)
        return;
    const Message m = m_store->message(messageId);
    if (m.id == 0 || rowOf(messageId) >= 0)
        return;
    const qint64 lastId = m_rows.isEmpty() ? 0 : m_rows.last().id;
    if (m.parentId != lastId) {
        // A new branch (e.g. a retried reply): the shown path changed, so load it afresh.
        reload();
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(m);
    m_revisions.append(0);
    endInsertRows();
}

} // namespace penpal
