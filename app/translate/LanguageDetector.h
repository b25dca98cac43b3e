#pragma once

#include <QString>

namespace penpal {

// The language a text is written in, as CLD2 (Compact Language Detector 2, Debian's
// libcld2) judges it. Local and fast: nothing leaves the machine.
struct DetectedLanguage {
    QString code;    // BCP 47 ("en", "de", "zh-Hans", "zh-Hant", "ja", "he"); empty: unknown
    QString name;    // CLD2's English name ("GERMAN" becomes "German"); empty: unknown
    int percent = 0; // share of the text's letters in that language
    bool reliable = false;

    bool isKnown() const { return !code.isEmpty(); }
};

class LanguageDetector {
public:
    // Detects the main language of `text` (plain text, any length; only the first
    // kMaxBytes of UTF-8 are looked at, which is plenty and keeps typing responsive).
    static DetectedLanguage detect(const QString &text);

    static constexpr int kMaxBytes = 64 * 1024;
};

} // namespace penpal
