#pragma once

#include <QListView>

namespace penpal {

class MessageDelegate;

// The thread: a virtualized list of messages. Follows a streaming reply while the user is at
// the bottom, stays put when they scrolled up, and loads older messages when they reach the
// top.
class ChatView : public QListView {
    Q_OBJECT
public:
    explicit ChatView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    bool isAtBottom() const;
    void copyMessage(const QModelIndex &index) const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;

private:
    void followIfNeeded(bool wasAtBottom);
    void maybeFetchOlder();

    MessageDelegate *m_delegate;
    bool m_fetching = false;
};

} // namespace penpal
