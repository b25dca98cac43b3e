#include "model/MessageListModel.h"

#include "core/AttachmentInfo.h"
#include "model/MessageFormat.h"
#include "store/Store.h"

#include <QLocale>

namespace penpal {

MessageListModel::MessageListModel(Store *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(m_store, &Store::messageAdded, this, &MessageListModel::onMessageAdded);
    connect(m_store, &Store::messagesRemoved, this, &MessageListModel::onMessagesRemoved);
    connect(m_store, &Store::currentLeafChanged, this, &MessageListModel::onCurrentLeafChanged);
    connect(m_store, &Store::messageChanged, this, &MessageListModel::onMessageChanged);
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
    m_siblings.clear();
    if (m_conversationId != 0) {
        // One more than a page tells whether older messages exist without a COUNT query.
        m_rows = m_store->thread(m_conversationId, m_pageSize + 1);
        m_hasOlder = m_rows.size() > m_pageSize;
        if (m_hasOlder)
            m_rows.removeFirst();
    } else {
        m_hasOlder = false;
    }
    m_revisions.resize(m_rows.size());
    for (quint32 &r : m_revisions)
        r = nextRevision();
    ensureSiblings();
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
    case SiblingIndexRole:
    case SiblingCountRole: {
        // A list not (yet) loaded reads as "no alternatives" rather than failing.
        const auto it = m_siblings.constFind(m.parentId);
        const qsizetype at = it == m_siblings.cend() ? -1 : it->indexOf(m.id);
        if (at < 0)
            return 1;
        return role == SiblingIndexRole ? int(at + 1) : int(it->size());
    }
    case OmittedBeforeRole:
        return m.contextOmitted;
    case FooterTextRole:
        return MessageFormat::footerText(m);
    case FinishReasonRole:
        return m.finishReason;
    case AttachmentsRole:
        return QVariant::fromValue(m.role == Role::User ? m_store->attachmentInfo(m.id) : AttachmentInfos());
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
    names.insert(SiblingIndexRole, "siblingIndex");
    names.insert(SiblingCountRole, "siblingCount");
    names.insert(OmittedBeforeRole, "omittedBefore");
    names.insert(FooterTextRole, "footerText");
    names.insert(FinishReasonRole, "finishReason");
    names.insert(AttachmentsRole, "attachments");
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
    QVector<quint32> revisions(older.size());
    for (quint32 &r : revisions)
        r = nextRevision();
    beginInsertRows({}, 0, int(older.size() - 1));
    m_rows = older + m_rows;
    m_revisions = revisions + m_revisions;
    ensureSiblings();
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

bool MessageListModel::showSibling(qint64 messageId, int delta)
{
    const int row = rowOf(messageId);
    if (row < 0 || delta == 0)
        return false;
    const QVector<qint64> siblings = m_siblings.value(m_rows.at(row).parentId);
    const qsizetype at = siblings.indexOf(messageId);
    const qsizetype target = at + delta;
    if (at < 0 || target < 0 || target >= siblings.size())
        return false;
    const qint64 leaf = m_store->newestLeafUnder(siblings.at(target));
    if (leaf == 0 || !m_store->setCurrentLeaf(m_conversationId, leaf))
        return false;
    // The store's currentLeafChanged has re-formed the rows already; this covers a store
    // whose signal is blocked.
    if (m_rows.isEmpty() || m_rows.constLast().id != leaf)
        syncPath();
    return true;
}

QString MessageListModel::markdownOf(qint64 messageId) const
{
    const int row = rowOf(messageId);
    return MessageFormat::markdown(row >= 0 ? m_rows.at(row) : m_store->message(messageId));
}

QString MessageListModel::plainTextOf(qint64 messageId) const
{
    return MessageFormat::plainText(markdownOf(messageId));
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
    m_revisions[row] = nextRevision();
    const QModelIndex idx = index(row);
    Q_EMIT dataChanged(idx, idx);
}

int MessageListModel::syncPath()
{
    if (m_conversationId == 0)
        return int(m_rows.size());
    const QVector<Message> tail = m_store->thread(m_conversationId, m_pageSize + 1);
    QHash<qint64, int> rowById;
    rowById.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        rowById.insert(m_rows.at(i).id, i);

    // The deepest message of the new path that is shown: everything above it is shared
    // (a message has one chain of ancestors), everything below it is re-formed.
    int keep = -1;
    int from = 0;
    for (int k = int(tail.size()) - 1; k >= 0; --k) {
        const auto it = rowById.constFind(tail.at(k).id);
        if (it != rowById.cend()) {
            keep = *it + 1;
            from = k + 1;
            break;
        }
    }
    if (keep < 0) {
        // Nothing shared with the loaded rows, e.g. another root after the first prompt was
        // edited. When both the rows and the new path start at the root they can still be
        // swapped row by row; otherwise only a reset is right.
        if (m_hasOlder || tail.size() > m_pageSize) {
            reload();
            return 0;
        }
        keep = 0;
        from = 0;
    }

    if (keep < m_rows.size()) {
        beginRemoveRows({}, keep, int(m_rows.size()) - 1);
        m_rows.resize(keep);
        m_revisions.resize(keep);
        endRemoveRows();
    }
    const int added = int(tail.size()) - from;
    if (added > 0) {
        beginInsertRows({}, keep, keep + added - 1);
        for (int k = from; k < tail.size(); ++k) {
            m_rows.append(tail.at(k));
            m_revisions.append(nextRevision());
        }
        ensureSiblings();
        endInsertRows();
    } else {
        ensureSiblings();
    }
    return keep;
}

void MessageListModel::ensureSiblings()
{
    QSet<qint64> needed;
    needed.reserve(m_rows.size());
    for (const Message &m : std::as_const(m_rows))
        needed.insert(m.parentId);
    for (auto it = m_siblings.begin(); it != m_siblings.end();)
        it = needed.contains(it.key()) ? std::next(it) : m_siblings.erase(it);
    QVector<qint64> missing;
    for (qint64 parent : std::as_const(needed)) {
        if (!m_siblings.contains(parent))
            missing.append(parent);
    }
    if (missing.isEmpty())
        return;
    const auto found = m_store->childIdsOf(m_conversationId, missing);
    for (auto it = found.cbegin(); it != found.cend(); ++it)
        m_siblings.insert(it.key(), it.value());
}

void MessageListModel::siblingsChanged(const QSet<qint64> &parents, int firstNewRow)
{
    if (parents.isEmpty())
        return;
    for (int row = 0; row < qMin(firstNewRow, int(m_rows.size())); ++row) {
        if (parents.contains(m_rows.at(row).parentId))
            emitRowChanged(row);
    }
}

void MessageListModel::onMessageAdded(qint64 conversationId, qint64 messageId)
{
    if (conversationId != m_conversationId)
        return;
    const Message m = m_store->message(messageId);
    if (m.id == 0 || rowOf(messageId) >= 0)
        return;
    QSet<qint64> changed;
    auto list = m_siblings.find(m.parentId);
    if (list != m_siblings.end() && !list->contains(m.id)) {
        list->append(m.id); // the newest reply sorts last
        changed.insert(m.parentId);
    }
    // The new message is the current leaf: usually a reply to the last row.
    const qint64 lastId = m_rows.isEmpty() ? 0 : m_rows.constLast().id;
    int firstNew = 0;
    if (m.parentId == lastId && !(m_rows.isEmpty() && m_hasOlder)) {
        firstNew = int(m_rows.size());
        beginInsertRows({}, firstNew, firstNew);
        m_rows.append(m);
        m_revisions.append(nextRevision());
        ensureSiblings();
        endInsertRows();
    } else {
        // A new branch (a regenerated reply, an edited prompt): the shown path changed.
        firstNew = syncPath();
    }
    siblingsChanged(changed, firstNew);
}

void MessageListModel::onMessagesRemoved(qint64 conversationId, const QVector<qint64> &messageIds)
{
    if (conversationId != m_conversationId)
        return;
    const QSet<qint64> gone(messageIds.cbegin(), messageIds.cend());
    QSet<qint64> changed;
    for (auto it = m_siblings.begin(); it != m_siblings.end();) {
        if (gone.contains(it.key())) {
            it = m_siblings.erase(it);
            continue;
        }
        if (it->removeIf([&gone](qint64 id) { return gone.contains(id); }) > 0)
            changed.insert(it.key());
        ++it;
    }
    bool shownGone = false;
    for (const Message &m : std::as_const(m_rows))
        shownGone = shownGone || gone.contains(m.id);
    // The store has moved the current leaf already (its currentLeafChanged follows and then
    // finds nothing left to do).
    const int firstNew = shownGone ? syncPath() : int(m_rows.size());
    siblingsChanged(changed, firstNew);
}

void MessageListModel::onCurrentLeafChanged(qint64 conversationId, qint64 leafId)
{
    if (conversationId != m_conversationId)
        return;
    if (leafId == 0 || m_rows.isEmpty() || m_rows.constLast().id != leafId)
        syncPath();
}

void MessageListModel::onMessageChanged(qint64 conversationId, qint64 messageId)
{
    if (conversationId != m_conversationId)
        return;
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    Message fresh = m_store->message(messageId);
    if (fresh.id == 0)
        return;
    Message &shown = m_rows[row];
    // While a reply streams, the text shown is ahead of the stored text.
    if (shown.state == MessageState::Streaming && fresh.state == MessageState::Streaming) {
        fresh.content = shown.content;
        fresh.reasoning = shown.reasoning;
    }
    shown = fresh;
    emitRowChanged(row);
}

} // namespace penpal
