#include "net/AnthropicChatJob.h"

#include "net/AnthropicLog.h"
#include "net/AnthropicRequestBuilder.h"
#include "net/HttpErrorMapper.h"
#include "net/OpenAiRequestBuilder.h"
#include "net/ReplyRelease.h"
#include "net/ReplyWatchdog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <utility>

namespace penpal {

namespace {

// error.type of Anthropic's error body ("overloaded_error", "authentication_error", ...).
QString errorType(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    return root.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString();
}

} // namespace

AnthropicChatJob::AnthropicChatJob(QNetworkAccessManager *nam, const ProviderProfile &profile,
                                   const QString &apiKey, const ChatRequest &request, QObject *parent)
    : ChatJob(parent)
    , m_nam(nam)
    , m_route(profile)
    , m_apiKey(apiKey)
    , m_apiVersion(profile.apiVersion)
    , m_request(request)
    , m_model(request.model.isEmpty() ? profile.model : request.model)
    , m_url(OpenAiRequestBuilder::endpointUrl(profile.baseUrl, QStringLiteral("messages")))
    , m_connectTimeoutMs(profile.connectTimeoutMs)
    , m_idleTimeoutMs(profile.idleTimeoutMs)
    , m_totalTimeoutMs(profile.totalTimeoutMs)
{
}

AnthropicChatJob::~AnthropicChatJob()
{
    detachReply(true);
}

void AnthropicChatJob::setMaxLineBytes(qsizetype bytes)
{
    m_maxLineBytes = bytes;
    if (m_bytesReceived == 0)
        m_parser = SseParser(bytes);
}

void AnthropicChatJob::start()
{
    if (m_started || !m_running)
        return;
    m_started = true;
    m_clock.start();
    m_parser = SseParser(m_maxLineBytes);

    QNetworkRequest request = AnthropicRequestBuilder::request(m_url, m_apiKey, m_apiVersion,
                                                               QByteArrayLiteral("text/event-stream"), true);
    m_route.prepare(m_nam, request);
    m_reply = m_nam->post(request, AnthropicRequestBuilder::chatBody(m_request, m_model));
    connect(m_reply, &QNetworkReply::readyRead, this, &AnthropicChatJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &AnthropicChatJob::onFinished);
    m_route.watch(m_reply, this, &m_sslErrors);
    m_watchdog = new ReplyWatchdog(m_reply, m_connectTimeoutMs, m_idleTimeoutMs, m_totalTimeoutMs, this);
    connect(m_watchdog, &ReplyWatchdog::timedOut, this, [this](JobError::Code code, int timeoutMs) {
        JobError e;
        e.code = code;
        e.timeoutMs = timeoutMs;
        e.httpStatus = httpStatus();
        e.details =
            QStringLiteral("Timed out after %1 ms (%2 bytes received).").arg(timeoutMs).arg(m_bytesReceived);
        fail(withRequestDetails(e));
    });
    qCInfo(lcAnthropic).noquote() << "chat request to" << OpenAiRequestBuilder::redacted(m_url) << "model"
                                  << m_model << "turns" << m_request.turns.size();
}

void AnthropicChatJob::abort()
{
    if (!m_running)
        return;
    JobError e;
    e.code = JobError::Cancelled;
    fail(e);
}

int AnthropicChatJob::httpStatus() const
{
    return m_reply ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
}

void AnthropicChatJob::onReadyRead()
{
    if (!m_running || !m_reply)
        return;
    if (m_requestId.isEmpty())
        m_requestId = m_reply->rawHeader("request-id");
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    m_bytesReceived += bytes.size();
    consume(bytes);
}

void AnthropicChatJob::consume(const QByteArray &bytes)
{
    bool tooLarge = false;
    const QByteArray stream =
        m_replyBody.add(bytes, httpStatus(), m_reply->rawHeader("Content-Type"), &tooLarge);
    if (!stream.isEmpty()) {
        feedStream(stream);
    } else if (tooLarge) {
        JobError e;
        e.code = JobError::BadResponse;
        e.httpStatus = httpStatus();
        e.details = QStringLiteral("The reply is larger than %1 bytes and not a stream.")
                        .arg(ReplyBody::MaxBufferedBodyBytes);
        fail(withRequestDetails(e));
    }
}

void AnthropicChatJob::feedStream(const QByteArray &bytes)
{
    const QVector<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &sse : events) {
        if (!handleEvents(m_decoder.decode(sse)))
            return;
    }
    if (m_parser.lineTooLong()) {
        JobError e;
        e.code = JobError::LineTooLong;
        e.httpStatus = httpStatus();
        e.details = QStringLiteral("A line of the stream exceeded %1 bytes.").arg(m_maxLineBytes);
        fail(withRequestDetails(e));
    }
}

bool AnthropicChatJob::handleEvents(const QVector<ChatStreamEvent> &events)
{
    const QPointer<AnthropicChatJob> self(this);
    for (const ChatStreamEvent &event : events) {
        handleEvent(event);
        // A receiver may have aborted (or even deleted) us from inside a delta signal.
        if (!self || !m_running)
            return false;
    }
    return true;
}

