#pragma once

#include "net/OpenAiStreamDecoder.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace penpal::test::anthropic {

// One stream in tests/fixtures/anthropic (NAME.sse, byte-exact) with what it means
// (NAME.expected.json, written by hand):
//   sseEventCount     SSE events the stream dispatches
//   done, sawFinish   the decoder's state at the end
//   events            ["content"|"reasoning"|"finish", text], ["usage", p, c, t, r],
//                     ["error", message, type], ["done"]
//   job               what AnthropicChatJob emits for it: outcome "finished" (finishReason) or
//                     "failed" (code, serverMessage); content, reasoning, usages [[p, c, t]]
struct Transcript {
    QString name;
    QByteArray bytes;
    int sseEventCount = -1;
    bool done = false;
    bool sawFinish = false;
    QVector<ChatStreamEvent> events;

    bool jobFinishes = false;
    QString finishReason; // when jobFinishes
    int errorCode = 0;    // JobError::Code when it fails
    QString serverMessage;
    QString content;
    QString reasoning;
    QVector<TokenUsage> usages;
};

QString fixtureDir();
QStringList transcriptNames();
bool loadTranscript(const QString &name, Transcript *out, QString *problem);

// `bytes` cut into pieces of 1..maxPiece bytes at positions a seeded generator picks, so a
// failing seed can be replayed.
QVector<QByteArray> randomPieces(const QByteArray &bytes, quint32 seed, int maxPiece);

// Anthropic's error body: {"type":"error","error":{"type":type,"message":message}}.
QByteArray errorBody(const QByteArray &type, const QByteArray &message);

} // namespace penpal::test::anthropic
