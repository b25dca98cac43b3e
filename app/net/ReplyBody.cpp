#include "net/ReplyBody.h"

#include <utility>

namespace penpal {

bool ReplyBody::looksLikeSse(const QByteArray &bytes)
{
    const QByteArray t = bytes.trimmed();
    return t.startsWith("data:") || t.startsWith("event:") || t.startsWith("id:") || t.startsWith("retry:") ||
           t.startsWith(':');
}

QByteArray ReplyBody::add(const QByteArray &bytes, int status, const QByteArray &contentType, bool *tooLarge)
{
    *tooLarge = false;
    if (!isSuccess(status)) {
        if (m_held.size() < MaxErrorBodyBytes)
            m_held += bytes.left(MaxErrorBodyBytes - m_held.size());
        return {};
    }
    switch (m_mode) {
    case Mode::Undecided:
        m_held += bytes;
        if (decide(contentType) && m_mode == Mode::Stream)
            return std::exchange(m_held, QByteArray());
        break;
    case Mode::Stream:
        return bytes;
    case Mode::Buffered:
        m_held += bytes;
        *tooLarge = m_held.size() > MaxBufferedBodyBytes;
        break;
    }
    return {};
}

QByteArray ReplyBody::settle()
{
    if (m_mode != Mode::Undecided)
        return {};
    m_mode = looksLikeSse(m_held) ? Mode::Stream : Mode::Buffered;
    return m_mode == Mode::Stream ? std::exchange(m_held, QByteArray()) : QByteArray();
}

bool ReplyBody::decide(const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    if (type.contains("text/event-stream")) {
        m_mode = Mode::Stream;
    } else if (type.contains("json") || type.contains("html")) {
        m_mode = Mode::Buffered;
    } else {
        const QByteArray start = m_held.trimmed();
        if (start.size() < 6 && !start.contains('\n'))
            return false; // not enough to tell yet
        m_mode = looksLikeSse(start) ? Mode::Stream : Mode::Buffered;
    }
    return true;
}

} // namespace penpal
