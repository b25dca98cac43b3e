// File → Export… as a person uses it: pick the scope and format, type the path, click Export;
// the file holds what was chosen (never the trash), the dialog says so, and the folder and
// format are remembered.
#include "ExportDialog.h"
#include "ExportFixture.h"
#include "MainWindow.h"
#include "ModalAnswerer.h"
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

class TestExportDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void allConversationsAsJsonSkipsTrash();
    void currentConversationAsMarkdown();
    void formatChangeFollowsSuffix();
    void existingFileAsksFirst();
    void missingFolderIsExplained();
    void scopesFollowWhatIsOpen();
    void fileMenuOpensDialog();

private:
    std::unique_ptr<ExportDialog> openDialog(const QVector<qint64> &selection, qint64 current);
    void chooseFormat(ExportDialog &dialog, const QString &label);
    void typePath(ExportDialog &dialog, const QString &path);
    void clickExport(ExportDialog &dialog);
    QString statusText(ExportDialog &dialog) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    ExportFixture m_fx;
    qint64 m_archived = 0;
    qint64 m_trashed = 0;
};

void TestExportDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("http://127.0.0.1:9/")));
    QVERIFY(m_ctx);
    m_fx = ExportFixture();
    QVERIFY(m_fx.build(*m_ctx->store()));
    Conversation archived;
    archived.title = QStringLiteral("ARCHIVED-TITLE");
    archived.archived = true;
    m_archived = m_ctx->store()->createConversation(archived);
    QVERIFY(m_archived);
    QVERIFY(addMsg(*m_ctx->store(), m_archived, 0, Role::User, QStringLiteral("archived text")));
    Conversation trashed;
    trashed.title = QStringLiteral("TRASHED-TITLE");
    trashed.deletedAt = QDateTime::currentDateTimeUtc();
    m_trashed = m_ctx->store()->createConversation(trashed);
    QVERIFY(m_trashed);
    QVERIFY(addMsg(*m_ctx->store(), m_trashed, 0, Role::User, QStringLiteral("TRASHED-TEXT")));
}

void TestExportDialog::cleanup()
{
    m_ctx.reset();
    m_dir.reset();
}

std::unique_ptr<ExportDialog> TestExportDialog::openDialog(const QVector<qint64> &selection, qint64 current)
{
    auto dialog = std::make_unique<ExportDialog>(m_ctx.get(), selection, current);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    return dialog;
}

void TestExportDialog::chooseFormat(ExportDialog &dialog, const QString &label)
{
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("exportFormat"));
    QVERIFY(combo);
    combo->setFocus();
    // Home, then Down until the entry shows, as on a real keyboard.
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < combo->count() && !combo->currentText().startsWith(label); ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    QVERIFY2(combo->currentText().startsWith(label), qPrintable(combo->currentText()));
}

void TestExportDialog::typePath(ExportDialog &dialog, const QString &path)
{
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("exportPath"));
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, path);
    QCOMPARE(edit->text(), path);
}

void TestExportDialog::clickExport(ExportDialog &dialog)
{
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("exportButton"));
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

QString TestExportDialog::statusText(ExportDialog &dialog) const
{
    auto *label = dialog.findChild<QLabel *>(QStringLiteral("exportStatus"));
    return label ? label->text() : QString();
}

void TestExportDialog::allConversationsAsJsonSkipsTrash()
{
    auto dialog = openDialog({}, m_fx.conversationId);
    QVERIFY(dialog);
    auto *all = dialog->findChild<QRadioButton *>(QStringLiteral("exportScopeAll"));
    QVERIFY(all);
    QVERIFY(!all->isChecked());
    QTest::mouseClick(all, Qt::LeftButton, {}, QPoint(8, all->height() / 2));
    QVERIFY(all->isChecked());
    chooseFormat(*dialog, QStringLiteral("JSON"));
    const QString path = m_dir->filePath(QStringLiteral("everything.json"));
    typePath(*dialog, path);
    clickExport(*dialog);

    QTRY_VERIFY(QFile::exists(path));
    QVERIFY2(statusText(*dialog).contains(QStringLiteral("Exported 2 conversations")),
             qPrintable(statusText(*dialog)));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    QCOMPARE(doc.object().value(QStringLiteral("format")).toString(), QStringLiteral("penpal-export"));
    QStringList titles;
    for (const QJsonValue &c : doc.object().value(QStringLiteral("conversations")).toArray())
        titles << c.toObject().value(QStringLiteral("title")).toString();
    QCOMPARE(titles.size(), 2);
    QVERIFY(titles.contains(QStringLiteral("ARCHIVED-TITLE")));
    QVERIFY(!titles.contains(QStringLiteral("TRASHED-TITLE")));

    QCOMPARE(m_ctx->settings()->value(Settings::LastExportFormat).toString(), QStringLiteral("json"));
    QCOMPARE(m_ctx->settings()->value(Settings::LastExportDir).toString(), m_dir->path());

    // The next dialog starts where this one left off.
    auto again = openDialog({}, m_fx.conversationId);
    QVERIFY(again);
    QCOMPARE(again->findChild<QComboBox *>(QStringLiteral("exportFormat"))->currentData().toString(),
             QStringLiteral("json"));
    const QString suggested = again->findChild<QLineEdit *>(QStringLiteral("exportPath"))->text();
    QVERIFY2(suggested.startsWith(m_dir->path() + QLatin1Char('/')) &&
                 suggested.endsWith(QLatin1String(".json")),
             qPrintable(suggested));
}

