// The Draft workspace on the offscreen platform against a real store: documents, autosave,
// preview, counts, versions with their diff and restore, reopening, export, and the window's
// Ctrl+D.
#include "ChatPane.h"
#include "DraftView.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "SpellHighlighter.h"
#include "TestContext.h"
#include "draft/SpellChecker.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {
// Autosave promises "within a second"; the margin is for a loaded machine.
constexpr int kSaveTimeoutMs = 3000;

// The character format of the first fragment of `doc` whose text contains `text`.
QTextCharFormat formatOf(QTextDocument *doc, const QString &text, bool *found)
{
    *found = false;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text().contains(text)) {
                *found = true;
                return it.fragment().charFormat();
            }
        }
    }
    return {};
}
} // namespace

class TestDraftView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void newDocumentIsSavedWhileTyping();
    void savesDuringContinuousTyping();
    void statsCountWords_data();
    void statsCountWords();
    void previewRendersMarkdown();
    void previewModeHidesPanesAndPersists();
    void ctrlSTakesANamedVersion();
    void versionDiffShowsInsertionsAndDeletions();
    void restoreIsOneUndoStep();
    void renameDeleteAndFilter();
    void appendTextIsOneUndoStep();
    void proposalsAreaHiddenWhileEmpty();
    void languageIsDetectedOrChosen();
    void misspeltWordGetsSuggestions();
    void reopensTheLastDocument();
    void exportsMarkdown();
    void ctrlDSwitchesTheWindow();

private:
    DraftView *makeView();
    Store *store() const { return m_ctx->store(); }
    template<typename T> T *child(const char *name) const
    {
        T *w = m_view->findChild<T *>(QLatin1String(name));
        if (!w)
            qWarning("no child %s", name);
        return w;
    }

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<AppContext> m_ctx;
    DraftView *m_view = nullptr;
};

DraftView *TestDraftView::makeView()
{
    auto *view = new DraftView(m_ctx.get());
    view->resize(1100, 600);
    view->show();
    view->activateWindow();
    if (!QTest::qWaitForWindowActive(view))
        qWarning("window not active");
    return view;
}

void TestDraftView::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(m_ctx);
    m_view = makeView();
}

void TestDraftView::cleanup()
{
    delete m_view;
    m_view = nullptr;
    m_ctx.reset();
    delete m_dir;
    m_dir = nullptr;
}

void TestDraftView::newDocumentIsSavedWhileTyping()
{
    QCOMPARE(m_view->documentId(), 0);
    QTest::mouseClick(child<QPushButton>("newDraftButton"), Qt::LeftButton);
    const qint64 id = m_view->documentId();
    QVERIFY(id != 0);
    QCOMPARE(store()->documents().size(), 1);
    auto *list = child<QListWidget>("draftList");
    QTRY_COMPARE(list->count(), 1);
    QCOMPARE(list->currentItem()->text(), store()->document(id).title);

    QPlainTextEdit *editor = m_view->editor();
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(editor));
    QTest::keyClicks(editor, QStringLiteral("Hello "));
    editor->insertPlainText(QStringLiteral("wörld, 你好"));
    const QString expected = QStringLiteral("Hello wörld, 你好");
    QCOMPARE(editor->toPlainText(), expected);
    QTRY_COMPARE_WITH_TIMEOUT(store()->document(id).content, expected, kSaveTimeoutMs);
}

void TestDraftView::savesDuringContinuousTyping()
{
    const qint64 id = m_view->newDocument(QStringLiteral("Typing"));
    QVERIFY(id != 0);
    // Keystrokes every 150 ms never leave a pause long enough for the idle save, yet the
    // text typed so far must reach the store within a second of the first one.
    QElapsedTimer typing;
    typing.start();
    while (typing.elapsed() < 1800) {
        QTest::keyClick(m_view->editor(), Qt::Key_A);
        QTest::qWait(150);
    }
    QVERIFY(!store()->document(id).content.isEmpty());
    QVERIFY(store()->document(id).content.startsWith(QLatin1String("aaaa")));
}

