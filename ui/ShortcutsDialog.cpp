#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace penpal {

namespace {

QString plainText(QString text)
{
    // "&New Chat" → "New Chat"; "&&" is a literal ampersand.
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

QString keysText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &k : action->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow *window)
    : QDialog(window)
    , m_filter(new QLineEdit(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_filter->setObjectName(QStringLiteral("shortcutsFilter"));
    m_filter->setPlaceholderText(tr("Filter by name or key"));
    m_filter->setAccessibleName(tr("Filter shortcuts"));
    m_filter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("shortcutsList"));
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    m_list->setHeaderLabels({tr("Action"), tr("Shortcut")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::setFilter);
    collect(window);
    m_list->expandAll();
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    resize(480, 520);
}

ShortcutsDialog *ShortcutsDialog::showFor(QMainWindow *window)
{
    auto *dialog = window->findChild<ShortcutsDialog *>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = new ShortcutsDialog(window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    dialog->m_filter->setFocus();
    return dialog;
}

void ShortcutsDialog::collect(QMainWindow *window)
{
    QSet<const QAction *> listed;
    const auto addGroup = [this, &listed](const QString &title, const QList<QAction *> &actions) {
        QTreeWidgetItem *group = nullptr;
        for (QAction *a : actions) {
            if (a->isSeparator() || a->shortcuts().isEmpty() || listed.contains(a))
                continue;
            listed.insert(a);
            if (!group) {
                group = new QTreeWidgetItem(m_list, {title});
                QFont bold = group->font(0);
                bold.setBold(true);
                group->setFont(0, bold);
            }
            new QTreeWidgetItem(group, {plainText(a->text()), keysText(a)});
        }
    };
    // The menus in menu-bar order, each with its submenus' actions.
    std::function<void(QMenu *, QList<QAction *> &)> gather = [&gather](QMenu *menu, QList<QAction *> &out) {
        for (QAction *a : menu->actions()) {
            if (a->menu())
                gather(a->menu(), out);
            out << a;
        }
    };
    for (QAction *top : window->menuBar()->actions()) {
        if (QMenu *menu = top->menu()) {
            QList<QAction *> actions;
            gather(menu, actions);
            addGroup(plainText(menu->title()), actions);
        }
    }
    // Actions the workspaces and panes add to their widgets (not in any menu).
    QList<QAction *> others;
    for (QAction *a : window->findChildren<QAction *>()) {
        if (a->text().isEmpty() || listed.contains(a))
            continue;
        // A pane's action counts where its widget is in this window.
        for (QObject *o : a->associatedObjects()) {
            if (auto *w = qobject_cast<QWidget *>(o); w && w->window() == window) {
                others << a;
                break;
            }
        }
    }
    addGroup(tr("Other"), others);
}

void ShortcutsDialog::setFilter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_list->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match = needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive) ||
                               item->text(1).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

} // namespace penpal
