#include "CodeHighlighter.h"

#include "LanguageDefinition.h"
#include "RuleBasedHighlighter.h"

#include <QHash>

namespace penpal {

std::shared_ptr<const CodeHighlighter> CodeHighlighter::forLanguage(QStringView fenceLanguage)
{
    const LanguageDefinition *def = LanguageDefinition::find(fenceLanguage);
    if (!def)
        return nullptr;
    // One instance per language; the GUI thread is the only user, like the documents.
    static QHash<const LanguageDefinition *, std::shared_ptr<const CodeHighlighter>> cache;
    auto it = cache.constFind(def);
    if (it != cache.constEnd())
        return *it;
    auto highlighter = std::make_shared<RuleBasedHighlighter>(def);
    cache.insert(def, highlighter);
    return highlighter;
}

QString CodeHighlighter::canonicalLanguage(QStringView fenceLanguage)
{
    const LanguageDefinition *def = LanguageDefinition::find(fenceLanguage);
    return def ? def->id : QString();
}

QString CodeHighlighter::displayName(const QString &language)
{
    const LanguageDefinition *def = LanguageDefinition::find(language);
    return def ? def->displayName : language;
}

QStringList CodeHighlighter::supportedLanguages()
{
    QStringList ids;
    for (const LanguageDefinition *def : LanguageDefinition::all())
        ids.append(def->id);
    return ids;
}

} // namespace penpal
