#include "net/OpenAiChatJob.h"

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

#include <utility>

namespace penpal {

OpenAiChatJob::OpenAiChatJob(QNetworkAccessManager *nam, const ProviderProfile &profile,
                             const QString &apiKey, const ChatRequest &request, QObject *parent)
    : ChatJob(parent)
    , m_nam(nam)
    , m_route(profile)
    , m_apiKey(apiKey)
    , m_request(request)
    , m_model(request.model.isEmpty() ? profile.model : request.model)
    , m_url(OpenAiRequestBuilder::endpointUrl(profile.baseUrl, QStringLiteral("chat/completions")))
    , m_connectTimeoutMs(profile.connectTimeoutMs)
    , m_idleTimeoutMs(profile.idleTimeoutMs)
    , m_totalTimeoutMs(profile.totalTimeoutMs)
{
}

OpenAiChatJob::~OpenAiChatJob()
{
    detachReply(true);
}

void OpenAiChatJob::setMaxLineBytes(qsizetype bytes)
{
    m_maxLineBytes = bytes;
    if (m_bytesReceived == 0)
        m_parser = SseParser(bytes);
}

void OpenAiChatJob::start()
{
    if (m_started || !m_running)
        return;
    m_started = true;
    m_clock.start();
    m_parser = SseParser(m_maxLineBytes);

    // Alternatives (n > 1) arrive as further choices of the same stream.
    m_decoder.setAllChoices(m_request.params.n.value_or(1) > 1);
    QNetworkRequest request = OpenAiRequestBuilder::request(
        m_url, m_keyHeader.isEmpty() ? m_apiKey : QString(), QByteArrayLiteral("text/event-stream"), true);
    if (!m_keyHeader.isEmpty() && !m_apiKey.isEmpty())
        request.setRawHeader(m_keyHeader, m_apiKey.toUtf8());
    m_route.prepare(m_nam, request);
    m_reply = m_nam->post(request, m_customBody.isEmpty() ? OpenAiRequestBuilder::chatBody(m_request, m_model)
                                                          : m_customBody);
    connect(m_reply, &QNetworkReply::readyRead, this, &OpenAiChatJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &OpenAiChatJob::onFinished);
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
    qCInfo(lcOpenAi).noquote() << "chat request to" << OpenAiRequestBuilder::redacted(m_url) << "model"
                               << m_model << "turns" << m_request.turns.size();
}

void OpenAiChatJob::abort()
{
    if (!m_running)
        return;
    JobError e;
    e.code = JobError::Cancelled;
    fail(e);
}

int OpenAiChatJob::httpStatus() const
{
    return m_reply ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
}

void OpenAiChatJob::onReadyRead()
{
    if (!m_running || !m_reply)
        return;
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    m_bytesReceived += bytes.size();
    consume(bytes);
}

void OpenAiChatJob::consume(const QByteArray &bytes)
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

void OpenAiChatJob::feedStream(const QByteArray &bytes)
{
    const QPointer<OpenAiChatJob> self(this);
    const QVector<SseEvent> events = m_parser.feed(bytes);
    for (const SseEvent &sse : events) {
        const QVector<ChatStreamEvent> decoded = m_decoder.decode(sse);
        for (const ChatStreamEvent &event : decoded) {
            handleEvent(event);
            // A receiver may have aborted (or even deleted) us from inside a delta signal.
            if (!self || !m_running)
                return;
        }
    }
    if (m_parser.lineTooLong()) {
        JobError e;
        e.code = JobError::LineTooLong;
        e.httpStatus = httpStatus();
        e.details = QStringLiteral("A line of the stream exceeded %1 bytes.").arg(m_maxLineBytes);
        fail(withRequestDetails(e));
    }
}

void OpenAiChatJob::handleEvent(const ChatStreamEvent &event)
{
    if (event.index > 0) {
        handleAlternative(event);
        return;
    }
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
        if (event.errorType == QLatin1String(OpenAiStreamDecoder::MalformedJsonErrorType)) {
            e.code = JobError::BadResponse;
            e.details = event.text;
        } else {
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

// Alternatives beyond the first (n > 1) have signals of their own; their reasoning, if a
// server sends any, is not kept.
void OpenAiChatJob::handleAlternative(const ChatStreamEvent &event)
{
    if (event.kind == ChatStreamEvent::Content) {
        m_receivedContent = true;
        Q_EMIT alternativeDelta(event.index, event.text);
    } else if (event.kind == ChatStreamEvent::Finish) {
        Q_EMIT alternativeFinished(event.index, event.text);
    }
}

void OpenAiChatJob::onFinished()
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
        if (m_replyBody.mode() == ReplyBody::Mode::Stream)
            handleStreamEnd(status);
        else if (m_reply->error() != QNetworkReply::NoError)
            handleStreamEnd(status); // a buffered body cut off by the transport
        else
            handleBufferedBody(status);
        return;
    }
    if (status > 0) {
        fail(withRequestDetails(
            HttpErrorMapper::fromHttpStatus(status, m_reply->rawHeaderPairs(), m_replyBody.held())));
        return;
    }
    // We did not abort (we would not be running): whoever did, for us the exchange failed.
    fail(withRequestDetails(m_route.transportFailure(m_reply, m_sslErrors)));
}

void OpenAiChatJob::handleStreamEnd(int status)
{
    // The answer is complete once a finish reason arrived; a connection that breaks before the
    // trailing usage chunk or [DONE] does not make it a failure.
    if (m_decoder.sawFinishReason()) {
        succeed();
        return;
    }
    JobError e;
    e.httpStatus = status;
    if (m_reply->error() == QNetworkReply::NoError) {
        e.code = JobError::Interrupted;
        e.details = QStringLiteral("The stream ended without [DONE] after %1 bytes.").arg(m_bytesReceived);
    } else {
        e = HttpErrorMapper::fromTransportFailure(m_reply->error(), m_reply->errorString());
        e.httpStatus = status;
        e.details += QStringLiteral(" (after %1 bytes)").arg(m_bytesReceived);
    }
    fail(withRequestDetails(e));
}

void OpenAiChatJob::handleBufferedBody(int status)
{
    JobError e;
    e.httpStatus = status;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(m_replyBody.held(), &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error == QJsonParseError::NoError && root.value(QLatin1String("choices")).isArray()) {
        // A whole completion from a server that ignored stream: true. Its choices carry
        // "message" where a stream chunk carries "delta"; renamed, the decoder reads it like
        // one chunk, with the same field quirks handled in one place.
        QJsonArray choices;
        for (const QJsonValue &v : root.value(QLatin1String("choices")).toArray()) {
            QJsonObject choice = v.toObject();
            if (choice.contains(QLatin1String("message")))
                choice.insert(QStringLiteral("delta"), choice.take(QLatin1String("message")));
            choices.append(choice);
        }
        QJsonObject chunk = root;
        chunk.insert(QStringLiteral("choices"), choices);
        SseEvent sse;
        sse.event = QStringLiteral("message");
        sse.data = QString::fromUtf8(QJsonDocument(chunk).toJson(QJsonDocument::Compact));
        const QPointer<OpenAiChatJob> self(this);
        const QVector<ChatStreamEvent> events = m_decoder.decode(sse);
        for (const ChatStreamEvent &event : events) {
            handleEvent(event);
            if (!self || !m_running)
                return;
        }
        succeed();
        return;
    }
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QString message = HttpErrorMapper::serverMessage(m_replyBody.held());
        if (!message.isEmpty() || root.contains(QLatin1String("error"))) {
            e.code = JobError::StreamError;
            e.serverMessage = message;
        } else {
            e.code = JobError::BadResponse;
            e.details = QStringLiteral("Not a chat completion: %1")
                            .arg(HttpErrorMapper::plainTextExcerpt(m_replyBody.held()));
        }
    } else {
        e.code = JobError::BadResponse;
        e.details =
            m_replyBody.held().trimmed().isEmpty()
                ? QStringLiteral("The reply was empty.")
                : QStringLiteral("Body: %1").arg(HttpErrorMapper::plainTextExcerpt(m_replyBody.held()));
    }
    fail(withRequestDetails(e));
}

