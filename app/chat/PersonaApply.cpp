#include "chat/PersonaApply.h"

namespace penpal {

void PersonaApply::applyTo(Conversation &c, const Persona &p, const QHash<QString, QString> &values,
                           const PromptVariables::Environment &env)
{
    c.systemPrompt = PromptVariables::expand(p.systemPrompt, values, env);
    if (!p.model.trimmed().isEmpty())
        c.model = p.model.trimmed();
    c.params = c.params.overriddenBy(p.params);
}

QString PersonaApply::titleFor(const QString &prompt)
{
    constexpr int kMax = 60;
    QString line = prompt.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > kMax) {
        line.truncate(kMax - 1);
        line = line.trimmed() + QChar(0x2026);
    }
    return line;
}

} // namespace penpal
