#pragma once

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <functional>

namespace penpal {

// {{variables}} in personas' system prompts and library prompts. Pure: everything that
// depends on the machine (time, UI language, clipboard, selection) comes in an Environment,
// so tests are deterministic.
//
// Syntax:
//  - {{name}}: the text between the braces, trimmed ("{{ topic }}" is "topic"). A name may
//    hold spaces ("{{target language}}") but no braces or line breaks and at most 64
//    characters; anything else is left as literal text.
//  - "{{{{" is an escaped "{{": it is written as "{{" and what follows is not a variable, so
//    "{{{{date}}" yields the literal "{{date}}".
//  - Built-ins: date (yyyy-MM-dd), time (HH:mm), weekday (in the UI language), language (the
//    UI language's English name, e.g. "German", what a model understands best), clipboard,
//    selection. Every other name is the user's: its value comes from the values map.
//  - A user variable without a value is left as written, so nothing is silently dropped.
class PromptVariables {
public:
    struct Environment {
        QDateTime now;
        QLocale locale;
        std::function<QString()> clipboard; // asked only when the text uses {{clipboard}}
        QString selection;
    };

    static bool isBuiltin(const QString &name);
    // Every distinct variable name in order of first appearance (built-ins included).
    static QStringList find(const QString &text);
    // Only the user's variables: what the values form asks for.
    static QStringList userVariables(const QString &text);
    static QString expand(const QString &text, const QHash<QString, QString> &values, const Environment &env);

    // Remembered values (Settings::PromptVariableValues): a JSON object name -> last value.
    static QHash<QString, QString> valuesFromJson(const QString &json);
    // `stored` with `values` merged over it, as compact JSON.
    static QString mergedJson(const QString &stored, const QHash<QString, QString> &values);
};

} // namespace penpal
