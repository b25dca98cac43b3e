#include "ChatViewAccessible.h"

#include "ChatView.h"
#include "model/MessageListModel.h"

#include <QPointer>
#include <QScrollBar>

namespace penpal {

namespace {

QString senderName(const QModelIndex &index)
{
    switch (Role(index.data(MessageListModel::RoleRole).toInt())) {
    case Role::User:
        return ChatView::tr("You");
    case Role::System:
        return ChatView::tr("System prompt");
    case Role::Assistant:
        break;
    }
    const QString model = index.data(MessageListModel::ModelRole).toString();
    return model.isEmpty() ? ChatView::tr("Assistant") : ChatView::tr("Assistant (%1)").arg(model);
}

QString stateText(const QModelIndex &index)
{
    switch (MessageState(index.data(MessageListModel::StateRole).toInt())) {
    case MessageState::Streaming:
        return ChatView::tr("Being written");
    case MessageState::Interrupted:
        return ChatView::tr("Interrupted");
    case MessageState::Failed:
        return ChatView::tr("Failed: %1").arg(index.data(MessageListModel::ErrorTextRole).toString());
    case MessageState::Complete:
        break;
    }
    return {};
}

// One message. Identified by its id, not its row: rows move when older pages load above.
class MessageAccessible : public QAccessibleInterface, public QAccessibleActionInterface {
public:
    MessageAccessible(ChatView *view, qint64 messageId)
        : m_view(view)
        , m_id(messageId)
    {
    }

    bool isValid() const override { return m_view && row() >= 0; }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_view ? m_view->windowHandle() : nullptr; }
    QAccessibleInterface *parent() const override { return QAccessible::queryAccessibleInterface(m_view); }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    void setText(QAccessible::Text, const QString &) override {}

    QString text(QAccessible::Text t) const override
    {
        const int r = row();
        if (r < 0)
            return {};
        const QModelIndex index = m_view->model()->index(r, 0);
        switch (t) {
        case QAccessible::Name:
            return senderName(index);
        case QAccessible::Value:
            return m_view->messageText(r);
        case QAccessible::Description: {
            QStringList parts{stateText(index), index.data(MessageListModel::FooterTextRole).toString()};
            const int count = index.data(MessageListModel::SiblingCountRole).toInt();
            if (count > 1)
                parts << ChatView::tr("version %1 of %2")
                             .arg(index.data(MessageListModel::SiblingIndexRole).toInt())
                             .arg(count);
            parts.removeAll(QString());
            return parts.join(QLatin1String(" · "));
        }
        default:
            return {};
        }
    }

    QRect rect() const override
    {
        const QRect r = isValid() ? m_view->rowRect(row()) : QRect();
        if (r.isEmpty())
            return {};
        const QRect visible = r.intersected(m_view->viewport()->rect());
        return QRect(m_view->viewport()->mapToGlobal(visible.topLeft()), visible.size());
    }

    QAccessible::State state() const override
    {
        QAccessible::State s;
        s.readOnly = true;
        s.selectable = false;
        if (!isValid() || m_view->rowRect(row()).isEmpty()) {
            s.invisible = !isValid();
            s.offscreen = true;
        }
        if (isValid() &&
            MessageState(m_view->model()->index(row(), 0).data(MessageListModel::StateRole).toInt()) ==
                MessageState::Streaming)
            s.busy = true;
        return s;
    }

    void *interface_cast(QAccessible::InterfaceType type) override
    {
        return type == QAccessible::ActionInterface ? static_cast<QAccessibleActionInterface *>(this)
                                                    : nullptr;
    }

    QStringList actionNames() const override
    {
        QStringList names;
        if (isValid()) {
            for (MessageLayout::Action a : m_view->actionsOf(row()))
                names << MessageLayout::actionName(a);
        }
        return names;
    }

    void doAction(const QString &name) override
    {
        if (!isValid())
            return;
        const int r = row();
        for (MessageLayout::Action a : m_view->actionsOf(r)) {
            if (MessageLayout::actionName(a) == name) {
                m_view->triggerAction(r, a);
                return;
            }
        }
    }

    QStringList keyBindingsForAction(const QString &) const override { return {}; }

    int row() const { return m_view && m_view->model() ? m_view->model()->rowOf(m_id) : -1; }

private:
    QPointer<ChatView> m_view;
    qint64 m_id;
};

QAccessibleInterface *factory(const QString &className, QObject *object)
{
    if (className == QLatin1String("penpal::ChatView") && object && object->isWidgetType())
        return new ChatViewAccessible(static_cast<ChatView *>(object));
    return nullptr;
}

} // namespace

ChatViewAccessible::ChatViewAccessible(ChatView *view)
    : QAccessibleWidget(view, QAccessible::List, ChatView::tr("Conversation"))
{
}

ChatViewAccessible::~ChatViewAccessible()
{
    for (QAccessible::Id id : std::as_const(m_children))
        QAccessible::deleteAccessibleInterface(id);
}

void ChatViewAccessible::install()
{
    static bool installed = false;
    if (!installed) {
        installed = true;
        QAccessible::installFactory(factory);
    }
}

ChatView *ChatViewAccessible::view() const
{
    return static_cast<ChatView *>(widget());
}

int ChatViewAccessible::childCount() const
{
    return view()->model() ? view()->model()->rowCount() : 0;
}

QAccessibleInterface *ChatViewAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    const qint64 id = view()->model()->index(index, 0).data(MessageListModel::IdRole).toLongLong();
    if (const auto it = m_children.constFind(id); it != m_children.constEnd()) {
        if (QAccessibleInterface *iface = QAccessible::accessibleInterface(*it))
            return iface;
    }
    auto *iface = new MessageAccessible(view(), id);
    m_children.insert(id, QAccessible::registerAccessibleInterface(iface));
    return iface;
}

int ChatViewAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    const auto *message = dynamic_cast<const MessageAccessible *>(child);
    return message && message->parent() == this ? message->row() : -1;
}

QAccessibleInterface *ChatViewAccessible::childAt(int x, int y) const
{
    const QPoint local = view()->viewport()->mapFromGlobal(QPoint(x, y));
    const int row = view()->rowAt(local);
    return row >= 0 ? child(row) : nullptr;
}

} // namespace penpal
