// Keyboard: the shortcuts overview (Ctrl+/), no two shortcuts fighting over one key, and a
// name for every control a screen reader lands on.
#include "MainWindow.h"
#include "TestContext.h"
#include "chat/AppContext.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QStackedWidget>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTreeWidget>
#include <QtTest>

#include <functional>

using namespace penpal;
using namespace penpal::test;

class TestShortcuts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void overviewListsActions();
    void noTwoShortcutsShareAKey();
    void menuActionsReachable();
    void controlsHaveNames();

private:
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
};

namespace {

// One key binding and where it is live.
struct Binding {
    QString what;
    QKeySequence key;
    QWidget *scope;        // live while the focus is in this widget (or a descendant)
    const QObject *source; // the QAction or QShortcut
};

// The rule: a binding is live in a scope. Window- and application-wide bindings are live in
// the whole window, except those owned by a widget on one page of the workspace stack: Qt
// ignores shortcuts of hidden widgets, so those are live only on their page. Widget (and
// widget-with-children) bindings are live in their widget. Two bindings of one key conflict
// when one scope contains the other: then Qt finds both and runs neither ("ambiguous").
// Bindings of different workspaces (Chat, Translate, Draft) may therefore share keys. One
// action added to several widgets (a menu and the pane it acts on) is one binding.
QWidget *scopeOf(QWidget *owner, Qt::ShortcutContext context, QMainWindow *window)
{
    if (context == Qt::WidgetShortcut || context == Qt::WidgetWithChildrenShortcut)
        return owner;
    auto *workspace = window->findChild<QStackedWidget *>(QStringLiteral("workspace"));
    for (QWidget *w = owner; w; w = w->parentWidget()) {
        if (w->parentWidget() == workspace)
            return w;
    }
    return window;
}

bool contains(QWidget *outer, QWidget *inner)
{
    return outer == inner || outer->isAncestorOf(inner);
}

} // namespace

void TestShortcuts::init()
{
    m_dir = new QTemporaryDir;
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(m_ctx);
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestShortcuts::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    delete m_dir;
    m_dir = nullptr;
}

void TestShortcuts::overviewListsActions()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_Slash, Qt::ControlModifier);
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(QStringLiteral("shortcutsDialog"))) &&
                dialog->isVisible());
    auto *list = dialog->findChild<QTreeWidget *>(QStringLiteral("shortcutsList"));
    auto *filter = dialog->findChild<QLineEdit *>(QStringLiteral("shortcutsFilter"));
    QVERIFY(list && filter);
    const auto visibleRows = [list] {
        QMap<QString, QString> rows; // name → keys
        for (int g = 0; g < list->topLevelItemCount(); ++g) {
            QTreeWidgetItem *group = list->topLevelItem(g);
            for (int i = 0; !group->isHidden() && i < group->childCount(); ++i) {
                if (!group->child(i)->isHidden())
                    rows.insert(group->child(i)->text(0), group->child(i)->text(1));
            }
        }
        return rows;
    };
    QMap<QString, QString> rows = visibleRows();
    QVERIFY2(rows.contains(QStringLiteral("New Chat")), qPrintable(QStringList(rows.keys()).join(u'|')));
    QVERIFY(rows.contains(QStringLiteral("Translate")));
    QVERIFY(rows.value(QStringLiteral("Translate"))
                .contains(QKeySequence(QStringLiteral("Ctrl+T")).toString(QKeySequence::NativeText)));
    QVERIFY(rows.contains(QStringLiteral("Keyboard Shortcuts")));
    QVERIFY(!rows.contains(QStringLiteral("About Penpal"))); // no shortcut: not listed
    // Grouped by menu.
    QStringList groups;
    for (int g = 0; g < list->topLevelItemCount(); ++g)
        groups << list->topLevelItem(g)->text(0);
    QVERIFY(groups.contains(QStringLiteral("File")));
    QVERIFY(groups.contains(QStringLiteral("View")));

    QTest::keyClicks(filter, QStringLiteral("transl"));
    rows = visibleRows();
    QVERIFY(rows.contains(QStringLiteral("Translate")));
    QVERIFY(!rows.contains(QStringLiteral("New Chat")));
}

