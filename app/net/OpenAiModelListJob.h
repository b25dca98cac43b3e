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

// GET {base}/models. Reads OpenAI's {"data":[{"id":..}]} and Ollama's {"models":[{"name":..}]};
// finished() gets a sorted list without duplicates. Errors are typed like the chat job's, and
// all signals come from the event loop after start(), exactly one terminal signal.
class OpenAiModelListJob : public ModelListJob {
    Q_OBJECT
public:
    OpenAiModelListJob(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey,
                       QObject *parent = nullptr);
    ~OpenAiModelListJob() override;

    void start();
    void abort() override;
    bool isRunning() const { return m_running; }
    QUrl url() const { return m_url; }

    // The model names in a /models body, sorted and unique; *ok is false if it is no such list.
    static QStringList parseModels(const QByteArray &body, bool *ok);

private:
    void onFinished();
    void fail(JobError error);
    void detachReply();

    QNetworkAccessManager *m_nam;
    ProxyRoute m_route; // the profile's proxy and trusted certificate
    QString m_apiKey;
    QUrl m_url;
    int m_connectTimeoutMs;
    int m_idleTimeoutMs;
    QPointer<QNetworkReply> m_reply;
    ReplyWatchdog *m_watchdog = nullptr;
    QStringList m_sslErrors;
    bool m_running = true;
    bool m_started = false;
    QElapsedTimer m_clock;
};

} // namespace penpal
