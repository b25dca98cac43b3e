#pragma once

#include "TestHttpServer.h"

#include <QByteArray>

namespace penpal::test::faults {

// Scripted misbehaviour for the fault matrix (tests/tst_faultmatrix*.cpp), built on
// TestHttpServer's Responses.

// One "data: {...}\n\n" chat chunk as small as a server may send it: choice 0 with
// `deltaJson` (raw JSON) and `finishReason` (raw JSON: null or "\"stop\"").
QByteArray tinyChunk(const QByteArray &deltaJson, const QByteArray &finishReason = "null");

// text/event-stream whose body trickles out one byte per chunk, `intervalMs` apart.
Response drip(const QByteArray &body, int intervalMs);

// text/event-stream that opens one SSE line of `lineBytes` bytes ("data: " and then 'x's)
// and never ends it: the bytes go out in steps of `stepBytes`, `stepDelayMs` apart (so the
// server's own buffers stay small), then the connection hangs.
Response endlessLine(qsizetype lineBytes, qsizetype stepBytes = 1024 * 1024, int stepDelayMs = 5);

// Peak resident memory of this process in bytes (VmHWM), and a way to start measuring it
// afresh. resetPeakRss() returns false where the kernel does not allow it.
qint64 peakRssBytes();
qint64 currentRssBytes();
bool resetPeakRss();

} // namespace penpal::test::faults
