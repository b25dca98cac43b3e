#include "net/AnthropicModelListJob.h"

#include "net/AnthropicLog.h"
#include "net/AnthropicRequestBuilder.h"
#include "net/HttpErrorMapper.h"
#include "net/OpenAiRequestBuilder.h"
#include "net/ReplyRelease.h"
#include "net/ReplyWatchdog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace penpal {

namespace {

// A page of 1000 models is well under a MiB; anything far beyond is not a model list.
constexpr qint64 MaxBodyBytes = 16 * 1024 * 1024;

} // namespace

AnthropicModelListJob::AnthropicModelListJob(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                             const QString &apiKey, QObject *parent)
    : ModelListJob(parent)
    , m_nam(nam)
    , m_route(profile)
    , m_apiKey(apiKey)
    , m_apiVersion(profile.apiVersion)
    , m_url(OpenAiRequestBuilder::endpointUrl(profile.baseUrl, QStringLiteral("models")))
    , m_connectTimeoutMs(profile.connectTimeoutMs)
    , m_idleTimeoutMs(profile.idleTimeoutMs)
{
}

AnthropicModelListJob::~AnthropicModelListJob()
{
    detachReply();
}

void AnthropicModelListJob::start()
{
    if (m_started || !m_running)
        return;
    m_started = true;
    m_clock.start();
    requestPage(QString());
    qCInfo(lcAnthropic).noquote() << "model list request to" << OpenAiRequestBuilder::redacted(m_url);
}

void AnthropicModelListJob::requestPage(const QString &afterId)
{
    ++m_pages;
    QUrl url = m_url;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("limit"), QString::number(PageLimit));
    if (!afterId.isEmpty())
        query.addQueryItem(QStringLiteral("after_id"), afterId);
    url.setQuery(query);

    QNetworkRequest request = AnthropicRequestBuilder::request(url, m_apiKey, m_apiVersion,
                                                               QByteArrayLiteral("application/json"), false);
    m_route.prepare(m_nam, request);
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &AnthropicModelListJob::onFinished);
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
}

void AnthropicModelListJob::abort()
{
    if (!m_running)
        return;
    JobError e;
    e.code = JobError::Cancelled;
    fail(e);
}

AnthropicModelListJob::Page AnthropicModelListJob::parsePage(const QByteArray &body, bool *ok)
{
    *ok = false;
    Page page;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return page;
    const QJsonObject root = doc.object();
    if (!root.value(QLatin1String("data")).isArray())
        return page;
    const QJsonArray entries = root.value(QLatin1String("data")).toArray();
    for (const QJsonValue &entry : entries) {
        const QString id = entry.toObject().value(QLatin1String("id")).toString().trimmed();
        if (!id.isEmpty() && !page.ids.contains(id))
            page.ids << id;
    }
    page.hasMore = root.value(QLatin1String("has_more")).toBool();
    page.lastId = root.value(QLatin1String("last_id")).toString();
    *ok = true;
    return page;
}

void AnthropicModelListJob::onFinished()
{
    if (!m_running || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = m_reply->readAll();
    JobError e;
    if (status >= 200 && status < 300 && m_reply->error() == QNetworkReply::NoError) {
        bool ok = false;
        const Page page = parsePage(body, &ok);
        if (ok) {
            for (const QString &id : page.ids) {
                if (!m_models.contains(id))
                    m_models << id;
            }
            detachReply();
            if (page.hasMore && !page.lastId.isEmpty() && m_pages < MaxPages) {
                requestPage(page.lastId);
                return;
            }
            m_running = false;
            qCInfo(lcAnthropic) << "model list finished:" << m_models.size() << "models, pages" << m_pages
                                << "ms" << m_clock.elapsed();
            Q_EMIT finished(m_models);
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

void AnthropicModelListJob::fail(JobError error)
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
    qCInfo(lcAnthropic) << "model list failed: code" << int(error.code) << "status" << error.httpStatus;
    Q_EMIT failed(error);
}

void AnthropicModelListJob::detachReply()
{
    if (m_watchdog) {
        m_watchdog->stop();
        m_watchdog->deleteLater(); // each page has its own
        m_watchdog = nullptr;
    }
    releaseReply(m_reply, this);
}

} // namespace penpal
