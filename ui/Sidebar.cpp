#include "Sidebar.h"

#include "ConversationDelegate.h"
#include "ConversationSettingsDialog.h"
#include "UndoBar.h"
#include "chat/AppContext.h"
#include "model/ConversationListModel.h"
#include "store/Store.h"

#include <QAction>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QInputDialog>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace penpal {

namespace {

constexpr int kViewRole = Qt::UserRole;
constexpr int kTagRole = Qt::UserRole + 1;

} // namespace

Sidebar::Sidebar(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_newButton(new QPushButton(tr("New chat"), this))
    , m_filterBox(new QComboBox(this))
    , m_emptyTrashButton(new QPushButton(tr("Empty Trash…"), this))
    , m_list(new QListView(this))
    , m_undoBar(new UndoBar(this))
{
    setObjectName(QStringLiteral("sidebar"));
    m_newButton->setObjectName(QStringLiteral("newChatButton"));
    m_newButton->setToolTip(tr("Start a new conversation (Ctrl+N)"));
    m_filterBox->setObjectName(QStringLiteral("sidebarFilter"));
    m_filterBox->setAccessibleName(tr("Show"));
    m_emptyTrashButton->setObjectName(QStringLiteral("emptyTrashButton"));
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
    m_list->setItemDelegate(new ConversationDelegate(m_list));
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::DoubleClicked);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Rows that open a group are taller (their heading), so sizes are not uniform.
    m_list->setUniformItemSizes(false);
    m_list->setTextElideMode(Qt::ElideRight);

    m_relayout.setSingleShot(true);
    m_relayout.setInterval(0);
    connect(&m_relayout, &QTimer::timeout, m_list, [this] { m_list->doItemsLayout(); });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(ConversationListModel::GroupRole))
                    m_relayout.start();
            });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(m_newButton);
    layout->addWidget(m_filterBox);
    layout->addWidget(m_emptyTrashButton);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_undoBar);

    auto *del = new QAction(tr("Delete"), m_list);
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    connect(del, &QAction::triggered, this, &Sidebar::deleteSelected);
    m_list->addAction(del);

    connect(m_newButton, &QPushButton::clicked, this, &Sidebar::newChatRequested);
    connect(m_emptyTrashButton, &QPushButton::clicked, this, &Sidebar::emptyTrash);
    connect(m_undoBar, &UndoBar::undoRequested, this, &Sidebar::undo);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (!current.isValid() || m_removingCurrent || m_reselecting)
                    return;
                m_openId = current.data(ConversationListModel::IdRole).toLongLong();
                Q_EMIT conversationActivated(m_openId);
            });
    // Switching views resets the list; coming back, the open conversation is selected again
    // (without opening it anew).
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_ctx->conversations()->rowOf(m_openId);
        if (m_openId == 0 || row < 0)
            return;
        m_reselecting = true;
        m_list->selectionModel()->setCurrentIndex(m_ctx->conversations()->index(row),
                                                  QItemSelectionModel::ClearAndSelect);
        m_reselecting = false;
    });
    // Groups are calendar days: at midnight "Today" becomes "Yesterday".
    m_midnight.setSingleShot(true);
    connect(&m_midnight, &QTimer::timeout, this, [this] {
        m_ctx->conversations()->refreshGroups();
        scheduleMidnight();
    });
    scheduleMidnight();

    rebuildFilterBox();
    connect(m_ctx->store(), &Store::tagsChanged, this, &Sidebar::rebuildFilterBox);
    connect(m_filterBox, qOverload<int>(&QComboBox::activated), this, &Sidebar::onFilterChosen);
    connect(model, &ConversationListModel::filterChanged, this, &Sidebar::updateForView);
    updateForView();
}

// --- selection

void Sidebar::scheduleMidnight()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime next(now.date().addDays(1), QTime(0, 0, 1));
    m_midnight.start(int(qBound(qint64(1000), now.msecsTo(next), qint64(24 * 3600 * 1000))));
}

