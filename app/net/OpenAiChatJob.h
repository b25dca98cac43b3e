#pragma once

#include "net/ChatJob.h"
#include "net/ChatRequest.h"
#include "net/OpenAiStreamDecoder.h"
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

// POST {base}/chat/completions with stream: true, read as server-sent events. Also accepts a
// whole non-streamed completion from servers that ignore stream: true. All signals come from
// the event loop after start() has returned, exactly one of finished()/failed() at the end;
// isRunning() is already false when that terminal signal is emitted.
class OpenAiChatJob : public ChatJob {
    Q_OBJECT
public:
    // The request is authoritative; only an empty model falls back to the profile's. The
    // profile supplies the base URL and the timeouts.
    OpenAiChatJob(QNetworkAccessManager *nam, const ProviderProfile &profile, const QString &apiKey,
                  const ChatRequest &request, QObject *parent = nullptr);
    ~OpenAiChatJob() override;

    // Bounds one SSE line (tests use a small one). Takes effect for a stream not yet started.
    void setMaxLineBytes(qsizetype bytes);
    // Hooks for APIs that stream the same way on another wire (Azure OpenAI, the legacy
    // Completions API). They take effect for a job not yet started.
    void setUrl(const QUrl &url) { m_url = url; }
    // The key goes in this header as it is instead of "Authorization: Bearer <key>".
    void setKeyHeader(const QByteArray &name) { m_keyHeader = name; }
    void setBody(const QByteArray &body) { m_customBody = body; } // instead of the chat body
    void setResponseShape(OpenAiStreamDecoder::Shape shape) { m_decoder = OpenAiStreamDecoder(shape); }
    void start();
    void abort() override;

    QUrl url() const { return m_url; }
    QString model() const { return m_model; }

private:
    void onReadyRead();
    void onFinished();
    void consume(const QByteArray &bytes);
    void feedStream(const QByteArray &bytes);
    void handleEvent(const ChatStreamEvent &event);
    void handleAlternative(const ChatStreamEvent &event);
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
    ChatRequest m_request;
    QString m_model;
    QUrl m_url;
    QByteArray m_keyHeader;  // empty: Authorization: Bearer
    QByteArray m_customBody; // empty: the chat body
    int m_connectTimeoutMs;
    int m_idleTimeoutMs;
    int m_totalTimeoutMs;
    qsizetype m_maxLineBytes = SseParser::DefaultMaxLineBytes;

    QPointer<QNetworkReply> m_reply;
    ReplyWatchdog *m_watchdog = nullptr;
    SseParser m_parser;
    OpenAiStreamDecoder m_decoder;
    ReplyBody m_replyBody; // error bodies and non-streamed answers are held here
    QString m_finishReason;
    QStringList m_sslErrors;
    qint64 m_bytesReceived = 0;
    bool m_started = false;
    QElapsedTimer m_clock;
};

} // namespace penpal
