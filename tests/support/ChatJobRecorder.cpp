#include "support/ChatJobRecorder.h"

#include <QTest>

#include <utility>

namespace penpal::test {

ChatJobRecorder::ChatJobRecorder(ChatJob *job)
{
    connect(job, &ChatJob::contentDelta, this, [this](const QString &t) {
        if (content.isEmpty() && onFirstContent)
            std::exchange(onFirstContent, nullptr)();
        content += t;
        log << QStringLiteral("content:") + t;
    });
    connect(job, &ChatJob::reasoningDelta, this, [this](const QString &t) {
        reasoning += t;
        log << QStringLiteral("reasoning:") + t;
    });
    connect(job, &ChatJob::usageReported, this, [this](const TokenUsage &u) {
        usages << u;
        log << QStringLiteral("usage");
    });
    connect(job, &ChatJob::finished, this, [this](const QString &reason) {
        finishReasons << reason;
        log << QStringLiteral("finished:") + reason;
    });
    connect(job, &ChatJob::failed, this, [this](const JobError &e) {
        errors << e;
        log << QStringLiteral("failed:%1").arg(int(e.code));
    });
}

bool ChatJobRecorder::waitForTerminal(int timeoutMs) const
{
    return QTest::qWaitFor([this] { return terminalCount() > 0; }, timeoutMs);
}

void ChatJobRecorder::settle(int ms) const
{
    QTest::qWait(ms);
}

} // namespace penpal::test
