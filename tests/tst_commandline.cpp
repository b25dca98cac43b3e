// Penpal's command line: every option and mistake through CommandLine::parse(), the language
// names --to understands, and the real executable refusing an unknown language before it
// opens anything.
#include "chat/CommandLine.h"
#include "net/ProviderProfile.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using penpal::CommandLine;

Q_DECLARE_METATYPE(penpal::CommandLine::Outcome)

class TestCommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void languageCode_data();
    void languageCode();
    void exitCodes();
    void helpNamesTheOptions();
    void executableRefusesUnknownLanguage();
    void initTestCase();
    void newAndDraft_data();
    void newAndDraft();
    void resolvesProfile_data();
    void resolvesProfile();
    void handOverMakesTheDraftAbsolute();
    void executableRefusesUnreadableDraft();

private:
    QTemporaryDir m_dir;
    QString m_notes; // a readable file with UTF-8 text
};

void TestCommandLine::parses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<CommandLine::Outcome>("outcome");
    QTest::addColumn<bool>("translate");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("dataDir");
    QTest::addColumn<QString>("errorMentions");

    using O = CommandLine::Outcome;
    const QString none;
    QTest::newRow("nothing") << QStringList{} << O::Run << false << none << none << none;
    QTest::newRow("data dir") << QStringList{"--data-dir", "/tmp/pp"} << O::Run << false << none
                              << QStringLiteral("/tmp/pp") << none;
    QTest::newRow("translate") << QStringList{"--translate"} << O::Run << true << none << none << none;
    QTest::newRow("to code") << QStringList{"--translate", "--to", "de"} << O::Run << true
                             << QStringLiteral("de") << none << none;
    QTest::newRow("to=code, any case") << QStringList{"--translate", "--to=ZH-hans"} << O::Run << true
                                       << QStringLiteral("zh-Hans") << none << none;
    QTest::newRow("to English name") << QStringList{"--translate", "--to", "japanese"} << O::Run << true
                                     << QStringLiteral("ja") << none << none;
    QTest::newRow("to native name") << QStringList{"--translate", "--to", "Deutsch"} << O::Run << true
                                    << QStringLiteral("de") << none << none;
    QTest::newRow("to alone implies translate")
        << QStringList{"--to", "French"} << O::Run << true << QStringLiteral("fr") << none << none;
    QTest::newRow("with data dir") << QStringList{"--data-dir", "d", "--translate", "--to", "es"} << O::Run
                                   << true << QStringLiteral("es") << QStringLiteral("d") << none;
    QTest::newRow("help") << QStringList{"--help"} << O::Help << false << none << none << none;
    QTest::newRow("-h") << QStringList{"-h"} << O::Help << false << none << none << none;
    QTest::newRow("version") << QStringList{"--version"} << O::Version << false << none << none << none;
    QTest::newRow("unknown language") << QStringList{"--translate", "--to", "Klingon"} << O::Error << false
                                      << none << none << QStringLiteral("Klingon");
    QTest::newRow("empty language") << QStringList{"--translate", "--to", ""} << O::Error << false << none
                                    << none << QStringLiteral("Unknown language");
    QTest::newRow("--to without value")
        << QStringList{"--translate", "--to"} << O::Error << false << none << none << QStringLiteral("to");
    QTest::newRow("unknown option") << QStringList{"--tranlsate"} << O::Error << false << none << none
                                    << QStringLiteral("tranlsate");
    QTest::newRow("stray argument") << QStringList{"--translate", "hello"} << O::Error << false << none
                                    << none << QStringLiteral("hello");
}

