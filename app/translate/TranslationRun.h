#pragma once

#include "net/ChatRequest.h"
#include "net/JobError.h"
#include "translate/TextChunk.h"

#include <QObject>
#include <QPointer>
#include <QVector>

#include <functional>

namespace penpal {

class ChatJob;

// Translates a document's chunks with up to `concurrency` requests in flight, in chunk order
// as slots free up. Results arrive out of order and are kept per chunk; result() puts them
// together in document order with the source's own whitespace between chunks.
//
// A failed chunk is marked and keeps the others going; retry(i) sends it again alone.
// cancel() aborts what is running and keeps every finished chunk. The run knows nothing of
// providers: `startJob` turns a request into a running ChatJob (the provider's).
class TranslationRun : public QObject {
    Q_OBJECT
public:
    enum class ChunkState { Pending, Running, Done, Failed, Cancelled };
    Q_ENUM(ChunkState)

    using RequestFor = std::function<ChatRequest(int index)>;
    using JobStarter = std::function<ChatJob *(const ChatRequest &request, QObject *parent)>;

    TranslationRun(TextChunks chunks, RequestFor requestFor, JobStarter startJob, int concurrency = 3,
                   QObject *parent = nullptr);
    ~TranslationRun() override;

    void start();
    void cancel();
    // Sends a failed or cancelled chunk again (the others stay as they are). False otherwise.
    bool retry(int index);

    int chunkCount() const { return int(m_chunks.size()); }
    int doneCount() const;
    int concurrency() const { return m_concurrency; }
    int runningCount() const;
    ChunkState state(int index) const { return m_slots.at(index).state; }
    QString translation(int index) const { return m_slots.at(index).text; }
    JobError error(int index) const { return m_slots.at(index).error; }
    const TextChunk &chunk(int index) const { return m_chunks.at(index); }
    // Completion tokens as servers reported them (estimated from the text where they did not).
    qint64 tokens() const;
    bool isActive() const;

    // The document: finished chunks translated; the others as `missing(chunk)` makes them
    // (by default their source text, so nothing of the document is lost).
    QString result(const std::function<QString(const TextChunk &)> &missing = {}) const;

Q_SIGNALS:
    void chunkStarted(int index);
    void chunkText(int index, const QString &textSoFar);
    void chunkFinished(int index);
    void chunkFailed(int index, const penpal::JobError &error);
    void progress(int done, int total);
    // Nothing is running or waiting any more (every chunk done, failed or cancelled).
    void finished();

private:
    struct Slot {
        ChunkState state = ChunkState::Pending;
        QString text;
        JobError error;
        QPointer<ChatJob> job;
        int reportedTokens = -1;
    };
    void fill();
    void launch(int index);
    void end(int index, ChunkState state, const JobError &error = {});

    TextChunks m_chunks;
    RequestFor m_requestFor;
    JobStarter m_startJob;
    int m_concurrency;
    QVector<Slot> m_slots;
    bool m_started = false;
    bool m_finishedAnnounced = false;
};

} // namespace penpal
