#include "history/PdfPages.h"

#include "history/ExportText.h"

#include <QAbstractTextDocumentLayout>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

namespace penpal {

void PdfPages::setUp(QPdfWriter &pdf)
{
    pdf.setCreator(ExportText::generator());
    pdf.setResolution(300);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 18, 18, 18),
                                  QPageLayout::Millimeter));
}

void PdfPages::prepare(QTextDocument &doc, QPdfWriter &pdf)
{
    doc.documentLayout()->setPaintDevice(&pdf);
}

bool PdfPages::paint(QTextDocument &doc, QPdfWriter &pdf, QPainter &painter, int *pages)
{
    const QRectF paintRect = pdf.pageLayout().paintRectPixels(pdf.resolution());
    const QSizeF page = paintRect.size();
    doc.setPageSize(page);
    const int count = doc.pageCount();
    for (int p = 0; p < count; ++p) {
        if (*pages > 0 && !pdf.newPage())
            return false;
        ++*pages;
        painter.save();
        painter.translate(0, -p * page.height());
        doc.drawContents(&painter, QRectF(QPointF(0, p * page.height()), page));
        painter.restore();
    }
    return true;
}

} // namespace penpal