void TestCommandLine::parses()
{
    QFETCH(QStringList, arguments);
    QFETCH(CommandLine::Outcome, outcome);
    QFETCH(bool, translate);
    QFETCH(QString, target);
    QFETCH(QString, dataDir);
    QFETCH(QString, errorMentions);

    CommandLine cli;
    arguments.prepend(QStringLiteral("penpal"));
    QCOMPARE(cli.parse(arguments), outcome);
    if (outcome == CommandLine::Outcome::Error) {
        QVERIFY2(cli.errorText().contains(errorMentions), qPrintable(cli.errorText()));
        QVERIFY2(cli.errorText().contains(QLatin1String("--help")) ||
                     cli.errorText().contains(QLatin1String("Languages:")),
                 qPrintable(cli.errorText()));
        return;
    }
    QVERIFY(cli.errorText().isEmpty());
    QCOMPARE(cli.translateClipboard(), translate);
    QCOMPARE(cli.targetLanguage(), target);
    QCOMPARE(cli.dataDir(), dataDir);
}

void TestCommandLine::languageCode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("code");

    QTest::newRow("code") << QStringLiteral("de") << QStringLiteral("de");
    QTest::newRow("code upper") << QStringLiteral("DE") << QStringLiteral("de");
    QTest::newRow("script code") << QStringLiteral("zh-Hant") << QStringLiteral("zh-Hant");
    QTest::newRow("script code, underscore") << QStringLiteral("zh_hans") << QStringLiteral("zh-Hans");
    QTest::newRow("English name") << QStringLiteral("German") << QStringLiteral("de");
    QTest::newRow("English name, lower, spaces")
        << QStringLiteral("  simplified chinese ") << QStringLiteral("zh-Hans");
    QTest::newRow("native name") << QStringLiteral("français") << QStringLiteral("fr");
    QTest::newRow("native name upper") << QStringLiteral("FRANÇAIS") << QStringLiteral("fr");
    QTest::newRow("native CJK") << QStringLiteral("日本語") << QStringLiteral("ja");
    QTest::newRow("native Chinese") << QStringLiteral("繁體中文") << QStringLiteral("zh-Hant");
    QTest::newRow("region tag") << QStringLiteral("pt-BR") << QStringLiteral("pt");
    QTest::newRow("region tag, odd case") << QStringLiteral("DE_ch") << QStringLiteral("de");
    QTest::newRow("Chinese by region, Taiwan") << QStringLiteral("zh-TW") << QStringLiteral("zh-Hant");
    QTest::newRow("Chinese by region, China") << QStringLiteral("zh-CN") << QStringLiteral("zh-Hans");
    QTest::newRow("Chinese alone") << QStringLiteral("zh") << QStringLiteral("zh-Hans");
    QTest::newRow("Norwegian macro code") << QStringLiteral("no") << QStringLiteral("nb");
    QTest::newRow("unknown name") << QStringLiteral("Klingon") << QString();
    QTest::newRow("not offered") << QStringLiteral("sw") << QString();
    QTest::newRow("no such code") << QStringLiteral("xx") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestCommandLine::languageCode()
{
    QFETCH(QString, input);
    QFETCH(QString, code);
    QCOMPARE(CommandLine::languageCode(input), code);
}

void TestCommandLine::exitCodes()
{
    CommandLine ok;
    QCOMPARE(ok.finish(ok.parse({QStringLiteral("penpal"), QStringLiteral("--translate")})), -1);
    CommandLine bad;
    QCOMPARE(bad.finish(bad.parse({QStringLiteral("penpal"), QStringLiteral("--to"), QStringLiteral("xx")})),
             CommandLine::kUsageError);
    QCOMPARE(CommandLine::kUsageError, 2);
}

void TestCommandLine::helpNamesTheOptions()
{
    CommandLine cli;
    QCOMPARE(cli.parse({QStringLiteral("penpal"), QStringLiteral("--help")}), CommandLine::Outcome::Help);
    for (const char *option : {"--translate", "--to <language>", "--data-dir <dir>", "--version",
                               "--new <prompt>", "--draft <file>", "--profile <name>"})
        QVERIFY2(cli.helpText().contains(QLatin1String(option)), qPrintable(cli.helpText()));
}

