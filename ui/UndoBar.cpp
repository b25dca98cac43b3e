#include "UndoBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace penpal {

UndoBar::UndoBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_undo(new QPushButton(tr("Undo"), this))
{
    setObjectName(QStringLiteral("undoBar"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setObjectName(QStringLiteral("undoLabel"));
    m_label->setWordWrap(true);
    m_undo->setObjectName(QStringLiteral("undoButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_undo);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &QWidget::hide);
    connect(m_undo, &QPushButton::clicked, this, [this] {
        m_timer.stop();
        hide();
        Q_EMIT undoRequested();
    });
    hide();
}

void UndoBar::showMessage(const QString &text, int timeoutMs)
{
    m_label->setText(text);
    show();
    m_timer.start(timeoutMs);
}

QString UndoBar::text() const
{
    return m_label->text();
}

} // namespace penpal
