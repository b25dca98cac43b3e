#include "history/JsonArrayStreamer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace penpal {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// A scalar ends at whitespace or at the punctuation that can follow a value.
bool endsScalar(char c)
{
    return isSpace(c) || c == ',' || c == ']' || c == '}';
}

// Parses one JSON value given as text (a member name or a scalar) through QJsonDocument.
bool parseValue(const QByteArray &text, QJsonValue *value)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return false;
    *value = doc.array().at(0);
    return true;
}

QString describe(char c)
{
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

} // namespace

JsonArrayStreamer::JsonArrayStreamer(const QByteArray &arrayKey, qint64 maxElementBytes)
    : m_arrayKey(arrayKey)
    , m_maxElementBytes(maxElementBytes)
{
}

QString JsonArrayStreamer::errorString() const
{
    if (m_error.isEmpty())
        return {};
    return QStringLiteral("%1 at byte %2").arg(m_error).arg(m_errorOffset);
}

bool JsonArrayStreamer::fail(const QString &what, qint64 offset)
{
    if (m_error.isEmpty()) {
        m_error = what;
        m_errorOffset = offset;
    }
    m_value.clear();
    m_value.squeeze();
    return false;
}

bool JsonArrayStreamer::append(const char *p, qsizetype n, qint64 at)
{
    if (m_sink == Sink::Skip || n == 0)
        return true;
    const qint64 limit = m_sink == Sink::Member ? MaxMemberBytes : m_maxElementBytes;
    if (m_value.size() + n > limit) {
        // The offset is that of the first byte over the limit, wherever the chunk boundaries
        // fall (a run of bytes is appended in one go).
        const qint64 over = at + qMax<qint64>(0, limit - m_value.size());
        return fail(m_sink == Sink::Member
                        ? QStringLiteral("a top-level member is larger than %1 bytes").arg(limit)
                        : QStringLiteral("an element is larger than %1 MB").arg(limit / (1024 * 1024)),
                    over);
    }
    m_value.append(p, n);
    return true;
}

bool JsonArrayStreamer::beginValue(char c, qint64 at, Sink sink)
{
    m_sink = sink;
    m_value.clear();
    m_valueOffset = at;
    m_stack.clear();
    switch (c) {
    case '{':
    case '[':
        m_stack.append(c);
        m_state = State::Compound;
        break;
    case '"':
        m_state = State::String;
        break;
    case ']':
    case '}':
    case ',':
    case ':':
        return fail(QStringLiteral("expected a value, found %1").arg(describe(c)), at);
    default:
        m_state = State::Scalar;
        break;
    }
    return append(&c, 1, at);
}

void JsonArrayStreamer::afterValue()
{
    m_state = m_inTargetArray ? State::ArrayAfter : State::ObjectAfter;
}

bool JsonArrayStreamer::endValue(qint64 at, QVector<JsonStreamElement> *out)
{
    switch (m_sink) {
    case Sink::Element:
        out->append(JsonStreamElement{m_value, m_valueOffset});
        break;
    case Sink::Member: {
        QJsonValue name;
        QJsonValue value;
        if (!parseValue(m_name, &name) || !name.isString())
            return fail(QStringLiteral("invalid member name"), m_valueOffset);
        if (!parseValue(m_value, &value))
            return fail(QStringLiteral("invalid value of member \"%1\"").arg(name.toString()), m_valueOffset);
        m_members.insert(name.toString(), value);
        break;
    }
    case Sink::Skip:
        break;
    }
    Q_UNUSED(at);
    m_value.clear();
    afterValue();
    return true;
}

