#pragma once

#include <QString>
#include <QVector>

namespace penpal {

// A language the Translate workspace offers: its BCP 47 code (as LanguageDetector reports
// it) and the English name the prompt uses (models follow English names best).
struct Language {
    QString code;
    QString englishName;
};

class Languages {
public:
    // The offered languages, most used first, then alphabetical.
    static const QVector<Language> &all();
    // By code ("zh-Hans"); a language with no entry gets its code as the name.
    static Language byCode(const QString &code);
    // The language's own name ("Deutsch", "简体中文"), for lists.
    static QString nativeName(const QString &code);
};

} // namespace penpal
