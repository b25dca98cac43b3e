#pragma once

#include <QFont>
#include <QStyledItemDelegate>

namespace penpal {

// Draws a conversation row, and above the first row of each date group ("Today", "Yesterday",
// "October 2026": ConversationListModel::GroupRole) that group's heading. Headings are part
// of their row rather than rows of their own, so selection, ids and keyboard navigation only
// ever see conversations.
class ConversationDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The heading drawn above the row at `index`, empty when the row does not open a group.
    static QString headingOf(const QModelIndex &index);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;
    // Compact density: rows as tall as the style makes them; comfortable adds a little air.
    void setCompact(bool compact) { m_compact = compact; }
    bool isCompact() const { return m_compact; }

private:
    static QFont headingFont(const QFont &base);
    static int headingHeight(const QStyleOptionViewItem &option);

    mutable int m_rowHeight = -1;
    mutable QFont m_rowFont;
    bool m_compact = false;
};

} // namespace penpal
