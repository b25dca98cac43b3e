#pragma once

#include "net/ChatRequest.h"

#include <QByteArray>
#include <QString>

namespace penpal {

// The wire form of a request to the legacy Completions API (POST {base}/completions), the
// "Raw completion" mode for base models: they continue text instead of answering turns.
//
// The prompt is the last user turn, verbatim - what the person typed is the text the model
// continues. Assistant turns after it (a continuation's partial reply) are appended verbatim,
// so a continued reply picks up exactly where it stopped. Earlier history and the system
// prompt are not sent: a base model would continue them as text too, and a raw prompt should
// be exactly what the person wrote.
class CompletionsRequestBuilder {
public:
    static QString prompt(const ChatRequest &request);

    // model, prompt, stream: true, stream_options.include_usage, and the sampling parameters
    // that are set (max_tokens, temperature, top_p, n, stop).
    static QByteArray body(const ChatRequest &request, const QString &model);
};

} // namespace penpal
