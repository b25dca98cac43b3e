#pragma once

#include "history/ArchiveExporter.h"

#include <functional>

namespace penpal {

// One self-contained XHTML file: inline CSS, no script, nothing loaded from anywhere. Replies
// are rendered from their Markdown by MarkdownHtml (escaped, remote images as links); prompts
// and reasoning are kept as written; attached images are inlined as data: URIs and attached
// text files shown folded. Several conversations follow each other as <article>s.
class HtmlExportWriter : public ArchiveExporter {
public:
    explicit HtmlExportWriter(QIODevice *out);

    bool begin() override;
    bool write(const ConversationArchive &archive) override;
    bool finish() override;

    // What an attached image's <img src> is; by default a data: URI with its bytes.
    using ImageSource = std::function<QString(const Attachment &)>;
    // One conversation as an <article> element.
    static QString article(const ConversationArchive &archive, const ImageSource &imageSource = {});

private:
    bool writeHead(const QString &title);

    bool m_begun = false;
    bool m_headWritten = false;
};

} // namespace penpal
