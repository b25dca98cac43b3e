#pragma once

#include "history/ConversationArchive.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace penpal {

// What the readable exports (Markdown, text, HTML, PDF) share: which messages they show and
// how they name things.
class ExportText {
public:
    // Indexes into archive.messages of the shown branch, oldest first: the path from the
    // current leaf to its root, or, without a current leaf, from the newest message - the
    // thread the chat view shows.
    static QVector<int> shownBranch(const ConversationArchive &archive);

    static QString roleLabel(Role role);             // "You", "Assistant", "System"
    static QString messageHeading(const Message &m); // "Assistant (gpt-4o)"
    // "Created 2026-11-29 05:00 UTC · Updated … · Model: … · Tags: a, b"
    static QString metadataLine(const ConversationArchive &archive);
    // "model · 1,234 tokens · interrupted": what is known about a reply, or empty.
    static QString replyDetails(const Message &m);
    static QString attachmentLine(const Attachment &a); // "notes.txt (text/plain, 1.2 KB)"
    static QString displayTime(const QDateTime &t);     // "2026-11-29 05:00 UTC"
    static QString isoTime(const QDateTime &t);         // "2026-11-29T05:00:00.000Z"
    static QString humanSize(qint64 bytes);
    static QString titleOf(const ConversationArchive &archive); // "Untitled" when empty
    static QString generator();                                 // "Penpal 0.3.0"

    // Markdown text that ends inside a fenced code block (a reply cut off mid-block) gets the
    // fence closed, so that what follows it in an export is not swallowed by the block.
    static QString closeOpenFence(const QString &markdown);
};

} // namespace penpal
