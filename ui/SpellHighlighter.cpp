#include "SpellHighlighter.h"

#include "draft/SpellChecker.h"

#include <QTextBlock>
#include <QTextDocument>

namespace penpal {

SpellHighlighter::SpellHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

SpellHighlighter::~SpellHighlighter() = default;

void SpellHighlighter::setLanguage(const QString &language)
{
    if (language == m_language && (m_checker || language.isEmpty()))
        return;
    m_language = language;
    // Loading a dictionary takes a moment; done only when the language really changes.
    m_checker = language.isEmpty() ? nullptr : std::make_unique<SpellChecker>(language);
    rehighlight();
}

void SpellHighlighter::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    rehighlight();
}

bool SpellHighlighter::isAvailable() const
{
    return m_checker && m_checker->isAvailable();
}

bool SpellHighlighter::isMisspelled(const QString &word) const
{
    if (!m_enabled || !isAvailable())
        return false;
    return !m_checker->misspelled(word).isEmpty();
}

QStringList SpellHighlighter::suggestions(const QString &word, int max) const
{
    return isAvailable() ? m_checker->suggestions(word, max) : QStringList();
}

QPair<int, int> SpellHighlighter::misspeltWordAt(int position) const
{
    if (!m_enabled || !isAvailable() || !document())
        return {-1, 0};
    const QTextBlock block = document()->findBlock(position);
    if (!block.isValid())
        return {-1, 0};
    const bool afterFence = block.previous().isValid() && block.previous().userState() == InFence;
    const int offset = position - block.position();
    for (const auto &range : rangesOf(block.text(), afterFence)) {
        if (offset >= range.first && offset <= range.first + range.second)
            return {block.position() + range.first, range.second};
    }
    return {-1, 0};
}

QVector<QPair<int, int>> SpellHighlighter::rangesOf(const QString &text, bool afterFence) const
{
    if (!isAvailable() || afterFence || SpellChecker::isFenceLine(text))
        return {};
    return m_checker->misspelled(text);
}

void SpellHighlighter::highlightBlock(const QString &text)
{
    // The fence state is kept even when checking is off, so switching it on needs no rescan.
    const bool afterFence = previousBlockState() == InFence;
    const bool fence = SpellChecker::isFenceLine(text);
    setCurrentBlockState((afterFence != fence) ? InFence : Prose);
    if (!m_enabled || !isAvailable())
        return;
    QTextCharFormat format;
    format.setUnderlineStyle(QTextCharFormat::SpellCheckUnderline);
    format.setUnderlineColor(Qt::red);
    for (const auto &range : rangesOf(text, afterFence))
        setFormat(range.first, range.second, format);
}

} // namespace penpal