void Sidebar::selectConversation(qint64 id)
{
    m_openId = id;
    auto *model = m_ctx->conversations();
    int row = model->rowOf(id);
    if (row < 0 && id != 0) {
        // Opened from elsewhere (a new chat, a search hit) while another view is shown: show
        // the view it is in, without a tag that might hide it.
        const Conversation c = m_ctx->store()->conversation(id);
        ConversationFilter home;
        home.view = c.deletedAt.isValid() ? ConversationFilter::View::Trash
                    : c.archived          ? ConversationFilter::View::Archived
                                          : ConversationFilter::View::Main;
        if (c.id != 0 && home != filter()) {
            setFilter(home);
            row = model->rowOf(id);
        }
    }
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

QVector<qint64> Sidebar::selectedConversations() const
{
    QModelIndexList rows = m_list->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QVector<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &idx : std::as_const(rows))
        ids.append(idx.data(ConversationListModel::IdRole).toLongLong());
    if (ids.isEmpty() && selectedConversation() != 0)
        ids.append(selectedConversation());
    return ids;
}

// --- filter

ConversationFilter Sidebar::filter() const
{
    return m_ctx->conversations()->filter();
}

void Sidebar::setFilter(const ConversationFilter &filter)
{
    m_ctx->conversations()->setFilter(filter); // filterChanged updates the box
}

bool Sidebar::inTrash() const
{
    return filter().view == ConversationFilter::View::Trash;
}

void Sidebar::rebuildFilterBox()
{
    const QSignalBlocker blocker(m_filterBox);
    m_filterBox->clear();
    m_filterBox->addItem(tr("All chats"), int(ConversationFilter::View::Main));
    m_filterBox->addItem(tr("Archived"), int(ConversationFilter::View::Archived));
    m_filterBox->addItem(tr("Trash"), int(ConversationFilter::View::Trash));
    const QVector<TagCount> tags = m_ctx->store()->allTags();
    if (!tags.isEmpty())
        m_filterBox->insertSeparator(m_filterBox->count());
    for (const TagCount &tag : tags) {
        m_filterBox->addItem(tr("# %1").arg(tag.name), int(ConversationFilter::View::Main));
        m_filterBox->setItemData(m_filterBox->count() - 1, tag.name, kTagRole);
    }
    updateForView();
}

void Sidebar::onFilterChosen()
{
    const int i = m_filterBox->currentIndex();
    ConversationFilter f;
    f.view = ConversationFilter::View(m_filterBox->itemData(i, kViewRole).toInt());
    f.tag = m_filterBox->itemData(i, kTagRole).toString();
    setFilter(f);
}

// Shows the model's filter in the box; a tag that no longer exists falls back to all chats.
void Sidebar::updateForView()
{
    const ConversationFilter f = filter();
    int found = -1;
    for (int i = 0; i < m_filterBox->count() && found < 0; ++i) {
        const QVariant view = m_filterBox->itemData(i, kViewRole);
        if (view.isValid() && view.toInt() == int(f.view) &&
            m_filterBox->itemData(i, kTagRole).toString().compare(f.tag, Qt::CaseInsensitive) == 0)
            found = i;
    }
    if (found < 0) {
        setFilter(ConversationFilter()); // emits filterChanged: comes back here
        return;
    }
    {
        const QSignalBlocker blocker(m_filterBox);
        m_filterBox->setCurrentIndex(found);
    }
    m_emptyTrashButton->setVisible(inTrash());
}

// --- actions

void Sidebar::failed(const QString &title)
{
    QMessageBox::warning(this, title, tr("That did not work: %1").arg(m_ctx->store()->lastError()));
}

void Sidebar::renameSelected()
{
    const QModelIndex idx = m_list->currentIndex();
    if (idx.isValid())
        m_list->edit(idx);
}

void Sidebar::togglePinSelected()
{
    const QVector<qint64> ids = selectedConversations();
    if (ids.isEmpty())
        return;
    // Mixed selections get pinned: "Pin" is what a person wants from a partly pinned set.
    bool pin = false;
    for (qint64 id : ids)
        pin = pin || !m_ctx->store()->conversation(id).pinned;
    for (qint64 id : ids) {
        if (!m_ctx->store()->setPinned(id, pin)) {
            failed(tr("Pin conversation"));
            return;
        }
    }
}

void Sidebar::deleteSelected()
{
    if (inTrash())
        deleteSelectedForever();
    else
        moveSelectedToTrash();
}

