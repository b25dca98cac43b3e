#include "SearchPanel.h"

#include "SearchResultDelegate.h"
#include "store/Store.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace penpal {

namespace {

// Long enough to skip the searches between keystrokes of a word, short enough to feel live.
constexpr int kDebounceMs = 150;
constexpr int kMaxResults = 100;

} // namespace

SearchPanel::SearchPanel(Store *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_field(new QLineEdit(this))
    , m_results(new QListView(this))
    , m_model(new QStandardItemModel(this))
{
    setObjectName(QStringLiteral("searchPanel"));
    m_field->setObjectName(QStringLiteral("searchField"));
    m_field->setPlaceholderText(tr("Search all conversations (Ctrl+K)"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("Search all conversations"));
    m_field->installEventFilter(this);

    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setModel(m_model);
    m_results->setItemDelegate(new SearchResultDelegate(m_results));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_results->setUniformItemSizes(true);
    m_results->installEventFilter(this);
    m_results->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(4);
    layout->addWidget(m_field);
    layout->addWidget(m_results, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SearchPanel::searchNow);
    connect(m_field, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            m_debounce.stop();
            m_model->clear();
            setShowing(false);
            return;
        }
        m_debounce.start();
    });
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        if (m_debounce.isActive())
            searchNow();
        const QModelIndex current = m_results->currentIndex();
        activate(current.isValid() ? current : m_model->index(0, 0));
    });
    connect(m_results, &QAbstractItemView::clicked, this, &SearchPanel::activate);
    connect(m_results, &QAbstractItemView::activated, this, &SearchPanel::activate);
}

int SearchPanel::resultCount() const
{
    return m_model->rowCount();
}

void SearchPanel::focusField()
{
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
}

void SearchPanel::clear()
{
    m_debounce.stop();
    m_field->clear(); // textChanged hides the results
}

void SearchPanel::searchNow()
{
    m_debounce.stop();
    const QString query = m_field->text();
    if (query.trimmed().isEmpty())
        return;
    const QVector<SearchHit> hits = m_store->search(query, kMaxResults);
    m_model->clear();
    for (const SearchHit &hit : hits) {
        auto *item = new QStandardItem;
        item->setData(hit.conversationId, SearchResultDelegate::ConversationIdRole);
        item->setData(hit.messageId, SearchResultDelegate::MessageIdRole);
        item->setData(hit.title, SearchResultDelegate::TitleRole);
        item->setData(hit.snippet, SearchResultDelegate::SnippetRole);
        item->setData(hit.created, SearchResultDelegate::DateRole);
        item->setData(hit.archived, SearchResultDelegate::ArchivedRole);
        item->setData(hit.documentId, SearchResultDelegate::DocumentIdRole);
        // What screen readers say and keyboard search matches (a document says it is one).
        const QString title = hit.documentId != 0 ? tr("Draft: %1").arg(hit.title) : hit.title;
        item->setData(title + QStringLiteral(": ") + SearchResultDelegate::plainSnippet(hit.snippet),
                      Qt::DisplayRole);
        m_model->appendRow(item);
    }
    if (hits.isEmpty()) {
        auto *none = new QStandardItem(tr("No conversation contains “%1”.").arg(query.trimmed()));
        none->setFlags(Qt::NoItemFlags);
        none->setData(tr("No results"), SearchResultDelegate::TitleRole);
        none->setData(tr("No conversation contains “%1”.").arg(query.trimmed()),
                      SearchResultDelegate::SnippetRole);
        m_model->appendRow(none);
    } else {
        m_results->setCurrentIndex(m_model->index(0, 0));
    }
    m_results->scrollToTop();
    setShowing(true);
}

void SearchPanel::setShowing(bool showing)
{
    if (m_showing == showing)
        return;
    m_showing = showing;
    m_results->setVisible(showing);
    Q_EMIT showingResultsChanged(showing);
}

void SearchPanel::moveCurrent(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0 || !(m_model->item(0)->flags() & Qt::ItemIsEnabled))
        return;
    const QModelIndex current = m_results->currentIndex();
    const int row = qBound(0, (current.isValid() ? current.row() : -1) + delta, rows - 1);
    m_results->setCurrentIndex(m_model->index(row, 0));
}

void SearchPanel::activate(const QModelIndex &index)
{
    if (!index.isValid() || !(index.flags() & Qt::ItemIsEnabled))
        return;
    const qint64 documentId = index.data(SearchResultDelegate::DocumentIdRole).toLongLong();
    if (documentId != 0) {
        Q_EMIT documentActivated(documentId);
        return;
    }
    Q_EMIT hitActivated(index.data(SearchResultDelegate::ConversationIdRole).toLongLong(),
                        index.data(SearchResultDelegate::MessageIdRole).toLongLong());
}

bool SearchPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_field && watched != m_results)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        // Esc here belongs to the search, not to the window's Stop Reply.
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && (m_showing || !m_field->text().isEmpty())) {
            event->accept();
            return true;
        }
    } else if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && (m_showing || !m_field->text().isEmpty())) {
            clear();
            Q_EMIT dismissed();
            return true;
        }
        if (watched == m_field && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up)) {
            if (m_debounce.isActive())
                searchNow();
            moveCurrent(key->key() == Qt::Key_Down ? 1 : -1);
            return true;
        }
        if (watched == m_field && (key->key() == Qt::Key_PageDown || key->key() == Qt::Key_PageUp)) {
            moveCurrent(key->key() == Qt::Key_PageDown ? 5 : -5);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace penpal
