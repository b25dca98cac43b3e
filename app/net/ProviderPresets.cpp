#include "net/ProviderPresets.h"

#include <QCoreApplication>

namespace penpal {

QVector<ProviderPreset> providerPresets()
{
    const QString openai = QStringLiteral("openai");
    return {
        {QStringLiteral("openai"), QStringLiteral("OpenAI"), openai,
         QUrl(QStringLiteral("https://api.openai.com/v1")), QStringLiteral("gpt-4o-mini"), true},
        {QStringLiteral("ollama"), QCoreApplication::translate("ProviderPresets", "Ollama (this computer)"),
         openai, QUrl(QStringLiteral("http://localhost:11434/v1")), QStringLiteral("llama3.2"), false},
        {QStringLiteral("lmstudio"),
         QCoreApplication::translate("ProviderPresets", "LM Studio (this computer)"), openai,
         QUrl(QStringLiteral("http://localhost:1234/v1")), QString(), false},
        {QStringLiteral("llamacpp"),
         QCoreApplication::translate("ProviderPresets", "llama.cpp server (this computer)"), openai,
         QUrl(QStringLiteral("http://localhost:8080/v1")), QString(), false},
        {QStringLiteral("vllm"), QCoreApplication::translate("ProviderPresets", "vLLM (this computer)"),
         openai, QUrl(QStringLiteral("http://localhost:8000/v1")), QString(), false},
        {QStringLiteral("deepseek"), QStringLiteral("DeepSeek"), openai,
         QUrl(QStringLiteral("https://api.deepseek.com/v1")), QStringLiteral("deepseek-chat"), true},
        {QStringLiteral("openrouter"), QStringLiteral("OpenRouter"), openai,
         QUrl(QStringLiteral("https://openrouter.ai/api/v1")), QString(), true},
        {QStringLiteral("custom"),
         QCoreApplication::translate("ProviderPresets", "Custom OpenAI-compatible URL"), openai, QUrl(),
         QString(), true},
    };
}

} // namespace penpal
