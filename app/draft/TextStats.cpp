#include "draft/TextStats.h"
#include "draft/CjkCharacter.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTextBoundaryFinder>

#include <cmath>

namespace penpal {

namespace {

bool isJoiner(char32_t cp)
{
    // Apostrophes and hyphens inside a word ("don't", "Mutter-Kind-Kur") keep it one word.
    return cp == U'\'' || cp == 0x2019 || cp == U'-' || cp == 0x2010 || cp == 0x2011;
}

// The text a reader sees as words: Markdown markers, link targets, fences, HTML tags and
// entities are removed; a bare URL is kept as one word-like token.
QString proseOf(const QString &markdown)
{
    static const QRegularExpression fence(QStringLiteral("^\\s{0,3}(```|~~~)"));
    static const QRegularExpression referenceDefinition(QStringLiteral("^\\s{0,3}\\[[^\\]]+\\]:\\s*\\S.*$"));
    static const QRegularExpression heading(QStringLiteral("^\\s{0,3}#{1,6}(\\s|$)"));
    static const QRegularExpression lineMarkers(
        QStringLiteral("^\\s*(?:>\\s*)*(?:(?:[-*+]|\\d{1,9}[.)])\\s+(?:\\[[ xX]\\]\\s+)?)?"));
    static const QRegularExpression linkTarget(QStringLiteral("\\]\\([^)]*\\)|\\]\\[[^\\]]*\\]"));
    static const QRegularExpression htmlTag(QStringLiteral("</?[A-Za-z][^>]*>"));
    static const QRegularExpression entity(QStringLiteral("&(?:[A-Za-z]+|#\\d+|#x[0-9A-Fa-f]+);"));
    static const QRegularExpression url(QStringLiteral("<?\\b(?:https?|ftp|mailto):[^\\s<>]+>?"));

    QString out;
    out.reserve(markdown.size());
    bool inFence = false;
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (fence.match(line).hasMatch()) {
            // The fence line and its info string ("```cpp") are markup; the code is text.
            inFence = !inFence;
            out += QLatin1Char('\n');
            continue;
        }
        if (!inFence) {
            if (referenceDefinition.match(line).hasMatch()) {
                out += QLatin1Char('\n');
                continue;
            }
            line.remove(heading);
            line.remove(lineMarkers);
            line.replace(linkTarget, QStringLiteral("]"));
            line.replace(url, QStringLiteral(" URL "));
            line.replace(htmlTag, QStringLiteral(" "));
            line.replace(entity, QStringLiteral(" "));
        }
        out += line;
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace

TextStats TextStats::of(const QString &text)
{
    TextStats stats;
    if (text.isEmpty())
        return stats;

    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = graphemes.toNextBoundary();
        if (end <= start)
            end = text.size();
        ++stats.characters;
        if (!text.at(start).isSpace())
            ++stats.charactersNoSpaces;
        start = end;
    }

    const QString prose = proseOf(text);
    const QList<uint> codePoints = prose.toUcs4();
    bool inWord = false;
    int spacedWords = 0;
    for (int i = 0; i < codePoints.size(); ++i) {
        const char32_t cp = codePoints.at(i);
        if (isCjkCharacter(cp)) {
            ++stats.cjkCharacters;
            inWord = false;
            continue;
        }
        if (QChar::isLetterOrNumber(cp) || (inWord && QChar::isMark(cp))) {
            if (!inWord)
                ++spacedWords;
            inWord = true;
            continue;
        }
        if (inWord && i + 1 < codePoints.size()) {
            const char32_t next = codePoints.at(i + 1);
            if (isJoiner(cp) && QChar::isLetterOrNumber(next) && !isCjkCharacter(next))
                continue;
            // "2.50", "1,000": one number.
            if ((cp == U'.' || cp == U',') && QChar::isDigit(next) &&
                QChar::isDigit(char32_t(codePoints.at(i - 1))))
                continue;
        }
        inWord = false;
    }
    stats.words = spacedWords + stats.cjkCharacters;
    const double minutes = spacedWords / 230.0 + stats.cjkCharacters / 400.0;
    stats.readingSeconds = int(std::lround(minutes * 60.0));
    if (stats.words > 0 && stats.readingSeconds == 0)
        stats.readingSeconds = 1;
    return stats;
}

} // namespace penpal