void TestDraftView::statsCountWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words");
    QTest::addColumn<QString>("characters");
    QTest::newRow("english") << QStringLiteral("The quick brown fox jumps over the lazy dog.")
                             << QStringLiteral("9 words") << QStringLiteral("44 characters");
    // Every CJK character counts as a word.
    QTest::newRow("chinese") << QStringLiteral("我们今天去公园散步") << QStringLiteral("9 words")
                             << QStringLiteral("9 characters");
    QTest::newRow("one") << QStringLiteral("Hi") << QStringLiteral("1 word")
                         << QStringLiteral("2 characters");
}

void TestDraftView::statsCountWords()
{
    QFETCH(QString, text);
    QFETCH(QString, words);
    QFETCH(QString, characters);
    m_view->newDocument(QStringLiteral("Stats"));
    m_view->editor()->setFocus();
    m_view->editor()->insertPlainText(text);
    auto *stats = child<QLabel>("draftStats");
    QTRY_VERIFY2(stats->text().startsWith(words + QStringLiteral(" · ")), qPrintable(stats->text()));
    QVERIFY2(stats->text().contains(characters), qPrintable(stats->text()));
    QVERIFY2(stats->text().contains(QStringLiteral("1 min read")), qPrintable(stats->text()));
}

void TestDraftView::previewRendersMarkdown()
{
    m_view->newDocument(QStringLiteral("Preview"));
    m_view->editor()->setFocus();
    QTest::keyClicks(m_view->editor(), QStringLiteral("# Big Title"));
    QTest::keyClick(m_view->editor(), Qt::Key_Return);
    QTest::keyClick(m_view->editor(), Qt::Key_Return);
    QTest::keyClicks(m_view->editor(), QStringLiteral("Some *soft* text"));
    auto *preview = child<QTextBrowser>("draftPreview");
    QTRY_VERIFY(preview->toPlainText().contains(QStringLiteral("Some soft text")));
    QVERIFY(preview->toPlainText().startsWith(QLatin1String("Big Title")));
    QVERIFY(!preview->toPlainText().contains(QLatin1Char('#')));
    QVERIFY(!preview->toPlainText().contains(QLatin1Char('*')));
    QCOMPARE(preview->document()->begin().blockFormat().headingLevel(), 1);
    QVERIFY(preview->isReadOnly());
    QVERIFY(!preview->openLinks());
    QVERIFY(!preview->openExternalLinks());
}

void TestDraftView::previewModeHidesPanesAndPersists()
{
    auto *mode = child<QComboBox>("draftPreviewMode");
    auto *preview = child<QTextBrowser>("draftPreview");
    QVERIFY(m_view->editor()->isVisible());
    QVERIFY(preview->isVisible());

    QTest::keyClick(mode, Qt::Key_Down); // Editor
    QVERIFY(m_view->editor()->isVisible());
    QVERIFY(!preview->isVisible());
    QCOMPARE(m_ctx->settings()->value(Settings::DraftPreviewMode).toString(), QStringLiteral("editor"));

    QTest::keyClick(mode, Qt::Key_Down); // Preview
    QVERIFY(!m_view->editor()->isVisible());
    QVERIFY(preview->isVisible());
    QCOMPARE(m_ctx->settings()->value(Settings::DraftPreviewMode).toString(), QStringLiteral("preview"));

    // A new view (the next start) comes back in preview mode.
    delete m_view;
    m_view = makeView();
    QVERIFY(!m_view->editor()->isVisible());
    QVERIFY(child<QTextBrowser>("draftPreview")->isVisible());
    QCOMPARE(child<QComboBox>("draftPreviewMode")->currentData().toString(), QStringLiteral("preview"));
}

