#pragma once

#include <QColor>
#include <QObject>
#include <QTextFormat>
#include <QTextObjectInterface>

namespace penpal {

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

    // "Image from example.com" / "Image: alt text" / "Image".
    static QString labelFor(const QString &host, const QString &altText);

    QSizeF intrinsicSize(QTextDocument *doc, int posInDocument, const QTextFormat &format) override;
    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *doc, int posInDocument,
                    const QTextFormat &format) override;

private:
    QColor m_text;
    QColor m_background;
    QColor m_border;
};

} // namespace penpal
