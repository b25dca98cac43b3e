#pragma once

#include <QCache>
#include <QStyledItemDelegate>

namespace penpal {

class SafeTextDocument;

// Paints one message: a header (who), the text (Markdown for replies, plain for prompts),
// the reasoning in grey above it, and the state of a failed or interrupted reply below.
// Each message's laid-out document is cached by (id, revision, width), so scrolling and
// repainting never re-parse text that did not change.
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The plain text a person sees for the message (what Copy puts on the clipboard).
    static QString visibleText(const QModelIndex &index);

private:
    struct Layout;
    Layout *layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    mutable QCache<QString, Layout> m_cache;
};

} // namespace penpal