void TestDraftView::ctrlSTakesANamedVersion()
{
    const qint64 id = m_view->newDocument(QStringLiteral("Letter"));
    m_view->editor()->setFocus();
    QTest::keyClicks(m_view->editor(), QStringLiteral("Dear Sam"));
    QSignalSpy added(m_view, &DraftView::versionAdded);
    QString defaultName;
    ModalAnswerer answer([&defaultName](QWidget *modal) {
        auto *dialog = qobject_cast<QInputDialog *>(modal);
        QVERIFY(dialog);
        defaultName = dialog->textValue();
        dialog->setTextValue(QStringLiteral("First try"));
        dialog->accept();
    });
    QTest::keyClick(m_view->editor(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(answer.answered());
    QCOMPARE(answer.seenObjectName(), QStringLiteral("versionNameDialog"));
    QVERIFY(!defaultName.isEmpty()); // the time
    QCOMPARE(added.size(), 1);

    const QVector<DraftVersion> versions = store()->versions(id);
    QCOMPARE(versions.size(), 1);
    QCOMPARE(versions.first().cause, QStringLiteral("named"));
    QCOMPARE(versions.first().name, QStringLiteral("First try"));
    QCOMPARE(versions.first().content, QStringLiteral("Dear Sam"));
    QCOMPARE(added.first().first().toLongLong(), versions.first().id);
    // Taking a version saved the text too.
    QCOMPARE(store()->document(id).content, QStringLiteral("Dear Sam"));

    QTest::mouseClick(child<QToolButton>("draftVersionsButton"), Qt::LeftButton);
    auto *list = child<QListWidget>("draftVersions");
    QVERIFY(list->isVisible());
    QCOMPARE(list->count(), 1);
    QVERIFY2(list->item(0)->text().contains(QStringLiteral("Saved as “First try”")),
             qPrintable(list->item(0)->text()));

    // Cancelled: no version.
    ModalAnswerer cancel([](QWidget *modal) { qobject_cast<QDialog *>(modal)->reject(); });
    QTest::keyClick(m_view->editor(), Qt::Key_S, Qt::ControlModifier);
    QVERIFY(cancel.answered());
    QCOMPARE(store()->versions(id).size(), 1);
}

void TestDraftView::versionDiffShowsInsertionsAndDeletions()
{
    const qint64 id = m_view->newDocument(QStringLiteral("Cat"), QStringLiteral("The cat sat on the mat."));
    QVERIFY(m_view->addNamedVersion(QStringLiteral("v1")) != 0);
    // Replace "cat" by "dog" as a person would: select it and type.
    QTextCursor cursor = m_view->editor()->textCursor();
    cursor.setPosition(4);
    cursor.setPosition(7, QTextCursor::KeepAnchor);
    m_view->editor()->setTextCursor(cursor);
    m_view->editor()->setFocus();
    QTest::keyClicks(m_view->editor(), QStringLiteral("dog"));
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("The dog sat on the mat."));

    QTest::mouseClick(child<QToolButton>("draftVersionsButton"), Qt::LeftButton);
    auto *list = child<QListWidget>("draftVersions");
    QCOMPARE(list->count(), 1);
    auto *restore = child<QPushButton>("restoreVersionButton");
    QVERIFY(!restore->isEnabled());
    list->setCurrentRow(0);
    QVERIFY(restore->isEnabled());
    auto *diff = child<QTextBrowser>("versionDiff");
    QCOMPARE(diff->toPlainText(), QStringLiteral("The catdog sat on the mat."));
    bool found = false;
    const QTextCharFormat deleted = formatOf(diff->document(), QStringLiteral("cat"), &found);
    QVERIFY(found);
    QVERIFY(deleted.fontStrikeOut());
    QVERIFY(!deleted.fontUnderline());
    const QTextCharFormat inserted = formatOf(diff->document(), QStringLiteral("dog"), &found);
    QVERIFY(found);
    QVERIFY(inserted.fontUnderline());
    QVERIFY(!inserted.fontStrikeOut());
    const QTextCharFormat same = formatOf(diff->document(), QStringLiteral(" sat on"), &found);
    QVERIFY(found);
    QVERIFY(!same.fontUnderline() && !same.fontStrikeOut());

    // Typing on updates the diff.
    QTest::keyClicks(m_view->editor(), QStringLiteral("s"));
    QTRY_VERIFY(diff->toPlainText().contains(QStringLiteral("dogs")));
    QCOMPARE(store()->document(id).title, QStringLiteral("Cat"));
}

void TestDraftView::restoreIsOneUndoStep()
{
    const qint64 id = m_view->newDocument(QStringLiteral("Undo"), QStringLiteral("Alpha"));
    const qint64 v1 = m_view->addNamedVersion(QStringLiteral("first"));
    QVERIFY(v1 != 0);
    QPlainTextEdit *editor = m_view->editor();
    editor->setFocus();
    editor->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor, QStringLiteral(" beta"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, QStringLiteral("gamma"));
    const QString edited = QStringLiteral("Alpha beta\ngamma");
    QCOMPARE(editor->toPlainText(), edited);

    QTest::mouseClick(child<QToolButton>("draftVersionsButton"), Qt::LeftButton);
    auto *list = child<QListWidget>("draftVersions");
    list->setCurrentRow(0);
    QSignalSpy added(m_view, &DraftView::versionAdded);
    auto *restore = child<QPushButton>("restoreVersionButton");
    QVERIFY(restore->width() > 0 && restore->height() > 0);
    QTest::mouseClick(restore, Qt::LeftButton);
    QCOMPARE(editor->toPlainText(), QStringLiteral("Alpha"));
    QCOMPARE(store()->document(id).content, QStringLiteral("Alpha"));

    // Newest first: the restore, the snapshot of the replaced text, the named version.
    const QVector<DraftVersion> versions = store()->versions(id);
    QCOMPARE(versions.size(), 3);
    QCOMPARE(versions.at(0).cause, QStringLiteral("restore"));
    QCOMPARE(versions.at(0).content, QStringLiteral("Alpha"));
    QCOMPARE(versions.at(1).content, edited);
    QCOMPARE(versions.at(2).id, v1);
    QCOMPARE(added.size(), 2);
    QTRY_COMPARE(list->count(), 3);
    QVERIFY2(list->item(0)->text().contains(QStringLiteral("Restored")), qPrintable(list->item(0)->text()));

    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), edited);
    QTRY_COMPARE_WITH_TIMEOUT(store()->document(id).content, edited, kSaveTimeoutMs);

    // Again: the replaced text differs from the newest version ("Alpha"), so it is kept first.
    const qint64 snapshot = versions.at(1).id;
    QVERIFY(m_view->restoreVersion(v1));
    QCOMPARE(store()->versions(id).size(), 5);
    QCOMPARE(store()->versions(id).at(1).content, edited);
    // The text now is the newest version: restoring another one takes no extra snapshot.
    QVERIFY(m_view->restoreVersion(snapshot));
    QCOMPARE(editor->toPlainText(), edited);
    QCOMPARE(store()->versions(id).size(), 6);
}

