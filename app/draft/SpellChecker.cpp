#include "draft/SpellChecker.h"
#include "draft/CjkCharacter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QStringEncoder>

#include <hunspell.hxx>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSpell, "penpal.spell")

namespace penpal {

namespace {

struct Dictionary {
    QString name; // file base name, "en_US"
    QString aff;
    QString dic;
};

QStringList searchDirectories()
{
    QStringList dirs;
    const QString extra = qEnvironmentVariable("PENPAL_HUNSPELL_PATH");
    for (const QString &dir : extra.split(QLatin1Char(':'), Qt::SkipEmptyParts))
        dirs << dir;
    dirs << QStringLiteral("/usr/share/hunspell");
    return dirs;
}

// Every .dic with its .aff, earlier directories first; a name found twice keeps the first.
QVector<Dictionary> findDictionaries()
{
    QVector<Dictionary> found;
    QStringList seen;
    for (const QString &path : searchDirectories()) {
        const QDir dir(path);
        const QStringList dics = dir.entryList({QStringLiteral("*.dic")}, QDir::Files, QDir::Name);
        for (const QString &file : dics) {
            const QString name = QFileInfo(file).completeBaseName();
            const QString aff = dir.filePath(name + QStringLiteral(".aff"));
            if (seen.contains(name) || !QFileInfo::exists(aff))
                continue;
            seen << name;
            found.append({name, aff, dir.filePath(file)});
        }
    }
    return found;
}

QString toCode(const QString &name)
{
    QString code = name;
    code.replace(QLatin1Char('_'), QLatin1Char('-'));
    return code;
}

const Dictionary *pick(const QVector<Dictionary> &dictionaries, const QString &language)
{
    QString wanted = language.trimmed();
    wanted.replace(QLatin1Char('-'), QLatin1Char('_'));
    if (wanted.isEmpty())
        return nullptr;
    for (const Dictionary &d : dictionaries) {
        if (d.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return &d;
    }
    const QString lang = wanted.section(QLatin1Char('_'), 0, 0).toLower();
    // The region a bare language means first: its own (de_DE, fr_FR), except where the
    // largest group of speakers lives elsewhere.
    static const QHash<QString, QString> mainRegion{
        {QStringLiteral("en"), QStringLiteral("US")}, {QStringLiteral("pt"), QStringLiteral("BR")},
        {QStringLiteral("es"), QStringLiteral("ES")}, {QStringLiteral("sv"), QStringLiteral("SE")},
        {QStringLiteral("da"), QStringLiteral("DK")}, {QStringLiteral("uk"), QStringLiteral("UA")},
        {QStringLiteral("cs"), QStringLiteral("CZ")}, {QStringLiteral("el"), QStringLiteral("GR")}};
    const QString region = mainRegion.value(lang, lang.toUpper());
    const QStringList preferred{lang + QLatin1Char('_') + region, lang};
    for (const QString &p : preferred) {
        for (const Dictionary &d : dictionaries) {
            if (d.name.compare(p, Qt::CaseInsensitive) == 0)
                return &d;
        }
    }
    const Dictionary *first = nullptr;
    for (const Dictionary &d : dictionaries) {
        if (d.name.startsWith(lang + QLatin1Char('_'), Qt::CaseInsensitive) &&
            (!first || d.name < first->name))
            first = &d;
    }
    return first;
}

bool isApostrophe(QChar c)
{
    return c == QLatin1Char('\'') || c == QChar(0x2019);
}

// Sets mask[i] for every character of `text` that is not prose to check.
void maskNonProse(const QString &text, QVector<bool> &mask)
{
    static const QRegularExpression patterns[] = {
        // Inline code: a run of backticks up to the same run.
        QRegularExpression(QStringLiteral("(?<!`)(`+)(?!`).*?(?<!`)\\1(?!`)")),
        // URLs, www. addresses, e-mail addresses, link targets and autolinks.
        QRegularExpression(
            QStringLiteral("\\b(?:[A-Za-z][A-Za-z0-9+.-]*://|www\\.|mailto:)[^\\s<>()\\[\\]]+")),
        QRegularExpression(QStringLiteral("[^\\s<>()\\[\\]@]+@[^\\s<>()\\[\\]@]+\\.[^\\s<>()\\[\\]@]+")),
        QRegularExpression(QStringLiteral("\\]\\([^)]*\\)|\\]\\[[^\\]]*\\]|^\\s{0,3}\\[[^\\]]+\\]:.*$"),
                           QRegularExpression::MultilineOption),
        // HTML tags and entities.
        QRegularExpression(QStringLiteral("</?[A-Za-z][^>]*>|&(?:[A-Za-z]+|#\\d+|#x[0-9A-Fa-f]+);")),
    };
    for (const QRegularExpression &re : patterns) {
        auto it = re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            std::fill(mask.begin() + m.capturedStart(), mask.begin() + m.capturedEnd(), true);
        }
    }
}

bool wordChar(const QString &text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size()) {
        const char32_t cp = QChar::surrogateToUcs4(c, text.at(i + 1));
        return !isCjkCharacter(cp) && (QChar::isLetterOrNumber(cp) || QChar::isMark(cp));
    }
    if (c.isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate())
        return wordChar(text, i - 1);
    return !isCjkCharacter(c.unicode()) && (c.isLetterOrNumber() || c.isMark() || c == QLatin1Char('_'));
}

// Words worth asking the dictionary about.
bool worthChecking(QStringView word)
{
    int letters = 0;
    bool hasLower = false;
    for (const QChar c : word) {
        if (c.isDigit() || c == QLatin1Char('_'))
            return false;
        if (c.isLetter())
            ++letters;
        if (c.isLower())
            hasLower = true;
    }
    if (letters < 2)
        return false;
    return hasLower; // ALL-CAPS: an acronym
}

} // namespace

