#pragma once

#include <QString>
#include <QStringView>

namespace penpal {

// Model output (Markdown) as a fragment of XHTML that is safe to open in a browser: md4c
// parses it as the chat view does (GitHub dialect, raw HTML off, through SafeTextDocument, so
// nothing is ever loaded), and the fragment is written from the parsed document, element by
// element, with every piece of text escaped. Only http, https and mailto links keep their
// target; images never load anything: a remote image becomes a link to it. No script, style
// or event attribute can come out of the text. Well-formed XML, so it also parses as XHTML.
class MarkdownHtml {
public:
    // Markdown headings are shifted down by `headingShift` levels (and never above h(1 +
    // shift)): a conversation export keeps h1 and h2 for its own title and speakers, while a
    // Draft document's headings are the document's own (shift 0).
    static QString fragment(const QString &markdown, int headingShift = 2);

    // Text for an XML text node or attribute value: & < > " escaped, and characters XML 1.0
    // does not allow (control characters, lone surrogates) dropped.
    static QString escape(QStringView text);
    // Plain text kept as written (user prompts, reasoning): escaped; line breaks are kept by
    // the "plain" style (white-space: pre-wrap).
    static QString plain(const QString &text);
};

} // namespace penpal
