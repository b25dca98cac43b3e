// RecentLanguagePairs over a real Settings file: most recent first, no duplicates, at most
// six, "detect" as an empty source, empty targets ignored, and entries in another shape
// (edited by hand, written by another version) skipped rather than trusted.
#include "settings/Settings.h"
#include "translate/RecentLanguagePairs.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace penpal;

namespace {

QStringList encoded(const QVector<RecentLanguagePairs::Pair> &pairs)
{
    QStringList out;
    for (const auto &p : pairs)
        out << p.first + QLatin1Char('>') + p.second;
    return out;
}

QStringList many(int n)
{
    const QStringList targets{QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("es"),
                              QStringLiteral("it"), QStringLiteral("ja"), QStringLiteral("ko"),
                              QStringLiteral("pt"), QStringLiteral("nl")};
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << QStringLiteral("en>") + targets.at(i);
    return out;
}

} // namespace

class TestRecentLanguagePairs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void list_data();
    void list();
    void remember_data();
    void remember();
    void survivesTheFile_data();
    void survivesTheFile();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestRecentLanguagePairs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
}

void TestRecentLanguagePairs::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestRecentLanguagePairs::list_data()
{
    QTest::addColumn<QStringList>("stored");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("nothing") << QStringList() << QStringList();
    QTest::newRow("in order") << QStringList{QStringLiteral("en>de"), QStringLiteral("fr>zh-Hans")}
                              << QStringList{QStringLiteral("en>de"), QStringLiteral("fr>zh-Hans")};
    QTest::newRow("detect") << QStringList{QStringLiteral(">ja")} << QStringList{QStringLiteral(">ja")};
    QTest::newRow("blanks trimmed") << QStringList{QStringLiteral(" en > de ")}
                                    << QStringList{QStringLiteral("en>de")};
    QTest::newRow("no separator") << QStringList{QStringLiteral("en"), QStringLiteral("en>de")}
                                  << QStringList{QStringLiteral("en>de")};
    QTest::newRow("two separators") << QStringList{QStringLiteral("en>de>fr"), QStringLiteral("it>es")}
                                    << QStringList{QStringLiteral("it>es")};
    QTest::newRow("empty target") << QStringList{QStringLiteral("en>"), QStringLiteral(">"),
                                                 QStringLiteral("")}
                                  << QStringList();
    QTest::newRow("not a code") << QStringList{QStringLiteral("en>de fr"), QStringLiteral("<b>x</b>"),
                                               QStringLiteral("en>\u00e9"), QStringLiteral("pt-BR>en")}
                                << QStringList{QStringLiteral("pt-BR>en")};
    QTest::newRow("duplicates") << QStringList{QStringLiteral("en>de"), QStringLiteral("fr>de"),
                                               QStringLiteral("EN>DE"), QStringLiteral("en>de")}
                                << QStringList{QStringLiteral("en>de"), QStringLiteral("fr>de")};
    QTest::newRow("detect differs from a source")
        << QStringList{QStringLiteral(">de"), QStringLiteral("en>de")}
        << QStringList{QStringLiteral(">de"), QStringLiteral("en>de")};
    QTest::newRow("at most six") << many(8) << many(6);
    QTest::newRow("six after skipping") << (QStringList{QStringLiteral("junk")} + many(7)) << many(6);
}

void TestRecentLanguagePairs::list()
{
    QFETCH(QStringList, stored);
    QFETCH(QStringList, expected);
    m_settings->setValue(Settings::TranslateRecentPairs, stored);
    QCOMPARE(encoded(RecentLanguagePairs::list(m_settings.get())), expected);
}

