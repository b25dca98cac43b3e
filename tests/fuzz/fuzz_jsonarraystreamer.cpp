// libFuzzer target for JsonArrayStreamer. The whole input is the document. Invariants, each a
// promise of JsonArrayStreamer.h:
//  - any split of the input (byte by byte, and chunk lengths the fuzzer picks through the
//    input's own bytes) gives the same elements, members, error and error offset as feeding
//    it whole;
//  - every element is the input's own bytes at its offset;
//  - when QJsonDocument accepts the input as an array, the streamer accepts it too, with one
//    element per array entry, each parsing to that entry;
//  - an error offset is within the input (or at its end, for a truncated document).
#include "FuzzCheck.h"
#include "history/JsonArrayStreamer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdint>

using penpal::JsonArrayStreamer;
using penpal::JsonStreamElement;

namespace {

void check(bool condition, const char *what)
{
    fuzzCheck(condition, "JsonArrayStreamer", what);
}

struct Outcome {
    QVector<JsonStreamElement> elements;
    bool ok = false;
    QString error;
    qint64 errorOffset = -1;
    QJsonObject members;
};

bool operator==(const Outcome &a, const Outcome &b)
{
    if (a.elements.size() != b.elements.size())
        return false;
    for (qsizetype i = 0; i < a.elements.size(); ++i) {
        if (a.elements.at(i).json != b.elements.at(i).json ||
            a.elements.at(i).offset != b.elements.at(i).offset)
            return false;
    }
    return a.ok == b.ok && a.error == b.error && a.errorOffset == b.errorOffset && a.members == b.members;
}

template<typename NextLength> Outcome feed(const QByteArray &input, NextLength nextLength)
{
    // Small limits so that the fuzzer reaches them.
    JsonArrayStreamer s(QByteArrayLiteral("conversations"), 4096);
    Outcome out;
    bool ok = true;
    qsizetype pos = 0;
    while (pos < input.size() && ok) {
        const qsizetype length = qMin(nextLength(), input.size() - pos);
        ok = s.feed(input.constData() + pos, length, &out.elements);
        pos += length;
    }
    out.ok = ok && s.finish();
    out.error = s.errorString();
    out.errorOffset = s.errorOffset();
    out.members = s.members();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const Outcome whole = feed(input, [&] { return qMax<qsizetype>(1, input.size()); });
    const Outcome bytes = feed(input, [] { return qsizetype(1); });
    check(bytes == whole, "byte-by-byte feeding changed the outcome");
    qsizetype pick = 0;
    const Outcome chunks = feed(input, [&] {
        const qsizetype length = 1 + (static_cast<unsigned char>(input.at(pick % input.size())) % 32);
        ++pick;
        return length;
    });
    check(chunks == whole, "chunked feeding changed the outcome");

    for (const JsonStreamElement &e : whole.elements)
        check(input.mid(e.offset, e.json.size()) == e.json, "an element is not the input at its offset");
    if (!whole.ok)
        check(whole.errorOffset >= 0 && whole.errorOffset <= input.size(), "error offset outside the input");

    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(input, &err);
    if (err.error == QJsonParseError::NoError && doc.isArray() && input.size() < 4000) {
        check(whole.ok, "a valid JSON array was refused");
        const QJsonArray array = doc.array();
        check(whole.elements.size() == array.size(), "element count differs from the array");
        for (qsizetype i = 0; i < array.size() && i < whole.elements.size(); ++i) {
            const QJsonDocument one = QJsonDocument::fromJson("[" + whole.elements.at(i).json + "]");
            check(one.isArray() && one.array().size() == 1 && one.array().at(0) == array.at(i),
                  "an element differs from the array's entry");
        }
    }
    return 0;
}
