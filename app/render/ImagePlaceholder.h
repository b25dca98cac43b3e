#pragma once

#include <QColor>
#include <QObject>
#include <QTextFormat>
#include <QTextObjectInterface>

namespace penpal {

class ImageCache;

// Draws a Markdown image as an inline box naming where the image would come from, instead of the
// image. The renderer turns every image of a reply into this object type, so Qt's image handler
// (which would look for local files, including @2x variants) is never involved.
class ImagePlaceholder : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    static constexpr int ObjectType = QTextFormat::UserObject + 1;
    // Char format properties of a placeholder object.
    static constexpr int UrlProperty = QTextFormat::UserProperty + 101;     // QString, as written
    static constexpr int AltTextProperty = QTextFormat::UserProperty + 102; // QString
    static constexpr int LabelProperty = QTextFormat::UserProperty + 103;   // QString shown in the box

    explicit ImagePlaceholder(QObject *parent = nullptr);

    void setColors(const QColor &text, const QColor &background, const QColor &border);
    // Images the user loaded are drawn instead of their placeholder; the cache also says
    // whether one is loading or failed. Without a cache every image stays a placeholder.
    void setCache(const ImageCache *cache) { m_cache = cache; }

    // "Image from example.com" / "Image: alt text" / "Image".
    static QString labelFor(const QString &host, const QString &altText);
    // Only web images can be loaded, and only on a click.
    static bool isLoadable(const QString &url);
    // What the box shows for the image with char format `format`: the label plus what a click
    // does ("Image from example.com · Load image", "… · Loading…", "… · Couldn't load: … ·
    // Try again").
    static QString displayText(const QTextFormat &format, const ImageCache *cache);
    // The size a loaded image is drawn at in a text `textWidth` wide.
    static QSizeF fittedSize(const QSize &image, qreal textWidth);

    QSizeF intrinsicSize(QTextDocument *doc, int posInDocument, const QTextFormat &format) override;
    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *doc, int posInDocument,
                    const QTextFormat &format) override;

private:
    const ImageCache *m_cache = nullptr;
    QColor m_text;
    QColor m_background;
    QColor m_border;
};

} // namespace penpal
