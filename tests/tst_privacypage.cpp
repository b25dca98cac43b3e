// Settings → Privacy: each Delete button, once confirmed, empties exactly its part of the
// database (chats with archive and trash, drafts with their versions, translation history)
// and leaves the others; Cancel deletes nothing; the backups go only when ticked.
#include "ModalAnswerer.h"
#include "PrivacyPage.h"
#include "SettingsDialog.h"
#include "TestContext.h"
#include "chat/AppContext.h"
#include "draft/DraftDocument.h"
#include "history/BackupManager.h"
#include "store/ConversationFilter.h"
#include "store/Store.h"
#include "translate/TranslationRecord.h"

#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {
constexpr int kAll = 100000;

struct Counts {
    int conversations = 0; // main + archive + trash
    int messages = 0;
    int documents = 0;
    int versions = 0;
    int translations = 0;
};

Counts countsOf(Store *store)
{
    Counts c;
    for (const auto view : {ConversationFilter::View::Main, ConversationFilter::View::Archived,
                            ConversationFilter::View::Trash}) {
        ConversationFilter f;
        f.view = view;
        for (const Conversation &conv : store->conversations(f)) {
            ++c.conversations;
            c.messages += int(store->thread(conv.id).size());
        }
    }
    for (const DraftSummary &d : store->documents({}, kAll)) {
        ++c.documents;
        c.versions += int(store->versions(d.id).size());
    }
    c.translations = int(store->translations({}, kAll).size());
    return c;
}
} // namespace

class TestPrivacyPage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void clearsExactlyItsPart_data();
    void clearsExactlyItsPart();
    void saysWhatItSends();
    void backupsOnlyWhenTicked_data();
    void backupsOnlyWhenTicked();

private:
    void fill();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
};

void TestPrivacyPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/v1")));
    QVERIFY(m_ctx);
    fill();
}

void TestPrivacyPage::cleanup()
{
    m_ctx.reset();
    m_dir.reset();
}

void TestPrivacyPage::fill()
{
    Store *store = m_ctx->store();
    QVector<qint64> ids;
    for (int i = 0; i < 4; ++i) {
        Conversation c;
        c.title = QStringLiteral("Chat %1").arg(i);
        const qint64 id = store->createConversation(c);
        QVERIFY(id != 0);
        ids << id;
        Message m;
        m.conversationId = id;
        m.role = Role::User;
        m.content = QStringLiteral("hello %1").arg(i);
        QVERIFY(store->addMessage(m) != 0);
    }
    QVERIFY(store->setArchived({ids.at(1)}, true));
    QVERIFY(store->moveToTrash({ids.at(2)}));
    QVERIFY(store->setArchived({ids.at(3)}, true));
    QVERIFY(store->moveToTrash({ids.at(3)})); // archived, then deleted
    for (int i = 0; i < 2; ++i) {
        const qint64 doc = store->createDocument(QStringLiteral("Doc %1").arg(i), QStringLiteral("text"));
        QVERIFY(doc != 0);
        QVERIFY(store->addVersion(doc, QStringLiteral("named"), QStringLiteral("text v1")) != 0);
    }
    for (int i = 0; i < 3; ++i) {
        TranslationRecord r;
        r.targetLanguage = QStringLiteral("de");
        r.sourceText = QStringLiteral("Good morning %1").arg(i);
        r.resultText = QStringLiteral("Guten Morgen %1").arg(i);
        QVERIFY(store->saveTranslation(r) != 0);
    }
    const Counts c = countsOf(store);
    QCOMPARE(c.conversations, 4);
    QCOMPARE(c.messages, 4);
    QCOMPARE(c.documents, 2);
    QVERIFY(c.versions >= 2);
    QCOMPARE(c.translations, 3);
}

void TestPrivacyPage::clearsExactlyItsPart_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<bool>("confirm");
    QTest::addColumn<QString>("confirmMentions");
    QTest::newRow("chats") << QStringLiteral("clearChatsButton") << true
                           << QStringLiteral("all 4 conversation");
    QTest::newRow("drafts") << QStringLiteral("clearDraftsButton") << true
                            << QStringLiteral("all 2 draft document");
    QTest::newRow("translations") << QStringLiteral("clearTranslationsButton") << true
                                  << QStringLiteral("3 translation");
    QTest::newRow("chats, cancelled") << QStringLiteral("clearChatsButton") << false << QString();
    QTest::newRow("drafts, cancelled") << QStringLiteral("clearDraftsButton") << false << QString();
    QTest::newRow("translations, cancelled")
        << QStringLiteral("clearTranslationsButton") << false << QString();
}