void Sidebar::moveSelectedToTrash()
{
    const QVector<qint64> ids = selectedConversations();
    if (ids.isEmpty())
        return;
    if (!m_ctx->store()->moveToTrash(ids)) {
        failed(tr("Move to Trash"));
        return;
    }
    m_undoIds = ids;
    m_undoArchive = false;
    for (qint64 id : ids)
        Q_EMIT conversationDeleted(id);
    const int n = int(ids.size());
    m_undoBar->showMessage(n == 1 ? tr("1 conversation moved to Trash")
                                  : tr("%n conversations moved to Trash", nullptr, n));
}

void Sidebar::toggleArchiveSelected()
{
    const QVector<qint64> ids = selectedConversations();
    if (ids.isEmpty() || inTrash())
        return;
    const bool archive = filter().view != ConversationFilter::View::Archived;
    if (!m_ctx->store()->setArchived(ids, archive)) {
        failed(archive ? tr("Archive") : tr("Unarchive"));
        return;
    }
    if (!archive)
        return;
    m_undoIds = ids;
    m_undoArchive = true;
    for (qint64 id : ids)
        Q_EMIT conversationArchived(id);
    const int n = int(ids.size());
    m_undoBar->showMessage(n == 1 ? tr("1 conversation archived")
                                  : tr("%n conversations archived", nullptr, n));
}

void Sidebar::undo()
{
    const QVector<qint64> ids = std::exchange(m_undoIds, {});
    if (ids.isEmpty())
        return;
    const bool ok =
        m_undoArchive ? m_ctx->store()->setArchived(ids, false) : m_ctx->store()->restoreFromTrash(ids);
    if (!ok)
        failed(tr("Undo"));
}

void Sidebar::restoreSelected()
{
    const QVector<qint64> ids = selectedConversations();
    if (!ids.isEmpty() && !m_ctx->store()->restoreFromTrash(ids))
        failed(tr("Restore"));
}

