#pragma once

#include "store/ConversationFilter.h"

#include <QTimer>
#include <QVector>
#include <QWidget>

class QComboBox;
class QListView;
class QMenu;
class QPushButton;

namespace penpal {

class AppContext;
class UndoBar;

// The conversation list with New chat, a view filter (all chats, archive, trash, one tag),
// group headings by date, and actions on every selected conversation (Ctrl/Shift-click,
// Ctrl+A): rename (F2 or double-click), pin, archive, tags, export, and Delete, which moves
// to the trash at once with an Undo bar. In the trash: restore, delete forever, empty.
class Sidebar : public QWidget {
    Q_OBJECT
public:
    explicit Sidebar(AppContext *ctx, QWidget *parent = nullptr);

    void selectConversation(qint64 id);
    qint64 selectedConversation() const; // the current one
    // Every selected conversation in list order; the current one when nothing is selected.
    QVector<qint64> selectedConversations() const;
    QListView *list() const { return m_list; }

    ConversationFilter filter() const;
    void setFilter(const ConversationFilter &filter);

    // Fills `menu` with the tags, checked when every selected conversation carries it
    // (triggering adds it to all of them, or removes it from all when checked), and "New tag…".
    void fillTagsMenu(QMenu *menu);

public Q_SLOTS:
    void renameSelected();
    // Moves the selection to the trash, or in the trash view deletes it forever (asking first).
    void deleteSelected();
    void moveSelectedToTrash();
    void deleteSelectedForever();
    void restoreSelected();
    void emptyTrash();
    void togglePinSelected();
    void toggleArchiveSelected(); // archives, or in the archive view unarchives
    void exportSelected();
    void undo();

Q_SIGNALS:
    void conversationActivated(qint64 id);
    void newChatRequested();
    // The conversation left the list by the user's hand: deleted, trashed or archived.
    void conversationDeleted(qint64 id);
    void conversationArchived(qint64 id);
    void exportRequested(const QVector<qint64> &ids);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void rebuildFilterBox();
    void onFilterChosen();
    void updateForView();
    bool inTrash() const;
    void addTagToSelected();
    void failed(const QString &title);
    void scheduleMidnight();

    AppContext *m_ctx;
    QPushButton *m_newButton;
    QComboBox *m_filterBox;
    QPushButton *m_emptyTrashButton;
    QListView *m_list;
    UndoBar *m_undoBar;
    QVector<qint64> m_undoIds; // what the last Delete or Archive took out of the list
    bool m_undoArchive = false;
    // Group headings change row heights without rows moving; relayout once per batch.
    QTimer m_relayout;
    // The current row is being removed: the view moves the current index to a neighbour,
    // which must not open that neighbour.
    bool m_removingCurrent = false;
    qint64 m_openId = 0; // the conversation last selected or opened, kept across views
    bool m_reselecting = false;
    QTimer m_midnight;
};

} // namespace penpal
