#include "draft/DraftPrompts.h"

#include "chat/AutoTitler.h"
#include "translate/Languages.h"

#include <QRegularExpression>

namespace penpal {

namespace {

// Shared by every action: the answer is pasted into a document as it is.
const char *const kWriterRules =
    "You are a careful writing assistant working inside a Markdown editor. Whatever you answer is "
    "inserted into the user's document exactly as you write it, so answer with the requested text "
    "only: no preamble such as \"Here is\", no explanation, no quotes or code fences around it.";

QString languageSentence(const QString &language)
{
    const QString name = DraftPrompts::languageName(language);
    if (name.isEmpty())
        return QStringLiteral("Write in the same language as the text.");
    return QStringLiteral("Write in %1.").arg(name);
}

QString briefBlock(const Brief &b)
{
    QStringList lines;
    lines << QStringLiteral("Topic: %1").arg(b.topic.trimmed());
    if (!b.audience.trimmed().isEmpty())
        lines << QStringLiteral("Audience: %1").arg(b.audience.trimmed());
    if (!b.tone.trimmed().isEmpty())
        lines << QStringLiteral("Tone: %1").arg(b.tone.trimmed());
    if (b.targetWords > 0)
        lines << QStringLiteral("Target length: about %1 words").arg(b.targetWords);
    const QString name = DraftPrompts::languageName(b.language);
    lines << QStringLiteral("Language: %1")
                 .arg(name.isEmpty() ? QStringLiteral("the language of the topic") : name);
    return QStringLiteral("<brief>\n%1\n</brief>").arg(lines.join(QLatin1Char('\n')));
}

ChatRequest make(const QString &system, const QString &user)
{
    ChatRequest r;
    r.systemPrompt = system;
    r.turns = {ChatTurn(Role::User, user)};
    return r;
}

// The paragraph the selection sits in: the end of `before` back to its last blank line and
// the start of `after` up to its first one.
QString paragraphBefore(const QString &before)
{
    const int cut = before.lastIndexOf(QStringLiteral("\n\n"));
    return cut < 0 ? before : before.mid(cut + 2);
}

QString paragraphAfter(const QString &after)
{
    const int cut = after.indexOf(QStringLiteral("\n\n"));
    return cut < 0 ? after : after.left(cut);
}

QString stripMarks(QString line)
{
    static const QRegularExpression marks(
        QStringLiteral("^\\s*(#+\\s*|[-*+]\\s+|\\d+[.)]\\s+|[IVXivx]+[.)]\\s+)"));
    line.remove(marks);
    line.remove(QStringLiteral("**"));
    return line.trimmed();
}

} // namespace

QString DraftPrompts::languageName(const QString &code)
{
    const QString c = code.trimmed();
    return c.isEmpty() ? QString() : Languages::byCode(c).englishName;
}

QString DraftPrompts::trimmed(const QString &text, int budget, bool keepHead)
{
    if (text.size() <= budget)
        return text;
    // Cut at a paragraph, else a line, else a space, as long as that keeps most of the budget.
    const int slack = budget / 4;
    if (keepHead) {
        QString head = text.left(budget);
        for (const QString &sep : {QStringLiteral("\n\n"), QStringLiteral("\n"), QStringLiteral(" ")}) {
            const int at = head.lastIndexOf(sep);
            if (at >= budget - slack)
                return head.left(at);
        }
        if (head.back().isHighSurrogate())
            head.chop(1);
        return head;
    }
    QString tail = text.right(budget);
    for (const QString &sep : {QStringLiteral("\n\n"), QStringLiteral("\n"), QStringLiteral(" ")}) {
        const int at = tail.indexOf(sep);
        if (at >= 0 && at <= slack)
            return tail.mid(at + sep.size());
    }
    if (tail.front().isLowSurrogate())
        tail.remove(0, 1);
    return tail;
}

QString DraftPrompts::rewriteInstruction(RewriteStyle style, const QString &custom)
{
    switch (style) {
    case RewriteStyle::Shorter:
        return QStringLiteral("Make it shorter: keep every point, cut repetition and filler.");
    case RewriteStyle::Longer:
        return QStringLiteral(
            "Make it longer: develop the points with detail and examples, add no new claims.");
    case RewriteStyle::Simpler:
        return QStringLiteral("Make it simpler: plain words and short sentences that anyone can follow.");
    case RewriteStyle::MoreFormal:
        return QStringLiteral("Make it more formal: a polite, professional register.");
    case RewriteStyle::MoreCasual:
        return QStringLiteral("Make it more casual: a relaxed, friendly, natural register.");
    case RewriteStyle::FixGrammar:
        return QStringLiteral("Fix grammar, spelling and punctuation only; change nothing else.");
    case RewriteStyle::Custom:
        break;
    }
    return custom.trimmed();
}

ChatRequest DraftPrompts::outline(const Brief &brief)
{
    return make(QString::fromLatin1(kWriterRules),
                QStringLiteral("%1\n\nPropose an outline for this text: a Markdown list of section headings "
                               "(\"## Heading\"), each followed by one line saying what the section covers. "
                               "%2 Answer with the outline only.")
                    .arg(briefBlock(brief), languageSentence(brief.language)));
}

ChatRequest DraftPrompts::writeAll(const Brief &brief, const QString &outline)
{
    return make(
        QString::fromLatin1(kWriterRules),
        QStringLiteral("%1\n\n<outline>\n%2\n</outline>\n\nWrite the whole text following the outline, "
                       "every section in order under its Markdown heading. %3 Answer with the text "
                       "only.")
            .arg(briefBlock(brief), outline.trimmed(), languageSentence(brief.language)));
}

ChatRequest DraftPrompts::writeSection(const Brief &brief, const QString &outline, const QString &heading,
                                       const QString &textSoFar)
{
    QString user =
        QStringLiteral("%1\n\n<outline>\n%2\n</outline>\n\n").arg(briefBlock(brief), outline.trimmed());
    const QString soFar = trimmed(textSoFar, kSectionSoFar, false);
    if (!soFar.trimmed().isEmpty())
        user += QStringLiteral("<written-so-far>\n%1\n</written-so-far>\n\n").arg(soFar);
    user +=
        QStringLiteral("Write only the section \"%1\" of the outline, starting with its Markdown heading. "
                       "It follows on from the text written so far; do not repeat it. %2 Answer with "
                       "the section only.")
            .arg(heading.trimmed(), languageSentence(brief.language));
    return make(QString::fromLatin1(kWriterRules), user);
}

ChatRequest DraftPrompts::continueText(const QString &before, const QString &after, const QString &language,
                                       const QString &instruction)
{
    QString user = QStringLiteral("<before-cursor>\n%1\n</before-cursor>\n\n")
                       .arg(trimmed(before, kContinueBefore, false));
    const QString next = trimmed(after, kContinueAfter, true);
    if (!next.trimmed().isEmpty())
        user += QStringLiteral("<after-cursor>\n%1\n</after-cursor>\n\n").arg(next);
    user += QStringLiteral("Continue the text at the cursor with one or two paragraphs in the same style and "
                           "voice; it must lead naturally into what comes after the cursor. Do not repeat "
                           "the text before the cursor. %1")
                .arg(languageSentence(language));
    if (!instruction.trimmed().isEmpty())
        user += QLatin1Char(' ') + instruction.trimmed();
    return make(QString::fromLatin1(kWriterRules), user);
}

ChatRequest DraftPrompts::rewrite(RewriteStyle style, const QString &selection, const QString &before,
                                  const QString &after, const QString &customInstruction,
                                  const QString &language)
{
    QString user;
    // The paragraph around the selection, so that the rewrite fits where it goes.
    const QString pb = trimmed(paragraphBefore(before), kRewriteContext, false);
    const QString pa = trimmed(paragraphAfter(after), kRewriteContext, true);
    if (!pb.trimmed().isEmpty() || !pa.trimmed().isEmpty())
        user += QStringLiteral("<context>\n%1[SELECTION]%2\n</context>\n\n").arg(pb, pa);
    user += QStringLiteral("<selection>\n%1\n</selection>\n\n").arg(selection);
    user +=
        QStringLiteral("Rewrite the text inside <selection>. %1 Keep its Markdown formatting. The context "
                       "is only there to help you; never repeat it. %2 Answer with the rewritten text "
                       "only.")
            .arg(rewriteInstruction(style, customInstruction),
                 languageName(language).isEmpty()
                     ? QStringLiteral("Keep the language of the selection.")
                     : QStringLiteral("Keep it in %1.").arg(languageName(language)));
    return make(QString::fromLatin1(kWriterRules), user);
}

ChatRequest DraftPrompts::summarize(const QString &text, const QString &language)
{
    return make(
        QString::fromLatin1(kWriterRules),
        QStringLiteral("<text>\n%1\n</text>\n\nSummarize the text above in a short paragraph that keeps "
                       "its main points. %2 Answer with the summary only.")
            .arg(trimmed(text, kSummarizeText, true), languageSentence(language)));
}

ChatRequest DraftPrompts::titleIdeas(const QString &text, const QString &language)
{
    ChatRequest r = make(QString::fromLatin1(kWriterRules),
                         QStringLiteral("<text>\n%1\n</text>\n\nSuggest 5 titles for the text above, one per "
                                        "line, without numbering, quotes or comments. %2")
                             .arg(trimmed(text, kTitleText, true), languageSentence(language)));
    r.params.maxTokens = 400;
    return r;
}

ChatRequest DraftPrompts::translate(const QString &templateText, const TranslationOptions &options,
                                    const Glossary &glossary, const QString &selection, const QString &before,
                                    const QString &after)
{
    return TranslationPrompt::request(templateText, options, glossary, selection,
                                      trimmed(paragraphBefore(before), kRewriteContext, false),
                                      trimmed(paragraphAfter(after), kRewriteContext, true));
}

ChatRequest DraftPrompts::request(DraftAction action, const ProposalInput &in,
                                  const QString &translationTemplate)
{
    ChatRequest r;
    switch (action) {
    case DraftAction::Outline:
        r = outline(in.brief);
        break;
    case DraftAction::WriteAll:
        r = writeAll(in.brief, in.outline);
        break;
    case DraftAction::WriteSection:
        r = writeSection(in.brief, in.outline, in.heading, in.before);
        break;
    case DraftAction::Continue:
        r = continueText(in.before, in.after, in.documentLanguage, in.instruction);
        break;
    case DraftAction::Rewrite:
        r = rewrite(in.style, in.selection, in.before, in.after, in.instruction, in.documentLanguage);
        break;
    case DraftAction::Summarize:
        r = summarize(in.selection.trimmed().isEmpty() ? in.before + in.after : in.selection,
                      in.documentLanguage);
        break;
    case DraftAction::TitleIdeas:
        r = titleIdeas(in.selection.trimmed().isEmpty() ? in.before + in.after : in.selection,
                       in.documentLanguage);
        break;
    case DraftAction::Translate: {
        TranslationOptions o;
        o.sourceLanguage = languageName(in.sourceLanguage);
        o.targetLanguage = languageName(in.targetLanguage);
        o.style = in.translationStyle;
        o.instruction = in.instruction;
        o.model = in.model;
        r = translate(translationTemplate, o, in.glossary, in.selection, in.before, in.after);
        break;
    }
    }
    r.model = in.model;
    return r;
}

QString DraftPrompts::cleanReply(const QString &reply)
{
    QString text = reply;
    static const QRegularExpression think(QStringLiteral("^\\s*<think>.*?(</think>\\s*|$)"),
                                          QRegularExpression::DotMatchesEverythingOption);
    text.remove(think);
    // "Here is the rewritten text:" / "Sure! Here's a shorter version:" on a line of its own.
    static const QRegularExpression preamble(
        QStringLiteral("^\\s*(?:(?:sure|certainly|of course|okay|ok)[!,.]?\\s*)?"
                       "(?:here(?:'s|\u2019s| is| are)|below is)[^\\n]{0,120}:[ \\t]*\\n+"),
        QRegularExpression::CaseInsensitiveOption);
    text.remove(preamble);
    // A fence around the whole answer, unless it is code.
    static const QRegularExpression fence(
        QStringLiteral("^\\s*```(?:markdown|md|text|plaintext|txt)?[ \\t]*\\n(.*?)\\n?```\\s*$"),
        QRegularExpression::DotMatchesEverythingOption | QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch f = fence.match(text);
    if (f.hasMatch())
        text = f.captured(1);
    // Tags the prompts use, echoed back.
    static const QRegularExpression tags(
        QStringLiteral("^\\s*<(selection|text|translation|source|target)>\\n?(.*?)\\n?</\\1>\\s*$"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch t = tags.match(text);
    if (t.hasMatch())
        text = t.captured(2);
    // Quotes around a single-paragraph answer, and none inside it.
    const QString s = text.trimmed();
    static const QRegularExpression quoted(QStringLiteral("^[\"\u201C]([^\"\u201C\u201D\\n]*)[\"\u201D]$"));
    const QRegularExpressionMatch q = quoted.match(s);
    if (q.hasMatch())
        return q.captured(1);
    // Leading blank lines and trailing whitespace are never the text's; inner structure stays.
    while (text.startsWith(QLatin1Char('\n')))
        text.remove(0, 1);
    while (!text.isEmpty() && text.back().isSpace())
        text.chop(1);
    return text;
}

QStringList DraftPrompts::parseTitles(const QString &reply, int max)
{
    QStringList out;
    QString text = reply;
    static const QRegularExpression think(QStringLiteral("<think>.*?(</think>|$)"),
                                          QRegularExpression::DotMatchesEverythingOption);
    text.remove(think);
    static const QRegularExpression numbering(QStringLiteral("^\\s*(?:\\d+[.)]|[-*+\u2022])\\s*"));
    for (QString line : text.split(QLatin1Char('\n'))) {
        line.remove(numbering);
        // A preamble line ends with a colon and is not a title.
        if (line.trimmed().endsWith(QLatin1Char(':')))
            continue;
        const QString title = AutoTitler::cleanTitle(line);
        if (title.isEmpty() || out.contains(title))
            continue;
        out << title;
        if (out.size() >= max)
            break;
    }
    return out;
}

QStringList DraftPrompts::outlineHeadings(const QString &outline)
{
    const QStringList lines = outline.split(QLatin1Char('\n'));
    QStringList headings;
    static const QRegularExpression heading(QStringLiteral("^#{1,6}\\s+\\S"));
    for (const QString &l : lines) {
        if (heading.match(l).hasMatch())
            headings << stripMarks(l);
    }
    if (!headings.isEmpty())
        return headings;
    // No headings: the top-level (unindented) list items.
    static const QRegularExpression item(QStringLiteral("^(?:[-*+]|\\d+[.)])\\s+\\S"));
    for (const QString &l : lines) {
        if (item.match(l).hasMatch())
            headings << stripMarks(l);
    }
    return headings;
}

} // namespace penpal
