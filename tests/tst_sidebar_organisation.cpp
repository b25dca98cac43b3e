// Organising conversations in the sidebar as a person would: Ctrl-click several, Delete with
// Undo, archive, tags, the Trash and its emptying, and the date headings, with the real main
// window over a temporary store. No keychain or server is involved.
#include "ChatPane.h"
#include "ConversationDelegate.h"
#include "ExportDialog.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "RawDb.h"
#include "Sidebar.h"
#include "TestContext.h"
#include "model/ConversationListModel.h"
#include "store/Store.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

// The fixed "now" of these tests, local time: the groups are the user's calendar days.
QDateTime now()
{
    return QDateTime(QDate(2090, 5, 10), QTime(12, 0));
}

} // namespace

class TestSidebarOrganisation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ctrlClickDeleteAndUndo();
    void ctrlASelectsAll();
    void archiveHidesFromMainShowsUnderArchived();
    void tagFilter();
    void newTagForTheSelection();
    void emptyTrashAsksFirst();
    void restoreFromTrash();
    void deleteForeverFromTrash();
    void exportSelection();
    void openConversationStaysSelectedAcrossViews();
    void selectingFromElsewhereShowsItsView();
    void groupHeadings();

private:
    qint64 add(const QString &title, const QDateTime &updated);
    QVector<qint64> shownIds() const;
    QModelIndex rowOf(qint64 id) const;
    void click(qint64 id, Qt::KeyboardModifiers modifiers = {});
    void chooseFilter(const QString &text);
    void focusList();
    qint64 trashedInDb();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    Sidebar *m_sidebar = nullptr;
    QListView *m_list = nullptr;
    QComboBox *m_filter = nullptr;
    qint64 m_today1 = 0, m_today2 = 0, m_yesterday = 0, m_older = 0;
};

qint64 TestSidebarOrganisation::add(const QString &title, const QDateTime &updated)
{
    Conversation c;
    c.title = title;
    c.created = updated;
    c.updated = updated;
    return m_ctx->store()->createConversation(c);
}

QVector<qint64> TestSidebarOrganisation::shownIds() const
{
    QVector<qint64> ids;
    for (int row = 0; row < m_list->model()->rowCount(); ++row)
        ids << m_list->model()->index(row, 0).data(ConversationListModel::IdRole).toLongLong();
    return ids;
}

QModelIndex TestSidebarOrganisation::rowOf(qint64 id) const
{
    const int row = shownIds().indexOf(id);
    return row < 0 ? QModelIndex() : m_list->model()->index(row, 0);
}

void TestSidebarOrganisation::click(qint64 id, Qt::KeyboardModifiers modifiers)
{
    const QModelIndex idx = rowOf(id);
    QVERIFY(idx.isValid());
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, modifiers, m_list->visualRect(idx).center());
}

// Picks an entry of the filter box with the keyboard, as a person without a mouse would.
void TestSidebarOrganisation::chooseFilter(const QString &text)
{
    const int target = m_filter->findText(text);
    QVERIFY2(target >= 0, qPrintable(text));
    m_filter->setFocus();
    for (int guard = 0; m_filter->currentIndex() != target && guard < 20; ++guard)
        QTest::keyClick(m_filter, m_filter->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
    QCOMPARE(m_filter->currentText(), text);
}

void TestSidebarOrganisation::focusList()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_list->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), m_list);
}

qint64 TestSidebarOrganisation::trashedInDb()
{
    RawDb raw(m_ctx->databasePath());
    return raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE deleted_at IS NOT NULL"))
        .toLongLong();
}

void TestSidebarOrganisation::init()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(m_ctx);
    m_ctx->conversations()->setNow(now());
    m_older = add(QStringLiteral("Older"), now().addDays(-40));
    m_yesterday = add(QStringLiteral("Yesterday's"), now().addDays(-1));
    m_today2 = add(QStringLiteral("Today early"), now().addSecs(-3 * 3600));
    m_today1 = add(QStringLiteral("Today late"), now().addSecs(-600));
    QVERIFY(m_older && m_yesterday && m_today1 && m_today2);
    m_window = std::make_unique<MainWindow>(m_ctx.get());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_sidebar = m_window->sidebar();
    m_list = m_window->findChild<QListView *>(QStringLiteral("conversationList"));
    m_filter = m_window->findChild<QComboBox *>(QStringLiteral("sidebarFilter"));
    QVERIFY(m_list && m_filter);
    QCOMPARE(shownIds(), (QVector<qint64>{m_today1, m_today2, m_yesterday, m_older}));
}

void TestSidebarOrganisation::cleanup()
{
    m_window.reset();
    m_ctx.reset();
    m_dir.reset();
    m_list = nullptr;
    m_filter = nullptr;
    m_sidebar = nullptr;
}

