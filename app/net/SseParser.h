#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVector>

namespace penpal {

struct SseEvent {
    QString event; // "message" when the stream named none
    QString data;  // multi-line data joined with '\n', decoded as UTF-8 once complete
    QString id;
    bool operator==(const SseEvent &o) const { return event == o.event && data == o.data && id == o.id; }
};

// Server-sent events (WHATWG HTML §9.2) as a pure, incremental parser: bytes in, events out.
// Any split of the input - mid-line, mid-UTF-8 sequence, between CR and LF - gives the same
// events. Comment lines (":") are ignored. A line longer than maxLineBytes - or one event whose
// joined data grows beyond it - puts the parser in an error state instead of buffering without
// bound; it then ignores all further input until reset(). One extension of the spec: the
// non-standard line `error: <text>` (llama.cpp) counts as `event: error` plus `data: <text>`.
class SseParser {
public:
    static constexpr qsizetype DefaultMaxLineBytes = 16 * 1024 * 1024;

    explicit SseParser(qsizetype maxLineBytes = DefaultMaxLineBytes);

    // Feeds the next bytes; returns the events completed by them.
    QVector<SseEvent> feed(const QByteArray &bytes);
    // The connection ended: a last event without its blank line is dropped, per spec. Clears
    // the error state and expects a new stream (which may start with a BOM again); the last
    // event ID is kept, as EventSource keeps it across reconnections.
    void reset();

    bool lineTooLong() const { return m_lineTooLong; }

private:
    void consume(const char *p, const char *end, QVector<SseEvent> &out);
    void processLine(QByteArrayView line, QVector<SseEvent> &out);
    void dispatch(QVector<SseEvent> &out);
    void fail();

    qsizetype m_maxLineBytes;
    QByteArray m_line;        // bytes of the current, unfinished line
    bool m_pendingCR = false; // last chunk ended in CR; a leading LF in the next one belongs to it
    QByteArray m_data;        // data lines of the current event (raw bytes)
    bool m_hasData = false;
    QByteArray m_eventType;
    QByteArray m_lastId;
    bool m_lineTooLong = false;
    int m_bomMatched = 0;   // bytes of a leading UTF-8 BOM seen so far (it may be split too)
    bool m_bomDone = false; // past the point where a BOM could appear
};

} // namespace penpal