struct SpellChecker::Private {
    Dictionary dictionary;
    std::unique_ptr<Hunspell> hunspell;
    QStringEncoder encoder;
    QStringDecoder decoder;
    mutable QHash<QString, bool> cache; // a document repeats its words: ask Hunspell once

    QByteArray encode(const QString &word, bool *ok)
    {
        QByteArray bytes = encoder.encode(word);
        // Some encoders (Latin-1) replace what they cannot encode without an error: a round
        // trip tells.
        const QString back = decoder.decode(bytes);
        *ok = !encoder.hasError() && !decoder.hasError() && back == word;
        encoder.resetState();
        decoder.resetState();
        return bytes;
    }
};

QStringList SpellChecker::availableLanguages()
{
    QStringList codes;
    for (const Dictionary &d : findDictionaries()) {
        const QString code = toCode(d.name);
        if (!codes.contains(code))
            codes << code;
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

SpellChecker::SpellChecker(const QString &language)
    : m_d(std::make_unique<Private>())
{
    const QVector<Dictionary> dictionaries = findDictionaries();
    const Dictionary *dictionary = pick(dictionaries, language);
    if (!dictionary)
        return;
    m_d->dictionary = *dictionary;
    m_d->hunspell = std::make_unique<Hunspell>(QFile::encodeName(dictionary->aff).constData(),
                                               QFile::encodeName(dictionary->dic).constData());
    // Hunspell compares bytes in the dictionary's own encoding (the .aff SET line).
    QString encoding = QString::fromStdString(m_d->hunspell->get_dict_encoding()).trimmed();
    if (encoding.startsWith(QLatin1String("ISO8859"), Qt::CaseInsensitive))
        encoding.insert(3, QLatin1Char('-')); // Hunspell's "ISO8859-1" is "ISO-8859-1" elsewhere
    m_d->encoder = QStringEncoder(encoding.toLatin1().constData(), QStringConverter::Flag::Stateless);
    m_d->decoder = QStringDecoder(encoding.toLatin1().constData(), QStringConverter::Flag::Stateless);
    if (!m_d->encoder.isValid() || !m_d->decoder.isValid()) {
        qCWarning(lcSpell) << "unsupported dictionary encoding" << encoding << "of" << dictionary->name;
        m_d->hunspell.reset();
        return;
    }
    qCDebug(lcSpell) << "dictionary" << dictionary->name << "for" << language << "encoding" << encoding;
}

SpellChecker::~SpellChecker() = default;

bool SpellChecker::isAvailable() const
{
    return m_d->hunspell != nullptr;
}

QString SpellChecker::dictionaryName() const
{
    return isAvailable() ? m_d->dictionary.name : QString();
}

bool SpellChecker::isCorrect(const QString &word) const
{
    if (!isAvailable() || word.isEmpty())
        return true;
    const auto cached = m_d->cache.constFind(word);
    if (cached != m_d->cache.constEnd())
        return cached.value();
    bool ok = false;
    const QByteArray bytes = m_d->encode(word, &ok);
    // A word the dictionary's character set cannot even spell is not its business.
    const bool correct = !ok || m_d->hunspell->spell(bytes.toStdString());
    if (m_d->cache.size() > 50000)
        m_d->cache.clear();
    m_d->cache.insert(word, correct);
    return correct;
}

QStringList SpellChecker::suggestions(const QString &word, int max) const
{
    QStringList out;
    if (!isAvailable() || word.isEmpty() || max <= 0)
        return out;
    bool ok = false;
    const QByteArray bytes = m_d->encode(word, &ok);
    if (!ok)
        return out;
    for (const std::string &s : m_d->hunspell->suggest(bytes.toStdString())) {
        const QString suggestion = m_d->decoder.decode(QByteArray::fromStdString(s));
        m_d->decoder.resetState();
        if (!suggestion.isEmpty() && !out.contains(suggestion))
            out << suggestion;
        if (out.size() >= max)
            break;
    }
    return out;
}

bool SpellChecker::isFenceLine(const QString &line)
{
    static const QRegularExpression fence(QStringLiteral("^ {0,3}(```|~~~)"));
    return fence.match(line).hasMatch();
}

QVector<QPair<int, int>> SpellChecker::misspelled(const QString &text) const
{
    QVector<QPair<int, int>> out;
    if (!isAvailable() || text.isEmpty())
        return out;
    QVector<bool> mask(text.size(), false);
    // Fenced code blocks, line by line.
    bool inFence = false;
    qsizetype lineStart = 0;
    while (lineStart <= text.size()) {
        qsizetype lineEnd = text.indexOf(QLatin1Char('\n'), lineStart);
        if (lineEnd < 0)
            lineEnd = text.size();
        const bool fence = isFenceLine(text.mid(lineStart, lineEnd - lineStart));
        if (fence || inFence)
            std::fill(mask.begin() + lineStart, mask.begin() + lineEnd, true);
        if (fence)
            inFence = !inFence;
        lineStart = lineEnd + 1;
    }
    maskNonProse(text, mask);

    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        // "_emphasis_": underscores count only inside a word (an identifier).
        if (!wordChar(text, i) || text.at(i) == QLatin1Char('_')) {
            ++i;
            continue;
        }
        qsizetype end = i;
        bool masked = false;
        while (end < n) {
            if (text.at(end) == QLatin1Char('_') && !(end + 1 < n && wordChar(text, end + 1))) {
                break;
            } else if (wordChar(text, end)) {
                masked = masked || mask.at(end);
                ++end;
            } else if (isApostrophe(text.at(end)) && end + 1 < n && wordChar(text, end + 1)) {
                ++end; // "don't"
            } else {
                break;
            }
        }
        const QString word = text.mid(i, end - i);
        if (!masked && worthChecking(word) && !isCorrect(word))
            out.append({int(i), int(end - i)});
        i = end;
    }
    return out;
}

} // namespace penpal
