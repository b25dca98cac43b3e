#include "translate/TranslationRun.h"

#include "chat/TokenEstimate.h"
#include "net/ChatJob.h"
#include "translate/TranslationPrompt.h"

#include <algorithm>

namespace penpal {

TranslationRun::TranslationRun(TextChunks chunks, RequestFor requestFor, JobStarter startJob, int concurrency,
                               QObject *parent)
    : QObject(parent)
    , m_chunks(std::move(chunks))
    , m_requestFor(std::move(requestFor))
    , m_startJob(std::move(startJob))
    , m_concurrency(std::max(concurrency, 1))
    , m_slots(m_chunks.size())
{
}

TranslationRun::~TranslationRun()
{
    for (Slot &s : m_slots) {
        if (s.job) {
            s.job->disconnect(this);
            s.job->abort();
        }
    }
}

void TranslationRun::start()
{
    if (m_started)
        return;
    m_started = true;
    fill();
    if (!isActive() && !m_finishedAnnounced) {
        m_finishedAnnounced = true;
        Q_EMIT finished(); // an empty document
    }
}

int TranslationRun::doneCount() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(),
                             [](const Slot &s) { return s.state == ChunkState::Done; }));
}

int TranslationRun::runningCount() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(),
                             [](const Slot &s) { return s.state == ChunkState::Running; }));
}

bool TranslationRun::isActive() const
{
    return std::any_of(m_slots.begin(), m_slots.end(), [](const Slot &s) {
        return s.state == ChunkState::Running || s.state == ChunkState::Pending;
    });
}

qint64 TranslationRun::tokens() const
{
    qint64 total = 0;
    for (const Slot &s : m_slots)
        total += s.reportedTokens >= 0 ? s.reportedTokens : TokenEstimate::of(s.text);
    return total;
}

// Pending chunks go out in document order: the reader sees the top of the document first.
void TranslationRun::fill()
{
    for (int i = 0; i < m_slots.size() && runningCount() < m_concurrency; ++i) {
        if (m_slots.at(i).state == ChunkState::Pending)
            launch(i);
    }
}

void TranslationRun::launch(int index)
{
    Slot &s = m_slots[index];
    s.state = ChunkState::Running;
    s.text.clear();
    s.error = JobError();
    s.reportedTokens = -1;
    ChatJob *job = m_startJob(m_requestFor(index), this);
    if (!job) {
        JobError e;
        e.code = JobError::ClientError;
        end(index, ChunkState::Failed, e);
        return;
    }
    s.job = job;
    Q_EMIT chunkStarted(index);
    connect(job, &ChatJob::contentDelta, this, [this, index](const QString &t) {
        m_slots[index].text += t;
        Q_EMIT chunkText(index, m_slots.at(index).text);
    });
    connect(job, &ChatJob::usageReported, this,
            [this, index](const TokenUsage &u) { m_slots[index].reportedTokens = u.completionTokens; });
    connect(job, &ChatJob::finished, this, [this, index] {
        m_slots[index].text = TranslationPrompt::cleanReply(m_slots.at(index).text);
        end(index, ChunkState::Done);
    });
    connect(job, &ChatJob::failed, this, [this, index](const JobError &e) {
        end(index, e.code == JobError::Cancelled ? ChunkState::Cancelled : ChunkState::Failed, e);
    });
}

void TranslationRun::end(int index, ChunkState state, const JobError &error)
{
    Slot &s = m_slots[index];
    if (s.job) {
        s.job->disconnect(this);
        s.job->deleteLater();
        s.job = nullptr;
    }
    s.state = state;
    s.error = error;
    if (state == ChunkState::Done)
        Q_EMIT chunkFinished(index);
    else if (state == ChunkState::Failed)
        Q_EMIT chunkFailed(index, error);
    Q_EMIT progress(doneCount(), chunkCount());
    fill();
    if (!isActive() && !m_finishedAnnounced) {
        m_finishedAnnounced = true;
        Q_EMIT finished();
    }
}

void TranslationRun::cancel()
{
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).state == ChunkState::Pending)
            m_slots[i].state = ChunkState::Cancelled;
    }
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).state != ChunkState::Running)
            continue;
        ChatJob *job = m_slots.at(i).job;
        JobError cancelled;
        cancelled.code = JobError::Cancelled;
        if (job)
            job->disconnect(this); // its failed(Cancelled) would arrive after we moved on
        // What streamed so far is not a translation of the whole chunk: it is dropped, and the
        // chunk can be retried.
        m_slots[i].text.clear();
        end(i, ChunkState::Cancelled, cancelled);
        if (job)
            job->abort();
    }
    // Cancelled before anything ran (e.g. while the keychain was asked): still an end.
    if (!isActive() && !m_finishedAnnounced) {
        m_finishedAnnounced = true;
        Q_EMIT finished();
    }
}

bool TranslationRun::retry(int index)
{
    if (index < 0 || index >= m_slots.size())
        return false;
    const ChunkState st = m_slots.at(index).state;
    if (st != ChunkState::Failed && st != ChunkState::Cancelled)
        return false;
    m_slots[index].state = ChunkState::Pending;
    m_started = true;
    m_finishedAnnounced = false;
    fill();
    return true;
}

QString TranslationRun::result(const std::function<QString(const TextChunk &)> &missing) const
{
    QString out;
    for (int i = 0; i < m_chunks.size(); ++i) {
        const TextChunk &c = m_chunks.at(i);
        out += c.leading;
        if (m_slots.at(i).state == ChunkState::Done)
            out += m_slots.at(i).text.trimmed();
        else
            out += missing ? missing(c) : c.text;
        out += c.trailing;
    }
    return out;
}

} // namespace penpal
