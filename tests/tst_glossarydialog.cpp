// GlossaryDialog: terms typed into the table, CSV import (and its errors) and export,
// duplicates refused on OK.
#include "GlossaryDialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;

class TestGlossaryDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typeATerm();
    void importAndExport();
    void importErrorKeepsTheTable();
    void duplicatesAreRefused();
};

static void typeInto(QTableWidget *table, int row, int column, const QString &text)
{
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    if (!editor || table->currentRow() != row || table->currentColumn() != column) {
        table->setCurrentCell(row, column);
        table->editItem(table->item(row, column));
        editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    }
    QVERIFY(editor);
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits on the next event-loop turn.
    QTRY_COMPARE(table->item(row, column)->text(), text);
}

void TestGlossaryDialog::typeATerm()
{
    GlossaryDialog d(QStringLiteral("English → German"),
                     Glossary({{QStringLiteral("branch"), QStringLiteral("Zweig")}}));
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    d.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&d));
    auto *table = d.findChild<QTableWidget *>(QStringLiteral("glossaryTable"));
    QCOMPARE(table->rowCount(), 1);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("addTermButton")), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 2);
    typeInto(table, 1, 0, QStringLiteral("pull request"));
    typeInto(table, 1, 1, QStringLiteral("Pull Request"));
    const Glossary g = d.glossary();
    QCOMPARE(g.terms().size(), 2);
    QCOMPARE(g.terms().at(1).source, QStringLiteral("pull request"));
    QCOMPARE(g.terms().at(1).target, QStringLiteral("Pull Request"));

    // A half-filled row is not a term.
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("addTermButton")), Qt::LeftButton);
    typeInto(table, 2, 0, QStringLiteral("merge"));
    QCOMPARE(d.glossary().terms().size(), 2);

    table->setCurrentCell(0, 0);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("removeTermButton")), Qt::LeftButton);
    QCOMPARE(d.glossary().terms().first().source, QStringLiteral("pull request"));
}

void TestGlossaryDialog::importAndExport()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in.csv"));
    {
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "source,target\r\nmachine learning,\xE6\x9C\xBA\xE5\x99\xA8\xE5\xAD\xA6\xE4\xB9\xA0\r\n\"hello, "
            "world\",\"\xE4\xBD\xA0\xE5\xA5\xBD\"\r\n");
    }
    GlossaryDialog d(QStringLiteral("English → Chinese"), Glossary());
    QVERIFY(d.importCsv(in));
    QCOMPARE(d.findChild<QTableWidget *>(QStringLiteral("glossaryTable"))->rowCount(), 2);
    QCOMPARE(d.glossary().terms().at(0).target, QStringLiteral("机器学习"));
    QVERIFY(d.findChild<QLabel *>(QStringLiteral("glossaryMessage"))->text().contains(QStringLiteral("2")));

    const QString out = dir.filePath(QStringLiteral("out.csv"));
    QVERIFY(d.exportCsv(out));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QString error;
    QCOMPARE(Glossary::fromCsv(f.readAll(), &error).terms(), d.glossary().terms());
    QVERIFY(error.isEmpty());
}

void TestGlossaryDialog::importErrorKeepsTheTable()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("bad.csv"));
    {
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a,b\nonly one column\n");
    }
    GlossaryDialog d(QStringLiteral("pair"), Glossary({{QStringLiteral("x"), QStringLiteral("y")}}));
    QVERIFY(!d.importCsv(in));
    QCOMPARE(d.glossary().terms().size(), 1);
    const QString message = d.findChild<QLabel *>(QStringLiteral("glossaryMessage"))->text();
    QVERIFY2(message.contains(QStringLiteral("bad.csv")) && message.contains(QStringLiteral("Line 2")),
             qPrintable(message));
    QVERIFY(!d.importCsv(dir.filePath(QStringLiteral("missing.csv"))));
}

void TestGlossaryDialog::duplicatesAreRefused()
{
    GlossaryDialog d(QStringLiteral("pair"), Glossary({{QStringLiteral("Term"), QStringLiteral("a")},
                                                       {QStringLiteral("term"), QStringLiteral("b")}}));
    d.show();
    d.accept();
    QVERIFY(d.isVisible()); // not closed
    QVERIFY(
        d.findChild<QLabel *>(QStringLiteral("glossaryMessage"))->text().contains(QStringLiteral("twice")));
    d.setGlossary(Glossary({{QStringLiteral("Term"), QStringLiteral("a")}}));
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
}

QTEST_MAIN(TestGlossaryDialog)
#include "tst_glossarydialog.moc"