void TestShortcuts::noTwoShortcutsShareAKey()
{
    MainWindow *w = m_window.get();
    w->showTranslateWorkspace();
    w->showDraftWorkspace();
    w->showChatWorkspace();

    QVector<Binding> bindings;
    for (QAction *a : w->findChildren<QAction *>()) {
        for (QObject *o : a->associatedObjects()) {
            auto *owner = qobject_cast<QWidget *>(o);
            if (!owner)
                continue;
            // Menus of the menu bar pop up over the window: their actions are the window's.
            if (qobject_cast<QMenu *>(owner))
                owner = w;
            for (const QKeySequence &k : a->shortcuts())
                bindings.append({a->text().remove(u'&'), k, scopeOf(owner, a->shortcutContext(), w), a});
        }
    }
    for (QShortcut *s : w->findChildren<QShortcut *>()) {
        auto *owner = qobject_cast<QWidget *>(s->parent());
        if (!owner)
            continue;
        for (const QKeySequence &k : s->keys())
            bindings.append({QStringLiteral("QShortcut on ") + owner->objectName(), k,
                             scopeOf(owner, s->context(), w), s});
    }
    QVERIFY(bindings.size() > 10);

    QStringList conflicts;
    for (int i = 0; i < bindings.size(); ++i) {
        for (int j = i + 1; j < bindings.size(); ++j) {
            const Binding &a = bindings.at(i);
            const Binding &b = bindings.at(j);
            if (a.key != b.key || !(contains(a.scope, b.scope) || contains(b.scope, a.scope)))
                continue;
            if (a.source == b.source)
                continue;
            conflicts << QStringLiteral("%1: \"%2\" and \"%3\"").arg(a.key.toString(), a.what, b.what);
        }
    }
    QVERIFY2(conflicts.isEmpty(), qPrintable(conflicts.join(QStringLiteral("\n"))));
}

// Every menu command can be reached from the keyboard: by its shortcut, or through Alt and the
// mnemonics of its menu and its own.
void TestShortcuts::menuActionsReachable()
{
    QStringList unreachable;
    std::function<void(QMenu *, const QString &)> walk = [&](QMenu *menu, const QString &path) {
        for (QAction *a : menu->actions()) {
            if (a->isSeparator() || a->text().isEmpty())
                continue;
            const QString where = path + QStringLiteral(" → ") + a->text();
            if (a->menu())
                walk(a->menu(), where);
            else if (a->shortcuts().isEmpty() && QKeySequence::mnemonic(a->text()).isEmpty())
                unreachable << where;
        }
    };
    for (QAction *top : m_window->menuBar()->actions()) {
        if (!top->menu())
            continue;
        if (QKeySequence::mnemonic(top->text()).isEmpty())
            unreachable << top->text();
        walk(top->menu(), top->text());
    }
    QVERIFY(m_window->menuBar()->actions().size() >= 4);
    QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(QStringLiteral(", "))));
}

void TestShortcuts::controlsHaveNames()
{
    MainWindow *w = m_window.get();
    w->showTranslateWorkspace();
    w->showDraftWorkspace();
    w->showChatWorkspace();

    QSet<QWidget *> buddies;
    for (QLabel *label : w->findChildren<QLabel *>()) {
        if (label->buddy() && !label->text().isEmpty())
            buddies.insert(label->buddy());
    }
    QStringList unnamed;
    for (QWidget *widget : w->findChildren<QWidget *>()) {
        const bool interactive =
            qobject_cast<QAbstractButton *>(widget) || qobject_cast<QComboBox *>(widget) ||
            qobject_cast<QLineEdit *>(widget) || qobject_cast<QTextEdit *>(widget) ||
            qobject_cast<QPlainTextEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget);
        // Popups (a combo's list) are named by the control that opens them.
        if (!interactive || widget->window() != w || widget->objectName().startsWith(QLatin1String("qt_")))
            continue;
        // Parts of another control (a combo's editor, a spin box's field, a tab bar's arrows).
        QWidget *parent = widget->parentWidget();
        if (qobject_cast<QComboBox *>(parent) || qobject_cast<QAbstractSpinBox *>(parent) ||
            qobject_cast<QTabBar *>(parent) || qobject_cast<QLineEdit *>(parent))
            continue;
        if (!widget->accessibleName().isEmpty() || buddies.contains(widget))
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(widget);
            button && !button->text().remove(u'&').isEmpty())
            continue;
        unnamed << QStringLiteral("%1 (%2)").arg(widget->objectName(),
                                                 QString::fromLatin1(widget->metaObject()->className()));
    }
    QVERIFY2(unnamed.isEmpty(),
             qPrintable(QStringLiteral("No accessible name: ") + unnamed.join(QStringLiteral(", "))));
}

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
