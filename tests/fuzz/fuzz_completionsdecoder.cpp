// libFuzzer target for OpenAiStreamDecoder in its legacy Completions shape behind SseParser, as
// CompletionsProvider's jobs run them. The input is a raw byte stream (the recorded transcripts
// in tests/fixtures/completions are seeds as they are). Invariants:
//  - it never crashes, whatever the bytes (ASan and UBSan watch);
//  - the parser gives the same events for the whole input and for the input fed in pieces of a
//    size taken from the input's length (so that splits land everywhere across runs);
//  - the Completions shape never reports reasoning; text-carrying events are never empty and
//    each content delta is valid UTF-16, as is the joined text of every choice;
//  - after Done nothing more is decoded, and isDone() says whether Done came;
//  - sawFinishReason() says whether a Finish for choice 0 came;
//  - without setAllChoices(true) every event belongs to choice 0; with it, no index is negative.
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
    fuzzCheck(condition, "Completions decoder", what);
}

void decodeAll(const QVector<SseEvent> &events, bool allChoices)
{
    OpenAiStreamDecoder decoder(OpenAiStreamDecoder::Shape::Completions);
    decoder.setAllChoices(allChoices);
    QHash<int, QString> text; // by choice index
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
                check(!e.text.isEmpty(), "an empty text delta");
                check(isValidUtf16(e.text), "a text delta that is not valid UTF-16");
                text[e.index] += e.text;
                break;
            case ChatStreamEvent::Reasoning:
                check(false, "reasoning from a completions stream");
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
    for (const QString &joined : std::as_const(text))
        check(isValidUtf16(joined), "joined text deltas are not valid UTF-16");
    check(decoder.isDone() == done, "isDone() disagrees with the events");
    check(decoder.sawFinishReason() == finishedChoice0, "sawFinishReason() disagrees with the events");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    SseParser whole;
    const QVector<SseEvent> events = whole.feed(input);

    SseParser pieces;
    QVector<SseEvent> split;
    const qsizetype step = 1 + qsizetype(size % 7);
    for (qsizetype at = 0; at < input.size(); at += step)
        split += pieces.feed(input.mid(at, step));
    check(split == events, "the parser's events depend on how the bytes were split");

    decodeAll(events, false);
    decodeAll(events, true);
    return 0;
}
