#pragma once

#include "TestHttpServer.h"

#include <QString>

namespace penpal::test {

// The chunk a translation request asks to translate: the text inside <source>…</source> of
// its last (user) message, as TranslationPrompt::request writes it. Empty when there is none.
QString translationSource(const ReceivedRequest &request);

} // namespace penpal::test
