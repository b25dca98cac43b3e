// "New from a brief": every field found by its objectName, OK only with a topic, and the
// Brief read back as filled in (tone preset or the user's own words, language as a code).
#include "BriefDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using namespace penpal;

class TestBriefDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void okNeedsATopic();
    void returnsTheBrief();
    void setBriefFillsTheFields();
};

void TestBriefDialog::okNeedsATopic()
{
    BriefDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QPushButton *ok =
        dialog.findChild<QDialogButtonBox *>(QStringLiteral("briefButtons"))->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    auto *topic = dialog.findChild<QPlainTextEdit *>(QStringLiteral("briefTopic"));
    topic->setFocus();
    QTest::keyClicks(topic, QStringLiteral("   "));
    QVERIFY(!ok->isEnabled()); // blanks are no topic
    QTest::keyClicks(topic, QStringLiteral("Bees"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestBriefDialog::returnsTheBrief()
{
    BriefDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.findChild<QPlainTextEdit *>(QStringLiteral("briefTopic")),
                     QStringLiteral("Urban beekeeping"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("briefAudience")),
                     QStringLiteral("neighbours"));
    auto *tone = dialog.findChild<QComboBox *>(QStringLiteral("briefTone"));
    QVERIFY(tone->isEditable());
    tone->lineEdit()->selectAll();
    QTest::keyClicks(tone->lineEdit(), QStringLiteral("warm but precise"));
    auto *words = dialog.findChild<QSpinBox *>(QStringLiteral("briefWords"));
    words->setValue(1200);
    auto *language = dialog.findChild<QComboBox *>(QStringLiteral("briefLanguage"));
    const int german = language->findData(QStringLiteral("de"));
    QVERIFY(german > 0);
    language->setCurrentIndex(german);

    const Brief b = dialog.brief();
    QCOMPARE(b.topic, QStringLiteral("Urban beekeeping"));
    QCOMPARE(b.audience, QStringLiteral("neighbours"));
    QCOMPARE(b.tone, QStringLiteral("warm but precise"));
    QCOMPARE(b.targetWords, 1200);
    QCOMPARE(b.language, QStringLiteral("de"));
    // The first language entry means "the topic's own language".
    language->setCurrentIndex(0);
    QVERIFY(dialog.brief().language.isEmpty());
}

void TestBriefDialog::setBriefFillsTheFields()
{
    Brief in;
    in.topic = QStringLiteral("Tea");
    in.audience = QStringLiteral("children");
    in.tone = QStringLiteral("playful");
    in.targetWords = 300;
    in.language = QStringLiteral("fr");
    BriefDialog dialog;
    dialog.setBrief(in);
    const Brief out = dialog.brief();
    QCOMPARE(out.topic, in.topic);
    QCOMPARE(out.audience, in.audience);
    QCOMPARE(out.tone, in.tone);
    QCOMPARE(out.targetWords, in.targetWords);
    QCOMPARE(out.language, in.language);
}

QTEST_MAIN(TestBriefDialog)
#include "tst_briefdialog.moc"
