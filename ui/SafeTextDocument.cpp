#include "SafeTextDocument.h"

#include <QImage>
#include <QPainter>

namespace penpal {

void SafeTextDocument::setSafeMarkdown(const QString &markdown)
{
    setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                          QTextDocument::MarkdownNoHTML));
}

QVariant SafeTextDocument::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(name)
    if (type == QTextDocument::ImageResource) {
        static const QImage placeholder = [] {
            QImage img(48, 32, QImage::Format_ARGB32_Premultiplied);
            img.fill(QColor(0, 0, 0, 24));
            QPainter p(&img);
            p.setPen(QColor(0, 0, 0, 96));
            p.drawRect(img.rect().adjusted(0, 0, -1, -1));
            return img;
        }();
        return placeholder;
    }
    return QVariant();
}

} // namespace penpal
