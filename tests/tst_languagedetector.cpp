// LanguageDetector: CLD2 on a fixture of sixteen languages, Simplified and Traditional
// Chinese told apart, and the edges (empty, numbers only, mixed, long, invalid text).
#include "translate/LanguageDetector.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace penpal;

class TestLanguageDetector : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fixtureLanguages_data();
    void fixtureLanguages();
    void nothingToDetect_data();
    void nothingToDetect();
    void mainLanguageOfAMix();
    void longTextIsCutAtACharacter();
    void names();
};

void TestLanguageDetector::fixtureLanguages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    const QDir dir(QStringLiteral(PENPAL_FIXTURES_DIR "/languages"));
    const QStringList files = dir.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 12);
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString code = name.chopped(4);
        QTest::newRow(qPrintable(code)) << QString::fromUtf8(f.readAll()) << code;
    }
}

void TestLanguageDetector::fixtureLanguages()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    const DetectedLanguage d = LanguageDetector::detect(text);
    QCOMPARE(d.code, code);
    QVERIFY(d.reliable);
    QVERIFY(d.percent >= 80);
    QVERIFY(!d.name.isEmpty());
}

void TestLanguageDetector::nothingToDetect_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("whitespace") << QStringLiteral(" \n\t ");
    QTest::newRow("numbers") << QStringLiteral("12345 678 90");
}

void TestLanguageDetector::nothingToDetect()
{
    QFETCH(QString, text);
    const DetectedLanguage d = LanguageDetector::detect(text);
    QVERIFY(!d.isKnown() || !d.reliable);
}

void TestLanguageDetector::mainLanguageOfAMix()
{
    const QString german = QStringLiteral(
        "Die Übersetzung langer Dokumente erfordert Geduld und Sorgfalt. Jeder Absatz wird einzeln "
        "geprüft, bevor das Ergebnis gespeichert wird. So bleibt die Bedeutung erhalten, auch wenn der "
        "Text sehr lang ist und viele Fachbegriffe enthält.");
    const DetectedLanguage d = LanguageDetector::detect(german + QStringLiteral(" See also: the manual."));
    QCOMPARE(d.code, QStringLiteral("de"));
}

void TestLanguageDetector::longTextIsCutAtACharacter()
{
    // Three-byte characters: the cut at kMaxBytes falls inside one unless it is moved back.
    QFile f(QStringLiteral(PENPAL_FIXTURES_DIR "/languages/ja.txt"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString sample = QString::fromUtf8(f.readAll());
    QString longText;
    while (longText.toUtf8().size() < LanguageDetector::kMaxBytes * 2)
        longText += sample + QLatin1Char(' ');
    longText.prepend(QStringLiteral("x")); // shifts every character off the 3-byte grid
    QCOMPARE(LanguageDetector::detect(longText).code, QStringLiteral("ja"));
}

void TestLanguageDetector::names()
{
    QFile f(QStringLiteral(PENPAL_FIXTURES_DIR "/languages/zh-Hant.txt"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(LanguageDetector::detect(QString::fromUtf8(f.readAll())).name,
             QStringLiteral("Chinese (Traditional)"));
    QFile de(QStringLiteral(PENPAL_FIXTURES_DIR "/languages/de.txt"));
    QVERIFY(de.open(QIODevice::ReadOnly));
    QCOMPARE(LanguageDetector::detect(QString::fromUtf8(de.readAll())).name, QStringLiteral("German"));
}

QTEST_GUILESS_MAIN(TestLanguageDetector)
#include "tst_languagedetector.moc"
