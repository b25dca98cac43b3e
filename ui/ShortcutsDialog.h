#pragma once

#include <QDialog>

class QLineEdit;
class QMainWindow;
class QTreeWidget;

namespace penpal {

// Help → Keyboard Shortcuts (Ctrl+/): every action of the window that has a shortcut, grouped
// by the menu it is in. Collected from the actions when opened, so it never goes stale; the
// filter matches an action's name or its keys.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow *window);

    // Opens the window's overview (modeless), or raises the one already open.
    static ShortcutsDialog *showFor(QMainWindow *window);

    void setFilter(const QString &text);

private:
    void collect(QMainWindow *window);

    QLineEdit *m_filter;
    QTreeWidget *m_list;
};

} // namespace penpal