void TestSidebarOrganisation::ctrlClickDeleteAndUndo()
{
    auto *undoBar = m_window->findChild<QWidget *>(QStringLiteral("undoBar"));
    QVERIFY(undoBar);
    QVERIFY(!undoBar->isVisible());
    click(m_today1);
    click(m_yesterday, Qt::ControlModifier);
    click(m_older, Qt::ControlModifier);
    QCOMPARE(m_sidebar->selectedConversations(), (QVector<qint64>{m_today1, m_yesterday, m_older}));
    focusList();
    QTest::keyClick(m_list, Qt::Key_Delete); // no question: Undo is there instead

    QCOMPARE(shownIds(), QVector<qint64>{m_today2});
    QVERIFY(undoBar->isVisible());
    QCOMPARE(undoBar->findChild<QLabel *>(QStringLiteral("undoLabel"))->text(),
             QStringLiteral("3 conversations moved to Trash"));
    QCOMPARE(trashedInDb(), 3);
    // The open one went too: the pane does not keep showing it.
    QCOMPARE(m_window->chatPane()->conversationId(), qint64(0));

    QTest::mouseClick(undoBar->findChild<QPushButton *>(QStringLiteral("undoButton")), Qt::LeftButton);
    QVERIFY(!undoBar->isVisible());
    QCOMPARE(shownIds(), (QVector<qint64>{m_today1, m_today2, m_yesterday, m_older}));
    QCOMPARE(trashedInDb(), 0);
    RawDb raw(m_ctx->databasePath());
    QVERIFY(raw.scalar(QStringLiteral("SELECT deleted_at FROM conversations WHERE id = ?"), {m_yesterday})
                .isNull());
}

void TestSidebarOrganisation::ctrlASelectsAll()
{
    click(m_today2);
    focusList();
    QTest::keyClick(m_list, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_sidebar->selectedConversations().size(), 4);
    QTest::keyClick(m_list, Qt::Key_Delete);
    QVERIFY(shownIds().isEmpty());
    QCOMPARE(trashedInDb(), 4);
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("undoLabel"))->text(),
             QStringLiteral("4 conversations moved to Trash"));
}

void TestSidebarOrganisation::archiveHidesFromMainShowsUnderArchived()
{
    click(m_yesterday);
    QCOMPARE(m_window->chatPane()->conversationId(), m_yesterday);
    click(m_today2, Qt::ControlModifier);
    m_sidebar->toggleArchiveSelected();
    QCOMPARE(shownIds(), (QVector<qint64>{m_today1, m_older}));
    QVERIFY(m_ctx->store()->conversation(m_yesterday).archived);
    QVERIFY(!m_ctx->store()->conversation(m_yesterday).deletedAt.isValid());
    QCOMPARE(m_window->chatPane()->conversationId(), qint64(0));
    QVERIFY(!m_list->selectionModel()->hasSelection());

    chooseFilter(QStringLiteral("Archived"));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today2, m_yesterday}));
    // In the archive the same action unarchives.
    click(m_today2);
    m_sidebar->toggleArchiveSelected();
    QCOMPARE(shownIds(), QVector<qint64>{m_yesterday});
    chooseFilter(QStringLiteral("All chats"));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today1, m_today2, m_older}));
}

void TestSidebarOrganisation::tagFilter()
{
    QCOMPARE(m_filter->findText(QStringLiteral("# work")), -1);
    QVERIFY(m_ctx->store()->addTag({m_today1, m_older}, QStringLiteral("work")));
    QVERIFY(m_filter->findText(QStringLiteral("# work")) >= 0); // the box follows the store
    chooseFilter(QStringLiteral("# work"));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today1, m_older}));

    // Tagging through the menu: the row joins the filtered list.
    chooseFilter(QStringLiteral("All chats"));
    click(m_yesterday);
    QMenu menu;
    m_sidebar->fillTagsMenu(&menu);
    QAction *work = nullptr;
    for (QAction *a : menu.actions()) {
        if (a->data().toString() == QLatin1String("work"))
            work = a;
    }
    QVERIFY(work);
    QVERIFY(!work->isChecked());
    work->trigger();
    QCOMPARE(m_ctx->store()->tagsOf(m_yesterday), QStringList{QStringLiteral("work")});
    chooseFilter(QStringLiteral("# work"));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today1, m_yesterday, m_older}));

    // Removing the tag from all of them removes the tag and its entry; the list falls back.
    click(m_today1);
    click(m_older, Qt::ShiftModifier);
    QCOMPARE(m_sidebar->selectedConversations().size(), 3);
    m_sidebar->fillTagsMenu(&menu);
    QAction *checked = menu.actions().value(0);
    QVERIFY(checked && checked->isChecked());
    checked->trigger();
    QVERIFY(m_ctx->store()->allTags().isEmpty());
    QCOMPARE(m_filter->findText(QStringLiteral("# work")), -1);
    QCOMPARE(m_filter->currentText(), QStringLiteral("All chats"));
    QCOMPARE(shownIds().size(), 4);
}

