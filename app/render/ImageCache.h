#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QString>

namespace penpal {

// Images of model output that the user chose to load, for this session only (never written to
// disk). Nothing gets in here without a click on an image placeholder: the renderer draws a
// placeholder for every image it does not find here in the Loaded state.
class ImageCache : public QObject {
    Q_OBJECT
public:
    enum class State { None, Loading, Loaded, Failed };

    explicit ImageCache(QObject *parent = nullptr);

    State state(const QString &url) const;
    QImage image(const QString &url) const; // null unless Loaded
    QString error(const QString &url) const;

    void setLoading(const QString &url);
    void setLoaded(const QString &url, const QImage &image);
    void setFailed(const QString &url, const QString &error);

    // Loaded images are dropped, oldest first, beyond this many bytes of pixels.
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }
    qint64 bytes() const { return m_bytes; }

Q_SIGNALS:
    // The state of `url` changed: text showing it needs laying out again.
    void changed(const QString &url);

private:
    struct Entry {
        State state = State::None;
        QImage image;
        QString error;
        quint64 order = 0;
    };
    void evict();

    QHash<QString, Entry> m_entries;
    qint64 m_bytes = 0;
    qint64 m_maxBytes = 256 * 1024 * 1024;
    quint64 m_counter = 0;
};

} // namespace penpal
