#pragma once

#include "chat/AppContext.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace penpal::test {

// An AppContext whose database and settings live in `dir`, with one active OpenAI-compatible
// profile pointing at `baseUrl`. The profile's key is a session key, so tests that are not
// about the keychain never touch one. Returns nullptr if the store could not be opened.
std::unique_ptr<AppContext> makeTestContext(const QString &dir, const QUrl &baseUrl,
                                            const QString &model = QStringLiteral("test-model"));

// Byte-exact OpenAI chat-completion stream chunks, as api.openai.com sends them: a role
// delta, one chunk per piece, a finish chunk, a usage chunk, then [DONE] (when `done`).
QList<QByteArray> openAiStream(const QStringList &pieces, bool done = true);

} // namespace penpal::test
