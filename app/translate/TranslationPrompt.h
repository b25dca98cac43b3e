#pragma once

#include "net/ChatRequest.h"

#include <QString>

#include <optional>

namespace penpal {

class Glossary;

// What a translation is asked to be, apart from its text.
struct TranslationOptions {
    enum class Style { Neutral, Formal, Casual };
    QString sourceLanguage; // a language name ("German"); empty: let the model tell
    QString targetLanguage; // a language name ("Simplified Chinese")
    Style style = Style::Neutral;
    QString instruction; // the user's own words, added to the style
    QString model;
    std::optional<double> temperature;
};

// The request for one chunk: a system prompt made from an editable template, and the chunk
// with its neighbouring paragraphs as context that is not to be translated. Pure.
//
// The template's fields: {source} and {target} (language names), {style} (a sentence),
// {instruction}, {glossary} (lines "term → rendering", or "none"). Unknown text stays as it is,
// so a user's edited template cannot break the request.
class TranslationPrompt {
public:
    static QString defaultTemplate();
    static QString styleSentence(TranslationOptions::Style style);
    static QString systemPrompt(const QString &templateText, const TranslationOptions &options,
                                const QString &glossarySection);
    // `before`/`after`: the paragraphs around the chunk (may be empty), for pronouns, terms and
    // tone that continue across the cut.
    static ChatRequest request(const QString &templateText, const TranslationOptions &options,
                               const Glossary &glossary, const QString &chunk, const QString &before = {},
                               const QString &after = {});
    // The model's answer without the wrappers some models echo (<translation>…</translation>,
    // <source>…</source>, a fenced block around prose), keeping the text's own leading and
    // trailing structure otherwise.
    static QString cleanReply(const QString &reply);
};

} // namespace penpal