// The executable itself: an unknown language is refused with exit code 2 and a message on
// stderr, before the data folder is even created.
void TestCommandLine::executableRefusesUnknownLanguage()
{
    const QString exe =
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../penpal"));
    if (!QFileInfo::exists(exe))
        QSKIP("the penpal executable is not built next to the tests");
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(exe, {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--translate"),
                  QStringLiteral("--to"), QStringLiteral("Klingon")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("Unknown language")) && err.contains(QLatin1String("Klingon")),
             qPrintable(err));
    QVERIFY(p.readAllStandardOutput().isEmpty());
    QVERIFY2(!QFileInfo::exists(dataDir), "the data folder was created");
}

void TestCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_notes = m_dir.filePath(QStringLiteral("meeting notes.md"));
    QFile f(m_notes);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("# Notes\nGrüße aus Köln.\n").toUtf8());
}

void TestCommandLine::newAndDraft_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<CommandLine::Outcome>("outcome");
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<bool>("draft");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("errorMentions");

    using O = CommandLine::Outcome;
    const QString none;
    QTest::newRow("new") << QStringList{"--new", "Hello there"} << O::Run << QStringLiteral("Hello there")
                         << false << none << none;
    QTest::newRow("new=, trimmed") << QStringList{"--new=  Why?  "} << O::Run << QStringLiteral("Why?")
                                   << false << none << none;
    QTest::newRow("new empty") << QStringList{"--new", " "} << O::Error << none << false << none
                               << QStringLiteral("--new needs a prompt");
    QTest::newRow("new without value")
        << QStringList{"--new"} << O::Error << none << false << none << QStringLiteral("new");
    QTest::newRow("draft") << QStringList{"--draft", "@notes"} << O::Run << none << true << none << none;
    QTest::newRow("draft and new") << QStringList{"--draft", "@notes", "--new", "Hi"} << O::Run
                                   << QStringLiteral("Hi") << true << none << none;
    QTest::newRow("draft missing") << QStringList{"--draft", "@missing"} << O::Error << none << false << none
                                   << QStringLiteral("missing.txt");
    QTest::newRow("draft is a folder") << QStringList{"--draft", "@dir"} << O::Error << none << false << none
                                       << QStringLiteral("not a file");
    QTest::newRow("profile") << QStringList{"--profile", "Work"} << O::Run << none << false
                             << QStringLiteral("Work") << none;
    QTest::newRow("profile empty") << QStringList{"--profile="} << O::Error << none << false << none
                                   << QStringLiteral("--profile needs");
}

void TestCommandLine::newAndDraft()
{
    QFETCH(QStringList, arguments);
    QFETCH(CommandLine::Outcome, outcome);
    QFETCH(QString, prompt);
    QFETCH(bool, draft);
    QFETCH(QString, profile);
    QFETCH(QString, errorMentions);

    for (QString &a : arguments) {
        if (a == QLatin1String("@notes"))
            a = m_notes;
        else if (a == QLatin1String("@missing"))
            a = m_dir.filePath(QStringLiteral("missing.txt"));
        else if (a == QLatin1String("@dir"))
            a = m_dir.path();
    }
    CommandLine cli;
    arguments.prepend(QStringLiteral("penpal"));
    QCOMPARE(cli.parse(arguments), outcome);
    if (outcome == CommandLine::Outcome::Error) {
        QVERIFY2(cli.errorText().contains(errorMentions), qPrintable(cli.errorText()));
        QCOMPARE(CommandLine().finish(outcome), CommandLine::kUsageError);
        return;
    }
    QCOMPARE(cli.newChatPrompt(), prompt);
    QCOMPARE(cli.profileName(), profile);
    if (draft) {
        QCOMPARE(cli.draftTitle(), QStringLiteral("meeting notes.md"));
        QCOMPARE(cli.draftText(), QStringLiteral("# Notes\nGrüße aus Köln.\n"));
    } else {
        QVERIFY(cli.draftPath().isEmpty());
        QVERIFY(cli.draftText().isEmpty());
    }
}

