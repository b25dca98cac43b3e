#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace penpal {

// One complete element of the streamed array: its JSON text and where it starts in the input.
struct JsonStreamElement {
    QByteArray json;
    qint64 offset = 0;
};

// Splits a JSON document fed in arbitrary chunks into the elements of one array, so that a
// file of any size is read holding only one element at a time. The array is either the
// top-level value (ChatGPT's conversations.json) or the value of the top-level member named
// `arrayKey` (Penpal's export); the other top-level members that are scalars are kept
// (members()), larger ones are skipped.
//
// Pure: bytes in, elements out, no I/O. It checks the structure around and between elements
// (brackets, commas, colons, strings, what follows the document) and reports the byte offset
// of the first fault; the text inside an element is checked by whoever parses it (offset
// tells where it starts). Works on bytes only, so a UTF-8 sequence split across chunks is
// never cut in the middle of an element.
class JsonArrayStreamer {
public:
    enum class TopLevel { Unknown, Array, Object };
    static constexpr qint64 DefaultMaxElementBytes = qint64(512) * 1024 * 1024;
    // A scalar top-level member bigger than this is refused: they are names and numbers.
    static constexpr qint64 MaxMemberBytes = 1024 * 1024;

    explicit JsonArrayStreamer(const QByteArray &arrayKey = QByteArrayLiteral("conversations"),
                               qint64 maxElementBytes = DefaultMaxElementBytes);

    // Appends the elements completed by these bytes to `out`. False once the input is known
    // to be malformed (and for every later call).
    bool feed(const char *data, qsizetype size, QVector<JsonStreamElement> *out);
    bool feed(const QByteArray &chunk, QVector<JsonStreamElement> *out)
    {
        return feed(chunk.constData(), chunk.size(), out);
    }
    // The input ended: false when the document is incomplete (truncated) or malformed.
    bool finish();

    bool hasError() const { return !m_error.isEmpty(); }
    // "<what> at byte <offset>".
    QString errorString() const;
    qint64 errorOffset() const { return m_errorOffset; }
    qint64 bytesFed() const { return m_offset; }

    TopLevel topLevel() const { return m_topLevel; }
    // The target array was met (top-level array, or the `arrayKey` member).
    bool arrayFound() const { return m_arrayFound; }
    // The scalar top-level members read so far (only for a top-level object).
    QJsonObject members() const { return m_members; }

private:
    enum class State {
        Start,
        Bom1,
        Bom2,
        ArrayFirst,  // after '[': a value or ']'
        ArrayValue,  // after ',': a value
        ArrayAfter,  // after a value: ',' or ']'
        ObjectFirst, // after '{': a name or '}'
        ObjectName,  // after ',': a name
        Name,
        NameEscape,
        Colon,
        MemberValue,
        ObjectAfter, // after a member: ',' or '}'
        Compound,    // inside an element or a skipped member: brackets nested m_stack
        String,
        StringEscape,
        Scalar,
        Done,
    };
    // What the value being read becomes.
    enum class Sink { Element, Skip, Member };

    bool fail(const QString &what, qint64 offset);
    bool beginValue(char c, qint64 at, Sink sink);
    bool endValue(qint64 at, QVector<JsonStreamElement> *out);
    bool append(const char *p, qsizetype n, qint64 at);
    void afterValue();

    QByteArray m_arrayKey;
    qint64 m_maxElementBytes;
    State m_state = State::Start;
    TopLevel m_topLevel = TopLevel::Unknown;
    bool m_arrayFound = false;
    bool m_inTargetArray = false;
    Sink m_sink = Sink::Element;
    QByteArray m_stack; // open brackets of the current value
    QByteArray m_value; // the current element or member value
    qint64 m_valueOffset = 0;
    QByteArray m_name; // the current member name, raw (quotes included)
    QJsonObject m_members;
    qint64 m_offset = 0;
    QString m_error;
    qint64 m_errorOffset = -1;
};

} // namespace penpal
