#include "translate/Languages.h"

#include <QLocale>

namespace penpal {

const QVector<Language> &Languages::all()
{
    static const QVector<Language> list{
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh-Hans"), QStringLiteral("Simplified Chinese")},
        {QStringLiteral("zh-Hant"), QStringLiteral("Traditional Chinese")},
        {QStringLiteral("ja"), QStringLiteral("Japanese")},
        {QStringLiteral("ko"), QStringLiteral("Korean")},
        {QStringLiteral("de"), QStringLiteral("German")},
        {QStringLiteral("fr"), QStringLiteral("French")},
        {QStringLiteral("es"), QStringLiteral("Spanish")},
        {QStringLiteral("pt"), QStringLiteral("Portuguese")},
        {QStringLiteral("it"), QStringLiteral("Italian")},
        {QStringLiteral("ru"), QStringLiteral("Russian")},
        {QStringLiteral("ar"), QStringLiteral("Arabic")},
        {QStringLiteral("cs"), QStringLiteral("Czech")},
        {QStringLiteral("da"), QStringLiteral("Danish")},
        {QStringLiteral("nl"), QStringLiteral("Dutch")},
        {QStringLiteral("fi"), QStringLiteral("Finnish")},
        {QStringLiteral("el"), QStringLiteral("Greek")},
        {QStringLiteral("he"), QStringLiteral("Hebrew")},
        {QStringLiteral("hi"), QStringLiteral("Hindi")},
        {QStringLiteral("hu"), QStringLiteral("Hungarian")},
        {QStringLiteral("id"), QStringLiteral("Indonesian")},
        {QStringLiteral("ms"), QStringLiteral("Malay")},
        {QStringLiteral("nb"), QStringLiteral("Norwegian")},
        {QStringLiteral("fa"), QStringLiteral("Persian")},
        {QStringLiteral("pl"), QStringLiteral("Polish")},
        {QStringLiteral("ro"), QStringLiteral("Romanian")},
        {QStringLiteral("sv"), QStringLiteral("Swedish")},
        {QStringLiteral("th"), QStringLiteral("Thai")},
        {QStringLiteral("tr"), QStringLiteral("Turkish")},
        {QStringLiteral("uk"), QStringLiteral("Ukrainian")},
        {QStringLiteral("vi"), QStringLiteral("Vietnamese")},
    };
    return list;
}

Language Languages::byCode(const QString &code)
{
    for (const Language &l : all()) {
        if (l.code.compare(code, Qt::CaseInsensitive) == 0)
            return l;
    }
    return Language{code, code};
}

QString Languages::nativeName(const QString &code)
{
    // QLocale names Chinese by territory; the scripts are what a reader recognises.
    if (code == QLatin1String("zh-Hans"))
        return QStringLiteral("简体中文");
    if (code == QLatin1String("zh-Hant"))
        return QStringLiteral("繁體中文");
    // QLocale picks a territory ("en" is en_US, "American English"; "es" is "español de
    // España"); the language is meant.
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    if (code == QLatin1String("es"))
        return QStringLiteral("Español");
    if (code == QLatin1String("id"))
        return QStringLiteral("Bahasa Indonesia");
    const QLocale locale(code);
    const QString name = locale.language() == QLocale::C ? QString() : locale.nativeLanguageName();
    if (name.isEmpty())
        return byCode(code).englishName;
    return name.at(0).toUpper() + name.mid(1);
}

} // namespace penpal
