// Benchmarks for the thread view (issue 3, figures (b) and (c)). Prints figures; asserts no
// times.
//  (b) open a 5,000-message, ~5 MB conversation and show its last screen
//  (c) scroll through it from top to bottom: worst and median frame time
#include "ChatView.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QtTest>

#include <time.h>

#include <algorithm>

using namespace penpal;

class BenchChatView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void openLongConversation();
    void scrollTopToBottom();

private:
    QTemporaryDir m_dir;
    Store m_store;
    qint64 m_conv = 0;
};

static qint64 threadCpuMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

static QString messageText(int i)
{
    // ~1 KB of typical Markdown: a paragraph, a list, sometimes code.
    QString t = QStringLiteral("Message %1. ").arg(i);
    t += QStringLiteral("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
                        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
                        "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n\n");
    t += QStringLiteral("- first point with **bold** text\n- second point with `code`\n- third point\n\n");
    if (i % 3 == 0)
        t += QStringLiteral("```cpp\nint main() {\n    return %1;\n}\n```\n\n").arg(i);
    t += QStringLiteral(
        "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat "
        "nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia "
        "deserunt mollit anim id est laborum. 中文也在这里。\n\n");
    t += QStringLiteral(
        "> Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque "
        "laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi "
        "architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas "
        "sit aspernatur aut odit aut fugit, sed quia consequuntur magni dolores eos.");
    return t;
}

void BenchChatView::initTestCase()
{
    QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("bench.db"))));
    Conversation c;
    c.title = QStringLiteral("long");
    m_conv = m_store.createConversation(c);
    qint64 parent = 0;
    qint64 bytes = 0;
    for (int i = 0; i < 5000; ++i) {
        Message m;
        m.conversationId = m_conv;
        m.parentId = parent;
        m.role = i % 2 ? Role::Assistant : Role::User;
        m.content = messageText(i);
        bytes += m.content.toUtf8().size();
        parent = m_store.addMessage(m);
    }
    qInfo("conversation: 5000 messages, %.1f MB of text", bytes / 1e6);
}

void BenchChatView::openLongConversation()
{
    QVector<qint64> times;
    int laidOut = 0;
    for (int run = 0; run < 7; ++run) {
        MessageListModel model(&m_store);
        ChatView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QElapsedTimer t;
        t.start();
        view.setModel(&model);
        model.openConversation(m_conv);
        view.viewport()->repaint(); // the last screen, painted
        times << t.nsecsElapsed() / 1000;
        laidOut = view.laidOutCount();
    }
    std::sort(times.begin(), times.end());
    qInfo("(b) open 5,000-message conversation to last screen: median %.1f ms, best %.1f ms, worst %.1f ms "
          "(%d messages laid out)",
          times.at(times.size() / 2) / 1000.0, times.first() / 1000.0, times.last() / 1000.0, laidOut);
}

void BenchChatView::scrollTopToBottom()
{
    MessageListModel model(&m_store);
    ChatView view;
    view.resize(900, 700);
    view.setModel(&model);
    model.openConversation(m_conv);
    while (model.canFetchMore({}))
        model.fetchMore({});
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.scrollToRow(0);
    view.viewport()->repaint();

    // One frame = one wheel notch (three lines) of scrolling and the repaint that follows;
    // between frames the event loop runs for up to 8 ms, as it would between real wheel events.
    // Wall time and the GUI thread's own CPU time per frame: on a shared machine the worst
    // wall-clock frames include time the thread spent descheduled, which CPU time leaves out.
    QVector<qint64> frames;
    QVector<qint64> cpuFrames;
    QElapsedTimer t;
    int guard = 0;
    while (!view.isAtBottom() && ++guard < 200000) {
        const qint64 cpuStart = threadCpuMicros();
        t.start();
        QWheelEvent wheel(QPointF(100, 100), view.mapToGlobal(QPointF(100, 100)), QPoint(), QPoint(0, -120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &wheel);
        view.viewport()->repaint();
        frames << t.nsecsElapsed() / 1000;
        cpuFrames << threadCpuMicros() - cpuStart;
        // Idle time between two wheel events: at 60 events a second there are ~15 ms; the view
        // gets at most 8 ms of it to prefetch (one message per event-loop turn).
        QElapsedTimer idle;
        idle.start();
        do
            QCoreApplication::processEvents();
        while (view.isPrefetching() && idle.elapsed() < 8);
    }
    std::sort(frames.begin(), frames.end());
    qInfo("(c) scroll top to bottom: %lld frames, median %.2f ms, 99th percentile %.2f ms, worst %.2f ms",
          static_cast<long long>(frames.size()), frames.at(frames.size() / 2) / 1000.0,
          frames.at(frames.size() * 99 / 100) / 1000.0, frames.last() / 1000.0);
    std::sort(cpuFrames.begin(), cpuFrames.end());
    qInfo(
        "(c) the same frames in GUI-thread CPU time: median %.2f ms, 99th percentile %.2f ms, worst %.2f ms",
        cpuFrames.at(cpuFrames.size() / 2) / 1000.0, cpuFrames.at(cpuFrames.size() * 99 / 100) / 1000.0,
        cpuFrames.last() / 1000.0);
}

QTEST_MAIN(BenchChatView)
#include "bench_chatview.moc"