void TestDraftView::renameDeleteAndFilter()
{
    const qint64 apple = m_view->newDocument(QStringLiteral("Apple pie"), QStringLiteral("Bake the apples."));
    const qint64 banana =
        m_view->newDocument(QStringLiteral("Banana bread"), QStringLiteral("Mash the bananas."));
    auto *list = child<QListWidget>("draftList");
    QTRY_COMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Banana bread")); // newest first
    QCOMPARE(m_view->documentId(), banana);

    // Selecting a document opens it.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
    QCOMPARE(m_view->documentId(), apple);
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("Bake the apples."));

    // F2 in the editor edits the title in the list.
    m_view->editor()->setFocus();
    QTest::keyClick(m_view->editor(), Qt::Key_F2);
    QTRY_VERIFY(QApplication::focusWidget() && qobject_cast<QLineEdit *>(QApplication::focusWidget()));
    auto *titleEdit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    titleEdit->selectAll();
    QTest::keyClicks(titleEdit, QStringLiteral("Apple tart"));
    QTest::keyClick(titleEdit, Qt::Key_Return);
    QTRY_COMPARE(store()->document(apple).title, QStringLiteral("Apple tart"));

    // The filter keeps matching documents.
    QTest::keyClicks(child<QLineEdit>("draftFilter"), QStringLiteral("bananas"));
    QTRY_COMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->data(Qt::UserRole + 1).toLongLong(), banana);
    child<QLineEdit>("draftFilter")->clear();
    QTRY_COMPARE(list->count(), 2);

    // Delete asks first; Cancel keeps it.
    ModalAnswerer cancel([](QWidget *modal) {
        auto *box = qobject_cast<QMessageBox *>(modal);
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
    });
    QTest::mouseClick(child<QPushButton>("deleteDraftButton"), Qt::LeftButton);
    QVERIFY(cancel.answered());
    QCOMPARE(cancel.seenObjectName(), QStringLiteral("deleteDraftConfirm"));
    QVERIFY(store()->document(apple).id != 0);
    QCOMPARE(m_view->documentId(), apple);

    ModalAnswerer yes(
        [](QWidget *modal) { qobject_cast<QMessageBox *>(modal)->button(QMessageBox::Yes)->click(); });
    QTest::mouseClick(child<QPushButton>("deleteDraftButton"), Qt::LeftButton);
    QVERIFY(yes.answered());
    QCOMPARE(store()->document(apple).id, 0);
    QTRY_COMPARE(list->count(), 1);
    // The remaining document is open instead.
    QCOMPARE(m_view->documentId(), banana);
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("Mash the bananas."));

    // The list follows the store: a document made elsewhere shows up on top, a renamed one is
    // renamed; the open document stays open.
    const qint64 external = store()->createDocument(QStringLiteral("From elsewhere"));
    QTRY_COMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->data(Qt::UserRole + 1).toLongLong(), external);
    QVERIFY(store()->renameDocument(banana, QStringLiteral("Banana loaf")));
    QTRY_VERIFY(!list->findItems(QStringLiteral("Banana loaf"), Qt::MatchExactly).isEmpty());
    QCOMPARE(m_view->documentId(), banana);
}