void Sidebar::deleteSelectedForever()
{
    const QVector<qint64> ids = selectedConversations();
    if (ids.isEmpty())
        return;
    const int n = int(ids.size());
    const QString text =
        n == 1 ? tr("Delete “%1” and all its messages forever? This cannot be undone.")
                     .arg(m_ctx->store()->conversation(ids.first()).title)
               : tr("Delete %n conversations and all their messages forever? This cannot be undone.", nullptr,
                    n);
    QMessageBox box(QMessageBox::Question, tr("Delete forever"), text, QMessageBox::Cancel, this);
    QPushButton *deleteButton = box.addButton(tr("Delete Forever"), QMessageBox::DestructiveRole);
    deleteButton->setObjectName(QStringLiteral("confirmDeleteButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setObjectName(QStringLiteral("confirmDeleteDialog"));
    box.exec();
    if (box.clickedButton() != deleteButton)
        return;
    if (!m_ctx->store()->deleteForever(ids)) {
        failed(tr("Delete forever"));
        return;
    }
    for (qint64 id : ids)
        Q_EMIT conversationDeleted(id);
}

void Sidebar::emptyTrash()
{
    ConversationFilter trash;
    trash.view = ConversationFilter::View::Trash;
    const int n = m_ctx->store()->conversationCount(trash);
    if (n == 0)
        return;
    QMessageBox box(
        QMessageBox::Question, tr("Empty Trash"),
        n == 1 ? tr("Delete the conversation in the Trash forever? This cannot be undone.")
               : tr("Delete all %n conversations in the Trash forever? This cannot be undone.", nullptr, n),
        QMessageBox::Cancel, this);
    QPushButton *emptyButton = box.addButton(tr("Empty Trash"), QMessageBox::DestructiveRole);
    emptyButton->setObjectName(QStringLiteral("confirmEmptyTrashButton"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.setObjectName(QStringLiteral("confirmEmptyTrashDialog"));
    box.exec();
    if (box.clickedButton() != emptyButton)
        return;
    QVector<qint64> ids;
    for (const Conversation &c : m_ctx->store()->conversations(trash))
        ids.append(c.id);
    if (m_ctx->store()->emptyTrash() < 0) {
        failed(tr("Empty Trash"));
        return;
    }
    for (qint64 id : std::as_const(ids))
        Q_EMIT conversationDeleted(id);
}

void Sidebar::exportSelected()
{
    const QVector<qint64> ids = selectedConversations();
    if (!ids.isEmpty())
        Q_EMIT exportRequested(ids);
}

// --- tags

void Sidebar::fillTagsMenu(QMenu *menu)
{
    menu->clear();
    const QVector<qint64> ids = selectedConversations();
    // How many of the selected conversations carry each tag (names compare case-insensitively).
    QHash<QString, int> carried;
    for (qint64 id : ids) {
        for (const QString &tag : m_ctx->store()->tagsOf(id))
            ++carried[tag.toCaseFolded()];
    }
    const QVector<TagCount> tags = m_ctx->store()->allTags();
    for (const TagCount &tag : tags) {
        QAction *a = menu->addAction(tr("# %1").arg(tag.name));
        a->setObjectName(QStringLiteral("tagAction"));
        a->setData(tag.name);
        a->setCheckable(true);
        const bool all = !ids.isEmpty() && carried.value(tag.name.toCaseFolded()) == ids.size();
        a->setChecked(all);
        a->setEnabled(!ids.isEmpty());
        const QString name = tag.name;
        connect(a, &QAction::triggered, this, [this, ids, name, all] {
            const bool ok = all ? m_ctx->store()->removeTag(ids, name) : m_ctx->store()->addTag(ids, name);
            if (!ok)
                failed(tr("Tags"));
        });
    }
    if (!tags.isEmpty())
        menu->addSeparator();
    QAction *add = menu->addAction(tr("New Tag…"), this, [this, ids] {
        QInputDialog dialog(this);
        dialog.setObjectName(QStringLiteral("newTagDialog"));
        dialog.setWindowTitle(tr("New Tag"));
        dialog.setLabelText(tr("Tag the selected conversations with:"));
        if (dialog.exec() != QDialog::Accepted || dialog.textValue().simplified().isEmpty())
            return;
        if (!m_ctx->store()->addTag(ids, dialog.textValue()))
            failed(tr("Tags"));
    });
    add->setObjectName(QStringLiteral("newTagAction"));
    add->setEnabled(!ids.isEmpty());
}

// --- context menu

void Sidebar::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex idx = m_list->indexAt(m_list->viewport()->mapFrom(this, event->pos()));
    if (!idx.isValid())
        return;
    // A click outside the selection acts on that row alone; inside it, on the whole selection.
    if (!m_list->selectionModel()->isSelected(idx))
        m_list->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect);
    const QVector<qint64> ids = selectedConversations();
    QMenu menu(this);
    if (inTrash()) {
        menu.addAction(tr("Restore"), this, &Sidebar::restoreSelected);
        menu.addAction(tr("Delete Forever…"), this, &Sidebar::deleteSelectedForever);
        menu.addSeparator();
        menu.addAction(tr("Empty Trash…"), this, &Sidebar::emptyTrash);
        menu.exec(event->globalPos());
        return;
    }
    QAction *rename = menu.addAction(tr("Rename"), this, &Sidebar::renameSelected);
    rename->setEnabled(ids.size() == 1);
    menu.addAction(idx.data(ConversationListModel::PinnedRole).toBool() ? tr("Unpin") : tr("Pin"), this,
                   &Sidebar::togglePinSelected);
    menu.addAction(filter().view == ConversationFilter::View::Archived ? tr("Unarchive") : tr("Archive"),
                   this, &Sidebar::toggleArchiveSelected);
    QMenu *tags = menu.addMenu(tr("Tags"));
    fillTagsMenu(tags);
    const qint64 id = idx.data(ConversationListModel::IdRole).toLongLong();
    QAction *settings = menu.addAction(tr("Conversation Settings…"), this,
                                       [this, id] { ConversationSettingsDialog::edit(m_ctx, id, this); });
    settings->setObjectName(QStringLiteral("sidebarConversationSettingsAction"));
    settings->setEnabled(ids.size() == 1);
    menu.addAction(tr("Export…"), this, &Sidebar::exportSelected);
    menu.addSeparator();
    menu.addAction(tr("Move to Trash"), this, &Sidebar::moveSelectedToTrash);
    menu.exec(event->globalPos());
}

} // namespace penpal
