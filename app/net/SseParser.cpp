#include "net/SseParser.h"

#include <algorithm>
#include <cstring>

namespace penpal {

namespace {

const char Bom[] = "\xEF\xBB\xBF";
constexpr int BomSize = 3;

// Buffers that grew past this are released after use instead of kept for reuse, so one huge
// event does not pin its memory for the rest of the stream.
constexpr qsizetype KeepCapacityBytes = 64 * 1024;

const char *findByte(const char *p, const char *end, char c)
{
    const void *hit = std::memchr(p, c, size_t(end - p));
    return hit ? static_cast<const char *>(hit) : end;
}

void clearKeepingSmallCapacity(QByteArray &bytes)
{
    if (bytes.capacity() > KeepCapacityBytes)
        bytes.clear();
    else
        bytes.resize(0);
}

} // namespace

SseParser::SseParser(qsizetype maxLineBytes)
    : m_maxLineBytes(maxLineBytes)
{
}

QVector<SseEvent> SseParser::feed(const QByteArray &bytes)
{
    QVector<SseEvent> out;
    if (m_lineTooLong)
        return out;

    const char *p = bytes.constData();
    const char *const end = p + bytes.size();

    if (!m_bomDone) {
        // The BOM itself may arrive split over chunks: match it byte by byte.
        while (p < end && m_bomMatched < BomSize && *p == Bom[m_bomMatched]) {
            ++p;
            ++m_bomMatched;
        }
        if (m_bomMatched == BomSize) {
            m_bomDone = true;
        } else if (p < end) {
            // Not a BOM after all: the bytes held back belong to the first line.
            m_bomDone = true;
            consume(Bom, Bom + m_bomMatched, out);
        }
        // else: the chunk ended inside what may still be a BOM; decide with the next one.
    }

    consume(p, end, out);
    return out;
}

void SseParser::consume(const char *p, const char *const end, QVector<SseEvent> &out)
{
    if (p == end || m_lineTooLong)
        return;

    if (m_pendingCR) {
        // The previous chunk ended in CR; an LF right here completes that same line end.
        m_pendingCR = false;
        if (*p == '\n')
            ++p;
    }

    // Each byte is scanned once: the next CR and LF positions are remembered and only searched
    // again once the cursor has passed them, so neither long lines nor lone-CR streams rescan.
    const char *nextCr = findByte(p, end, '\r');
    const char *nextLf = findByte(p, end, '\n');
    while (p < end && !m_lineTooLong) {
        if (nextCr < p)
            nextCr = findByte(p, end, '\r');
        if (nextLf < p)
            nextLf = findByte(p, end, '\n');
        const char *const eol = std::min(nextCr, nextLf);
        const qsizetype length = eol - p;

        if (m_line.size() + length > m_maxLineBytes) {
            fail();
            return;
        }
        if (eol == end) {
            m_line.append(p, length);
            return;
        }

        if (m_line.isEmpty()) {
            // The common case: the whole line is inside this chunk, no copy needed.
            processLine(QByteArrayView(p, length), out);
        } else {
            m_line.append(p, length);
            processLine(m_line, out);
            clearKeepingSmallCapacity(m_line);
        }

        p = eol + 1;
        if (*eol == '\r') {
            if (p == end)
                m_pendingCR = true;
            else if (*p == '\n')
                ++p;
        }
    }
}

void SseParser::processLine(QByteArrayView line, QVector<SseEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':')
        return; // comment, often a keep-alive

    QByteArrayView field = line;
    QByteArrayView value;
    const qsizetype colon = line.indexOf(':');
    if (colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }

    const bool errorField = field == QByteArrayView("error");
    if (errorField) {
        // Not an SSE field: llama.cpp's server reports a failure mid-stream as a line
        // `error: {json}` (and may still send [DONE] after it). Ignored, as the spec says for
        // unknown fields, it would let a cut-off reply pass as complete; it is read as the
        // data of an `event: error` instead.
        m_eventType = QByteArrayLiteral("error");
    }
    if (field == QByteArrayView("data") || errorField) {
        // m_data already holds the '\n' that will join this line to the previous one.
        if (m_data.size() + value.size() > m_maxLineBytes) {
            fail();
            return;
        }
        m_data.append(value.data(), value.size());
        m_data.append('\n');
        m_hasData = true;
    } else if (field == QByteArrayView("event")) {
        m_eventType = value.toByteArray();
    } else if (field == QByteArrayView("id")) {
        if (!value.contains('\0'))
            m_lastId = value.toByteArray();
    }
    // "retry" and unknown fields are ignored: reconnection is the job's decision.
}

void SseParser::dispatch(QVector<SseEvent> &out)
{
    if (!m_hasData) {
        // Per spec, a blank line after no data line dispatches nothing (but ends the event).
        m_eventType.clear();
        return;
    }
    m_data.chop(1); // the '\n' after the last data line

    SseEvent event;
    event.event = m_eventType.isEmpty() ? QStringLiteral("message") : QString::fromUtf8(m_eventType);
    // Decoding happens only now that the event is complete, so a UTF-8 sequence split across
    // chunks (or lines) can never turn into replacement characters.
    event.data = QString::fromUtf8(m_data);
    event.id = QString::fromUtf8(m_lastId);
    out.append(std::move(event));

    clearKeepingSmallCapacity(m_data);
    m_hasData = false;
    m_eventType.clear();
}

void SseParser::fail()
{
    m_lineTooLong = true;
    m_line.clear();
    m_data.clear();
    m_hasData = false;
    m_eventType.clear();
    m_pendingCR = false;
}

void SseParser::reset()
{
    m_line.clear();
    m_pendingCR = false;
    m_data.clear();
    m_hasData = false;
    m_eventType.clear();
    m_lineTooLong = false;
    m_bomMatched = 0;
    m_bomDone = false;
}

} // namespace penpal
