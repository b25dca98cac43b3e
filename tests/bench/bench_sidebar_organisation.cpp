// The organised sidebar at scale (issue 5): 10,000 conversations in one store, every page of
// them loaded in the list, then what a person does to many at once. Prints figures; asserts
// no times.
//  (a) switching views: main list -> archive -> trash -> a tag -> main (reset + first page)
//  (b) a full relayout of the list with its date headings (variable row heights)
//  (c) Ctrl+A, Delete of 1,000 conversations (one transaction, rows leaving one by one) and
//      Undo bringing them back
#include "Sidebar.h"
#include "TestContext.h"
#include "chat/AppContext.h"
#include "model/ConversationListModel.h"
#include "store/Store.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace penpal;

namespace {

constexpr int kConversations = 10000;
constexpr int kBatch = 1000;

void print(const char *what, qint64 ns)
{
    std::printf("%-58s %9.2f ms\n", what, double(ns) / 1e6);
    std::fflush(stdout);
}

// Rows written straight through SQL in one transaction: the figures are about reading and
// changing them, not about creating them one signal at a time.
bool fill(const QString &path)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
        db.setDatabaseName(path);
        if (!db.open())
            return false;
        QSqlQuery q(db);
        q.exec(QStringLiteral("BEGIN"));
        q.prepare(QStringLiteral(
            "INSERT INTO conversations (title, created, updated, pinned, profile_id, model,"
            " system_prompt, params, uid, archived) VALUES (?, ?, ?, 0, '', '', '', '{}', ?, ?)"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < kConversations; ++i) {
            const qint64 t = now - qint64(i) * 3600 * 1000; // one an hour, back over 14 months
            q.addBindValue(QStringLiteral("Conversation %1 about something long enough to elide").arg(i));
            q.addBindValue(t);
            q.addBindValue(t);
            q.addBindValue(QStringLiteral("bench-%1").arg(i));
            q.addBindValue(i % 10 == 0 ? 1 : 0); // a tenth archived
            if (!q.exec())
                return false;
        }
        q.exec(QStringLiteral("INSERT INTO tags (name, created) VALUES ('work', 0)"));
        q.exec(
            QStringLiteral("INSERT INTO conversation_tags SELECT id, 1 FROM conversations WHERE id % 7 = 0"));
        q.exec(QStringLiteral("UPDATE conversations SET deleted_at = updated WHERE id % 50 = 1"));
        if (!q.exec(QStringLiteral("COMMIT")))
            return false;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fill"));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    auto ctx = test::makeTestContext(dir.path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    if (!ctx || !fill(ctx->databasePath())) {
        std::fprintf(stderr, "cannot set up the database\n");
        return 1;
    }
    ConversationListModel *model = ctx->conversations();
    model->reload();
    Sidebar sidebar(ctx.get());
    sidebar.resize(280, 900);
    sidebar.show();
    QListView *list = sidebar.list();
    QCoreApplication::processEvents();
    std::printf("%d conversations (a tenth archived, 2%% in the trash, a seventh tagged)\n", kConversations);

    QElapsedTimer t;
    const auto view = [](ConversationFilter::View v, const QString &tag = {}) {
        ConversationFilter f;
        f.view = v;
        f.tag = tag;
        return f;
    };
    const ConversationFilter views[] = {
        view(ConversationFilter::View::Archived), view(ConversationFilter::View::Trash),
        view(ConversationFilter::View::Main, QStringLiteral("work")), view(ConversationFilter::View::Main)};
    const char *names[] = {"(a) switch to Archived (first page, laid out)", "(a) switch to Trash",
                           "(a) switch to # work", "(a) back to All chats"};
    for (int i = 0; i < 4; ++i) {
        t.start();
        sidebar.setFilter(views[i]);
        list->doItemsLayout();
        print(names[i], t.nsecsElapsed());
    }

    while (model->canFetchMore({}))
        model->fetchMore({});
    QCoreApplication::processEvents();
    std::printf("rows loaded in the main view: %d\n", model->rowCount());
    t.start();
    list->doItemsLayout();
    print("(b) relayout of every loaded row with headings", t.nsecsElapsed());

    list->setFocus();
    list->selectionModel()->select(QItemSelection(model->index(0), model->index(kBatch - 1)),
                                   QItemSelectionModel::ClearAndSelect);
    t.start();
    sidebar.moveSelectedToTrash();
    QCoreApplication::processEvents(); // the deferred relayout
    print("(c) Delete 1,000 selected (store + rows + relayout)", t.nsecsElapsed());
    t.start();
    sidebar.undo();
    QCoreApplication::processEvents();
    print("(c) Undo: 1,000 back in place", t.nsecsElapsed());
    std::printf("rows after undo: %d\n", model->rowCount());
    return 0;
}
