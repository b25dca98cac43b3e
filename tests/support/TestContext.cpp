#include "TestContext.h"

#include "secrets/SecretStore.h"
#include "settings/Settings.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace penpal::test {

std::unique_ptr<AppContext> makeTestContext(const QString &dir, const QUrl &baseUrl, const QString &model)
{
    AppContext::Paths paths = AppContext::defaultPaths(dir);
    paths.keychainService = QStringLiteral("penpal-test");
    auto ctx = std::make_unique<AppContext>(paths);
    if (!ctx->open())
        return nullptr;
    ProviderProfile p =
        ctx->settings()->profile(ctx->settings()->value(Settings::ActiveProfileId).toString());
    p.name = QStringLiteral("Loopback");
    p.baseUrl = baseUrl;
    p.model = model;
    // Tests that are not about retries expect one request per reply and its error at once;
    // the retry tests turn retries on for their profile.
    p.retryAttempts = 0;
    // Likewise an automatic title would add a request after the first reply; the auto-title
    // tests turn it on.
    ctx->settings()->setValue(Settings::AutoTitle, false);
    const QString id = ctx->settings()->saveProfile(p);
    ctx->settings()->setValue(Settings::ActiveProfileId, id);
    ctx->secrets()->setSessionKey(id, QStringLiteral("test-key"));
    return ctx;
}

static QByteArray chunk(const QJsonObject &delta, const QJsonValue &finish, bool withChoice = true)
{
    QJsonObject o{{QStringLiteral("id"), QStringLiteral("chatcmpl-test")},
                  {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                  {QStringLiteral("created"), 1700000000},
                  {QStringLiteral("model"), QStringLiteral("test-model")}};
    QJsonArray choices;
    if (withChoice)
        choices.append(QJsonObject{{QStringLiteral("index"), 0},
                                   {QStringLiteral("delta"), delta},
                                   {QStringLiteral("finish_reason"), finish}});
    o.insert(QStringLiteral("choices"), choices);
    return "data: " + QJsonDocument(o).toJson(QJsonDocument::Compact) + "\n\n";
}

QList<QByteArray> openAiStream(const QStringList &pieces, bool done)
{
    QList<QByteArray> out;
    out << chunk(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                             {QStringLiteral("content"), QString()}},
                 QJsonValue::Null);
    for (const QString &p : pieces)
        out << chunk(QJsonObject{{QStringLiteral("content"), p}}, QJsonValue::Null);
    if (!done)
        return out;
    out << chunk(QJsonObject{}, QStringLiteral("stop"));
    QJsonObject usage{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-test")},
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("choices"), QJsonArray()},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 12},
                                              {QStringLiteral("completion_tokens"), int(pieces.size())},
                                              {QStringLiteral("total_tokens"), 12 + int(pieces.size())}}}};
    out << "data: " + QJsonDocument(usage).toJson(QJsonDocument::Compact) + "\n\n";
    out << QByteArray("data: [DONE]\n\n");
    return out;
}

} // namespace penpal::test
