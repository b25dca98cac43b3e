#include "ImageCache.h"

namespace penpal {

ImageCache::ImageCache(QObject *parent)
    : QObject(parent)
{
}

ImageCache::State ImageCache::state(const QString &url) const
{
    return m_entries.value(url).state;
}

QImage ImageCache::image(const QString &url) const
{
    return m_entries.value(url).image;
}

QString ImageCache::error(const QString &url) const
{
    return m_entries.value(url).error;
}

void ImageCache::setLoading(const QString &url)
{
    Entry &e = m_entries[url];
    m_bytes -= e.image.sizeInBytes();
    e = Entry{State::Loading, {}, {}, ++m_counter};
    Q_EMIT changed(url);
}

void ImageCache::setLoaded(const QString &url, const QImage &image)
{
    Entry &e = m_entries[url];
    m_bytes -= e.image.sizeInBytes();
    e = Entry{State::Loaded, image, {}, ++m_counter};
    m_bytes += image.sizeInBytes();
    evict();
    Q_EMIT changed(url);
}

void ImageCache::setFailed(const QString &url, const QString &error)
{
    Entry &e = m_entries[url];
    m_bytes -= e.image.sizeInBytes();
    e = Entry{State::Failed, {}, error, ++m_counter};
    Q_EMIT changed(url);
}

void ImageCache::evict()
{
    // Linear scans are fine: a session holds a handful of images the user clicked one by one.
    while (m_bytes > m_maxBytes) {
        auto oldest = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->state == State::Loaded && (oldest == m_entries.end() || it->order < oldest->order))
                oldest = it;
        }
        if (oldest == m_entries.end())
            return;
        const QString url = oldest.key();
        m_bytes -= oldest->image.sizeInBytes();
        m_entries.erase(oldest); // back to a placeholder the user can load again
        Q_EMIT changed(url);
    }
}

} // namespace penpal
