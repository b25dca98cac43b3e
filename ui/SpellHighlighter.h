#pragma once

#include <QPair>
#include <QSyntaxHighlighter>

#include <memory>

namespace penpal {

class SpellChecker;

// Underlines misspelt words of a Markdown document with a red wave. Fenced code blocks are
// followed from block to block (the block state), so their contents are never marked. With
// no language, a language without a dictionary, or when disabled, nothing is marked.
class SpellHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit SpellHighlighter(QTextDocument *document);
    ~SpellHighlighter() override;

    void setLanguage(const QString &language); // BCP 47 ("en", "de-DE"); "" switches off
    QString language() const { return m_language; }
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    bool isAvailable() const; // a dictionary is loaded for the language

    // For the editor's context menu.
    bool isMisspelled(const QString &word) const;
    QStringList suggestions(const QString &word, int max = 5) const;
    // The misspelt word covering document position `position`: (start, length) in document
    // positions, or (-1, 0) when there is none (or checking is off).
    QPair<int, int> misspeltWordAt(int position) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    enum BlockState { Prose = 0, InFence = 1 };
    // The misspelt ranges of a block's text, honouring the fence state before it.
    QVector<QPair<int, int>> rangesOf(const QString &text, bool afterFence) const;

    std::unique_ptr<SpellChecker> m_checker;
    QString m_language;
    bool m_enabled = true;
};

} // namespace penpal
