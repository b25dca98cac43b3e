#include "support/OpenAiFixtures.h"

namespace penpal::test {

namespace openai {

namespace {
const QByteArray Prefix = R"({"id":"chatcmpl-AbC123","object":"chat.completion.chunk","created":1718000000,)"
                          R"("model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0ba0d124f1",)";
} // namespace

QByteArray chunk(const QByteArray &delta, const QByteArray &finishReason)
{
    return "data: " + Prefix + R"("choices":[{"index":0,"delta":)" + delta +
           R"(,"logprobs":null,"finish_reason":)" + finishReason + R"(}],"usage":null})" + "\n\n";
}

QByteArray contentChunk(const QByteArray &text)
{
    return chunk(R"({"content":")" + text + R"("})");
}

QByteArray roleChunk()
{
    return chunk(R"({"role":"assistant","content":"","refusal":null})");
}

QByteArray finishChunk(const QByteArray &reason)
{
    return chunk("{}", '"' + reason + '"');
}

QByteArray usageChunk(int prompt, int completion, int reasoning)
{
    return "data: " + Prefix + R"("choices":[],"usage":{"prompt_tokens":)" + QByteArray::number(prompt) +
           R"(,"completion_tokens":)" + QByteArray::number(completion) + R"(,"total_tokens":)" +
           QByteArray::number(prompt + completion) +
           R"(,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},)" +
           R"("completion_tokens_details":{"reasoning_tokens":)" + QByteArray::number(reasoning) +
           R"(,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}})" + "\n\n";
}

QByteArray done()
{
    return "data: [DONE]\n\n";
}

QList<QByteArray> helloWorldStream()
{
    return {roleChunk(),
            contentChunk("Hel"),
            contentChunk("lo"),
            contentChunk(" world"),
            finishChunk(),
            usageChunk(9, 3),
            done()};
}

} // namespace openai

ProviderProfile testProfile(const QUrl &baseUrl)
{
    ProviderProfile p;
    p.id = QStringLiteral("test");
    p.name = QStringLiteral("Test server");
    p.baseUrl = baseUrl;
    p.model = QStringLiteral("profile-model");
    p.connectTimeoutMs = 20000;
    p.idleTimeoutMs = 20000;
    return p;
}

ChatRequest testRequest()
{
    ChatRequest r;
    r.model = QStringLiteral("test-model");
    r.turns.append({Role::User, QStringLiteral("Hi")});
    return r;
}

} // namespace penpal::test
