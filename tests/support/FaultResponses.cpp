#include "FaultResponses.h"

#include <QFile>

namespace penpal::test::faults {

namespace {

Response eventStream()
{
    Response r;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/event-stream")));
    r.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-cache")));
    r.chunked = true;
    return r;
}

// A "Name:   1234 kB" line of /proc/self/status, in bytes; -1 if absent.
qint64 statusKb(const QByteArray &name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    // /proc files report a size of 0, so QFile::atEnd() is true at once: read it all instead.
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(name + ':')) {
            const QList<QByteArray> parts = line.mid(name.size() + 1).simplified().split(' ');
            bool ok = false;
            const qint64 kb = parts.value(0).toLongLong(&ok);
            return ok ? kb * 1024 : -1;
        }
    }
    return -1;
}

} // namespace

QByteArray tinyChunk(const QByteArray &deltaJson, const QByteArray &finishReason)
{
    return R"(data: {"choices":[{"index":0,"delta":)" + deltaJson + R"(,"finish_reason":)" + finishReason +
           "}]}\n\n";
}

Response drip(const QByteArray &body, int intervalMs)
{
    Response r = eventStream();
    for (qsizetype i = 0; i < body.size(); ++i)
        r.body.append(Step{body.mid(i, 1), intervalMs});
    return r;
}

Response endlessLine(qsizetype lineBytes, qsizetype stepBytes, int stepDelayMs)
{
    Response r = eventStream();
    r.body.append(Step{QByteArray("data: "), 0});
    const QByteArray step(stepBytes, 'x'); // shared by every Step: one copy in memory
    for (qsizetype sent = 0; sent < lineBytes; sent += stepBytes)
        r.body.append(Step{sent + stepBytes <= lineBytes ? step : step.left(lineBytes - sent), stepDelayMs});
    r.end = Response::Hang;
    return r;
}

qint64 peakRssBytes()
{
    return statusKb("VmHWM");
}

qint64 currentRssBytes()
{
    return statusKb("VmRSS");
}

bool resetPeakRss()
{
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace penpal::test::faults
