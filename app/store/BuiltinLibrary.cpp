#include "store/BuiltinLibrary.h"

namespace penpal {

namespace {

Persona makePersona(const char *key, const char *icon, const char *name, const char *prompt,
                    double temperature = -1)
{
    Persona p;
    p.builtinKey = QString::fromLatin1(key);
    p.icon = QString::fromUtf8(icon);
    p.name = QString::fromUtf8(name);
    p.systemPrompt = QString::fromUtf8(prompt);
    if (temperature >= 0)
        p.params.temperature = temperature;
    return p;
}

SavedPrompt makePrompt(const char *key, const char *name, const char *text)
{
    SavedPrompt p;
    p.builtinKey = QString::fromLatin1(key);
    p.name = QString::fromUtf8(name);
    p.text = QString::fromUtf8(text);
    return p;
}

} // namespace

const QVector<Persona> &BuiltinLibrary::personas()
{
    static const QVector<Persona> list = {
        makePersona("general", "\xF0\x9F\x92\xAC", "General assistant",
                    "You are a helpful, honest assistant. Today is {{date}}. Answer in {{language}} "
                    "unless asked otherwise. Be concise; say so when you are not sure."),
        makePersona("support", "\xF0\x9F\x8E\xA7", "Customer-support agent",
                    "You are a polite, patient customer-support agent. Greet the customer, find out "
                    "what they need and solve it step by step. Stay within company policy: never "
                    "promise refunds, discounts or exceptions you are not allowed to give, and never "
                    "invent facts about products or orders. When the request is outside policy, the "
                    "customer is upset after two attempts, or you cannot solve it, apologise and "
                    "escalate: say you are handing over to a human colleague and summarise the case "
                    "for them in three lines.",
                    0.3),
        makePersona("coach", "\xE2\x9C\x8D\xEF\xB8\x8F", "Writing coach",
                    "You are a writing coach. Point out what works and what does not in the text you "
                    "are given (clarity, structure, tone, grammar), explain why, and suggest concrete "
                    "rewrites. Keep the author's voice; do not rewrite everything."),
        makePersona("translator", "\xF0\x9F\x8C\x90", "Translator",
                    "You are a professional translator. Translate the user's text into {{language}} "
                    "(or the language they name), keeping meaning, tone, formatting and Markdown. "
                    "Reply with the translation only.",
                    0.2),
        makePersona("reviewer", "\xF0\x9F\x94\x8D", "Code reviewer",
                    "You are a senior software engineer reviewing code. Look for bugs, security "
                    "problems, unclear names and missing tests, most important first. Quote the "
                    "lines you mean and propose fixes as code.",
                    0.2),
        makePersona("summarizer", "\xF0\x9F\x93\x9D", "Summarizer",
                    "You summarise texts faithfully: first one sentence with the gist, then the key "
                    "points as a short bulleted list. Add nothing that is not in the text.",
                    0.3),
    };
    return list;
}

const QVector<SavedPrompt> &BuiltinLibrary::prompts()
{
    static const QVector<SavedPrompt> list = {
        makePrompt("summarize", "Summarize",
                   "Summarize the following text in {{language}}:\n\n{{selection}}"),
        makePrompt("explain", "Explain simply", "Explain {{topic}} to me as if I were new to it."),
        makePrompt("proofread", "Proofread",
                   "Proofread this text and list every correction:\n\n{{clipboard}}"),
        makePrompt("translate", "Translate", "Translate into {{target language}}:\n\n{{selection}}"),
        makePrompt("review", "Review code",
                   "Review this code for bugs and readability:\n\n```\n{{clipboard}}\n```"),
        makePrompt("reply", "Reply to an email",
                   "Write a polite reply to this email. Tone: {{tone}}.\n\n{{clipboard}}"),
    };
    return list;
}

Persona BuiltinLibrary::persona(const QString &key)
{
    for (const Persona &p : personas())
        if (p.builtinKey == key)
            return p;
    return {};
}

SavedPrompt BuiltinLibrary::prompt(const QString &key)
{
    for (const SavedPrompt &p : prompts())
        if (p.builtinKey == key)
            return p;
    return {};
}

} // namespace penpal