void TestCommandLine::resolvesProfile_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<CommandLine::Outcome>("outcome");
    QTest::addColumn<QString>("id");

    using O = CommandLine::Outcome;
    QTest::newRow("not given") << QString() << O::Run << QString();
    QTest::newRow("name") << QStringLiteral("Work") << O::Run << QStringLiteral("p-work");
    QTest::newRow("name, any case") << QStringLiteral("local llm") << O::Run << QStringLiteral("p-local");
    QTest::newRow("id") << QStringLiteral("p-local") << O::Run << QStringLiteral("p-local");
    // An id wins over a name that happens to look like it.
    QTest::newRow("id before name") << QStringLiteral("p-work") << O::Run << QStringLiteral("p-work");
    QTest::newRow("unknown") << QStringLiteral("Home") << O::Error << QString();
}

void TestCommandLine::resolvesProfile()
{
    QFETCH(QString, given);
    QFETCH(CommandLine::Outcome, outcome);
    QFETCH(QString, id);

    penpal::ProviderProfile work;
    work.id = QStringLiteral("p-work");
    work.name = QStringLiteral("Work");
    penpal::ProviderProfile local;
    local.id = QStringLiteral("p-local");
    local.name = QStringLiteral("Local LLM");
    penpal::ProviderProfile tricky; // named like the other's id
    tricky.id = QStringLiteral("p-tricky");
    tricky.name = QStringLiteral("P-WORK");
    const QVector<penpal::ProviderProfile> profiles{work, local, tricky};

    CommandLine cli;
    QStringList arguments{QStringLiteral("penpal")};
    if (!given.isEmpty())
        arguments << QStringLiteral("--profile") << given;
    QCOMPARE(cli.parse(arguments), CommandLine::Outcome::Run);
    QCOMPARE(cli.resolveProfile(profiles), outcome);
    QCOMPARE(cli.profileId(), id);
    if (outcome == CommandLine::Outcome::Error) {
        // The message lists the profiles there are, by name.
        for (const char *name : {"Home", "Work", "Local LLM", "P-WORK"})
            QVERIFY2(cli.errorText().contains(QLatin1String(name)), qPrintable(cli.errorText()));
        QCOMPARE(cli.finish(outcome), CommandLine::kUsageError);
    }
}

void TestCommandLine::handOverMakesTheDraftAbsolute()
{
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir.path()));
    CommandLine cli;
    const auto outcome = cli.parse({QStringLiteral("penpal"), QStringLiteral("--draft"),
                                    QStringLiteral("meeting notes.md"), QStringLiteral("--new"),
                                    QStringLiteral("Hi"), QStringLiteral("--to"), QStringLiteral("German")});
    QVERIFY(QDir::setCurrent(before));
    QCOMPARE(outcome, CommandLine::Outcome::Run);
    const QStringList handed = cli.handOverArguments();
    QVERIFY2(handed.contains(m_notes), qPrintable(handed.join(QLatin1Char(' '))));

    // The running Penpal, elsewhere, reads the same file and the same options.
    CommandLine running;
    QCOMPARE(running.parse(handed), CommandLine::Outcome::Run);
    QCOMPARE(running.draftText(), cli.draftText());
    QCOMPARE(running.newChatPrompt(), QStringLiteral("Hi"));
    QCOMPARE(running.targetLanguage(), QStringLiteral("de"));
    QVERIFY(running.translateClipboard());
}

void TestCommandLine::executableRefusesUnreadableDraft()
{
    const QString exe =
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../penpal"));
    if (!QFileInfo::exists(exe))
        QSKIP("the penpal executable is not built next to the tests");
    const QString dataDir = m_dir.filePath(QStringLiteral("data"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(exe, {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--draft"),
                  m_dir.filePath(QStringLiteral("nowhere.txt"))});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromLocal8Bit(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("nowhere.txt")), qPrintable(err));
    QVERIFY2(!QFileInfo::exists(dataDir), "the data folder was created");
}

QTEST_MAIN(TestCommandLine)
#include "tst_commandline.moc"
