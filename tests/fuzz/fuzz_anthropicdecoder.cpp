// libFuzzer target: arbitrary bytes through SseParser + AnthropicStreamDecoder.
//
// The first input byte picks how the rest is cut into pieces; the decoded events must be the
// same as for the whole input fed at once (the parser and decoder are incremental), and must
// keep the decoder's promises: no empty deltas, no unmapped stop reasons, usage totals that
// add up, nothing after Done, sawFinishReason() exactly when a Finish came out.
#include "net/AnthropicStreamDecoder.h"
#include "net/SseParser.h"

#include <QByteArray>
#include <QVector>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace penpal;

namespace {

// Always on, also where Q_ASSERT is compiled out.
#define FUZZ_CHECK(condition)                                                                                \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "fuzz_anthropicdecoder: check failed: %s (line %d)\n", #condition,          \
                         __LINE__);                                                                          \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

struct Run {
    QVector<ChatStreamEvent> events;
    bool done = false;
    bool sawFinish = false;
};

// A small line bound so that the parser's too-long path is reached too.
constexpr qsizetype MaxLineBytes = 4096;

Run decodeInPieces(const QByteArray &input, int pieceSize)
{
    SseParser parser(MaxLineBytes);
    AnthropicStreamDecoder decoder;
    Run run;
    for (qsizetype at = 0; at < input.size(); at += pieceSize) {
        const QVector<SseEvent> events = parser.feed(input.mid(at, pieceSize));
        for (const SseEvent &sse : events) {
            const bool wasDone = decoder.isDone();
            const QVector<ChatStreamEvent> decoded = decoder.decode(sse);
            FUZZ_CHECK(!wasDone || decoded.isEmpty()); // nothing after message_stop
            run.events += decoded;
        }
    }
    run.done = decoder.isDone();
    run.sawFinish = decoder.sawFinishReason();
    return run;
}

void checkInvariants(const Run &run)
{
    bool finishSeen = false;
    for (qsizetype i = 0; i < run.events.size(); ++i) {
        const ChatStreamEvent &e = run.events[i];
        switch (e.kind) {
        case ChatStreamEvent::Content:
        case ChatStreamEvent::Reasoning:
            FUZZ_CHECK(!e.text.isEmpty());
            break;
        case ChatStreamEvent::Finish:
            finishSeen = true;
            FUZZ_CHECK(!e.text.isEmpty());
            FUZZ_CHECK(e.text != QLatin1String("end_turn") && e.text != QLatin1String("max_tokens") &&
                       e.text != QLatin1String("stop_sequence"));
            break;
        case ChatStreamEvent::Usage:
            FUZZ_CHECK(e.usage.isValid());
            FUZZ_CHECK(e.usage.reasoningTokens == -1);
            if (e.usage.totalTokens >= 0) {
                FUZZ_CHECK(e.usage.promptTokens >= 0 && e.usage.completionTokens >= 0);
                FUZZ_CHECK(qint64(e.usage.totalTokens) ==
                           qint64(e.usage.promptTokens) + qint64(e.usage.completionTokens));
            }
            break;
        case ChatStreamEvent::Error:
            FUZZ_CHECK(!e.text.isEmpty()); // a person always gets a message
            break;
        case ChatStreamEvent::Done:
            FUZZ_CHECK(i == run.events.size() - 1);
            FUZZ_CHECK(run.done);
            break;
        }
    }
    FUZZ_CHECK(finishSeen == run.sawFinish);
    FUZZ_CHECK(run.done == (!run.events.isEmpty() && run.events.last().kind == ChatStreamEvent::Done));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const int pieceSize = 1 + data[0] % 64;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const Run whole = decodeInPieces(input, int(qMax<qsizetype>(1, input.size())));
    const Run pieces = decodeInPieces(input, pieceSize);
    checkInvariants(whole);
    checkInvariants(pieces);
    FUZZ_CHECK(whole.events == pieces.events);
    FUZZ_CHECK(whole.done == pieces.done);
    FUZZ_CHECK(whole.sawFinish == pieces.sawFinish);
    return 0;
}
