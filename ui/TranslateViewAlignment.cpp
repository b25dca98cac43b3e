// TranslateView: the result pane put together from the chunks, and the alignment between
// source and translation (highlight, synchronized scrolling, glossary and preservation marks).
#include "TranslateView.h"

#include "translate/Glossary.h"
#include "translate/PreservationCheck.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRun.h"

#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>
#include <QToolTip>

namespace penpal {

namespace {

QColor alignmentColor(const QPalette &p)
{
    QColor c = p.color(QPalette::Highlight);
    c.setAlpha(50);
    return c;
}

QTextEdit::ExtraSelection selection(QPlainTextEdit *edit, int start, int end, const QTextCharFormat &format)
{
    QTextEdit::ExtraSelection s;
    s.cursor = QTextCursor(edit->document());
    s.cursor.setPosition(std::clamp(start, 0, edit->document()->characterCount() - 1));
    s.cursor.setPosition(std::clamp(end, 0, edit->document()->characterCount() - 1), QTextCursor::KeepAnchor);
    s.format = format;
    return s;
}

} // namespace

// Chunks in document order: done ones translated, the running one as far as it streamed,
// failed and cancelled ones as their source text (marked), pending ones empty. Only chunks
// whose text changed are replaced in the document: a long document streams into the pane
// without being laid out again whole twenty times a second.
void TranslateView::rebuildResult()
{
    m_rebuildTimer->stop();
    if (!m_run) {
        m_result->clear();
        m_resultRanges.clear();
        m_shown.clear();
        return;
    }
    auto wanted = [this](int i) {
        switch (m_run->state(i)) {
        case TranslationRun::ChunkState::Done:
        case TranslationRun::ChunkState::Running:
            return m_run->translation(i).trimmed();
        case TranslationRun::ChunkState::Failed:
        case TranslationRun::ChunkState::Cancelled:
            return m_chunks.at(i).text;
        case TranslationRun::ChunkState::Pending:
            break;
        }
        return QString();
    };

    m_syncing = true;
    if (!m_resultBuilt) {
        QString out;
        m_resultRanges.resize(m_chunks.size());
        m_shown.resize(m_chunks.size());
        for (int i = 0; i < m_chunks.size(); ++i) {
            out += m_chunks.at(i).leading;
            m_shown[i] = wanted(i);
            m_resultRanges[i] = {int(out.size()), int(out.size() + m_shown.at(i).size())};
            out += m_shown.at(i) + m_chunks.at(i).trailing;
        }
        m_result->setPlainText(out);
        m_resultBuilt = true;
    } else {
        int shift = 0;
        for (int i = 0; i < m_chunks.size(); ++i) {
            auto &[start, end] = m_resultRanges[i];
            start += shift;
            end += shift;
            const QString text = wanted(i);
            if (text == m_shown.at(i))
                continue;
            QTextCursor c(m_result->document());
            c.setPosition(start);
            c.setPosition(end, QTextCursor::KeepAnchor);
            c.insertText(text);
            shift += int(text.size() - m_shown.at(i).size());
            end = start + int(text.size());
            m_shown[i] = text;
        }
    }
    m_syncing = false;

    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat failed;
    failed.setBackground(QColor(220, 50, 47, 40));
    for (int i = 0; i < m_chunks.size(); ++i) {
        const auto state = m_run->state(i);
        if (state == TranslationRun::ChunkState::Failed || state == TranslationRun::ChunkState::Cancelled)
            marks << selection(m_result, m_resultRanges.at(i).first, m_resultRanges.at(i).second, failed);
    }
    m_result->setExtraSelections(marks);
}

void TranslateView::updateChecks()
{
    m_termMisses.clear();
    QStringList missing;
    for (int i = 0; m_run && i < m_chunks.size(); ++i) {
        if (m_run->state(i) != TranslationRun::ChunkState::Done)
            continue;
        const TextChunk &c = m_chunks.at(i);
        const QString translation = m_run->translation(i);
        const int offset = c.start + int(c.leading.size());
        for (const GlossaryMiss &m : m_controller->glossary().check(c.text, translation))
            m_termMisses.append(TermMiss{offset + m.sourceStart, m.sourceLength, m.term.target});
        for (const ProtectedSpan &s : PreservationCheck::missing(c.text, translation))
            missing << s.text.trimmed().left(60);
    }
    m_warnings->setText(missing.isEmpty()
                            ? QString()
                            : tr("Not found in the translation: %1").arg(missing.join(QStringLiteral(", "))));
    highlight(alignmentAtSource(m_source->textCursor().position()));
}

// Paragraph ranges (separated by blank lines) of `text`, shifted by `offset`.
QVector<QPair<int, int>> TranslateView::paragraphsOf(const QString &text, int offset) const
{
    QVector<QPair<int, int>> ranges;
    static const QRegularExpression blank(QStringLiteral("\\n[ \\t]*\\n\\s*"));
    int from = 0;
    auto it = blank.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        ranges.append({offset + from, offset + int(m.capturedStart())});
        from = int(m.capturedEnd());
    }
    ranges.append({offset + from, offset + int(text.size())});
    return ranges;
}

