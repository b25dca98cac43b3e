// Backups at scale (issue 5): on a large database ($PENPAL_BENCH_DB, default the 1M-message
// file bench_history_scale generates) prints
//  (a) the start-up check (DatabaseFile::probe) against an empty database's,
//  (b) reading a backup's counts for the Backups page,
//  (c) a daily backup (integrity_check + VACUUM INTO) on the worker thread: its duration and
//      the longest the GUI thread's event loop went without running meanwhile.
// Asserts no times.
#include "history/BackupManager.h"
#include "history/DatabaseFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimer>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <functional>

using namespace penpal;

namespace {

// The first run separately: with the file out of the page cache (posix_fadvise DONTNEED
// before the run) it is the cold start.
double g_firstMs = 0;

double medianMs(const std::function<void()> &f, int runs = 5)
{
    QVector<double> t;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        t << timer.nsecsElapsed() / 1e6;
        if (i == 0)
            g_firstMs = t.last();
    }
    std::sort(t.begin(), t.end());
    return t.at(t.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString env = qEnvironmentVariable("PENPAL_BENCH_DB");
    const QString path = env.isEmpty() ? QStringLiteral("/tmp/penpal-bench-1m.sqlite") : env;
    if (!QFileInfo::exists(path)) {
        qInfo("bench_backups: %s missing; run bench_history_scale first or set PENPAL_BENCH_DB",
              qPrintable(path));
        return 0;
    }
    const QString real = QFileInfo(path).canonicalFilePath();
    qInfo("database %s, %.0f MB", qPrintable(real), QFileInfo(real).size() / 1e6);

    QTemporaryDir dir;
    const QString empty = QDir(dir.path()).filePath(QStringLiteral("empty.db"));
    {
        QFile f(empty);
        f.open(QIODevice::WriteOnly);
    }
    DatabaseFile::Probe probe;
    const double big = medianMs([&] { probe = DatabaseFile::probe(real); });
    const double bigFirst = g_firstMs;
    const double small = medianMs([&] { DatabaseFile::probe(empty); });
    qInfo("(a) start-up check: empty %.2f ms, large %.2f ms (first run %.2f ms) (%s)", small, big, bigFirst,
          probe.health == DatabaseFile::Health::Ok ? "ok" : qPrintable(probe.detail));

    // Cold: the file dropped from the page cache before each single run (Linux only).
    for (int pages : {1, 64, 256, 512, 2048}) {
        const int fd = ::open(QFile::encodeName(real).constData(), O_RDONLY);
        if (fd < 0 || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0)
            break;
        ::close(fd);
        QElapsedTimer t;
        t.start();
        DatabaseFile::probe(real, pages);
        qInfo("    cold start-up check sampling %d pages: %.1f ms", pages, t.nsecsElapsed() / 1e6);
    }

    DatabaseFile::Counts counts;
    const double countMs = medianMs([&] { counts = DatabaseFile::counts(real); }, 3);
    qInfo("(b) counts for the Backups page: %.0f ms (%d conversations, %d messages)", countMs,
          counts.conversations, counts.messages);

    BackupManager backups(real, nullptr);
    backups.setBackupDir(QDir(dir.path()).filePath(QStringLiteral("backups")));
    QElapsedTimer total;
    QElapsedTimer sinceTick;
    qint64 worstGapMs = 0;
    QTimer tick;
    tick.setInterval(5);
    QObject::connect(&tick, &QTimer::timeout, [&] { worstGapMs = qMax(worstGapMs, sinceTick.restart()); });
    QObject::connect(&backups, &BackupManager::backupFinished,
                     [&](BackupManager::Result r, const QString &file, const QString &detail) {
                         tick.stop();
                         qInfo("(c) daily backup on the worker: %.1f s, result %d %s, %.0f MB; GUI thread's "
                               "longest gap %lld ms",
                               total.elapsed() / 1000.0, int(r), qPrintable(detail),
                               QFileInfo(file).size() / 1e6, worstGapMs);
                         app.quit();
                     });
    total.start();
    sinceTick.start();
    tick.start();
    backups.backUpNow(BackupInfo::Daily);
    return app.exec();
}
