#pragma once

#include "net/Provider.h"
#include "net/ProviderProfile.h"
#include "net/ProxyRoute.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace penpal {

class ReplyWatchdog;

// GET {base}/models?limit=1000 with the Messages API's headers, reading {"data":[{"id":..}]}.
// The list is paginated (has_more/last_id): further pages are fetched with after_id, up to
// MaxPages. finished() gets the ids in the server's order (newest first) without duplicates.
// Errors are typed like the chat job's; all signals come from the event loop after start(),
// exactly one terminal signal.
class AnthropicModelListJob : public ModelListJob {
    Q_OBJECT
public:
    // Enough for any real catalogue; a server that keeps saying has_more is not believed.
    static constexpr int MaxPages = 20;
    // The largest page the API allows, so that one request normally does it.
    static constexpr int PageLimit = 1000;

    AnthropicModelListJob(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey,
                          QObject *parent = nullptr);
    ~AnthropicModelListJob() override;

    void start();
    void abort() override;
    bool isRunning() const { return m_running; }
    QUrl url() const { return m_url; }

    struct Page {
        QStringList ids;
        bool hasMore = false;
        QString lastId;
    };
    // One /models page; *ok is false if the body is no such list.
    static Page parsePage(const QByteArray &body, bool *ok);

private:
    void requestPage(const QString &afterId);
    void onFinished();
    void fail(JobError error);
    void detachReply();

    QNetworkAccessManager *m_nam;
    ProxyRoute m_route; // the profile's proxy and trusted certificate
    QString m_apiKey;
    QString m_apiVersion;
    QUrl m_url;
    int m_connectTimeoutMs;
    int m_idleTimeoutMs;
    QPointer<QNetworkReply> m_reply;
    ReplyWatchdog *m_watchdog = nullptr;
    QStringList m_sslErrors;
    QStringList m_models;
    int m_pages = 0;
    bool m_running = true;
    bool m_started = false;
    QElapsedTimer m_clock;
};

} // namespace penpal