void TestRecentLanguagePairs::remember_data()
{
    QTest::addColumn<QStringList>("stored");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("expected"); // what list() then gives

    QTest::newRow("first") << QStringList() << QStringLiteral("en") << QStringLiteral("de")
                           << QStringList{QStringLiteral("en>de")};
    QTest::newRow("newest first") << QStringList{QStringLiteral("en>de")} << QStringLiteral("fr")
                                  << QStringLiteral("it")
                                  << QStringList{QStringLiteral("fr>it"), QStringLiteral("en>de")};
    QTest::newRow("moved up, not doubled")
        << QStringList{QStringLiteral("fr>it"), QStringLiteral("en>de"), QStringLiteral("ja>en")}
        << QStringLiteral("en") << QStringLiteral("de")
        << QStringList{QStringLiteral("en>de"), QStringLiteral("fr>it"), QStringLiteral("ja>en")};
    QTest::newRow("other spelling replaces")
        << QStringList{QStringLiteral("fr>zh-hans")} << QStringLiteral("fr") << QStringLiteral("zh-Hans")
        << QStringList{QStringLiteral("fr>zh-Hans")};
    QTest::newRow("detect") << QStringList{QStringLiteral("en>de")} << QString() << QStringLiteral("de")
                            << QStringList{QStringLiteral(">de"), QStringLiteral("en>de")};
    QTest::newRow("oldest dropped") << many(6) << QStringLiteral("de") << QStringLiteral("en")
                                    << (QStringList{QStringLiteral("de>en")} + many(5));
    QTest::newRow("empty target ignored") << QStringList{QStringLiteral("en>de")} << QStringLiteral("en")
                                          << QString() << QStringList{QStringLiteral("en>de")};
    QTest::newRow("blank target ignored")
        << QStringList() << QStringLiteral("en") << QStringLiteral("  ") << QStringList();
    QTest::newRow("malformed pair ignored")
        << QStringList() << QStringLiteral("en>x") << QStringLiteral("de") << QStringList();
    QTest::newRow("junk cleaned out")
        << QStringList{QStringLiteral("junk"), QStringLiteral("en>de"), QStringLiteral("a>b>c")}
        << QStringLiteral("fr") << QStringLiteral("de")
        << QStringList{QStringLiteral("fr>de"), QStringLiteral("en>de")};
}

void TestRecentLanguagePairs::remember()
{
    QFETCH(QStringList, stored);
    QFETCH(QString, source);
    QFETCH(QString, target);
    QFETCH(QStringList, expected);
    m_settings->setValue(Settings::TranslateRecentPairs, stored);
    RecentLanguagePairs::remember(m_settings.get(), source, target);
    QCOMPARE(encoded(RecentLanguagePairs::list(m_settings.get())), expected);
    // What is stored is exactly what is listed once anything was remembered: no junk is kept.
    if (stored != m_settings->value(Settings::TranslateRecentPairs).toStringList())
        QCOMPARE(m_settings->value(Settings::TranslateRecentPairs).toStringList(), expected);
}

void TestRecentLanguagePairs::survivesTheFile_data()
{
    QTest::addColumn<QStringList>("pairs"); // remembered oldest first
    QTest::newRow("one") << QStringList{QStringLiteral("en>de")};
    QTest::newRow("one detect") << QStringList{QStringLiteral(">de")};
    QTest::newRow("three") << QStringList{QStringLiteral("en>de"), QStringLiteral(">fr"),
                                          QStringLiteral("zh-Hans>en")};
}

void TestRecentLanguagePairs::survivesTheFile()
{
    QFETCH(QStringList, pairs);
    for (const QString &p : pairs)
        RecentLanguagePairs::remember(m_settings.get(), p.section(QLatin1Char('>'), 0, 0),
                                      p.section(QLatin1Char('>'), 1));
    QStringList newestFirst;
    for (const QString &p : pairs)
        newestFirst.prepend(p);
    QCOMPARE(encoded(RecentLanguagePairs::list(m_settings.get())), newestFirst);
    m_settings->sync();
    // A list of one is written to an INI file as a plain string; it must still read back.
    const Settings reopened(m_settings->fileName());
    QCOMPARE(encoded(RecentLanguagePairs::list(&reopened)), newestFirst);
}

QTEST_GUILESS_MAIN(TestRecentLanguagePairs)
#include "tst_recentlanguagepairs.moc"
