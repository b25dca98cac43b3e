#pragma once

#include "draft/DraftDocument.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <optional>

class QMimeData;

namespace penpal {

// A Draft document written out as a file, or put on the clipboard as rich text. The
// Markdown is rendered by MarkdownHtml (the conversation exports' renderer: escaped, nothing
// remote), so every format shows the same document. Files are written atomically (QSaveFile):
// a failed export leaves no partial file and never replaces an existing one half-way.
class DraftExport {
    Q_DECLARE_TR_FUNCTIONS(DraftExport)
public:
    enum class Format { Markdown, Html, Pdf, Odt, PlainText };

    static QVector<Format> formats();    // in the order a menu lists them
    static QString suffix(Format f);     // "md", "html", "pdf", "odt", "txt"
    static QString name(Format f);       // "Markdown", "HTML", "PDF", …
    static QString fileFilter(Format f); // "Markdown (*.md)" for a file dialog
    // "md", ".MD", "markdown", "htm", "txt", …; nothing for a suffix no format has.
    static std::optional<Format> fromSuffix(const QString &suffix);

    // The document's Markdown: its text, led by the title as a "# " heading unless the text
    // already starts with a level-1 heading (or has no title).
    static QString markdown(const DraftDocument &doc);
    // A complete, self-contained XHTML page (UTF-8): no script, nothing loaded from anywhere.
    static QString html(const DraftDocument &doc);
    // The rendered text without Markdown markup: list items get bullets or numbers, code is
    // indented, links are followed by their address in parentheses.
    static QString plainText(const QString &markdown);

    // Writes `doc` to `path` in format `f`. On failure returns false with a sentence for the
    // user in *error, and no file is left at `path` (an existing one is kept as it was).
    static bool write(const DraftDocument &doc, Format f, const QString &path, QString *error);

    // For "Copy as rich text": text/html (rendered, styles inline so mail clients and office
    // suites keep them) and text/plain (the Markdown as written). The caller owns it (the
    // clipboard takes ownership).
    static QMimeData *richTextMime(const QString &markdown);
};

} // namespace penpal
