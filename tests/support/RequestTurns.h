#pragma once

#include "TestHttpServer.h"

#include <QStringList>

namespace penpal::test {

// The "messages" of an OpenAI chat request as "role:content" lines, oldest first, e.g.
// {"system:Be brief.", "user:2+2?", "assistant:4", "user:3+3?"}: compact to compare whole
// histories in one QCOMPARE.
QStringList requestTurns(const ReceivedRequest &request);

} // namespace penpal::test