void TestSidebarOrganisation::newTagForTheSelection()
{
    click(m_today2);
    click(m_older, Qt::ControlModifier);
    QMenu menu;
    m_sidebar->fillTagsMenu(&menu);
    auto *add = menu.findChild<QAction *>(QStringLiteral("newTagAction"));
    QVERIFY(add);
    ModalAnswerer answer([](QWidget *modal) {
        auto *edit = modal->findChild<QLineEdit *>();
        QVERIFY(edit);
        QTest::keyClicks(edit, QStringLiteral("Travel plans"));
        QTest::keyClick(edit, Qt::Key_Return);
    });
    add->trigger();
    QVERIFY(answer.answered());
    QCOMPARE(answer.seenObjectName(), QStringLiteral("newTagDialog"));
    QCOMPARE(m_ctx->store()->tagsOf(m_today2), QStringList{QStringLiteral("Travel plans")});
    QCOMPARE(m_ctx->store()->tagsOf(m_older), QStringList{QStringLiteral("Travel plans")});
    QVERIFY(m_ctx->store()->tagsOf(m_today1).isEmpty());
    chooseFilter(QStringLiteral("# Travel plans"));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today2, m_older}));
}

void TestSidebarOrganisation::emptyTrashAsksFirst()
{
    auto *emptyButton = m_window->findChild<QPushButton *>(QStringLiteral("emptyTrashButton"));
    QVERIFY(emptyButton);
    QVERIFY(!emptyButton->isVisible());
    click(m_today2);
    click(m_older, Qt::ControlModifier);
    focusList();
    QTest::keyClick(m_list, Qt::Key_Delete);
    QCOMPARE(trashedInDb(), 2);
    chooseFilter(QStringLiteral("Trash"));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today2, m_older}));
    QVERIFY(emptyButton->isVisible());
    {
        ModalAnswerer cancel([](QWidget *modal) {
            auto *box = qobject_cast<QMessageBox *>(modal);
            QVERIFY(box);
            QVERIFY(box->text().contains(QStringLiteral("2 conversations")));
            box->button(QMessageBox::Cancel)->click();
        });
        QTest::mouseClick(emptyButton, Qt::LeftButton);
        QVERIFY(cancel.answered());
        QCOMPARE(cancel.seenObjectName(), QStringLiteral("confirmEmptyTrashDialog"));
    }
    QCOMPARE(trashedInDb(), 2);
    QCOMPARE(shownIds().size(), 2);
    {
        ModalAnswerer confirm([](QWidget *modal) {
            auto *button = modal->findChild<QPushButton *>(QStringLiteral("confirmEmptyTrashButton"));
            QVERIFY(button);
            button->click();
        });
        QTest::mouseClick(emptyButton, Qt::LeftButton);
        QVERIFY(confirm.answered());
    }
    QCOMPARE(trashedInDb(), 0);
    QVERIFY(shownIds().isEmpty());
    RawDb raw(m_ctx->databasePath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations")).toInt(), 2);
    chooseFilter(QStringLiteral("All chats"));
    QVERIFY(!emptyButton->isVisible());
    QCOMPARE(shownIds(), (QVector<qint64>{m_today1, m_yesterday}));
}

void TestSidebarOrganisation::restoreFromTrash()
{
    QVERIFY(m_ctx->store()->moveToTrash({m_today1, m_yesterday}));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today2, m_older}));
    chooseFilter(QStringLiteral("Trash"));
    click(m_yesterday);
    m_sidebar->restoreSelected();
    QCOMPARE(shownIds(), QVector<qint64>{m_today1});
    QVERIFY(!m_ctx->store()->conversation(m_yesterday).deletedAt.isValid());
    chooseFilter(QStringLiteral("All chats"));
    QCOMPARE(shownIds(), (QVector<qint64>{m_today2, m_yesterday, m_older}));
}

void TestSidebarOrganisation::deleteForeverFromTrash()
{
    QVERIFY(m_ctx->store()->moveToTrash({m_today1, m_yesterday, m_older}));
    chooseFilter(QStringLiteral("Trash"));
    click(m_today1);
    click(m_older, Qt::ControlModifier);
    focusList();
    ModalAnswerer confirm([](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("2 conversations")));
        box->findChild<QPushButton *>(QStringLiteral("confirmDeleteButton"))->click();
    });
    QTest::keyClick(m_list, Qt::Key_Delete);
    QVERIFY(confirm.answered());
    QCOMPARE(shownIds(), QVector<qint64>{m_yesterday});
    RawDb raw(m_ctx->databasePath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE id IN (?, ?)"),
                        {m_today1, m_older})
                 .toInt(),
             0);
    QCOMPARE(trashedInDb(), 1);
    // Nothing to undo: the bar is not offered for what cannot be taken back.
    QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("undoBar"))->isVisible());
}