void TestExportDialog::currentConversationAsMarkdown()
{
    auto dialog = openDialog({}, m_fx.conversationId);
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("exportScopeCurrent"))->isChecked());
    chooseFormat(*dialog, QStringLiteral("Markdown"));
    const QString path = m_dir->filePath(QStringLiteral("chat.md"));
    typePath(*dialog, path);
    clickExport(*dialog);

    QTRY_VERIFY(QFile::exists(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.startsWith(QStringLiteral("# Export")));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownReply)));
    QVERIFY(!text.contains(QLatin1String(ExportFixture::OtherBranch)));
    QVERIFY(!text.contains(QStringLiteral("ARCHIVED-TITLE")));
    QVERIFY(statusText(*dialog).contains(QStringLiteral("Exported 1 conversation ")));
}

void TestExportDialog::formatChangeFollowsSuffix()
{
    auto dialog = openDialog({}, m_fx.conversationId);
    QVERIFY(dialog);
    chooseFormat(*dialog, QStringLiteral("Markdown"));
    typePath(*dialog, m_dir->filePath(QStringLiteral("out.md")));
    chooseFormat(*dialog, QStringLiteral("HTML"));
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("exportPath"));
    QCOMPARE(edit->text(), m_dir->filePath(QStringLiteral("out.html")));
    clickExport(*dialog);
    QTRY_VERIFY(QFile::exists(m_dir->filePath(QStringLiteral("out.html"))));
    QFile f(m_dir->filePath(QStringLiteral("out.html")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("<!DOCTYPE html>"));
}

void TestExportDialog::existingFileAsksFirst()
{
    const QString path = m_dir->filePath(QStringLiteral("keep.txt"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
    }
    auto dialog = openDialog({}, m_fx.conversationId);
    QVERIFY(dialog);
    chooseFormat(*dialog, QStringLiteral("Plain"));
    typePath(*dialog, path);
    ModalAnswerer no([](QWidget *w) {
        auto *box = qobject_cast<QMessageBox *>(w);
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::No), Qt::LeftButton);
    });
    clickExport(*dialog);
    QVERIFY(no.answered());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("precious"));
    f.close();

    ModalAnswerer yes([](QWidget *w) {
        auto *box = qobject_cast<QMessageBox *>(w);
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    });
    clickExport(*dialog);
    QVERIFY(yes.answered());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(f.readAll()).contains(QLatin1String(ExportFixture::ShownReply)));
}

void TestExportDialog::missingFolderIsExplained()
{
    auto dialog = openDialog({}, m_fx.conversationId);
    QVERIFY(dialog);
    const QString path = m_dir->filePath(QStringLiteral("no/such/folder/out.md"));
    typePath(*dialog, path);
    clickExport(*dialog);
    QVERIFY2(statusText(*dialog).contains(QStringLiteral("does not exist")), qPrintable(statusText(*dialog)));
    QVERIFY(!QFile::exists(path));
}

void TestExportDialog::scopesFollowWhatIsOpen()
{
    // A new chat (nothing saved) with two conversations selected in the sidebar.
    auto dialog = openDialog({m_fx.conversationId, m_archived}, 0);
    QVERIFY(dialog);
    auto *current = dialog->findChild<QRadioButton *>(QStringLiteral("exportScopeCurrent"));
    auto *selected = dialog->findChild<QRadioButton *>(QStringLiteral("exportScopeSelection"));
    QVERIFY(current && selected);
    QVERIFY(!current->isEnabled());
    QVERIFY(selected->isChecked());
    QVERIFY(selected->text().contains(QStringLiteral("(2)")));
    QCOMPARE(dialog->conversationIds(), (QVector<qint64>{m_fx.conversationId, m_archived}));

    // The sidebar's Export on another conversation than the open one exports that one.
    auto other = openDialog({m_archived}, m_fx.conversationId);
    QVERIFY(other);
    QVERIFY(other->findChild<QRadioButton *>(QStringLiteral("exportScopeSelection"))->isChecked());
    QCOMPARE(other->conversationIds(), QVector<qint64>{m_archived});
    auto same = openDialog({m_fx.conversationId}, m_fx.conversationId);
    QVERIFY(same);
    QVERIFY(same->findChild<QRadioButton *>(QStringLiteral("exportScopeCurrent"))->isChecked());

    auto none = openDialog({}, 0);
    QVERIFY(none);
    QVERIFY(none->findChild<QRadioButton *>(QStringLiteral("exportScopeAll"))->isChecked());
    QVERIFY(!none->findChild<QRadioButton *>(QStringLiteral("exportScopeSelection"))->isEnabled());
}

void TestExportDialog::fileMenuOpensDialog()
{
    MainWindow window(m_ctx.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *action = window.findChild<QAction *>(QStringLiteral("actionExport"));
    QVERIFY(action);
    QString scopeShown;
    ModalAnswerer answer([&scopeShown](QWidget *w) {
        auto *dialog = qobject_cast<ExportDialog *>(w);
        if (dialog)
            scopeShown = QString::number(int(dialog->scope()));
        w->close();
    });
    action->trigger();
    QVERIFY(answer.answered());
    QCOMPARE(answer.seenObjectName(), QStringLiteral("exportDialog"));
    QVERIFY(!scopeShown.isEmpty());
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
