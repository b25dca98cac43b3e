#include "history/MarkdownHtml.h"

#include "render/LinkPolicy.h"
#include "render/MarkdownPreprocessor.h"
#include "render/SafeTextDocument.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <QVector>

namespace penpal {

namespace {

bool isXmlChar(char32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

// A language name from a fence info string, reduced to what is safe in a class attribute.
QString languageClass(const QString &language)
{
    QString out;
    for (QChar c : language) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('_'))
            out += c;
    }
    return out.left(40);
}

class Writer {
public:
    explicit Writer(int headingShift)
        : m_headingShift(qBound(0, headingShift, 5))
    {
    }

    QString out;

    void frame(QTextFrame *frame)
    {
        for (auto it = frame->begin(); !it.atEnd(); ++it) {
            if (QTextFrame *child = it.currentFrame()) {
                closeCode();
                closeLists();
                if (auto *table = qobject_cast<QTextTable *>(child))
                    writeTable(table);
                else
                    this->frame(child);
            } else {
                block(it.currentBlock());
            }
        }
    }

    void closeAll()
    {
        closeCode();
        closeLists();
        setQuoteLevel(0);
    }

private:
    struct OpenList {
        QTextList *list;
        int indent;
    };

    void block(const QTextBlock &b)
    {
        const QTextBlockFormat fmt = b.blockFormat();
        const bool isCode = fmt.hasProperty(QTextFormat::BlockCodeFence) || fmt.nonBreakableLines();
        const QString codeKey = fmt.property(QTextFormat::BlockCodeLanguage).toString();
        if (m_codeOpen && (!isCode || codeKey != m_codeKey))
            closeCode();

        const int quote = fmt.property(QTextFormat::BlockQuoteLevel).toInt();
        if (quote != m_quoteLevel) {
            closeCode();
            closeLists();
            setQuoteLevel(quote);
        }

        QTextList *list = isCode ? nullptr : b.textList();
        if (list)
            enterListItem(list);
        else if (!isCode)
            closeLists();
        else
            leaveListsForCode(fmt.indent());

        if (isCode) {
            writeCodeLine(b, codeKey);
        } else if (fmt.hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth)) {
            out += QStringLiteral("<hr/>\n");
        } else if (fmt.headingLevel() > 0) {
            // Shifted (see fragment()): in a conversation export, message headings sit under
            // the export's own h1 (conversation) and h2 (speaker).
            const int level = qBound(1 + m_headingShift, fmt.headingLevel() + m_headingShift, 6);
            out += QStringLiteral("<h%1>").arg(level) + inlineText(b) + QStringLiteral("</h%1>\n").arg(level);
        } else if (list) {
            if (fmt.marker() == QTextBlockFormat::MarkerType::Checked)
                out += QStringLiteral("\u2611 ");
            else if (fmt.marker() == QTextBlockFormat::MarkerType::Unchecked)
                out += QStringLiteral("\u2610 ");
            out += inlineText(b);
        } else if (!b.text().isEmpty()) {
            out += QStringLiteral("<p>") + inlineText(b) + QStringLiteral("</p>\n");
        }
    }

    void writeCodeLine(const QTextBlock &b, const QString &codeKey)
    {
        if (!m_codeOpen) {
            m_codeOpen = true;
            m_codeKey = codeKey;
            const QString language = MarkdownPreprocessor::untagLanguage(codeKey);
            if (language == MarkdownPreprocessor::mathLanguage()) {
                out += QStringLiteral("<pre class=\"math\"><code>");
            } else {
                const QString cls = languageClass(language);
                out += cls.isEmpty() ? QStringLiteral("<pre><code>")
                                     : QStringLiteral("<pre><code class=\"language-%1\">").arg(cls);
            }
        } else {
            out += QLatin1Char('\n');
        }
        out += MarkdownHtml::escape(b.text());
    }

    void closeCode()
    {
        if (!m_codeOpen)
            return;
        out += QStringLiteral("</code></pre>\n");
        m_codeOpen = false;
        m_codeKey.clear();
    }

    void setQuoteLevel(int level)
    {
        while (m_quoteLevel < level) {
            out += QStringLiteral("<blockquote>\n");
            ++m_quoteLevel;
        }
        while (m_quoteLevel > level) {
            out += QStringLiteral("</blockquote>\n");
            --m_quoteLevel;
        }
    }

    static bool ordered(QTextList *list)
    {
        const auto style = list->format().style();
        return style == QTextListFormat::ListDecimal || style == QTextListFormat::ListLowerAlpha ||
               style == QTextListFormat::ListUpperAlpha || style == QTextListFormat::ListLowerRoman ||
               style == QTextListFormat::ListUpperRoman;
    }

    // Nested lists go inside the item they belong to, which stays open until the next item
    // at its own level or above.
    void enterListItem(QTextList *list)
    {
        const int indent = list->format().indent();
        while (!m_lists.isEmpty() &&
               (m_lists.constLast().indent > indent ||
                (m_lists.constLast().indent == indent && m_lists.constLast().list != list)))
            closeOneList();
        if (!m_lists.isEmpty() && m_lists.constLast().list == list) {
            out += QStringLiteral("</li>\n<li>");
            return;
        }
        out += ordered(list) ? QStringLiteral("<ol>\n<li>") : QStringLiteral("<ul>\n<li>");
        m_lists.append({list, indent});
    }

    void closeOneList()
    {
        const OpenList open = m_lists.takeLast();
        out += ordered(open.list) ? QStringLiteral("</li>\n</ol>\n") : QStringLiteral("</li>\n</ul>\n");
    }

