#include "ImagePlaceholder.h"

#include "ImageCache.h"
#include "LinkPolicy.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTextCharFormat>
#include <QTextDocument>

namespace penpal {

namespace {
constexpr qreal kPadding = 6;
constexpr qreal kIconWidth = 16;
constexpr qreal kMaxLabelWidth = 420; // long hosts/alt texts are elided, not allowed to widen rows
constexpr qreal kMaxImageWidth = 640;
constexpr qreal kMaxImageHeight = 480;

QImage loadedImage(const ImageCache *cache, const QTextFormat &format)
{
    if (!cache)
        return {};
    return cache->image(format.stringProperty(ImagePlaceholder::UrlProperty));
}
} // namespace

ImagePlaceholder::ImagePlaceholder(QObject *parent)
    : QObject(parent)
    , m_text(0x55, 0x55, 0x55)
    , m_background(0, 0, 0, 14)
    , m_border(0, 0, 0, 60)
{
}

void ImagePlaceholder::setColors(const QColor &text, const QColor &background, const QColor &border)
{
    m_text = text;
    m_background = background;
    m_border = border;
}

QString ImagePlaceholder::labelFor(const QString &host, const QString &altText)
{
    if (!host.isEmpty())
        return tr("Image from %1").arg(host);
    if (!altText.trimmed().isEmpty())
        return tr("Image: %1").arg(altText.trimmed());
    return tr("Image");
}

bool ImagePlaceholder::isLoadable(const QString &url)
{
    return !LinkPolicy::imageHost(QUrl(url)).isEmpty();
}

QString ImagePlaceholder::displayText(const QTextFormat &format, const ImageCache *cache)
{
    const QString label = format.stringProperty(LabelProperty);
    const QString url = format.stringProperty(UrlProperty);
    if (!isLoadable(url))
        return label;
    switch (cache ? cache->state(url) : ImageCache::State::None) {
    case ImageCache::State::None:
        break;
    case ImageCache::State::Loading:
        return tr("%1 · Loading…").arg(label);
    case ImageCache::State::Failed:
        return tr("%1 · Couldn't load: %2 · Try again").arg(label, cache->error(url));
    case ImageCache::State::Loaded:
        return label;
    }
    return tr("%1 · Load image").arg(label);
}

QSizeF ImagePlaceholder::fittedSize(const QSize &image, qreal textWidth)
{
    QSizeF size(image);
    const qreal maxWidth = qMin(kMaxImageWidth, textWidth > 0 ? textWidth - 4 : kMaxImageWidth);
    if (size.width() > maxWidth || size.height() > kMaxImageHeight)
        size.scale(QSizeF(qMax<qreal>(16, maxWidth), kMaxImageHeight), Qt::KeepAspectRatio);
    return size;
}

QSizeF ImagePlaceholder::intrinsicSize(QTextDocument *doc, int posInDocument, const QTextFormat &format)
{
    Q_UNUSED(posInDocument)
    const QImage image = loadedImage(m_cache, format);
    if (!image.isNull())
        return fittedSize(image.size(), doc ? doc->textWidth() : -1);
    const QFontMetricsF fm(format.toCharFormat().font());
    const qreal labelWidth = qMin(kMaxLabelWidth, fm.horizontalAdvance(displayText(format, m_cache)));
    return {kPadding + kIconWidth + kPadding + labelWidth + kPadding, fm.height() + 2 * kPadding};
}

void ImagePlaceholder::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *doc,
                                  int posInDocument, const QTextFormat &format)
{
    Q_UNUSED(doc)
    Q_UNUSED(posInDocument)
    const QImage image = loadedImage(m_cache, format);
    if (!image.isNull()) {
        painter->save();
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawImage(rect, image);
        painter->restore();
        return;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF box = rect.adjusted(0.5, 0.5, -0.5, -0.5);
    painter->setPen(QPen(m_border, 1, Qt::DashLine));
    painter->setBrush(m_background);
    painter->drawRoundedRect(box, 4, 4);

    // A tiny "picture" glyph: frame, sun, mountain. Drawn, so no icon resource is needed.
    const QRectF icon(box.left() + kPadding, box.center().y() - kIconWidth / 2 + 1, kIconWidth,
                      kIconWidth - 2);
    painter->setPen(QPen(m_text, 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(icon);
    painter->drawEllipse(QPointF(icon.left() + 5, icon.top() + 4.5), 1.6, 1.6);
    QPainterPath mountain;
    mountain.moveTo(icon.left() + 1, icon.bottom() - 1);
    mountain.lineTo(icon.left() + 6, icon.top() + 7);
    mountain.lineTo(icon.left() + 9, icon.top() + 10);
    mountain.lineTo(icon.left() + 12, icon.top() + 6);
    mountain.lineTo(icon.right() - 1, icon.bottom() - 1);
    painter->drawPath(mountain);

    const QFont font = format.toCharFormat().font();
    const QFontMetricsF fm(font);
    painter->setFont(font);
    const qreal textLeft = icon.right() + kPadding;
    const QRectF textRect(textLeft, box.top(), box.right() + 1 - kPadding - textLeft + 1, box.height());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      fm.elidedText(displayText(format, m_cache), Qt::ElideMiddle, textRect.width()));
    painter->restore();
}

} // namespace penpal