void TestDraftView::appendTextIsOneUndoStep()
{
    // Nothing open: a document is made for it.
    m_view->appendText(QStringLiteral("First paragraph."));
    const qint64 id = m_view->documentId();
    QVERIFY(id != 0);
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("First paragraph."));
    m_view->appendText(QStringLiteral("## Second\n\nMore text."));
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("First paragraph.\n\n## Second\n\nMore text."));
    m_view->editor()->setFocus();
    QTest::keyClick(m_view->editor(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("First paragraph."));
    m_view->saveNow();
    QCOMPARE(store()->document(id).content, QStringLiteral("First paragraph."));
}

void TestDraftView::proposalsAreaHiddenWhileEmpty()
{
    QWidget *area = m_view->proposalsArea();
    QCOMPARE(area->objectName(), QStringLiteral("draftProposals"));
    QVERIFY(qobject_cast<QVBoxLayout *>(area->layout()));
    QVERIFY(!area->isVisible());
    auto *card = new QLabel(QStringLiteral("A proposal"));
    area->layout()->addWidget(card);
    QTRY_VERIFY(area->isVisible());
    QVERIFY(area->width() > 0);
    delete card;
    QTRY_VERIFY(!area->isVisible());

    QToolButton *ai = m_view->aiButton();
    QCOMPARE(ai->objectName(), QStringLiteral("draftAiButton"));
    QVERIFY(ai->menu());
    // The AI actions (DraftAssistController; tst_draftassist drives them).
    QStringList names;
    for (QAction *a : ai->menu()->findChildren<QAction *>())
        names << a->objectName();
    for (const char *name : {"draftNewFromBrief", "draftContinue", "draftRewriteShorter", "draftRewriteCustom",
                             "draftSummarize", "draftTitleIdeas"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
}

void TestDraftView::languageIsDetectedOrChosen()
{
    const qint64 id = m_view->newDocument(QStringLiteral("Brief"));
    auto *language = child<QComboBox>("draftLanguage");
    QCOMPARE(language->currentData().toString(), QString()); // Automatic
    m_view->editor()->setFocus();
    m_view->editor()->insertPlainText(
        QStringLiteral("Der Ausschuss trifft sich nächste Woche erneut, um über den Haushalt zu beraten. Wer "
                       "sprechen möchte, sollte dem Sekretariat bis Freitag eine kurze Nachricht schicken."));
    QTRY_COMPARE(m_view->effectiveLanguage(), QStringLiteral("de"));
    QVERIFY2(language->itemText(0).contains(QStringLiteral("German")), qPrintable(language->itemText(0)));
    QCOMPARE(store()->document(id).language, QString());

    // A language set on the document is shown and wins over the detection.
    QVERIFY(store()->setDocumentLanguage(id, QStringLiteral("fr")));
    const qint64 other = m_view->newDocument(QStringLiteral("Other"));
    QVERIFY(m_view->openDocument(id));
    QCOMPARE(language->currentData().toString(), QStringLiteral("fr"));
    QCOMPARE(m_view->effectiveLanguage(), QStringLiteral("fr"));
    // Back to Automatic through the combo, as a person would: stored as "unknown".
    language->setFocus();
    QTest::keyClick(language, Qt::Key_Home);
    QCOMPARE(language->currentIndex(), 0);
    QCOMPARE(store()->document(id).language, QString());
    QCOMPARE(m_view->effectiveLanguage(), QStringLiteral("de"));
    QVERIFY(other != id);

    // The spell check switch is remembered.
    auto *spell = child<QToolButton>("draftSpellCheck");
    const bool before = m_ctx->settings()->value(Settings::DraftSpellCheck).toBool();
    QCOMPARE(spell->isChecked(), before);
    QTest::mouseClick(spell, Qt::LeftButton);
    QCOMPARE(m_ctx->settings()->value(Settings::DraftSpellCheck).toBool(), !before);
}

void TestDraftView::misspeltWordGetsSuggestions()
{
    if (!SpellChecker::availableLanguages().contains(QStringLiteral("en-US")))
        QSKIP("needs the en_US Hunspell dictionary (hunspell-en-us)");
    const qint64 id = m_view->newDocument(QStringLiteral("Spelling"));
    auto *spell = child<QToolButton>("draftSpellCheck");
    if (!spell->isChecked())
        QTest::mouseClick(spell, Qt::LeftButton);
    QVERIFY(spell->isChecked());
    auto *language = child<QComboBox>("draftLanguage");
    const int english = language->findData(QStringLiteral("en-US"));
    QVERIFY(english > 0);
    language->setFocus();
    while (language->currentIndex() < english)
        QTest::keyClick(language, Qt::Key_Down);
    QCOMPARE(store()->document(id).language, QStringLiteral("en-US"));

    QPlainTextEdit *editor = m_view->editor();
    editor->setFocus();
    QTest::keyClicks(editor, QStringLiteral("This is a tset sentence."));
    m_view->saveNow();
    // The misspelt word is underlined, the others are not.
    const QTextLayout *layout = editor->document()->firstBlock().layout();
    QTRY_VERIFY(!layout->formats().isEmpty());
    bool underlined = false;
    for (const QTextLayout::FormatRange &r : layout->formats()) {
        QCOMPARE(r.start, 10);
        QCOMPARE(r.length, 4);
        underlined = r.format.underlineStyle() == QTextCharFormat::SpellCheckUnderline;
    }
    QVERIFY(underlined);

    // Right-click on it: suggestions first.
    const QPoint at = editor->cursorRect(QTextCursor(editor->document()->findBlock(0))).center() +
                      QPoint(editor->fontMetrics().horizontalAdvance(QStringLiteral("This is a ts")), 0);
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, editor->viewport()->mapToGlobal(at));
    QApplication::sendEvent(editor->viewport(), &event);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
    QAction *first = menu->actions().value(0);
    QVERIFY(first);
    QCOMPARE(first->objectName(), QStringLiteral("spellSuggestion"));
    QAction *test = nullptr;
    for (QAction *a : menu->actions())
        if (a->objectName() == QLatin1String("spellSuggestion") && a->text() == QLatin1String("test"))
            test = a;
    QVERIFY(test);
    test->trigger();
    menu->close();
    QCOMPARE(editor->toPlainText(), QStringLiteral("This is a test sentence."));
    QTRY_COMPARE_WITH_TIMEOUT(store()->document(id).content, QStringLiteral("This is a test sentence."),
                              kSaveTimeoutMs);
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), QStringLiteral("This is a tset sentence."));

    // Switched off: nothing is underlined.
    QTest::mouseClick(spell, Qt::LeftButton);
    QTRY_VERIFY(editor->document()->firstBlock().layout()->formats().isEmpty());
}

