#include "chat/CommandLine.h"

#include "net/ProviderProfile.h"
#include "translate/Languages.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <cstdio>

namespace penpal {

namespace {

// "PT_br" -> "pt-BR", "zh-hant" -> "zh-Hant": QLocale reads tags in their canonical case only.
QString canonicalTag(const QString &tag)
{
    QStringList parts = QString(tag).replace(QLatin1Char('_'), QLatin1Char('-')).split(QLatin1Char('-'));
    for (int i = 0; i < parts.size(); ++i) {
        const QString p = parts.at(i);
        if (i == 0)
            parts[i] = p.toLower();
        else if (p.size() == 4)
            parts[i] = p.left(1).toUpper() + p.mid(1).toLower();
        else
            parts[i] = p.toUpper();
    }
    return parts.join(QLatin1Char('-'));
}

bool isAsciiLetters(const QString &s)
{
    for (const QChar c : s) {
        if (c.unicode() > 0x7f || !c.isLetter())
            return false;
    }
    return !s.isEmpty();
}

// A locale tag whose region or script the list does not offer on its own ("pt-BR" -> "pt",
// "zh-TW" -> "zh-Hant", "no" -> "nb"). Empty when it is no tag or names no offered language.
QString codeFromLocaleTag(const QString &tag)
{
    const QString canonical = canonicalTag(tag);
    const QString language = canonical.section(QLatin1Char('-'), 0, 0);
    // Only something shaped like a tag: QLocale makes sense of more than that.
    if (language.size() < 2 || language.size() > 3 || !isAsciiLetters(language))
        return {};
    const QLocale locale(canonical);
    if (locale.language() == QLocale::C)
        return {};
    QString code = QLocale::languageToCode(locale.language());
    if (locale.language() == QLocale::Chinese)
        code = locale.script() == QLocale::TraditionalHanScript ? QStringLiteral("zh-Hant")
                                                                : QStringLiteral("zh-Hans");
    for (const Language &l : Languages::all()) {
        if (l.code == code)
            return code;
    }
    return {};
}

// A draft is prose: anything larger is almost certainly not what the user meant to open.
constexpr qint64 kMaxDraftBytes = 16 * 1024 * 1024;

} // namespace

CommandLine::CommandLine()
    : m_dataDirOption(QStringLiteral("data-dir"), tr("Keep all data and settings in <dir> (portable mode)."),
                      QStringLiteral("dir"))
    , m_translateOption(QStringLiteral("translate"),
                        tr("Open the Translate workspace with the clipboard's text and translate it."))
    , m_toOption(QStringLiteral("to"),
                 tr("Translate into <language>: a code (de, zh-Hans) or a name (German, Deutsch). "
                    "Implies --translate."),
                 QStringLiteral("language"))
    , m_newOption(QStringLiteral("new"), tr("Open a new chat and send <prompt>."), QStringLiteral("prompt"))
    , m_draftOption(QStringLiteral("draft"),
                    tr("Open the Draft workspace with a new document holding the text of <file>."),
                    QStringLiteral("file"))
    , m_profileOption(QStringLiteral("profile"),
                      tr("Use the provider profile <name> (its name or id) for new chats."),
                      QStringLiteral("name"))
{
    m_parser.setApplicationDescription(tr("A native desktop assistant for large language models."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOption(m_dataDirOption);
    m_parser.addOption(m_translateOption);
    m_parser.addOption(m_toOption);
    m_parser.addOption(m_newOption);
    m_parser.addOption(m_draftOption);
    m_parser.addOption(m_profileOption);
}

CommandLine::Outcome CommandLine::parse(const QStringList &arguments)
{
    m_arguments = arguments;
    const QString program = QStringLiteral("penpal");
    const QString hint = tr("Try “%1 --help” for the options.").arg(program);
    if (!m_parser.parse(arguments)) {
        m_error = QStringLiteral("%1: %2\n%3").arg(program, m_parser.errorText(), hint);
        return Outcome::Error;
    }
    if (m_parser.isSet(QStringLiteral("help")) || m_parser.isSet(QStringLiteral("help-all")))
        return Outcome::Help;
    if (m_parser.isSet(QStringLiteral("version")))
        return Outcome::Version;
    if (!m_parser.positionalArguments().isEmpty()) {
        m_error = QStringLiteral("%1: %2\n%3")
                      .arg(program,
                           tr("Unexpected argument “%1”.").arg(m_parser.positionalArguments().first()), hint);
        return Outcome::Error;
    }
    m_dataDir = m_parser.value(m_dataDirOption);
    m_translate = m_parser.isSet(m_translateOption) || m_parser.isSet(m_toOption);
    if (m_parser.isSet(m_toOption)) {
        const QString wanted = m_parser.value(m_toOption);
        m_target = languageCode(wanted);
        if (m_target.isEmpty()) {
            QStringList codes;
            for (const Language &l : Languages::all())
                codes << l.code;
            m_error = QStringLiteral("%1: %2\n%3")
                          .arg(program,
                               tr("Unknown language “%1” for --to. Give a code or a name, such as "
                                  "“de”, “German” or “Deutsch”.")
                                   .arg(wanted),
                               tr("Languages: %1").arg(codes.join(QStringLiteral(", "))));
            return Outcome::Error;
        }
    }
    if (m_parser.isSet(m_newOption)) {
        m_newPrompt = m_parser.value(m_newOption).trimmed();
        if (m_newPrompt.isEmpty()) {
            m_error = QStringLiteral("%1: %2\n%3").arg(program, tr("--new needs a prompt to send."), hint);
            return Outcome::Error;
        }
    }
    if (m_parser.isSet(m_draftOption)) {
        const QString given = m_parser.value(m_draftOption);
        m_draftPath = QFileInfo(given).absoluteFilePath();
        QFile file(m_draftPath);
        QString problem;
        if (given.isEmpty() || QFileInfo(m_draftPath).isDir())
            problem = tr("not a file");
        else if (!file.open(QIODevice::ReadOnly))
            problem = file.errorString();
        else if (file.size() > kMaxDraftBytes)
            problem = tr("larger than %1 MB").arg(kMaxDraftBytes / (1024 * 1024));
        if (!problem.isEmpty()) {
            m_error = QStringLiteral("%1: %2").arg(
                program, tr("Cannot read “%1” for --draft: %2.").arg(given, problem));
            return Outcome::Error;
        }
        m_draftText = QString::fromUtf8(file.readAll());
    }
    if (m_parser.isSet(m_profileOption)) {
        m_profile = m_parser.value(m_profileOption).trimmed();
        if (m_profile.isEmpty()) {
            m_error = QStringLiteral("%1: %2\n%3").arg(program, tr("--profile needs a profile name."), hint);
            return Outcome::Error;
        }
    }
    return Outcome::Run;
}

QString CommandLine::draftTitle() const
{
    return QFileInfo(m_draftPath).fileName();
}

CommandLine::Outcome CommandLine::resolveProfile(const QVector<ProviderProfile> &profiles)
{
    m_profileId.clear();
    if (m_profile.isEmpty())
        return Outcome::Run;
    m_profileId = profileIdFor(profiles, m_profile);
    if (!m_profileId.isEmpty())
        return Outcome::Run;
    QStringList names;
    for (const ProviderProfile &p : profiles)
        names << p.name;
    m_error = QStringLiteral("%1: %2\n%3")
                  .arg(QStringLiteral("penpal"), tr("Unknown profile “%1” for --profile.").arg(m_profile),
                       names.isEmpty() ? tr("No provider profiles are set up yet.")
                                       : tr("Profiles: %1").arg(names.join(QStringLiteral(", "))));
    return Outcome::Error;
}

QString CommandLine::profileIdFor(const QVector<ProviderProfile> &profiles, const QString &nameOrId)
{
    const QString wanted = nameOrId.trimmed();
    if (wanted.isEmpty())
        return {};
    // An exact id first: names are free text and could look like another profile's id.
    for (const ProviderProfile &p : profiles) {
        if (p.id == wanted)
            return p.id;
    }
    for (const ProviderProfile &p : profiles) {
        if (p.name.trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
            return p.id;
    }
    return {};
}

QStringList CommandLine::handOverArguments() const
{
    QStringList out{m_arguments.value(0, QStringLiteral("penpal"))};
    if (m_translate)
        out << QStringLiteral("--translate");
    if (!m_target.isEmpty())
        out << QStringLiteral("--to") << m_target;
    if (!m_newPrompt.isEmpty())
        out << QStringLiteral("--new") << m_newPrompt;
    if (!m_draftPath.isEmpty())
        out << QStringLiteral("--draft") << m_draftPath;
    if (!m_profile.isEmpty())
        out << QStringLiteral("--profile") << m_profile;
    return out;
}

int CommandLine::finish(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Run:
        return -1;
    case Outcome::Help:
        // Only QCommandLineParser knows Qt's options, and it prints them only on its way out.
        if (m_parser.isSet(QStringLiteral("help-all")))
            m_parser.process(m_arguments);
        std::fputs(qPrintable(helpText()), stdout);
        return 0;
    case Outcome::Version:
        std::fputs(qPrintable(QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                                            QStringLiteral(PENPAL_VERSION))),
                   stdout);
        return 0;
    case Outcome::Error:
        std::fputs(qPrintable(m_error + QLatin1Char('\n')), stderr);
        return kUsageError;
    }
    return -1;
}

QString CommandLine::languageCode(const QString &codeOrName)
{
    const QString wanted = codeOrName.trimmed();
    if (wanted.isEmpty())
        return {};
    const QString asCode = QString(wanted).replace(QLatin1Char('_'), QLatin1Char('-'));
    for (const Language &l : Languages::all()) {
        if (l.code.compare(asCode, Qt::CaseInsensitive) == 0 ||
            l.englishName.compare(wanted, Qt::CaseInsensitive) == 0 ||
            Languages::nativeName(l.code).compare(wanted, Qt::CaseInsensitive) == 0)
            return l.code;
    }
    return codeFromLocaleTag(wanted);
}

} // namespace penpal
