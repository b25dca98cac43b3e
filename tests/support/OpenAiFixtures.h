#pragma once

#include "net/ChatRequest.h"
#include "net/ProviderProfile.h"

#include <QByteArray>
#include <QList>
#include <QUrl>

namespace penpal::test {

// Byte-exact pieces of what api.openai.com streams for POST /chat/completions.
namespace openai {

// One "data: {...}\n\n" chunk; `delta` and `finishReason` are raw JSON ("null" or "\"stop\"").
QByteArray chunk(const QByteArray &delta, const QByteArray &finishReason = "null");
QByteArray contentChunk(const QByteArray &text); // text is JSON-escaped already
QByteArray roleChunk();
QByteArray finishChunk(const QByteArray &reason = "stop");
// The include_usage chunk: empty choices, numbers in "usage".
QByteArray usageChunk(int prompt, int completion, int reasoning = 0);
QByteArray done();

// roleChunk, "Hel" "lo" " world", finish "stop", usage 9/3/12, [DONE], one raw chunk each.
QList<QByteArray> helloWorldStream();

} // namespace openai

// A profile for the loopback server: generous timeouts so that slow CI never trips them.
ProviderProfile testProfile(const QUrl &baseUrl);
// model "test-model", no system prompt, one user turn "Hi", no sampling parameters.
ChatRequest testRequest();

} // namespace penpal::test
