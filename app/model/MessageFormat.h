#pragma once

#include "core/Message.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace penpal {

// Text made from a message for its footer and for the clipboard. Pure functions of the
// message (and a locale), so the wording is testable without a view.
class MessageFormat {
    Q_DECLARE_TR_FUNCTIONS(MessageFormat)
public:
    // "model · 12 prompt + 40 completion tokens · first token 0.35 s · 25.3 tokens/s": the
    // parts that are known, numbers in `locale`. Empty for user and system messages; only
    // the model while a reply streams.
    static QString footerText(const Message &m, const QLocale &locale = QLocale());
    // Completion tokens per second of generating (duration minus the wait for the first
    // token); -1 when the server did not report the count or the timings are missing.
    static double tokensPerSecond(const Message &m);

    // What "Copy as Markdown" copies: the stored text as the model wrote it.
    static QString markdown(const Message &m) { return m.content; }
    // What "Copy" copies: the Markdown rendered (GitHub dialect, raw HTML not interpreted)
    // and taken as plain text, without images' placeholder characters. Nothing is fetched
    // or read from disk. Needs a QGuiApplication (QTextDocument).
    static QString plainText(const QString &markdown);
};

} // namespace penpal
