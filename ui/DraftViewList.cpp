// The Draft workspace's document list: filter, selection opens, rename in place (F2 or
// double-click), Delete after asking; rebuilt when the store says a document changed.
#include "DraftView.h"

#include "chat/AppContext.h"
#include "store/Store.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace penpal {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
} // namespace

QWidget *DraftView::buildListPane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(QStringLiteral("draftListPane"));
    auto *v = new QVBoxLayout(pane);
    v->setContentsMargins(4, 4, 0, 4);
    m_filter = new QLineEdit(pane);
    m_filter->setObjectName(QStringLiteral("draftFilter"));
    m_filter->setAccessibleName(tr("Filter drafts"));
    m_filter->setPlaceholderText(tr("Filter drafts"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    v->addWidget(m_filter);

    m_list = new QListWidget(pane);
    m_list->setObjectName(QStringLiteral("draftList"));
    m_list->setAccessibleName(tr("Drafts"));
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item || m_loading)
            return;
        const qint64 id = item->data(kIdRole).toLongLong();
        if (id != m_documentId)
            openDocument(id);
    });
    // Editing the title in place (F2 or double-click) renames the document.
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_loading)
            return;
        const qint64 id = item->data(kIdRole).toLongLong();
        const QString title = item->text().simplified();
        const DraftDocument doc = m_ctx->store()->document(id);
        if (doc.id == 0)
            return;
        if (title.isEmpty() || title == doc.title) {
            const QSignalBlocker block(m_list);
            item->setText(doc.title);
            return;
        }
        m_ctx->store()->renameDocument(id, title);
    });
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_list->itemAt(pos))
            return;
        QMenu menu(this);
        menu.addAction(tr("&Rename"), this, &DraftView::renameCurrent);
        menu.addAction(tr("&Delete…"), this, &DraftView::deleteCurrent);
        menu.exec(m_list->viewport()->mapToGlobal(pos));
    });
    m_list->installEventFilter(this);
    v->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    m_newButton = new QPushButton(tr("New"), pane);
    m_newButton->setObjectName(QStringLiteral("newDraftButton"));
    m_newButton->setToolTip(tr("Start a new draft (Ctrl+N)"));
    connect(m_newButton, &QPushButton::clicked, this, [this] {
        if (newDocument(tr("Untitled draft")) != 0)
            m_editor->setFocus();
    });
    m_deleteButton = new QPushButton(tr("Delete"), pane);
    m_deleteButton->setObjectName(QStringLiteral("deleteDraftButton"));
    connect(m_deleteButton, &QPushButton::clicked, this, &DraftView::deleteCurrent);
    buttons->addWidget(m_newButton);
    buttons->addWidget(m_deleteButton);
    v->addLayout(buttons);
    return pane;
}

bool DraftView::editingTitle() const
{
    // An item editor lives in the list's viewport and has the focus while it is open (it
    // commits when it loses it).
    const QWidget *focus = QApplication::focusWidget();
    return focus && focus->parentWidget() == m_list->viewport();
}

void DraftView::scheduleListReload()
{
    m_listTimer->start();
}

void DraftView::reloadList()
{
    // Rebuilding the list would end a title edit in progress: come back when it is done.
    if (editingTitle()) {
        m_listTimer->start(300);
        return;
    }
    const QVector<DraftSummary> docs = m_ctx->store()->documents(m_filter->text().trimmed());
    const bool wasLoading = m_loading;
    m_loading = true;
    {
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (const DraftSummary &d : docs) {
            auto *item = new QListWidgetItem(d.title, m_list);
            item->setData(kIdRole, d.id);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
            QString tip = d.preview;
            if (d.updated.isValid())
                tip = QLocale().toString(d.updated.toLocalTime(), QLocale::ShortFormat) + QLatin1Char('\n') +
                      tip;
            item->setToolTip(tip);
        }
    }
    selectCurrentInList();
    m_loading = wasLoading;
}

void DraftView::selectCurrentInList()
{
    const QSignalBlocker block(m_list);
    m_list->setCurrentItem(nullptr);
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kIdRole).toLongLong() == m_documentId) {
            m_list->setCurrentRow(i);
            break;
        }
    }
}

void DraftView::renameCurrent()
{
    if (m_documentId == 0)
        return;
    selectCurrentInList();
    if (QListWidgetItem *item = m_list->currentItem())
        m_list->editItem(item);
}

void DraftView::deleteCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    const qint64 id = item ? item->data(kIdRole).toLongLong() : m_documentId;
    const DraftDocument doc = m_ctx->store()->document(id);
    if (doc.id == 0)
        return;
    QMessageBox box(QMessageBox::Question, tr("Delete Draft"),
                    tr("Delete “%1” and all its versions? This cannot be undone.").arg(doc.title),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteDraftConfirm"));
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes)
        return;
    if (id == m_documentId)
        m_dirty = false;
    m_ctx->store()->deleteDocument(id);
}

} // namespace penpal
