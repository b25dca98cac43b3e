#pragma once

class QPainter;
class QPdfWriter;
class QTextDocument;

namespace penpal {

// What the PDF exports (conversations, Draft documents) share: one page set-up, and a
// QTextDocument painted page by page onto a QPdfWriter (QtGui only, no PrintSupport).
class PdfPages {
public:
    // Creator, 300 dpi, A4 portrait with 18 mm margins.
    static void setUp(QPdfWriter &pdf);
    // Lays `doc` out for the PDF's resolution, so that point sizes come out as points on
    // paper. Call before giving it content.
    static void prepare(QTextDocument &doc, QPdfWriter &pdf);
    // Paints the whole document; it starts on a new page when `*pages` is above zero (pages
    // already written), and `*pages` counts what was added. False when a page cannot be added.
    static bool paint(QTextDocument &doc, QPdfWriter &pdf, QPainter &painter, int *pages);
};

} // namespace penpal
