#include "net/AzureProvider.h"

#include "net/AzureModelListJob.h"
#include "net/OpenAiChatJob.h"

#include <QUrlQuery>

namespace penpal {

AzureProvider::AzureProvider(QNetworkAccessManager *nam, const ProviderProfile &profile,
                             const QString &apiKey)
    : m_nam(nam)
    , m_profile(profile)
    , m_apiKey(apiKey)
{
}

QUrl AzureProvider::chatUrl(const ProviderProfile &profile)
{
    QUrl url = profile.baseUrl;
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    // People paste the endpoint as the portal shows it, sometimes with the API's own prefix.
    if (path.endsWith(QLatin1String("/openai")))
        path.chop(int(qstrlen("/openai")));
    // The deployment is a path segment of its own, whatever characters the person chose.
    const QString deployment = QString::fromLatin1(QUrl::toPercentEncoding(profile.deployment.trimmed()));
    url.setPath(path + QStringLiteral("/openai/deployments/") + deployment +
                    QStringLiteral("/chat/completions"),
                QUrl::TolerantMode);
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("api-version"));
    const QString version = profile.apiVersion.trimmed();
    query.addQueryItem(QStringLiteral("api-version"),
                       version.isEmpty() ? QString::fromLatin1(DefaultApiVersion) : version);
    url.setQuery(query);
    url.setFragment(QString());
    return url;
}

ChatJob *AzureProvider::startChat(const ChatRequest &request, QObject *parent)
{
    ChatRequest r = request;
    // The deployment decides the model; naming it keeps the reply's footer meaningful.
    if (r.model.isEmpty() && m_profile.model.isEmpty())
        r.model = m_profile.deployment.trimmed();
    auto *job = new OpenAiChatJob(m_nam, m_profile, m_apiKey, r, parent);
    job->setUrl(chatUrl(m_profile));
    job->setKeyHeader(QByteArrayLiteral("api-key"));
    job->start();
    return job;
}

ModelListJob *AzureProvider::listModels(QObject *parent)
{
    auto *job = new AzureModelListJob(parent);
    job->start();
    return job;
}

} // namespace penpal