void TestPrivacyPage::clearsExactlyItsPart()
{
    QFETCH(QString, button);
    QFETCH(bool, confirm);
    QFETCH(QString, confirmMentions);
    const Counts before = countsOf(m_ctx->store());
    PrivacyPage page(m_ctx.get());
    page.show();
    auto *push = page.findChild<QPushButton *>(button);
    QVERIFY(push);
    QString shown;
    ModalAnswerer answer([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        shown = box->text() + QLatin1Char('\n') + box->informativeText();
        if (confirm)
            box->findChild<QPushButton *>(QStringLiteral("privacyConfirmDelete"))->click();
        else
            box->button(QMessageBox::Cancel)->click();
    });
    QTest::mouseClick(push, Qt::LeftButton);
    QVERIFY(answer.answered());
    QCOMPARE(answer.seenObjectName(), QStringLiteral("privacyConfirm"));
    QVERIFY2(shown.contains(confirmMentions), qPrintable(shown));
    QVERIFY2(shown.contains(QLatin1String("no backups")), qPrintable(shown)); // none taken yet

    const Counts after = countsOf(m_ctx->store());
    const bool chats = confirm && button == QLatin1String("clearChatsButton");
    const bool drafts = confirm && button == QLatin1String("clearDraftsButton");
    const bool translations = confirm && button == QLatin1String("clearTranslationsButton");
    QCOMPARE(after.conversations, chats ? 0 : before.conversations);
    QCOMPARE(after.messages, chats ? 0 : before.messages);
    QCOMPARE(after.documents, drafts ? 0 : before.documents);
    QCOMPARE(after.versions, drafts ? 0 : before.versions);
    QCOMPARE(after.translations, translations ? 0 : before.translations);
    // Versions of deleted documents are gone from the store itself, not just unlisted.
    if (drafts)
        QCOMPARE(m_ctx->store()->versions(1).size(), 0);
}

void TestPrivacyPage::saysWhatItSends()
{
    SettingsDialog dialog(m_ctx.get());
    auto *page = dialog.findChild<PrivacyPage *>(QStringLiteral("privacyPage"));
    QVERIFY(page);
    auto *statement = page->findChild<QLabel *>(QStringLiteral("privacyStatement"));
    QVERIFY(statement);
    const QString text = statement->text();
    for (const char *phrase : {"no telemetry", "no update check", "providers you set up", "Load image"})
        QVERIFY2(text.contains(QLatin1String(phrase)), qPrintable(text));
}

void TestPrivacyPage::backupsOnlyWhenTicked_data()
{
    QTest::addColumn<bool>("tick");
    QTest::newRow("kept") << false;
    QTest::newRow("deleted too") << true;
}

void TestPrivacyPage::backupsOnlyWhenTicked()
{
    QFETCH(bool, tick);
    BackupManager *backups = m_ctx->backups();
    QVERIFY(backups->backUpNow());
    backups->waitForIdle();
    QCOMPARE(backups->backups().size(), 1);

    PrivacyPage page(m_ctx.get());
    page.show();
    QString shown;
    ModalAnswerer answer([&](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        shown = box->informativeText();
        auto *check = box->findChild<QCheckBox *>(QStringLiteral("privacyDeleteBackups"));
        QVERIFY(check);
        QVERIFY(!check->isChecked()); // never by default
        check->setChecked(tick);
        box->findChild<QPushButton *>(QStringLiteral("privacyConfirmDelete"))->click();
    });
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("clearTranslationsButton")),
                      Qt::LeftButton);
    QVERIFY(answer.answered());
    QVERIFY2(shown.contains(QLatin1String("still contain")), qPrintable(shown));
    QCOMPARE(countsOf(m_ctx->store()).translations, 0);
    QCOMPARE(countsOf(m_ctx->store()).conversations, 4);
    QCOMPARE(backups->backups().size(), tick ? 0 : 1);
    const QString result = page.findChild<QLabel *>(QStringLiteral("privacyResult"))->text();
    QVERIFY2(result.contains(tick ? QLatin1String("1 backup") : QLatin1String("still contain")),
             qPrintable(result));
}

QTEST_MAIN(TestPrivacyPage)
#include "tst_privacypage.moc"
