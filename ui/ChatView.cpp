#include "ChatView.h"

#include "MessageDelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>

namespace penpal {

ChatView::ChatView(QWidget *parent)
    : QListView(parent)
    , m_delegate(new MessageDelegate(this))
{
    setObjectName(QStringLiteral("chatView"));
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setFrameShape(QFrame::NoFrame);
    verticalScrollBar()->setSingleStep(24);
    setAccessibleName(tr("Conversation"));
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] { maybeFetchOlder(); });
}

void ChatView::setModel(QAbstractItemModel *model)
{
    QListView::setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        QTimer::singleShot(0, this, [this] { scrollToBottom(); });
    });
}

bool ChatView::isAtBottom() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

void ChatView::followIfNeeded(bool wasAtBottom)
{
    if (wasAtBottom)
        QTimer::singleShot(0, this, [this] { scrollToBottom(); });
}

void ChatView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    const bool wasAtBottom = isAtBottom();
    QListView::dataChanged(topLeft, bottomRight, roles);
    // A streaming row grows: its height must be asked again.
    scheduleDelayedItemsLayout();
    followIfNeeded(wasAtBottom);
}

void ChatView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    const bool wasAtBottom = isAtBottom();
    QListView::rowsInserted(parent, start, end);
    if (model() && end == model()->rowCount() - 1)
        followIfNeeded(wasAtBottom);
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    const bool wasAtBottom = isAtBottom();
    QListView::resizeEvent(event);
    followIfNeeded(wasAtBottom);
}

void ChatView::maybeFetchOlder()
{
    QAbstractItemModel *m = model();
    if (!m || m_fetching || verticalScrollBar()->value() > 0 || !m->canFetchMore({}))
        return;
    // Keep the message under the user's eyes where it is while rows appear above it.
    m_fetching = true;
    const int fromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
    m->fetchMore({});
    doItemsLayout();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum() - fromBottom);
    m_fetching = false;
}

void ChatView::copyMessage(const QModelIndex &index) const
{
    if (index.isValid())
        QApplication::clipboard()->setText(MessageDelegate::visibleText(index));
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    QMenu menu(this);
    menu.addAction(tr("Copy Message"), this, [this, index] { copyMessage(index); });
    menu.exec(event->globalPos());
}

} // namespace penpal
