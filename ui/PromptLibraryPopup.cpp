#include "PromptLibraryPopup.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace penpal {

PromptLibraryPopup::PromptLibraryPopup(const QVector<SavedPrompt> &prompts, QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_prompts(prompts)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("promptLibraryPopup"));
    setAttribute(Qt::WA_DeleteOnClose);
    setFrameShape(QFrame::StyledPanel);
    m_filter->setObjectName(QStringLiteral("promptLibraryFilter"));
    m_filter->setPlaceholderText(tr("Filter prompts"));
    m_list->setObjectName(QStringLiteral("promptLibraryList"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, &PromptLibraryPopup::refilter);
    connect(m_list, &QListWidget::itemActivated, this, &PromptLibraryPopup::choose);
    refilter();
    m_filter->setFocus();
}

bool PromptLibraryPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
            // The list moves while the focus stays in the filter, so typing goes on filtering.
            QCoreApplication::sendEvent(m_list, event);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose();
            return true;
        case Qt::Key_Escape:
            close();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void PromptLibraryPopup::refilter()
{
    const QString filter = m_filter->text().trimmed();
    m_list->clear();
    for (const SavedPrompt &p : m_prompts) {
        if (!filter.isEmpty() && !p.name.contains(filter, Qt::CaseInsensitive) &&
            !p.text.contains(filter, Qt::CaseInsensitive))
            continue;
        auto *item = new QListWidgetItem(p.name, m_list);
        item->setData(Qt::UserRole, p.id);
        item->setToolTip(p.text.left(500));
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void PromptLibraryPopup::choose()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const qint64 id = item->data(Qt::UserRole).toLongLong();
    close();
    Q_EMIT chosen(id);
}

} // namespace penpal
