#pragma once

#include <QWidget>

class QListView;
class QPushButton;

namespace penpal {

class AppContext;

// The conversation list with New chat, rename (F2 or double-click), pin, and delete with
// confirmation.
class Sidebar : public QWidget {
    Q_OBJECT
public:
    explicit Sidebar(AppContext *ctx, QWidget *parent = nullptr);

    void selectConversation(qint64 id);
    qint64 selectedConversation() const;
    QListView *list() const { return m_list; }

public Q_SLOTS:
    void renameSelected();
    void deleteSelected();
    void togglePinSelected();

Q_SIGNALS:
    void conversationActivated(qint64 id);
    void newChatRequested();
    void conversationDeleted(qint64 id);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    AppContext *m_ctx;
    QPushButton *m_newButton;
    QListView *m_list;
    // The current row is being removed: the view moves the current index to a neighbour,
    // which must not open that neighbour.
    bool m_removingCurrent = false;
};

} // namespace penpal
