#include "ImagePlaceholder.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTextCharFormat>
#include <QTextDocument>

namespace penpal {

namespace {
constexpr qreal kPadding = 6;
constexpr qreal kIconWidth = 16;
constexpr qreal kMaxLabelWidth = 320; // long hosts/alt texts are elided, not allowed to widen rows
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

QSizeF ImagePlaceholder::intrinsicSize(QTextDocument *doc, int posInDocument, const QTextFormat &format)
{
    Q_UNUSED(doc)
    Q_UNUSED(posInDocument)
    const QFontMetricsF fm(format.toCharFormat().font());
    const qreal labelWidth = qMin(kMaxLabelWidth, fm.horizontalAdvance(format.stringProperty(LabelProperty)));
    return {kPadding + kIconWidth + kPadding + labelWidth + kPadding, fm.height() + 2 * kPadding};
}

void ImagePlaceholder::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *doc,
                                  int posInDocument, const QTextFormat &format)
{
    Q_UNUSED(doc)
    Q_UNUSED(posInDocument)
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
                      fm.elidedText(format.stringProperty(LabelProperty), Qt::ElideMiddle, textRect.width()));
    painter->restore();
}

} // namespace penpal
