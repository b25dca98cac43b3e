#include "SafeTextDocument.h"

#include "ImagePlaceholder.h"
#include "LinkPolicy.h"

#include <QFontMetrics>
#include <QPainter>

namespace penpal {

SafeTextDocument::SafeTextDocument(QObject *parent)
    : QTextDocument(parent)
{
    setUndoRedoEnabled(false); // rendered output is never edited; an undo stack only costs memory
}

void SafeTextDocument::setSafeMarkdown(const QString &markdown)
{
    setMarkdown(markdown, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                          QTextDocument::MarkdownNoHTML));
}

QVariant SafeTextDocument::loadResource(int type, const QUrl &name)
{
    ++m_resourceRequests;
    if (type != QTextDocument::ImageResource) {
        // A valid empty value: an invalid QVariant would make QTextDocument::resource() go on to
        // ask the (application-wide) resource provider.
        return QVariant(QByteArray());
    }
    const QString host = LinkPolicy::imageHost(name);
    auto it = m_placeholders.constFind(host);
    if (it != m_placeholders.constEnd())
        return *it;

    const QString label = ImagePlaceholder::labelFor(host, QString());
    const QFont font = defaultFont();
    const QFontMetrics fm(font);
    QImage img(fm.horizontalAdvance(label) + 16, fm.height() + 12, QImage::Format_ARGB32_Premultiplied);
    img.fill(QColor(0, 0, 0, 20));
    {
        QPainter p(&img);
        p.setPen(QColor(0, 0, 0, 110));
        p.drawRect(img.rect().adjusted(0, 0, -1, -1));
        p.setFont(font);
        p.drawText(img.rect(), Qt::AlignCenter, label);
    }
    m_placeholders.insert(host, img);
    return img;
}

} // namespace penpal
