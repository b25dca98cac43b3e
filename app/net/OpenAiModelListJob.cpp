#include "net/OpenAiModelListJob.h"

#include "net/HttpErrorMapper.h"
#include "net/OpenAiLog.h"
#include "net/OpenAiRequestBuilder.h"
#include "net/ReplyRelease.h"
#include "net/ReplyWatchdog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace penpal {

namespace {

// A list of every model a big gateway offers is a few hundred KiB; anything far beyond is not one.
constexpr qint64 MaxBodyBytes = 16 * 1024 * 1024;

} // namespace

OpenAiModelListJob::OpenAiModelListJob(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                       const QString &apiKey, QObject *parent)
    : ModelListJob(parent)
    , m_nam(nam)
    , m_route(profile)
    , m_apiKey(apiKey)
    , m_url(OpenAiRequestBuilder::endpointUrl(profile.baseUrl, QStringLiteral("models")))
    , m_connectTimeoutMs(profile.connectTimeoutMs)
    , m_idleTimeoutMs(profile.idleTimeoutMs)
{
}

OpenAiModelListJob::~OpenAiModelListJob()
{
    detachReply();
}

void OpenAiModelListJob::start()
{
    if (m_started || !m_running)
        return;
    m_started = true;
    m_clock.start();
    QNetworkRequest request =
        OpenAiRequestBuilder::request(m_url, m_apiKey, QByteArrayLiteral("application/json"), false);
    m_route.prepare(m_nam, request);
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &OpenAiModelListJob::onFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > MaxBodyBytes) {
            JobError e;
            e.code = JobError::BadResponse;
            e.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            e.details = QStringLiteral("The model list is larger than %1 bytes.").arg(MaxBodyBytes);
            fail(e);
        }
    });
    m_route.watch(m_reply, this, &m_sslErrors);
    m_watchdog = new ReplyWatchdog(m_reply, m_connectTimeoutMs, m_idleTimeoutMs, this);
    connect(m_watchdog, &ReplyWatchdog::timedOut, this, [this](JobError::Code code, int timeoutMs) {
        JobError e;
        e.code = code;
        e.timeoutMs = timeoutMs;
        e.details = QStringLiteral("Timed out after %1 ms.").arg(timeoutMs);
        fail(e);
    });
    qCInfo(lcOpenAi).noquote() << "model list request to" << OpenAiRequestBuilder::redacted(m_url);
}

void OpenAiModelListJob::abort()
{
    if (!m_running)
        return;
    JobError e;
    e.code = JobError::Cancelled;
    fail(e);
}

QStringList OpenAiModelListJob::parseModels(const QByteArray &body, bool *ok)
{
    *ok = false;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    const QJsonObject root = doc.object();
    QJsonArray entries;
    QString key;
    if (root.value(QLatin1String("data")).isArray()) {
        entries = root.value(QLatin1String("data")).toArray();
        key = QStringLiteral("id");
    } else if (root.value(QLatin1String("models")).isArray()) { // Ollama's /api/tags shape
        entries = root.value(QLatin1String("models")).toArray();
        key = QStringLiteral("name");
    } else {
        return {};
    }
    QStringList models;
    for (const QJsonValue &entry : entries) {
        QString name = entry.toString().trimmed(); // a bare string, as some servers send
        const QJsonObject o = entry.toObject();
        // The expected field first, then the ones other servers use.
        for (const QString &field :
             {key, QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("model")}) {
            if (name.isEmpty())
                name = o.value(field).toString().trimmed();
        }
        if (!name.isEmpty())
            models << name;
    }
    models.sort();
    models.removeDuplicates();
    *ok = true;
    return models;
}

void OpenAiModelListJob::onFinished()
{
    if (!m_running || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = m_reply->readAll();
    JobError e;
    if (status >= 200 && status < 300 && m_reply->error() == QNetworkReply::NoError) {
        bool ok = false;
        const QStringList models = parseModels(body, &ok);
        if (ok) {
            m_running = false;
            detachReply();
            qCInfo(lcOpenAi) << "model list finished:" << models.size() << "models, ms" << m_clock.elapsed();
            Q_EMIT finished(models);
            return;
        }
        e.code = JobError::BadResponse;
        e.httpStatus = status;
        e.details = body.trimmed().isEmpty()
                        ? QStringLiteral("The reply was empty.")
                        : QStringLiteral("Not a model list: %1").arg(HttpErrorMapper::plainTextExcerpt(body));
    } else if (status > 0 && (status < 200 || status >= 300)) {
        e = HttpErrorMapper::fromHttpStatus(status, m_reply->rawHeaderPairs(), body);
    } else {
        e = m_route.transportFailure(m_reply, m_sslErrors);
        e.httpStatus = status;
    }
    fail(e);
}

void OpenAiModelListJob::fail(JobError error)
{
    if (!m_running)
        return;
    m_running = false;
    QStringList lines;
    if (!error.details.isEmpty())
        lines << error.details;
    if (error.code != JobError::Cancelled)
        lines << QStringLiteral("URL: %1").arg(OpenAiRequestBuilder::redacted(m_url));
    error.details = lines.join(QLatin1Char('\n'));
    detachReply();
    qCInfo(lcOpenAi) << "model list failed: code" << int(error.code) << "status" << error.httpStatus;
    Q_EMIT failed(error);
}

void OpenAiModelListJob::detachReply()
{
    if (m_watchdog)
        m_watchdog->stop();
    releaseReply(m_reply, this);
}

} // namespace penpal