JobError OpenAiChatJob::withRequestDetails(JobError e) const
{
    e.model = m_model;
    QStringList lines;
    if (!e.details.isEmpty())
        lines << e.details;
    lines << QStringLiteral("URL: %1").arg(OpenAiRequestBuilder::redacted(m_url));
    lines << QStringLiteral("Model: %1").arg(m_model);
    e.details = lines.join(QLatin1Char('\n'));
    return e;
}

void OpenAiChatJob::succeed()
{
    if (!m_running)
        return;
    m_running = false;
    detachReply(false);
    qCInfo(lcOpenAi) << "chat reply finished:" << m_finishReason << "bytes" << m_bytesReceived << "ms"
                     << m_clock.elapsed();
    Q_EMIT finished(m_finishReason);
}

void OpenAiChatJob::fail(JobError error)
{
    if (!m_running)
        return;
    m_running = false;
    detachReply(true);
    qCInfo(lcOpenAi) << "chat reply failed: code" << int(error.code) << "status" << error.httpStatus
                     << "bytes" << m_bytesReceived << "ms" << (m_clock.isValid() ? m_clock.elapsed() : 0);
    Q_EMIT failed(error);
}

void OpenAiChatJob::detachReply(bool abortIt)
{
    if (m_watchdog)
        m_watchdog->stop();
    releaseReply(m_reply, this, abortIt ? ReplyEnd::Abort : ReplyEnd::LetFinish);
}

} // namespace penpal