void TestSidebarOrganisation::exportSelection()
{
    QSignalSpy spy(m_sidebar, &Sidebar::exportRequested);
    click(m_older);
    click(m_today1, Qt::ControlModifier);
    // The main window answers the request with the export dialog, set to those conversations.
    QVector<qint64> offered;
    ModalAnswerer answer([&offered](QWidget *w) {
        if (auto *dialog = qobject_cast<ExportDialog *>(w)) {
            if (dialog->scope() == ExportDialog::Scope::Selection)
                offered = dialog->conversationIds();
        }
        w->close();
    });
    m_sidebar->exportSelected();
    QCOMPARE(spy.count(), 1);
    // In list order, whatever the order of the clicks.
    QCOMPARE(spy.at(0).at(0).value<QVector<qint64>>(), (QVector<qint64>{m_today1, m_older}));
    QVERIFY(answer.answered());
    QCOMPARE(offered, (QVector<qint64>{m_today1, m_older}));
}

void TestSidebarOrganisation::openConversationStaysSelectedAcrossViews()
{
    click(m_yesterday);
    QCOMPARE(m_window->chatPane()->conversationId(), m_yesterday);
    QSignalSpy activated(m_sidebar, &Sidebar::conversationActivated);
    chooseFilter(QStringLiteral("Trash"));
    QVERIFY(shownIds().isEmpty());
    QCOMPARE(m_window->chatPane()->conversationId(), m_yesterday); // still open
    chooseFilter(QStringLiteral("All chats"));
    QCOMPARE(m_sidebar->selectedConversation(), m_yesterday);
    QCOMPARE(activated.count(), 0); // selected again, not opened again
}

void TestSidebarOrganisation::selectingFromElsewhereShowsItsView()
{
    QVERIFY(m_ctx->store()->setArchived({m_older}, true));
    QVERIFY(m_ctx->store()->addTag({m_today1}, QStringLiteral("work")));
    chooseFilter(QStringLiteral("# work"));
    // What a search hit or a new chat does: the list follows to where the conversation is.
    m_window->openConversation(m_older);
    QCOMPARE(m_filter->currentText(), QStringLiteral("Archived"));
    QCOMPARE(m_sidebar->selectedConversation(), m_older);
    m_window->openConversation(m_today2);
    QCOMPARE(m_filter->currentText(), QStringLiteral("All chats"));
    QCOMPARE(m_sidebar->selectedConversation(), m_today2);
    QCOMPARE(m_window->chatPane()->conversationId(), m_today2);
}

void TestSidebarOrganisation::groupHeadings()
{
    QStringList groups, headings;
    for (int row = 0; row < m_list->model()->rowCount(); ++row) {
        const QModelIndex idx = m_list->model()->index(row, 0);
        groups << idx.data(ConversationListModel::GroupRole).toString();
        headings << ConversationDelegate::headingOf(idx);
    }
    QCOMPARE(groups, (QStringList{QStringLiteral("Today"), QStringLiteral("Today"),
                                  QStringLiteral("Yesterday"), QStringLiteral("March 2090")}));
    QCOMPARE(headings, (QStringList{QStringLiteral("Today"), QString(), QStringLiteral("Yesterday"),
                                    QStringLiteral("March 2090")}));
    // A row that opens a group is taller than one that does not: its heading is drawn there.
    const int plain = m_list->visualRect(rowOf(m_today2)).height();
    QVERIFY(m_list->visualRect(rowOf(m_today1)).height() > plain);
    QVERIFY(m_list->visualRect(rowOf(m_yesterday)).height() > plain);
    QVERIFY(plain >= m_list->fontMetrics().height());
    // Rows span the list, so titles are elided at its edge rather than scrolled to.
    QCOMPARE(m_list->visualRect(rowOf(m_today2)).width(), m_list->viewport()->width());

    // Pinning moves a row into "Pinned" at the top; the rows below regroup.
    click(m_older);
    m_sidebar->togglePinSelected();
    QCOMPARE(shownIds().first(), m_older);
    QCOMPARE(ConversationDelegate::headingOf(rowOf(m_older)), QStringLiteral("Pinned"));
    QCOMPARE(ConversationDelegate::headingOf(rowOf(m_today1)), QStringLiteral("Today"));
    QTRY_VERIFY(m_list->visualRect(rowOf(m_today1)).height() > plain);
    QCOMPARE(m_list->visualRect(rowOf(m_today2)).height(), plain);
}

QTEST_MAIN(TestSidebarOrganisation)
#include "tst_sidebar_organisation.moc"