void TestDraftView::reopensTheLastDocument()
{
    m_view->newDocument(QStringLiteral("Older"), QStringLiteral("old text"));
    const qint64 id = m_view->newDocument(QStringLiteral("Kept"));
    m_view->newDocument(QStringLiteral("Newest"), QStringLiteral("newest text"));
    QVERIFY(m_view->openDocument(id));
    m_view->editor()->setFocus();
    QTest::keyClicks(m_view->editor(), QStringLiteral("Unsaved until close"));
    // Closing saves at once, without waiting for the autosave.
    delete m_view;
    m_view = nullptr;
    m_ctx.reset();

    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9")));
    QVERIFY(m_ctx);
    m_view = makeView();
    QCOMPARE(m_view->documentId(), id);
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("Unsaved until close"));
    QCOMPARE(child<QListWidget>("draftList")->currentItem()->text(), QStringLiteral("Kept"));
}

void TestDraftView::exportsMarkdown()
{
    m_view->newDocument(QStringLiteral("Notes"), QStringLiteral("Some **bold** words."));
    const QString path = m_dir->filePath(QStringLiteral("notes.md"));
    QString error;
    QVERIFY2(m_view->exportDocument(QStringLiteral("md"), path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString written = QString::fromUtf8(file.readAll());
    QVERIFY2(written.contains(QStringLiteral("Some **bold** words.")), qPrintable(written));
    QVERIFY2(written.contains(QStringLiteral("# Notes")), qPrintable(written));
    QVERIFY(
        !m_view->exportDocument(QStringLiteral("nope"), m_dir->filePath(QStringLiteral("x.nope")), &error));
    QVERIFY(!error.isEmpty());

    auto *button = child<QToolButton>("draftExportButton");
    QVERIFY(button->menu());
    QStringList entries;
    for (QAction *a : button->menu()->actions())
        if (!a->isSeparator())
            entries << a->text();
    QCOMPARE(entries.size(), 6);
    QVERIFY(entries.last().contains(QStringLiteral("Rich Text")));
}

void TestDraftView::ctrlDSwitchesTheWindow()
{
    delete m_view;
    m_view = nullptr;
    MainWindow window(m_ctx.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *workspace = window.findChild<QStackedWidget *>(QStringLiteral("workspace"));
    QVERIFY(workspace);
    QVERIFY(!window.draftView());

    QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier);
    QVERIFY(window.draftView());
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.draftView()));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(window.draftView()->editor()));
    // Typing with nothing open starts a document.
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Hello"));
    const qint64 first = window.draftView()->documentId();
    QVERIFY(first != 0);

    // Ctrl+N in the draft makes a new draft, not a new chat.
    QTest::keyClick(window.draftView()->editor(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.draftView()));
    QVERIFY(window.draftView()->documentId() != first);
    QCOMPARE(store()->documents().size(), 2);

    // Leaving the workspace saves.
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.chatPane()));
    QCOMPARE(store()->document(first).content, QStringLiteral("Hello"));
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(workspace->currentWidget(), static_cast<QWidget *>(window.draftView()));
}

QTEST_MAIN(TestDraftView)
#include "tst_draftview.moc"
