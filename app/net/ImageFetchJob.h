#pragma once

#include <QByteArray>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace penpal {

// Fetches one image of model output after the user clicked its placeholder. Only http and
// https, no cookies, no downgrade redirects, a size cap, and decoding with an allocation
// limit: the URL comes from untrusted text. Emits exactly one of finished()/failed().
class ImageFetchJob : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 DefaultMaxBytes = 10 * 1024 * 1024;
    static constexpr int MaxSide = 1600; // larger images are scaled down once, here

    ImageFetchJob(QNetworkAccessManager *nam, const QUrl &url, QObject *parent = nullptr);
    ~ImageFetchJob() override;

    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }
    void start();
    void abort();
    QUrl url() const { return m_url; }

Q_SIGNALS:
    void finished(const QImage &image);
    void failed(const QString &message); // one short human sentence

private:
    void onReadyRead();
    void onFinished();
    void fail(const QString &message);

    QNetworkAccessManager *m_nam;
    QUrl m_url;
    qint64 m_maxBytes = DefaultMaxBytes;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_data;
    bool m_done = false;
};

} // namespace penpal
