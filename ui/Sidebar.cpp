#include "Sidebar.h"

#include "ConversationSettingsDialog.h"
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
    // Connected before setModel() so that these run before the view and its selection model
    // react to the removal: when the open conversation goes away, the view would make the next
    // row current, and that must not silently open another conversation. The owner decides
    // what to show instead (MainWindow starts a new chat).
    ConversationListModel *model = ctx->conversations();
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                const QModelIndex current = m_list->currentIndex();
                if (!parent.isValid() && current.isValid() && current.row() >= first && current.row() <= last)
                    m_removingCurrent = true;
            });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!m_removingCurrent)
            return;
        m_list->clearSelection();
        m_list->selectionModel()->setCurrentIndex({}, QItemSelectionModel::Clear);
        m_removingCurrent = false;
    });
    m_list->setModel(model);
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
                if (current.isValid() && !m_removingCurrent)
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
        QMessageBox::warning(
            this, tr("Delete conversation"),
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
    const qint64 id = idx.data(ConversationListModel::IdRole).toLongLong();
    QAction *settings = menu.addAction(tr("Conversation Settings…"), this,
                                       [this, id] { ConversationSettingsDialog::edit(m_ctx, id, this); });
    settings->setObjectName(QStringLiteral("sidebarConversationSettingsAction"));
    menu.addSeparator();
    menu.addAction(tr("Delete…"), this, &Sidebar::deleteSelected);
    menu.exec(event->globalPos());
}

} // namespace penpal
