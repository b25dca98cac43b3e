#include "TranslationHistoryPanel.h"

#include "SearchResultDelegate.h"
#include "store/Store.h"
#include "translate/Languages.h"
#include "translate/TranslationRecord.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace penpal {

namespace {

constexpr int IdRole = SearchResultDelegate::ConversationIdRole;

QString languageName(const QString &code)
{
    return code.isEmpty() ? TranslationHistoryPanel::tr("Unknown") : Languages::nativeName(code);
}

} // namespace

TranslationHistoryPanel::TranslationHistoryPanel(Store *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("translationHistory"));
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("translationHistorySearch"));
    m_field->setAccessibleName(tr("Search translation history"));
    m_field->setPlaceholderText(tr("Search translations"));
    m_field->setClearButtonEnabled(true);
    m_field->installEventFilter(this);
    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("translationHistoryList"));
    m_list->setAccessibleName(tr("Translation history"));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setItemDelegate(new SearchResultDelegate(m_list));
    m_list->installEventFilter(this);
    m_model = new QStandardItemModel(this);
    m_list->setModel(m_model);
    m_open = new QPushButton(tr("Open"), this);
    m_open->setObjectName(QStringLiteral("openTranslationButton"));
    m_delete = new QPushButton(tr("Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteTranslationButton"));

    auto *title = new QLabel(tr("History"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_field);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &TranslationHistoryPanel::reload);
    connect(m_field, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_store, &Store::translationsChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        if (const qint64 id = index.data(IdRole).toLongLong())
            Q_EMIT openRequested(id);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const qint64 id = currentId())
            Q_EMIT openRequested(id);
    });
    connect(m_delete, &QPushButton::clicked, this, &TranslationHistoryPanel::deleteCurrent);
    reload();
}

int TranslationHistoryPanel::count() const
{
    int n = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        n += idAt(row) != 0 ? 1 : 0;
    return n;
}

qint64 TranslationHistoryPanel::idAt(int row) const
{
    return m_model->index(row, 0).data(IdRole).toLongLong();
}

qint64 TranslationHistoryPanel::currentId() const
{
    return m_list->currentIndex().data(IdRole).toLongLong();
}

void TranslationHistoryPanel::reload()
{
    m_debounce.stop();
    const qint64 keep = currentId();
    const QString query = m_field->text().trimmed();
    const QVector<TranslationSummary> jobs = m_store->translations(query);
    m_model->clear();
    for (const TranslationSummary &s : jobs) {
        auto *item = new QStandardItem;
        const QString pair =
            tr("%1 → %2").arg(languageName(s.sourceLanguage), Languages::nativeName(s.targetLanguage));
        const QString title = s.state == QLatin1String("complete") ? pair : tr("%1 (incomplete)").arg(pair);
        const QString snippet = query.isEmpty() ? s.sourcePreview : s.snippet;
        item->setData(s.id, IdRole);
        item->setData(title, SearchResultDelegate::TitleRole);
        item->setData(snippet, SearchResultDelegate::SnippetRole);
        item->setData(s.updated, SearchResultDelegate::DateRole);
        item->setData(false, SearchResultDelegate::ArchivedRole);
        item->setData(title + QStringLiteral(": ") + SearchResultDelegate::plainSnippet(snippet),
                      Qt::AccessibleTextRole);
        item->setToolTip(s.resultPreview);
        m_model->appendRow(item);
        if (s.id == keep)
            m_list->setCurrentIndex(item->index());
    }
    if (jobs.isEmpty()) {
        auto *none = new QStandardItem;
        none->setData(query.isEmpty() ? tr("No translations yet") : tr("No results"),
                      SearchResultDelegate::TitleRole);
        none->setFlags(Qt::NoItemFlags);
        m_model->appendRow(none);
    }
    m_open->setEnabled(!jobs.isEmpty());
    m_delete->setEnabled(!jobs.isEmpty());
}

bool TranslationHistoryPanel::deleteCurrent()
{
    const qint64 id = currentId();
    if (id == 0)
        return false;
    QMessageBox box(QMessageBox::Question, tr("Delete Translation"),
                    tr("Delete this translation from the history? This cannot be undone."),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("deleteTranslationConfirm"));
    QPushButton *yes = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != yes)
        return false;
    const int row = m_list->currentIndex().row();
    if (!m_store->deleteTranslation(id))
        return false;
    reload();
    // The next job down is selected, so Delete can go through a list one by one.
    if (m_model->rowCount() > 0 && idAt(0) != 0)
        m_list->setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1), 0));
    return true;
}

bool TranslationHistoryPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (watched == m_list && key->key() == Qt::Key_Delete) {
            deleteCurrent();
            return true;
        }
        if (watched == m_field &&
            (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            if (m_debounce.isActive())
                reload();
            if (key->key() == Qt::Key_Down) {
                m_list->setFocus();
                if (!m_list->currentIndex().isValid() && idAt(0) != 0)
                    m_list->setCurrentIndex(m_model->index(0, 0));
            } else if (const qint64 id = currentId() ? currentId() : idAt(0)) {
                Q_EMIT openRequested(id);
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace penpal