bool JsonArrayStreamer::feed(const char *data, qsizetype size, QVector<JsonStreamElement> *out)
{
    if (hasError())
        return false;
    const qint64 base = m_offset;
    m_offset += size;
    qsizetype i = 0;
    while (i < size) {
        const char c = data[i];
        const qint64 at = base + i;
        switch (m_state) {
        case State::Start:
            if (isSpace(c)) {
                ++i;
            } else if (static_cast<unsigned char>(c) == 0xEF && at == 0) {
                m_state = State::Bom1;
                ++i;
            } else if (c == '[') {
                m_topLevel = TopLevel::Array;
                m_arrayFound = m_inTargetArray = true;
                m_state = State::ArrayFirst;
                ++i;
            } else if (c == '{') {
                m_topLevel = TopLevel::Object;
                m_state = State::ObjectFirst;
                ++i;
            } else {
                return fail(QStringLiteral("expected a JSON array or object, found %1").arg(describe(c)), at);
            }
            break;
        case State::Bom1:
        case State::Bom2:
            if (static_cast<unsigned char>(c) != (m_state == State::Bom1 ? 0xBB : 0xBF))
                return fail(QStringLiteral("invalid byte order mark"), at);
            m_state = m_state == State::Bom1 ? State::Bom2 : State::Start;
            ++i;
            break;
        case State::ArrayFirst:
        case State::ArrayValue:
            if (isSpace(c)) {
                ++i;
            } else if (c == ']' && m_state == State::ArrayFirst) {
                m_inTargetArray = false;
                m_state = m_topLevel == TopLevel::Array ? State::Done : State::ObjectAfter;
                ++i;
            } else if (c == ']') {
                return fail(QStringLiteral("a comma before ']'"), at);
            } else {
                if (!beginValue(c, at, Sink::Element))
                    return false;
                ++i;
            }
            break;
        case State::ArrayAfter:
            if (isSpace(c)) {
                ++i;
            } else if (c == ',') {
                m_state = State::ArrayValue;
                ++i;
            } else if (c == ']') {
                m_inTargetArray = false;
                m_state = m_topLevel == TopLevel::Array ? State::Done : State::ObjectAfter;
                ++i;
            } else {
                return fail(QStringLiteral("expected ',' or ']' after an element, found %1").arg(describe(c)),
                            at);
            }
            break;
        case State::ObjectFirst:
        case State::ObjectName:
            if (isSpace(c)) {
                ++i;
            } else if (c == '}' && m_state == State::ObjectFirst) {
                m_state = State::Done;
                ++i;
            } else if (c == '"') {
                m_name = QByteArrayLiteral("\"");
                m_state = State::Name;
                ++i;
            } else {
                return fail(QStringLiteral("expected a member name, found %1").arg(describe(c)), at);
            }
            break;
        case State::Name:
        case State::NameEscape:
            if (m_name.size() > MaxMemberBytes)
                return fail(QStringLiteral("a member name is too long"), at);
            m_name.append(c);
            if (m_state == State::NameEscape)
                m_state = State::Name;
            else if (c == '\\')
                m_state = State::NameEscape;
            else if (c == '"')
                m_state = State::Colon;
            ++i;
            break;
        case State::Colon:
            if (isSpace(c)) {
                ++i;
            } else if (c == ':') {
                m_state = State::MemberValue;
                ++i;
            } else {
                return fail(QStringLiteral("expected ':' after a member name, found %1").arg(describe(c)),
                            at);
            }
            break;
        case State::MemberValue: {
            if (isSpace(c)) {
                ++i;
                break;
            }
            QJsonValue name;
            if (!parseValue(m_name, &name) || !name.isString())
                return fail(QStringLiteral("invalid member name"), at);
            if (name.toString().toUtf8() == m_arrayKey) {
                if (c != '[')
                    return fail(QStringLiteral("\"%1\" is not an array").arg(QString::fromUtf8(m_arrayKey)),
                                at);
                if (m_arrayFound)
                    return fail(QStringLiteral("\"%1\" appears twice").arg(QString::fromUtf8(m_arrayKey)),
                                at);
                m_arrayFound = m_inTargetArray = true;
                m_state = State::ArrayFirst;
                ++i;
                break;
            }
            if (!beginValue(c, at, c == '{' || c == '[' ? Sink::Skip : Sink::Member))
                return false;
            ++i;
            break;
        }
        case State::ObjectAfter:
            if (isSpace(c)) {
                ++i;
            } else if (c == ',') {
                m_state = State::ObjectName;
                ++i;
            } else if (c == '}') {
                m_state = State::Done;
                ++i;
            } else {
                return fail(QStringLiteral("expected ',' or '}' after a member, found %1").arg(describe(c)),
                            at);
            }
            break;
        case State::Compound: {
            // Copy the run up to the next byte that matters in one go.
            qsizetype j = i;
            while (j < size) {
                const char d = data[j];
                if (d == '"' || d == '{' || d == '}' || d == '[' || d == ']')
                    break;
                ++j;
            }
            if (!append(data + i, j - i, base + i))
                return false;
            i = j;
            if (i == size)
                break;
            const char d = data[i];
            if (!append(&d, 1, base + i))
                return false;
            ++i;
            if (d == '"') {
                m_state = State::String;
            } else if (d == '{' || d == '[') {
                m_stack.append(d);
            } else {
                const char open = d == '}' ? '{' : '[';
                if (m_stack.back() != open)
                    return fail(QStringLiteral("'%1' does not match '%2'")
                                    .arg(QChar::fromLatin1(d))
                                    .arg(QChar::fromLatin1(m_stack.back())),
                                base + i - 1);
                m_stack.chop(1);
                if (m_stack.isEmpty() && !endValue(base + i, out))
                    return false;
            }
            break;
        }
        case State::String: {
            qsizetype j = i;
            while (j < size && data[j] != '"' && data[j] != '\\')
                ++j;
            if (!append(data + i, j - i, base + i))
                return false;
            i = j;
            if (i == size)
                break;
            const char d = data[i];
            if (!append(&d, 1, base + i))
                return false;
            ++i;
            if (d == '\\') {
                m_state = State::StringEscape;
            } else if (m_stack.isEmpty()) {
                if (!endValue(base + i, out))
                    return false;
            } else {
                m_state = State::Compound;
            }
            break;
        }
        case State::StringEscape:
            if (!append(&c, 1, at))
                return false;
            m_state = State::String;
            ++i;
            break;
        case State::Scalar:
            if (endsScalar(c)) {
                if (!endValue(at, out))
                    return false;
                break; // `c` is read again in the state after the value
            }
            if (c == '"' || c == '{' || c == '[' || c == ':')
                return fail(QStringLiteral("unexpected %1 in a value").arg(describe(c)), at);
            if (!append(&c, 1, at))
                return false;
            ++i;
            break;
        case State::Done:
            if (!isSpace(c))
                return fail(QStringLiteral("unexpected data after the end of the JSON (%1)").arg(describe(c)),
                            at);
            ++i;
            break;
        }
    }
    return true;
}

bool JsonArrayStreamer::finish()
{
    if (hasError())
        return false;
    if (m_state == State::Done)
        return true;
    if (m_state == State::Start && m_offset == 0)
        return fail(QStringLiteral("the file is empty"), 0);
    return fail(QStringLiteral("the JSON is truncated: it ends before the document is complete"), m_offset);
}

} // namespace penpal
