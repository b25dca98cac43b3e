#pragma once

#include <QStyledItemDelegate>

namespace penpal {

// Draws one search result: the conversation's title with the date (and "Archived" for an
// archived conversation, "Draft" for a Draft document) on the first line, then up to two lines of the snippet with every
// occurrence of the query drawn bold on the highlight colour. The snippet comes from
// Store::search with the occurrences between \u0002 and \u0003.
class SearchResultDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum Roles {
        ConversationIdRole = Qt::UserRole + 1,
        MessageIdRole, // 0 for a title hit
        TitleRole,
        SnippetRole, // with the \u0002 / \u0003 markers
        DateRole,    // QDateTime
        ArchivedRole,
        DocumentIdRole, // a Draft document's hit (ConversationIdRole 0)
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // What the first line shows beside the date: "Draft" for a document, "Archived" for an
    // archived conversation, "" otherwise.
    static QString badgeText(const QModelIndex &index);

    // The snippet without markers, and the ranges the markers enclosed.
    static QString plainSnippet(const QString &marked, QVector<QPair<int, int>> *ranges = nullptr);
};

} // namespace penpal
