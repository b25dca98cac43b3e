#include "chat/CommandLine.h"

#include "translate/Languages.h"

#include <QCoreApplication>
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
{
    m_parser.setApplicationDescription(tr("A native desktop assistant for large language models."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOption(m_dataDirOption);
    m_parser.addOption(m_translateOption);
    m_parser.addOption(m_toOption);
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
    return Outcome::Run;
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
