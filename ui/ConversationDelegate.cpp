#include "ConversationDelegate.h"

#include "model/ConversationListModel.h"

#include <QPainter>

namespace penpal {

QString ConversationDelegate::headingOf(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    const QString group = index.data(ConversationListModel::GroupRole).toString();
    if (index.row() == 0)
        return group;
    const QModelIndex above = index.siblingAtRow(index.row() - 1);
    return above.data(ConversationListModel::GroupRole).toString() == group ? QString() : group;
}

QFont ConversationDelegate::headingFont(const QFont &base)
{
    QFont f = base;
    f.setBold(true);
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

int ConversationDelegate::headingHeight(const QStyleOptionViewItem &option)
{
    return QFontMetrics(headingFont(option.font)).height() + 10;
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const QString heading = headingOf(index);
    if (heading.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const int h = headingHeight(option);
    QRect headingRect = option.rect;
    headingRect.setHeight(h);
    painter->save();
    painter->setFont(headingFont(option.font));
    painter->setPen(option.palette.color(QPalette::PlaceholderText));
    painter->drawText(headingRect.adjusted(6, 4, -6, 0),
                      Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                      painter->fontMetrics().elidedText(heading, Qt::ElideRight, headingRect.width() - 12));
    painter->restore();
    // The row itself below the heading: selection and hover never cover the heading.
    QStyleOptionViewItem row = option;
    row.rect.setTop(option.rect.top() + h);
    QStyledItemDelegate::paint(painter, row, index);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Titles are one elided line, so every row is as tall as the first: measured once per
    // font, a relayout of thousands of rows lays out no text. The width is the view's (rows
    // span it in list mode); a title's own width would only add a horizontal scroll bar.
    if (m_rowHeight < 0 || m_rowFont != option.font) {
        m_rowHeight = QStyledItemDelegate::sizeHint(option, index).height();
        m_rowFont = option.font;
    }
    // Comfortable density gives rows a little air; compact keeps the style's tight row.
    QSize s(0, m_compact ? m_rowHeight : m_rowHeight + 6);
    if (!headingOf(index).isEmpty())
        s.rheight() += headingHeight(option);
    return s;
}

void ConversationDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    QStyleOptionViewItem row = option;
    if (!headingOf(index).isEmpty())
        row.rect.setTop(option.rect.top() + headingHeight(option));
    QStyledItemDelegate::updateEditorGeometry(editor, row, index);
}

} // namespace penpal
