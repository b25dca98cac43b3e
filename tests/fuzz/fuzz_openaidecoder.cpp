// libFuzzer target for OpenAiStreamDecoder behind SseParser, as OpenAiChatJob runs them. The
// input is a raw byte stream (recorded transcripts are seeds as they are). Invariants, each a
// promise of OpenAiStreamDecoder.h:
//  - it never crashes, whatever the bytes (ASan and UBSan watch);
//  - per choice, the content deltas joined and the reasoning deltas joined are valid UTF-16
//    (no unpaired surrogate), as is each delta;
//  - text-carrying events are never empty: Content, Reasoning, Finish, Error;
//  - a chunk that carries an error yields that Error only;
//  - after Done nothing more is decoded, and isDone() says whether Done came;
//  - sawFinishReason() says whether a Finish for choice 0 came; usage events are valid;
//  - without setAllChoices(true) every event belongs to choice 0.
// Each stream is decoded twice, for one choice and for all choices (n > 1).
#include "FuzzCheck.h"
#include "net/OpenAiStreamDecoder.h"
#include "net/SseParser.h"

#include <QHash>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

using penpal::ChatStreamEvent;
using penpal::OpenAiStreamDecoder;
using penpal::SseEvent;
using penpal::SseParser;

namespace {

void check(bool condition, const char *what)
{
    fuzzCheck(condition, "OpenAiStreamDecoder", what);
}

void decodeAll(const QVector<SseEvent> &events, bool allChoices)
{
    OpenAiStreamDecoder decoder;
    decoder.setAllChoices(allChoices);
    QHash<int, QString> content;   // by choice index
    QHash<int, QString> reasoning; // by choice index
    bool done = false;
    bool finishedChoice0 = false;

    for (const SseEvent &sse : events) {
        const QVector<ChatStreamEvent> out = decoder.decode(sse);
        if (done)
            check(out.isEmpty(), "events after Done");
        for (const ChatStreamEvent &e : out) {
            check(e.index >= 0, "a negative choice index");
            if (!allChoices)
                check(e.index == 0, "a choice other than 0 without setAllChoices");
            switch (e.kind) {
            case ChatStreamEvent::Content:
                check(!e.text.isEmpty(), "an empty content delta");
                check(isValidUtf16(e.text), "a content delta that is not valid UTF-16");
                content[e.index] += e.text;
                break;
            case ChatStreamEvent::Reasoning:
                check(!e.text.isEmpty(), "an empty reasoning delta");
                check(isValidUtf16(e.text), "a reasoning delta that is not valid UTF-16");
                reasoning[e.index] += e.text;
                break;
            case ChatStreamEvent::Finish:
                check(!e.text.isEmpty(), "a Finish without a reason");
                if (e.index == 0)
                    finishedChoice0 = true;
                break;
            case ChatStreamEvent::Usage:
                check(e.usage.isValid(), "a Usage event without numbers");
                break;
            case ChatStreamEvent::Error:
                check(!e.text.isEmpty(), "an Error without a message");
                check(out.size() == 1, "an Error together with other events");
                break;
            case ChatStreamEvent::Done:
                check(out.size() == 1, "Done together with other events");
                done = true;
                break;
            }
        }
    }
    for (const QString &text : std::as_const(content))
        check(isValidUtf16(text), "joined content deltas are not valid UTF-16");
    for (const QString &text : std::as_const(reasoning))
        check(isValidUtf16(text), "joined reasoning deltas are not valid UTF-16");
    check(decoder.isDone() == done, "isDone() disagrees with the events");
    check(decoder.sawFinishReason() == finishedChoice0, "sawFinishReason() disagrees with the events");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    SseParser parser;
    const QVector<SseEvent> events = parser.feed(input);
    decodeAll(events, false);
    decodeAll(events, true);
    return 0;
}
