#include "translate/TranslationPrompt.h"

#include "translate/Glossary.h"

#include <QRegularExpression>

namespace penpal {

QString TranslationPrompt::defaultTemplate()
{
    return QStringLiteral(
        "You are a professional translator. Translate the text inside <source> from {source} into "
        "{target}. {style} {instruction}\n"
        "Rules:\n"
        "- Translate faithfully: do not add, omit, explain or summarize anything.\n"
        "- Keep the Markdown structure exactly: headings, lists, tables, emphasis, links, line breaks.\n"
        "- Do not translate code blocks, inline code, URLs, e-mail addresses, or placeholders such as "
        "{name}, {{var}}, %1, %s; keep numbers as they are.\n"
        "- Text inside <context> is only there to help you; never translate or repeat it.\n"
        "- Use these renderings for the following terms:\n{glossary}\n"
        "Reply with the translation only, without tags or comments.");
}

QString TranslationPrompt::styleSentence(TranslationOptions::Style style)
{
    switch (style) {
    case TranslationOptions::Style::Formal:
        return QStringLiteral("Use a formal, polite register.");
    case TranslationOptions::Style::Casual:
        return QStringLiteral("Use a casual, friendly, natural register.");
    case TranslationOptions::Style::Neutral:
        break;
    }
    return QStringLiteral("Keep the register and tone of the original.");
}

QString TranslationPrompt::systemPrompt(const QString &templateText, const TranslationOptions &options,
                                        const QString &glossarySection)
{
    QString source = options.sourceLanguage.trimmed();
    if (source.isEmpty())
        source = QStringLiteral("its language");
    QString glossary = glossarySection.trimmed();
    if (glossary.isEmpty())
        glossary = QStringLiteral("(none)");
    // One pass over the template, so that a value containing "{target}" is not replaced again.
    static const QRegularExpression field(QStringLiteral("\\{(source|target|style|instruction|glossary)\\}"));
    QString out;
    int last = 0;
    auto it = field.globalMatch(templateText);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(templateText).mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        if (name == QLatin1String("source"))
            out += source;
        else if (name == QLatin1String("target"))
            out += options.targetLanguage.trimmed();
        else if (name == QLatin1String("style"))
            out += styleSentence(options.style);
        else if (name == QLatin1String("instruction"))
            out += options.instruction.trimmed();
        else
            out += glossary;
        last = m.capturedEnd();
    }
    out += QStringView(templateText).mid(last);
    // An empty instruction leaves a double space or a space before the newline.
    static const QRegularExpression spaces(QStringLiteral("[ \\t]+(\\n|$)"));
    out.replace(spaces, QStringLiteral("\\1"));
    return out;
}

ChatRequest TranslationPrompt::request(const QString &templateText, const TranslationOptions &options,
                                       const Glossary &glossary, const QString &chunk, const QString &before,
                                       const QString &after)
{
    ChatRequest r;
    r.model = options.model;
    // The glossary lines are only the terms this chunk contains: a long glossary stays cheap.
    r.systemPrompt = systemPrompt(templateText, options, glossary.promptSection(chunk));
    QString user;
    if (!before.trimmed().isEmpty())
        user += QStringLiteral("<context>\n%1\n</context>\n\n").arg(before.trimmed());
    user += QStringLiteral("<source>\n%1\n</source>").arg(chunk);
    if (!after.trimmed().isEmpty())
        user += QStringLiteral("\n\n<context>\n%1\n</context>").arg(after.trimmed());
    r.turns = {ChatTurn(Role::User, user)};
    r.params.temperature = options.temperature;
    return r;
}

QString TranslationPrompt::cleanReply(const QString &reply)
{
    QString text = reply;
    static const QRegularExpression wrapper(
        QStringLiteral("^\\s*<(translation|source|target)>\\n?(.*?)\\n?</\\1>\\s*$"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = wrapper.match(text);
    if (m.hasMatch())
        return m.captured(2);
    // An opening tag without its end (the answer was cut off) goes too.
    static const QRegularExpression opening(QStringLiteral("^\\s*<(translation|target)>\\n?"));
    text.remove(opening);
    return text;
}

} // namespace penpal
