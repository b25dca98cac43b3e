#include "Sidebar.h"

#include "chat/AppContext.h"
#include "model/ConversationListModel.h"
#include "store/Store.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace penpal {

Sidebar::Sidebar(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_newButton(new QPushButton(tr("New chat"), this))
    , m_list(new QListView(this))
{
    setObjectName(QStringLiteral("sidebar"));
    m_newButton->setObjectName(QStringLiteral("newChatButton"));
    m_newButton->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setModel(ctx->conversations());
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideRight);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(m_newButton);
    layout->addWidget(m_list, 1);

    auto *del = new QAction(tr("Delete"), m_list);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    connect(del, &QAction::triggered, this, &Sidebar::deleteSelected);
    m_list->addAction(del);

    connect(m_newButton, &QPushButton::clicked, this, &Sidebar::newChatRequested);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    Q_EMIT conversationActivated(current.data(ConversationListModel::IdRole).toLongLong());
            });
}

void Sidebar::selectConversation(qint64 id)
{
    auto *model = m_ctx->conversations();
    const int row = model->rowOf(id);
    if (row < 0) {
        m_list->clearSelection();
        m_list->selectionModel()->setCurrentIndex({}, QItemSelectionModel::Clear);
        return;
    }
    const QModelIndex idx = model->index(row);
    if (m_list->currentIndex() != idx)
        m_list->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect);
    m_list->scrollTo(idx);
}

qint64 Sidebar::selectedConversation() const
{
    const QModelIndex idx = m_list->currentIndex();
    return idx.isValid() ? idx.data(ConversationListModel::IdRole).toLongLong() : 0;
}

void Sidebar::renameSelected()
{
    const QModelIndex idx = m_list->currentIndex();
    if (idx.isValid())
        m_list->edit(idx);
}

void Sidebar::togglePinSelected()
{
    const QModelIndex idx = m_list->currentIndex();
    if (idx.isValid())
        m_ctx->conversations()->setData(idx, !idx.data(ConversationListModel::PinnedRole).toBool(),
                                        ConversationListModel::PinnedRole);
}

void Sidebar::deleteSelected()
{
    const qint64 id = selectedConversation();
    if (id == 0)
        return;
    const QString title = m_list->currentIndex().data(Qt::DisplayRole).toString();
    QMessageBox box(QMessageBox::Question, tr("Delete conversation"),
                    tr("Delete “%1” and all its messages? This cannot be undone.").arg(title),
                    QMessageBox::Cancel, this);
    QPushButton *deleteButton = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    deleteButton->setObjectName(QStringLiteral("confirmDeleteButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setObjectName(QStringLiteral("confirmDeleteDialog"));
    box.exec();
    if (box.clickedButton() != deleteButton)
        return;
    if (m_ctx->store()->deleteConversation(id))
        Q_EMIT conversationDeleted(id);
    else
        QMessageBox::warning(this, tr("Delete conversation"),
                             tr("The conversation could not be deleted: %1").arg(m_ctx->store()->lastError()));
}

void Sidebar::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex idx = m_list->indexAt(m_list->viewport()->mapFrom(this, event->pos()));
    if (!idx.isValid())
        return;
    m_list->setCurrentIndex(idx);
    const bool pinned = idx.data(ConversationListModel::PinnedRole).toBool();
    QMenu menu(this);
    menu.addAction(tr("Rename"), this, &Sidebar::renameSelected);
    menu.addAction(pinned ? tr("Unpin") : tr("Pin"), this, &Sidebar::togglePinSelected);
    menu.addSeparator();
    menu.addAction(tr("Delete…"), this, &Sidebar::deleteSelected);
    menu.exec(event->globalPos());
}

} // namespace penpal
