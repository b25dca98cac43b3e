#include "ImageFetchJob.h"

#include "net/ReplyRelease.h"

#include <QBuffer>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace penpal {

namespace {
constexpr int kTransferTimeoutMs = 30000;
constexpr int kAllocationLimitMb = 256; // decoded pixels; a "decompression bomb" stops here

bool isWebUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty() &&
           (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}
} // namespace

ImageFetchJob::ImageFetchJob(QNetworkAccessManager *nam, const QUrl &url, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_url(url)
{
}

ImageFetchJob::~ImageFetchJob()
{
    releaseReply(m_reply, this);
}

void ImageFetchJob::start()
{
    if (!isWebUrl(m_url)) {
        // Asynchronous like every other outcome, so callers connect after start() safely.
        QTimer::singleShot(0, this, [this] { fail(tr("only web images (http, https) can be loaded")); });
        return;
    }
    QNetworkRequest request(m_url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setRawHeader("Accept", "image/png,image/jpeg,image/gif,image/webp,image/*;q=0.8");
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &ImageFetchJob::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ImageFetchJob::onFinished);
}

void ImageFetchJob::abort()
{
    fail(tr("cancelled"));
}

void ImageFetchJob::onReadyRead()
{
    if (!m_reply || m_done)
        return;
    const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (announced > m_maxBytes || m_data.size() + m_reply->bytesAvailable() > m_maxBytes) {
        fail(tr("the image is larger than %1 MB").arg(m_maxBytes / (1024 * 1024)));
        return;
    }
    m_data += m_reply->readAll();
}

void ImageFetchJob::onFinished()
{
    if (!m_reply || m_done)
        return;
    onReadyRead();
    if (m_done)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_reply->error() != QNetworkReply::NoError) {
        if (status >= 400)
            fail(tr("the server answered %1").arg(status));
        else if (m_reply->error() == QNetworkReply::OperationCanceledError)
            fail(tr("no answer within %1 s").arg(kTransferTimeoutMs / 1000));
        else
            fail(m_reply->errorString());
        return;
    }
    QBuffer buffer(&m_data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    reader.setAllocationLimit(kAllocationLimitMb);
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull()) {
        fail(tr("this is not an image Penpal can show"));
        return;
    }
    if (image.width() > MaxSide || image.height() > MaxSide)
        image = image.scaled(MaxSide, MaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    m_done = true;
    releaseReply(m_reply, this); // finished: nothing left to abort
    Q_EMIT finished(image);
}

void ImageFetchJob::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    releaseReply(m_reply, this);
    Q_EMIT failed(message);
}

} // namespace penpal