// Paragraph k of a chunk pairs with paragraph k of its translation when both have as many
// paragraphs (the prompt asks the model to keep the structure); otherwise the chunks pair whole.
TranslateView::Alignment TranslateView::alignmentAtSource(int position) const
{
    Alignment a;
    for (int i = 0; i < m_chunks.size() && i < m_resultRanges.size(); ++i) {
        const TextChunk &c = m_chunks.at(i);
        const int start = c.start + int(c.leading.size());
        const int end = start + int(c.text.size());
        if (position < c.start || position > end)
            continue;
        const auto [rStart, rEnd] = m_resultRanges.at(i);
        const auto source = paragraphsOf(c.text, start);
        const auto result = paragraphsOf(m_result->toPlainText().mid(rStart, rEnd - rStart), rStart);
        if (source.size() == result.size() && rEnd > rStart) {
            for (int k = 0; k < source.size(); ++k) {
                if (position <= source.at(k).second || k == source.size() - 1)
                    return Alignment{source.at(k).first, source.at(k).second, result.at(k).first,
                                     result.at(k).second};
            }
        }
        return Alignment{start, end, rStart, rEnd};
    }
    return a;
}

TranslateView::Alignment TranslateView::alignmentAtResult(int position) const
{
    for (int i = 0; i < m_resultRanges.size() && i < m_chunks.size(); ++i) {
        const auto [rStart, rEnd] = m_resultRanges.at(i);
        const bool last = i == m_resultRanges.size() - 1;
        const int nextStart = last ? INT_MAX : m_resultRanges.at(i + 1).first;
        if (position < rStart || position >= nextStart)
            continue;
        const TextChunk &c = m_chunks.at(i);
        const int start = c.start + int(c.leading.size());
        const auto result = paragraphsOf(m_result->toPlainText().mid(rStart, rEnd - rStart), rStart);
        const auto source = paragraphsOf(c.text, start);
        if (source.size() == result.size()) {
            for (int k = 0; k < result.size(); ++k) {
                if (position <= result.at(k).second || k == result.size() - 1)
                    return Alignment{source.at(k).first, source.at(k).second, result.at(k).first,
                                     result.at(k).second};
            }
        }
        return Alignment{start, start + int(c.text.size()), rStart, rEnd};
    }
    return {};
}

QStringList TranslateView::missedTerms() const
{
    QStringList expected;
    for (const TermMiss &m : m_termMisses)
        expected << m.expected;
    return expected;
}

void TranslateView::highlight(const Alignment &a)
{
    QTextCharFormat aligned;
    aligned.setBackground(alignmentColor(palette()));
    QList<QTextEdit::ExtraSelection> source;
    if (a.sourceStart >= 0)
        source << selection(m_source, a.sourceStart, a.sourceEnd, aligned);
    QTextCharFormat miss;
    miss.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    miss.setUnderlineColor(QColor(220, 50, 47));
    for (const TermMiss &m : m_termMisses)
        source << selection(m_source, m.start, m.start + m.length, miss);
    m_source->setExtraSelections(source);

    // The result pane keeps its failure marks (first in its list) and gets the alignment.
    QList<QTextEdit::ExtraSelection> result;
    for (const QTextEdit::ExtraSelection &s : m_result->extraSelections()) {
        if (s.format.background() != aligned.background())
            result << s;
    }
    if (a.resultStart >= 0 && a.resultEnd > a.resultStart)
        result << selection(m_result, a.resultStart, a.resultEnd, aligned);
    m_result->setExtraSelections(result);
}

// The other pane follows: the paragraph at the top of `from` is brought to the top of `to`.
void TranslateView::syncScroll(QPlainTextEdit *from, QPlainTextEdit *to)
{
    if (m_syncing || m_resultRanges.isEmpty())
        return;
    const int top = from->cursorForPosition(QPoint(0, 0)).position();
    const Alignment a = from == m_source ? alignmentAtSource(top) : alignmentAtResult(top);
    const int target = from == m_source ? a.resultStart : a.sourceStart;
    if (target < 0)
        return;
    m_syncing = true;
    // A QPlainTextEdit scrolls by blocks: the scroll value is the first visible block's number.
    to->verticalScrollBar()->setValue(to->document()->findBlock(target).blockNumber());
    m_syncing = false;
}

bool TranslateView::eventFilter(QObject *watched, QEvent *event)
{
    QPlainTextEdit *edit = watched == m_source->viewport()   ? m_source
                           : watched == m_result->viewport() ? m_result
                                                             : nullptr;
    if (!edit)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::MouseMove) {
        const int pos =
            edit->cursorForPosition(static_cast<QMouseEvent *>(event)->position().toPoint()).position();
        highlight(edit == m_source ? alignmentAtSource(pos) : alignmentAtResult(pos));
    } else if (event->type() == QEvent::ToolTip && edit == m_source) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int pos = m_source->cursorForPosition(help->pos()).position();
        for (const TermMiss &m : m_termMisses) {
            if (pos >= m.start && pos <= m.start + m.length) {
                QToolTip::showText(help->globalPos(), tr("The glossary says: %1").arg(m.expected), m_source);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace penpal
