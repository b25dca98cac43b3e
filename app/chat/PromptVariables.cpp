#include "chat/PromptVariables.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace penpal {

namespace {

constexpr int kMaxNameLength = 64;

// Calls `literal(text)` and `variable(name, raw)` for the pieces of `text`, in order.
template<typename Literal, typename Variable>
void scan(const QString &text, Literal literal, Variable variable)
{
    const QString open = QStringLiteral("{{");
    const QString close = QStringLiteral("}}");
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype start = text.indexOf(open, pos);
        if (start < 0) {
            literal(text.mid(pos));
            return;
        }
        literal(text.mid(pos, start - pos));
        if (text.mid(start, 4) == QLatin1String("{{{{")) {
            literal(open); // the escape
            pos = start + 4;
            continue;
        }
        const qsizetype end = text.indexOf(close, start + 2);
        const QString inner = end < 0 ? QString() : text.mid(start + 2, end - start - 2);
        const QString name = inner.trimmed();
        const bool valid = end >= 0 && !name.isEmpty() && name.size() <= kMaxNameLength &&
                           !inner.contains(QLatin1Char('{')) && !inner.contains(QLatin1Char('}')) &&
                           !inner.contains(QLatin1Char('\n'));
        if (!valid) {
            literal(open); // not a variable: keep the braces, look again just after them
            pos = start + 2;
            continue;
        }
        variable(name, text.mid(start, end + 2 - start));
        pos = end + 2;
    }
}

} // namespace

bool PromptVariables::isBuiltin(const QString &name)
{
    static const QStringList builtins = {QStringLiteral("date"),      QStringLiteral("time"),
                                         QStringLiteral("weekday"),   QStringLiteral("language"),
                                         QStringLiteral("clipboard"), QStringLiteral("selection")};
    return builtins.contains(name);
}

QStringList PromptVariables::find(const QString &text)
{
    QStringList names;
    scan(
        text, [](const QString &) {},
        [&names](const QString &name, const QString &) {
            if (!names.contains(name))
                names.append(name);
        });
    return names;
}

QStringList PromptVariables::userVariables(const QString &text)
{
    QStringList names = find(text);
    names.removeIf([](const QString &n) { return isBuiltin(n); });
    return names;
}

QString PromptVariables::expand(const QString &text, const QHash<QString, QString> &values,
                                const Environment &env)
{
    QString out;
    out.reserve(text.size());
    QString clipboard;
    bool clipboardRead = false;
    scan(
        text, [&out](const QString &s) { out += s; },
        [&](const QString &name, const QString &raw) {
            if (name == QLatin1String("date")) {
                out += env.now.date().toString(Qt::ISODate);
            } else if (name == QLatin1String("time")) {
                out += env.now.time().toString(QStringLiteral("HH:mm"));
            } else if (name == QLatin1String("weekday")) {
                out += env.locale.standaloneDayName(env.now.date().dayOfWeek(), QLocale::LongFormat);
            } else if (name == QLatin1String("language")) {
                out += QLocale::languageToString(env.locale.language());
            } else if (name == QLatin1String("clipboard")) {
                if (!clipboardRead && env.clipboard)
                    clipboard = env.clipboard();
                clipboardRead = true;
                out += clipboard;
            } else if (name == QLatin1String("selection")) {
                out += env.selection;
            } else if (values.contains(name)) {
                out += values.value(name);
            } else {
                out += raw;
            }
        });
    return out;
}

QHash<QString, QString> PromptVariables::valuesFromJson(const QString &json)
{
    QHash<QString, QString> values;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.value().isString())
            values.insert(it.key(), it.value().toString());
    return values;
}

QString PromptVariables::mergedJson(const QString &stored, const QHash<QString, QString> &values)
{
    QJsonObject o = QJsonDocument::fromJson(stored.toUtf8()).object();
    for (auto it = values.begin(); it != values.end(); ++it)
        o.insert(it.key(), it.value());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace penpal
