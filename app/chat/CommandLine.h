#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVector>

namespace penpal {

struct ProviderProfile;

// Penpal's command line: --data-dir, --translate [--to LANG], --new PROMPT, --draft FILE,
// --profile NAME, --help, --version. Parsing is
// kept apart from acting on it so that every case can be tested without exiting the test:
// parse() decides, finish() prints and gives the exit code.
class CommandLine {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    enum class Outcome {
        Run,     // start Penpal with options()
        Help,    // print helpText() and exit 0
        Version, // print the version and exit 0
        Error,   // print errorText() to stderr and exit with kUsageError
    };
    // The exit code of a command line Penpal cannot follow (as most Unix tools use).
    static constexpr int kUsageError = 2;

    CommandLine();

    // `arguments` as QCoreApplication::arguments() gives them (the program first).
    Outcome parse(const QStringList &arguments);

    QString dataDir() const { return m_dataDir; }
    // --translate (or --to alone): translate the clipboard's text once the window is up.
    bool translateClipboard() const { return m_translate; }
    // The code (a Languages code, "de", "zh-Hans") --to named; empty when not given.
    QString targetLanguage() const { return m_target; }
    // --new: open a new chat and send this prompt (never empty when set).
    QString newChatPrompt() const { return m_newPrompt; }
    // --draft: the file's absolute path, its name (the new document's title) and its text, read
    // by parse() so that an unreadable file is an Error before any window opens.
    QString draftPath() const { return m_draftPath; }
    QString draftTitle() const;
    QString draftText() const { return m_draftText; }
    // --profile, as given (a profile's name or id); empty when not given.
    QString profileName() const { return m_profile; }
    QString errorText() const { return m_error; }

    // Profiles live in the settings, which are read only after parse(): this second step
    // checks --profile against them. Run with profileId() set (empty without --profile), or
    // Error naming the profiles there are.
    Outcome resolveProfile(const QVector<ProviderProfile> &profiles);
    QString profileId() const { return m_profileId; }
    // The id of the profile `nameOrId` names (its id, or its name in any case); empty if none.
    static QString profileIdFor(const QVector<ProviderProfile> &profiles, const QString &nameOrId);

    // The arguments to hand over to a running Penpal: as given, but with --draft's file made
    // absolute, since the running Penpal may have another working directory.
    QStringList handOverArguments() const;
    QString helpText() const { return m_parser.helpText(); }

    // Prints what a finished outcome shows (help or version on stdout, the error on stderr)
    // and returns the exit code for it; -1 for Run. --help-all (Qt's own options too) is
    // printed by QCommandLineParser, which then exits the process.
    int finish(Outcome outcome);

    // The code of the offered language that `codeOrName` names, whatever its case: a code
    // ("de", "zh-hans"), a locale tag ("pt-BR", "zh-TW", "de_CH"), an English name ("German")
    // or the language's own ("Deutsch", "简体中文"). Empty when it names none.
    static QString languageCode(const QString &codeOrName);

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_dataDirOption;
    QCommandLineOption m_translateOption;
    QCommandLineOption m_toOption;
    QCommandLineOption m_newOption;
    QCommandLineOption m_draftOption;
    QCommandLineOption m_profileOption;
    QString m_dataDir;
    bool m_translate = false;
    QString m_target;
    QString m_newPrompt;
    QString m_draftPath;
    QString m_draftText;
    QString m_profile;
    QString m_profileId;
    QString m_error;
    QStringList m_arguments;
};

} // namespace penpal
