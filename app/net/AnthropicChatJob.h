#pragma once

#include "net/AnthropicStreamDecoder.h"
#include "net/ChatJob.h"
#include "net/ChatRequest.h"
#include "net/ProviderProfile.h"
#include "net/ProxyRoute.h"
#include "net/ReplyBody.h"
#include "net/SseParser.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace penpal {

class ReplyWatchdog;

// POST {base}/messages with stream: true (Anthropic's Messages API), read as server-sent
// events. Also accepts a whole non-streamed Message from servers that ignore stream: true.
// All signals come from the event loop after start() has returned, exactly one of
// finished()/failed() at the end; isRunning() is already false when that terminal signal is
// emitted. The reply is complete at message_stop, or - like OpenAI's finish reason - once a
// message_delta with a stop_reason arrived, should the connection break after that.
class AnthropicChatJob : public ChatJob {
    Q_OBJECT
public:
    // The request is authoritative; only an empty model falls back to the profile's. The
    // profile supplies the base URL, the API version, the timeouts, the proxy and the trusted
    // certificate.
    AnthropicChatJob(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey,
                     const ChatRequest &request, QObject *parent = nullptr);
    ~AnthropicChatJob() override;

    // Bounds one SSE line (tests use a small one). Takes effect for a stream not yet started.
    void setMaxLineBytes(qsizetype bytes);
    void start();
    void abort() override;

    QUrl url() const { return m_url; }
    QString model() const { return m_model; }

private:
    void onReadyRead();
    void onFinished();
    void consume(const QByteArray &bytes);
    void feedStream(const QByteArray &bytes);
    // false when the job ended (or was deleted) while handling the events
    bool handleEvents(const QVector<ChatStreamEvent> &events);
    void handleEvent(const ChatStreamEvent &event);
    void handleBufferedBody(int status);
    void handleStreamEnd(int status);
    int httpStatus() const;
    JobError withRequestDetails(JobError e) const;
    void succeed();
    void fail(JobError error);
    void detachReply(bool abortIt);

    QNetworkAccessManager *m_nam;
    ProxyRoute m_route; // the profile's proxy and trusted certificate
    QString m_apiKey;
    QString m_apiVersion;
    ChatRequest m_request;
    QString m_model;
    QUrl m_url;
    int m_connectTimeoutMs;
    int m_idleTimeoutMs;
    int m_totalTimeoutMs;
    qsizetype m_maxLineBytes = SseParser::DefaultMaxLineBytes;

    QPointer<QNetworkReply> m_reply;
    ReplyWatchdog *m_watchdog = nullptr;
    SseParser m_parser;
    AnthropicStreamDecoder m_decoder;
    ReplyBody m_replyBody; // error bodies and non-streamed answers are held here
    QString m_finishReason;
    QByteArray m_requestId; // Anthropic's request-id header, for support questions
    QStringList m_sslErrors;
    qint64 m_bytesReceived = 0;
    bool m_started = false;
    QElapsedTimer m_clock;
};

} // namespace penpal