    // A code block belongs to the list items it is indented into (the importer gives it their
    // depth); one at the left margin ends every open list.
    void leaveListsForCode(int indent)
    {
        if (m_lists.isEmpty() || m_lists.constLast().indent <= indent)
            return;
        closeCode();
        while (!m_lists.isEmpty() && m_lists.constLast().indent > indent)
            closeOneList();
    }

    void closeLists()
    {
        while (!m_lists.isEmpty())
            closeOneList();
    }

    void writeTable(QTextTable *table)
    {
        out += QStringLiteral("<table>\n");
        for (int row = 0; row < table->rows(); ++row) {
            out += QStringLiteral("<tr>");
            const QString tag = row == 0 ? QStringLiteral("th") : QStringLiteral("td");
            for (int column = 0; column < table->columns(); ++column) {
                const QTextTableCell cell = table->cellAt(row, column);
                if (cell.row() != row || cell.column() != column)
                    continue; // covered by a spanning cell
                out += QLatin1Char('<') + tag + QLatin1Char('>');
                bool first = true;
                for (auto it = cell.begin(); !it.atEnd(); ++it) {
                    const QTextBlock b = it.currentBlock();
                    if (!b.isValid())
                        continue;
                    if (!first)
                        out += QStringLiteral("<br/>");
                    first = false;
                    out += inlineText(b);
                }
                out += QStringLiteral("</") + tag + QLatin1Char('>');
            }
            out += QStringLiteral("</tr>\n");
        }
        out += QStringLiteral("</table>\n");
    }

    static QString inlineText(const QTextBlock &b)
    {
        QString html;
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            const QTextCharFormat cf = fragment.charFormat();
            if (cf.isImageFormat()) {
                html += image(cf.toImageFormat());
                continue;
            }
            QString text = fragment.text();
            bool math = false;
            if (text.contains(QChar(MarkdownPreprocessor::InlineMathBegin))) {
                math = true;
                text.remove(QChar(MarkdownPreprocessor::InlineMathBegin));
                text.remove(QChar(MarkdownPreprocessor::InlineMathEnd));
            }
            text.remove(QChar::ObjectReplacementCharacter);
            if (text.isEmpty())
                continue;
            QString piece = MarkdownHtml::escape(text);
            piece.replace(QChar::LineSeparator, QStringLiteral("<br/>"));
            piece.replace(QChar::ParagraphSeparator, QStringLiteral("<br/>"));
            if (math)
                piece = QStringLiteral("<code class=\"math\">") + piece + QStringLiteral("</code>");
            else if (cf.fontFixedPitch())
                piece = QStringLiteral("<code>") + piece + QStringLiteral("</code>");
            if (cf.fontStrikeOut())
                piece = QStringLiteral("<del>") + piece + QStringLiteral("</del>");
            if (cf.fontItalic())
                piece = QStringLiteral("<em>") + piece + QStringLiteral("</em>");
            if (cf.fontWeight() >= QFont::DemiBold)
                piece = QStringLiteral("<strong>") + piece + QStringLiteral("</strong>");
            const QString href = cf.anchorHref();
            if (!href.isEmpty() && LinkPolicy::classify(href) == LinkPolicy::Action::OpenAllowed)
                piece = QStringLiteral("<a href=\"%1\" rel=\"noopener noreferrer\">")
                            .arg(MarkdownHtml::escape(href)) +
                        piece + QStringLiteral("</a>");
            html += piece;
        }
        return html;
    }

    // Never an <img> for a URL: opening the export must not tell anyone it was opened.
    static QString image(const QTextImageFormat &format)
    {
        const QString url = format.name();
        const QString alt = format.property(QTextFormat::ImageAltText).toString();
        const QString label =
            alt.isEmpty() ? QStringLiteral("[image]") : QStringLiteral("[image: %1]").arg(alt);
        if (LinkPolicy::classify(url) == LinkPolicy::Action::OpenAllowed)
            return QStringLiteral("<a class=\"remote-image\" href=\"%1\" rel=\"noopener noreferrer\">%2</a>")
                .arg(MarkdownHtml::escape(url), MarkdownHtml::escape(label));
        return QStringLiteral("<span class=\"remote-image\">%1</span>").arg(MarkdownHtml::escape(label));
    }

    QVector<OpenList> m_lists;
    int m_headingShift = 2;
    int m_quoteLevel = 0;
    bool m_codeOpen = false;
    QString m_codeKey;
};

} // namespace

QString MarkdownHtml::fragment(const QString &markdown, int headingShift)
{
    const MarkdownPreprocessor::Result pre = MarkdownPreprocessor::process(markdown);
    SafeTextDocument doc;
    doc.setSafeMarkdown(pre.text);
    Writer writer(headingShift);
    writer.frame(doc.rootFrame());
    writer.closeAll();
    return writer.out;
}

QString MarkdownHtml::escape(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        switch (c.unicode()) {
        case '&':
            out += QStringLiteral("&amp;");
            break;
        case '<':
            out += QStringLiteral("&lt;");
            break;
        case '>':
            out += QStringLiteral("&gt;");
            break;
        case '"':
            out += QStringLiteral("&quot;");
            break;
        default:
            // Line and paragraph separators survive here for the callers that turn them into
            // <br/>; they are valid XML characters.
            if (isXmlChar(c.unicode()))
                out += c;
            break;
        }
    }
    return out;
}

QString MarkdownHtml::plain(const QString &text)
{
    return MarkdownHtml::escape(text);
}

} // namespace penpal
