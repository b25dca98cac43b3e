#pragma once

#include <QByteArray>

namespace penpal {

// Sorts the body of a chat reply as it arrives: an SSE stream passes straight through to the
// parser; an error body (bounded prefix: it is only read for its message) and a non-streamed
// answer (bounded: beyond that it is no chat reply) are held. Streams are recognised by their
// content type; without a telling one (gateways, servers that ignore stream: true) the first
// bytes decide. Pure: no networking, shared by every provider's job.
class ReplyBody {
public:
    enum class Mode { Undecided, Stream, Buffered };
    static constexpr qsizetype MaxErrorBodyBytes = 64 * 1024;
    static constexpr qsizetype MaxBufferedBodyBytes = 32 * 1024 * 1024;

    static bool isSuccess(int status) { return status >= 200 && status < 300; }
    // The first bytes of an SSE stream whose server did not say text/event-stream.
    static bool looksLikeSse(const QByteArray &bytes);

    // Takes the next bytes of a reply with HTTP `status` and Content-Type `contentType` and
    // returns those to feed to the stream parser (empty while buffering or undecided).
    // `tooLarge` is set when a buffered, successful body passed MaxBufferedBodyBytes.
    QByteArray add(const QByteArray &bytes, int status, const QByteArray &contentType, bool *tooLarge);
    // At the end of a successful reply whose kind is still open: decides by the bytes held and
    // returns them when they are a stream.
    QByteArray settle();

    Mode mode() const { return m_mode; }
    const QByteArray &held() const { return m_held; }

private:
    bool decide(const QByteArray &contentType);

    Mode m_mode = Mode::Undecided;
    QByteArray m_held;
};

} // namespace penpal
