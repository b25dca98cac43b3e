#include "translate/LanguageDetector.h"

#include <QHash>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace penpal {

namespace {

// CLD2 still uses a few withdrawn ISO 639 codes and plain "zh" for Simplified Chinese.
QString bcp47(const QString &cld2Code)
{
    static const QHash<QString, QString> renamed{
        {QStringLiteral("zh"), QStringLiteral("zh-Hans")}, {QStringLiteral("iw"), QStringLiteral("he")},
        {QStringLiteral("in"), QStringLiteral("id")},      {QStringLiteral("ji"), QStringLiteral("yi")},
        {QStringLiteral("jw"), QStringLiteral("jv")},      {QStringLiteral("mo"), QStringLiteral("ro")},
    };
    return renamed.value(cld2Code, cld2Code);
}

QString displayName(const char *cld2Name)
{
    // "GERMAN" or "German" -> "German"; CLD2 calls the two Chinese "Chinese" and "ChineseT".
    QString name = QString::fromLatin1(cld2Name).toLower().replace(QLatin1Char('_'), QLatin1Char(' '));
    if (name == QLatin1String("chineset") || name == QLatin1String("chinese t"))
        return QStringLiteral("Chinese (Traditional)");
    if (name == QLatin1String("chinese"))
        return QStringLiteral("Chinese (Simplified)");
    if (!name.isEmpty())
        name[0] = name.at(0).toUpper();
    return name;
}

// Cut at a character boundary: CLD2 refuses UTF-8 that ends inside a character.
QByteArray utf8Prefix(const QString &text, int maxBytes)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.size() <= maxBytes)
        return bytes;
    int cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(bytes.at(cut)) & 0xC0) == 0x80)
        --cut;
    bytes.truncate(cut);
    return bytes;
}

} // namespace

DetectedLanguage LanguageDetector::detect(const QString &text)
{
    DetectedLanguage result;
    const QByteArray utf8 = utf8Prefix(text, kMaxBytes);
    if (utf8.trimmed().isEmpty())
        return result;

    CLD2::Language top3[3];
    int percent3[3] = {0, 0, 0};
    double scores3[3] = {0, 0, 0};
    int textBytes = 0;
    bool reliable = false;
    int validPrefix = 0;
    const CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    // The checking variant: toUtf8() makes valid UTF-8 of any QString (lone surrogates become
    // U+FFFD), but CLD2's own check is cheap and guards its table lookups.
    const CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        utf8.constData(), utf8.size(), true, &hints, 0, top3, percent3, scores3, nullptr, &textBytes,
        &reliable, &validPrefix);
    if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
        return result;
    result.code = bcp47(QString::fromLatin1(CLD2::LanguageCode(lang)));
    result.name = displayName(CLD2::LanguageName(lang));
    result.percent = percent3[0];
    result.reliable = reliable;
    return result;
}

} // namespace penpal
