#include "net/ProviderPresets.h"

#include <QCoreApplication>

namespace penpal {

namespace {

ProviderPreset preset(const char *id, const QString &name, const char *kind, const char *url,
                      const char *model, bool needsKey)
{
    return {QString::fromLatin1(id),    name,    QString::fromLatin1(kind), QUrl(QString::fromLatin1(url)),
            QString::fromLatin1(model), needsKey};
}

} // namespace

QVector<ProviderPreset> providerPresets()
{
    // Product names stay untranslated; descriptions are translated (spelled out for lupdate).
    return {
        preset("openai", QStringLiteral("OpenAI"), "openai", "https://api.openai.com/v1", "gpt-4o-mini",
               true),
        preset("ollama", QCoreApplication::translate("ProviderPresets", "Ollama (this computer)"), "openai",
               "http://localhost:11434/v1", "llama3.2", false),
        preset("lmstudio", QCoreApplication::translate("ProviderPresets", "LM Studio (this computer)"),
               "openai", "http://localhost:1234/v1", "", false),
        preset("llamacpp", QCoreApplication::translate("ProviderPresets", "llama.cpp server (this computer)"),
               "openai", "http://localhost:8080/v1", "", false),
        preset("vllm", QCoreApplication::translate("ProviderPresets", "vLLM (this computer)"), "openai",
               "http://localhost:8000/v1", "", false),
        // The same llama.cpp server through /v1/completions: a base model continues the prompt.
        preset("llamacpp-raw",
               QCoreApplication::translate("ProviderPresets",
                                           "llama.cpp server, raw completion (this computer)"),
               "completions", "http://localhost:8080/v1", "", false),
        preset("deepseek", QStringLiteral("DeepSeek"), "openai", "https://api.deepseek.com/v1",
               "deepseek-chat", true),
        preset("openrouter", QStringLiteral("OpenRouter"), "openai", "https://openrouter.ai/api/v1", "",
               true),
        preset("groq", QStringLiteral("Groq"), "openai", "https://api.groq.com/openai/v1",
               "llama-3.3-70b-versatile", true),
        preset("mistral", QStringLiteral("Mistral"), "openai", "https://api.mistral.ai/v1",
               "mistral-small-latest", true),
        preset("gemini", QCoreApplication::translate("ProviderPresets", "Google Gemini (OpenAI-compatible)"),
               "openai", "https://generativelanguage.googleapis.com/v1beta/openai", "gemini-2.0-flash", true),
        preset("anthropic", QStringLiteral("Anthropic"), "anthropic", "https://api.anthropic.com/v1",
               "claude-3-5-haiku-latest", true),
        // The endpoint is the person's own resource; the placeholder shows its shape. Azure
        // requests name a deployment, set in the profile, not a model.
        preset("azure", QStringLiteral("Azure OpenAI"), "azure", "https://your-resource.openai.azure.com", "",
               true),
        preset("custom", QCoreApplication::translate("ProviderPresets", "Custom OpenAI-compatible URL"),
               "openai", "", "", true),
    };
}

ProviderPreset providerPreset(const QString &id)
{
    const QVector<ProviderPreset> all = providerPresets();
    for (const ProviderPreset &p : all) {
        if (p.id == id)
            return p;
    }
    return {};
}

} // namespace penpal
