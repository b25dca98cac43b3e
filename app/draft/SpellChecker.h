#pragma once

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace penpal {

// Spell checking of Markdown prose with Hunspell dictionaries (.aff/.dic pairs in the
// directories of PENPAL_HUNSPELL_PATH, colon-separated, then /usr/share/hunspell). Hunspell
// stays behind a pimpl so that no other file needs its headers. Not thread-safe: one checker
// per thread.
class SpellChecker {
public:
    // Dictionary languages as BCP 47-ish codes ("en-US", "de-DE"), sorted, without duplicates.
    static QStringList availableLanguages();

    // "de-DE" or "de_DE" picks that dictionary; a bare or unknown-region language ("en",
    // "de-AT") picks the language's main region (en_US, de_DE) or else its first one.
    explicit SpellChecker(const QString &language);
    ~SpellChecker();
    SpellChecker(const SpellChecker &) = delete;
    SpellChecker &operator=(const SpellChecker &) = delete;

    bool isAvailable() const;
    QString dictionaryName() const; // e.g. "en_US", "" when none was found

    // True when no dictionary is loaded: without one nothing is a misspelling.
    bool isCorrect(const QString &word) const;
    QStringList suggestions(const QString &word, int max = 5) const;

    // (start, length) of the misspelt words of `text`, in order. Skipped: URLs and e-mail
    // addresses, Markdown inline code and fenced code blocks, link targets, words with
    // digits or underscores, ALL-CAPS acronyms, single letters, and CJK text.
    QVector<QPair<int, int>> misspelled(const QString &text) const;

    // Whether a line opens or closes a fenced code block (``` or ~~~); lets a highlighter
    // that sees one line at a time carry the state from block to block.
    static bool isFenceLine(const QString &line);

private:
    struct Private;
    std::unique_ptr<Private> m_d;
};

} // namespace penpal