void AnthropicChatJob::handleEvent(const ChatStreamEvent &event)
{
    switch (event.kind) {
    case ChatStreamEvent::Content:
        m_receivedContent = true;
        Q_EMIT contentDelta(event.text);
        break;
    case ChatStreamEvent::Reasoning:
        m_receivedContent = true;
        Q_EMIT reasoningDelta(event.text);
        break;
    case ChatStreamEvent::Usage:
        Q_EMIT usageReported(event.usage);
        break;
    case ChatStreamEvent::Finish:
        m_finishReason = event.text;
        break;
    case ChatStreamEvent::Error: {
        JobError e;
        e.httpStatus = httpStatus();
        if (event.errorType == QLatin1String(AnthropicStreamDecoder::MalformedJsonErrorType)) {
            e.code = JobError::BadResponse;
            e.details = event.text;
        } else {
            // What was streamed before stays with the caller; the reply just ends here.
            e.code = JobError::StreamError;
            e.serverMessage = event.text;
            if (!event.errorType.isEmpty())
                e.details = QStringLiteral("Error type: %1").arg(event.errorType);
        }
        fail(withRequestDetails(e));
        break;
    }
    case ChatStreamEvent::Done:
        succeed();
        break;
    }
}

void AnthropicChatJob::onFinished()
{
    if (!m_running || !m_reply)
        return;
    onReadyRead(); // bytes that arrived together with the end
    if (!m_running || !m_reply)
        return;

    const int status = httpStatus();
    if (ReplyBody::isSuccess(status)) {
        if (const QByteArray stream = m_replyBody.settle(); !stream.isEmpty()) {
            feedStream(stream);
            if (!m_running)
                return;
        }
        if (m_replyBody.mode() == ReplyBody::Mode::Stream || m_reply->error() != QNetworkReply::NoError)
            handleStreamEnd(status);
        else
            handleBufferedBody(status);
        return;
    }
    if (status > 0) {
        // Anthropic's error body {"type":"error","error":{"type":..,"message":..}} gives the
        // message; 529 (overloaded) is a 5xx, so a ServerError with its Retry-After.
        JobError e = HttpErrorMapper::fromHttpStatus(status, m_reply->rawHeaderPairs(), m_replyBody.held());
        const QString type = errorType(m_replyBody.held());
        if (!type.isEmpty())
            e.details = QStringLiteral("Error type: %1").arg(type) +
                        (e.details.isEmpty() ? QString() : QLatin1Char('\n') + e.details);
        fail(withRequestDetails(e));
        return;
    }
    // We did not abort (we would not be running): whoever did, for us the exchange failed.
    fail(withRequestDetails(m_route.transportFailure(m_reply, m_sslErrors)));
}

void AnthropicChatJob::handleStreamEnd(int status)
{
    // The answer is complete once its stop reason arrived; a connection that breaks before
    // message_stop does not make it a failure (the same decision as for OpenAI's [DONE]).
    if (m_decoder.sawFinishReason()) {
        succeed();
        return;
    }
    JobError e;
    e.httpStatus = status;
    if (m_reply->error() == QNetworkReply::NoError) {
        e.code = JobError::Interrupted;
        e.details =
            QStringLiteral("The stream ended without message_stop after %1 bytes.").arg(m_bytesReceived);
    } else {
        e = HttpErrorMapper::fromTransportFailure(m_reply->error(), m_reply->errorString());
        e.httpStatus = status;
        e.details += QStringLiteral(" (after %1 bytes)").arg(m_bytesReceived);
    }
    fail(withRequestDetails(e));
}

void AnthropicChatJob::handleBufferedBody(int status)
{
    JobError e;
    e.httpStatus = status;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(m_replyBody.held(), &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error == QJsonParseError::NoError && doc.isObject() &&
        (root.value(QLatin1String("content")).isArray() || root.contains(QLatin1String("error")) ||
         root.value(QLatin1String("type")) == QLatin1String("error"))) {
        // A whole Message (or an error object) from a server that ignored stream: true.
        if (handleEvents(m_decoder.decodeMessage(root)))
            succeed(); // not reached after an Error: that already failed the job
        return;
    }
    e.code = JobError::BadResponse;
    if (parseError.error == QJsonParseError::NoError && doc.isObject())
        e.details =
            QStringLiteral("Not a message: %1").arg(HttpErrorMapper::plainTextExcerpt(m_replyBody.held()));
    else
        e.details =
            m_replyBody.held().trimmed().isEmpty()
                ? QStringLiteral("The reply was empty.")
                : QStringLiteral("Body: %1").arg(HttpErrorMapper::plainTextExcerpt(m_replyBody.held()));
    fail(withRequestDetails(e));
}

JobError AnthropicChatJob::withRequestDetails(JobError e) const
{
    e.model = m_model;
    QStringList lines;
    if (!e.details.isEmpty())
        lines << e.details;
    lines << QStringLiteral("URL: %1").arg(OpenAiRequestBuilder::redacted(m_url));
    lines << QStringLiteral("Model: %1").arg(m_model);
    if (!m_requestId.isEmpty())
        lines << QStringLiteral("Request ID: %1").arg(QString::fromLatin1(m_requestId.left(200)));
    e.details = lines.join(QLatin1Char('\n'));
    return e;
}

void AnthropicChatJob::succeed()
{
    if (!m_running)
        return;
    m_running = false;
    detachReply(false);
    qCInfo(lcAnthropic) << "chat reply finished:" << m_finishReason << "bytes" << m_bytesReceived << "ms"
                        << m_clock.elapsed();
    Q_EMIT finished(m_finishReason);
}

void AnthropicChatJob::fail(JobError error)
{
    if (!m_running)
        return;
    m_running = false;
    detachReply(true);
    qCInfo(lcAnthropic) << "chat reply failed: code" << int(error.code) << "status" << error.httpStatus
                        << "bytes" << m_bytesReceived << "ms" << (m_clock.isValid() ? m_clock.elapsed() : 0);
    Q_EMIT failed(error);
}

void AnthropicChatJob::detachReply(bool abortIt)
{
    if (m_watchdog)
        m_watchdog->stop();
    releaseReply(m_reply, this, abortIt ? ReplyEnd::Abort : ReplyEnd::LetFinish);
}

} // namespace penpal
