// libFuzzer target for SseParser. The whole input is the byte stream (so recorded transcripts
// are seeds as they are). Invariants checked, each one a promise of SseParser.h:
//  - any split of the input gives the same events and the same error state as feeding it
//    whole: byte by byte (every split point at once: mid-line, mid-UTF-8, mid-BOM, between
//    CR and LF), and in chunks whose lengths the fuzzer picks through the input's own bytes
//    (which also reaches the no-copy path for lines inside one chunk);
//  - with a small line bound the same holds, so the error state is split-independent too;
//  - no event's data or type contains CR, and the type is never empty;
//  - after reset() the same stream gives the same events again (ids aside: the last event
//    id is kept across a reset, as EventSource keeps it).
#include "FuzzCheck.h"
#include "net/SseParser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using penpal::SseEvent;
using penpal::SseParser;

namespace {

void check(bool condition, const char *what)
{
    fuzzCheck(condition, "SseParser", what);
}

struct Outcome {
    QVector<SseEvent> events;
    bool lineTooLong = false;
};

Outcome whole(const QByteArray &input, qsizetype maxLine)
{
    SseParser parser(maxLine);
    Outcome out;
    out.events = parser.feed(input);
    out.lineTooLong = parser.lineTooLong();
    return out;
}

// Slices are raw views of the input: no copies, so that large inputs stay fast under ASan.
Outcome byteByByte(const QByteArray &input, qsizetype maxLine)
{
    SseParser parser(maxLine);
    Outcome out;
    for (qsizetype i = 0; i < input.size(); ++i)
        out.events += parser.feed(QByteArray::fromRawData(input.constData() + i, 1));
    out.lineTooLong = parser.lineTooLong();
    return out;
}

// Chunk lengths 1..32 read from the input itself, so mutations move the split points.
Outcome chunked(const QByteArray &input, qsizetype maxLine)
{
    SseParser parser(maxLine);
    Outcome out;
    qsizetype pos = 0;
    qsizetype pick = 0;
    while (pos < input.size()) {
        const qsizetype length = 1 + (static_cast<unsigned char>(input.at(pick % input.size())) % 32);
        ++pick;
        out.events +=
            parser.feed(QByteArray::fromRawData(input.constData() + pos, qMin(length, input.size() - pos)));
        pos += length;
    }
    // An empty feed changes nothing either.
    out.events += parser.feed(QByteArray());
    out.lineTooLong = parser.lineTooLong();
    return out;
}

void checkEvents(const QVector<SseEvent> &events)
{
    for (const SseEvent &e : events) {
        check(!e.event.isEmpty(), "an event without a type");
        check(!e.event.contains(QLatin1Char('\r')) && !e.event.contains(QLatin1Char('\n')),
              "a line break in an event type");
        check(!e.data.contains(QLatin1Char('\r')), "a CR in event data");
    }
}

void checkSplits(const QByteArray &input, qsizetype maxLine)
{
    const Outcome reference = whole(input, maxLine);
    checkEvents(reference.events);

    const Outcome bytes = byteByByte(input, maxLine);
    check(bytes.events == reference.events, "byte-by-byte feeding changed the events");
    check(bytes.lineTooLong == reference.lineTooLong, "byte-by-byte feeding changed the error state");

    const Outcome chunks = chunked(input, maxLine);
    check(chunks.events == reference.events, "chunked feeding changed the events");
    check(chunks.lineTooLong == reference.lineTooLong, "chunked feeding changed the error state");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    checkSplits(input, SseParser::DefaultMaxLineBytes);
    // Small enough that the fuzzer reaches the line and event bounds easily.
    checkSplits(input, 48);

    SseParser parser;
    const QVector<SseEvent> first = parser.feed(input);
    parser.reset();
    const QVector<SseEvent> again = parser.feed(input);
    check(first.size() == again.size(), "reset() changed the number of events");
    for (qsizetype i = 0; i < first.size(); ++i) {
        check(first.at(i).event == again.at(i).event && first.at(i).data == again.at(i).data,
              "reset() changed an event");
    }
    return 0;
}
