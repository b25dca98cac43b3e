#pragma once

#include "net/ChatRequest.h"
#include "translate/Glossary.h"
#include "translate/TranslationPrompt.h"

#include <QString>
#include <QStringList>

namespace penpal {

// What a new document is to be: the Draft workspace's "New from a brief".
struct Brief {
    QString topic;
    QString audience;
    QString tone;        // "friendly", "formal", or the user's own words
    int targetWords = 0; // 0: no target
    QString language;    // BCP 47 code (Languages); empty: the topic's language
};

// The AI actions of the Draft workspace. Each one streams into a proposal.
enum class DraftAction {
    Outline,      // brief → an outline (Markdown headings)
    WriteAll,     // brief + outline → the whole text, every section in order
    WriteSection, // brief + outline + heading + text so far → that one section
    Continue,     // text before the cursor (+ a little after) → what comes next
    Rewrite,      // selection + surrounding paragraph → the selection rewritten
    Summarize,    // selection (or the whole text) → a summary
    TitleIdeas,   // the text → five titles, one per line
    Translate,    // selection → its translation (the Translate workspace's prompt and glossary)
};

enum class RewriteStyle { Shorter, Longer, Simpler, MoreFormal, MoreCasual, FixGrammar, Custom };

// Everything an action may need; each action reads only its own fields.
struct ProposalInput {
    QString selection; // the text the proposal is about (Rewrite, Summarize, Translate)
    QString before;    // the document's text before the selection or cursor (untrimmed)
    QString after;     // and after it
    RewriteStyle style = RewriteStyle::Shorter;
    QString instruction;      // Rewrite/Custom: the user's words; other actions: an optional addition
    Brief brief;              // Outline, WriteAll, WriteSection
    QString outline;          // WriteAll, WriteSection: the (edited) outline
    QString heading;          // WriteSection: the section to write
    QString documentLanguage; // BCP 47; answers stay in it unless translating
    // Translate: BCP 47 codes (source empty: let the model tell) and the pair's glossary. An
    // empty glossary is filled from Store::glossary() when DraftAssistant has a store.
    QString sourceLanguage;
    QString targetLanguage;
    Glossary glossary;
    TranslationOptions::Style translationStyle = TranslationOptions::Style::Neutral;
    QString model;     // empty: the profile's (Translate: Settings' translation model first)
    QString profileId; // empty: the active profile
};

// The request for each Draft action, and the cleaning of the model's answer. Pure.
// Long documents are cut to a budget in characters: the part nearest to where the new text
// goes is kept (the end of what comes before, the start of what comes after), cut at a
// paragraph or line break where one is near, so the request stays cheap on any document.
class DraftPrompts {
public:
    static constexpr int kContinueBefore = 6000; // characters of text before the cursor
    static constexpr int kContinueAfter = 600;
    static constexpr int kSectionSoFar = 8000;   // of the text written so far, for a section
    static constexpr int kRewriteContext = 1500; // each side of a selection's paragraph
    static constexpr int kSummarizeText = 24000;
    static constexpr int kTitleText = 8000;

    static ChatRequest request(DraftAction action, const ProposalInput &input,
                               const QString &translationTemplate = TranslationPrompt::defaultTemplate());

    static ChatRequest outline(const Brief &brief);
    static ChatRequest writeAll(const Brief &brief, const QString &outline);
    static ChatRequest writeSection(const Brief &brief, const QString &outline, const QString &heading,
                                    const QString &textSoFar);
    static ChatRequest continueText(const QString &before, const QString &after, const QString &language = {},
                                    const QString &instruction = {});
    static ChatRequest rewrite(RewriteStyle style, const QString &selection, const QString &before,
                               const QString &after, const QString &customInstruction = {},
                               const QString &language = {});
    static ChatRequest summarize(const QString &text, const QString &language = {});
    static ChatRequest titleIdeas(const QString &text, const QString &language = {});
    static ChatRequest translate(const QString &templateText, const TranslationOptions &options,
                                 const Glossary &glossary, const QString &selection, const QString &before,
                                 const QString &after);

    // The sentence a rewrite preset asks for (Custom: the user's instruction).
    static QString rewriteInstruction(RewriteStyle style, const QString &custom = {});
    // A language code as the prompt names it ("de" → "German"); empty stays empty.
    static QString languageName(const QString &code);

    // The model's answer without what models wrap around it: <think>…</think>, a
    // "Here is the rewritten text:" preamble, a fence around prose, quotes around the whole.
    // A fence around code (a language other than markdown/text) is the answer and stays.
    static QString cleanReply(const QString &reply);
    // Title ideas as a list: one per line, numbering, bullets, labels and quotes removed,
    // at most `max` entries.
    static QStringList parseTitles(const QString &reply, int max = 5);
    // The sections of an outline: its Markdown headings, or its top-level list items when it
    // has no headings. The marks are removed ("## Costs" → "Costs").
    static QStringList outlineHeadings(const QString &outline);

    // The last `budget` characters of `text` (first ones for keepHead), cut at a break.
    static QString trimmed(const QString &text, int budget, bool keepHead);
};

} // namespace penpal
