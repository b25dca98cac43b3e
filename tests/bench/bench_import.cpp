// Import throughput and memory: a generated ChatGPT-shaped conversations.json (about
// PENPAL_BENCH_IMPORT_MB megabytes, default 100: many conversations with branches, thoughts,
// tool output, English and Chinese text) imported into an empty history. Prints MB/s and
// memory: VmHWM (the process's peak) and how far the resident size grew during the import,
// which stays bounded by the largest conversation, not by the file. Never asserts on time.
#include "../support/ChatGptExportGenerator.h"
#include "history/Importer.h"
#include "store/SearchBacklog.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

#include <sys/resource.h>

using namespace penpal;

namespace {

// A "VmXxx:   1234 kB" line of /proc/self/status, in kB; -1 when unavailable.
qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Resets VmHWM to the current resident size (Linux 4.0+), so that the peak is the import's.
bool resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

// CPU seconds this process used so far: on a shared, loaded machine a fairer measure than
// the wall clock.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 megabytes = qEnvironmentVariableIsSet("PENPAL_BENCH_IMPORT_MB")
                                 ? qEnvironmentVariableIntValue("PENPAL_BENCH_IMPORT_MB")
                                 : 100;
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/penpal-bench-import-XXXXXX"));
    if (!dir.isValid())
        return 1;
    const QString json = dir.filePath(QStringLiteral("conversations.json"));

    QElapsedTimer timer;
    timer.start();
    const test::GeneratedExport generated = test::writeChatGptExport(json, megabytes * 1024 * 1024);
    std::printf("generated %.1f MB: %d conversations, %d messages to keep (%.1f s)\n",
                generated.bytes / 1048576.0, generated.conversations, generated.keptMessages,
                timer.elapsed() / 1000.0);

    const QString dbPath = dir.filePath(QStringLiteral("history.sqlite"));
    {
        Store store;
        if (!store.open(dbPath)) {
            std::printf("cannot open the store: %s\n", qPrintable(store.lastError()));
            return 1;
        }
    }

    // Diagnostic: without the search index's triggers, to tell parsing and row writing apart
    // from indexing the text.
    if (qEnvironmentVariableIsSet("PENPAL_BENCH_IMPORT_NO_FTS")) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("nofts"));
            db.setDatabaseName(dbPath);
            db.open();
            QSqlQuery q(db);
            QStringList triggers;
            q.exec(QStringLiteral(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'"));
            while (q.next())
                triggers << q.value(0).toString();
            for (const QString &t : triggers)
                q.exec(QStringLiteral("DROP TRIGGER %1").arg(t));
            std::printf("dropped %lld search triggers\n", static_cast<long long>(triggers.size()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("nofts"));
    }

    const bool peakReset = resetPeak();
    const qint64 rssBefore = statusKb("VmRSS");
    qint64 rssMax = rssBefore;
    Importer importer(dbPath, json);
    importer.setProgress([&](qint64, qint64) { rssMax = qMax(rssMax, statusKb("VmRSS")); });
    timer.restart();
    const double cpuBefore = cpuSeconds();
    const ImportResult r = importer.run();
    const qint64 ms = qMax<qint64>(1, timer.elapsed());
    const double cpu = qMax(0.001, cpuSeconds() - cpuBefore);
    if (!r.ok) {
        std::printf("import failed: %s\n", qPrintable(r.error));
        return 1;
    }
    if (r.imported != generated.conversations || r.messages != generated.keptMessages) {
        std::printf("imported %d conversations / %d messages, expected %d / %d\n", r.imported, r.messages,
                    generated.conversations, generated.keptMessages);
        return 1;
    }
    const double mb = generated.bytes / 1048576.0;
    std::printf(
        "import: %.1f MB in %.2f s = %.1f MB/s (%d conversations, %d messages, %.0f conversations/s)\n", mb,
        ms / 1000.0, mb * 1000.0 / ms, r.imported, r.messages, r.imported * 1000.0 / ms);
    std::printf("cpu: %.2f s (user + system) = %.1f MB per CPU second\n", cpu, mb / cpu);
    std::printf(
        "memory: VmHWM %lld kB%s; VmRSS before %lld kB, max during import %lld kB (+%lld kB = %.1f%% of "
        "the file)\n",
        statusKb("VmHWM"), peakReset ? " (peak reset before the import)" : " (whole process)", rssBefore,
        rssMax, rssMax - rssBefore, (rssMax - rssBefore) * 100.0 / (generated.bytes / 1024.0));
    // What ImportJob does next: the committed messages are indexed for search (SearchBacklog).
    timer.restart();
    QString indexError;
    if (!SearchBacklog::indexPending(dbPath, nullptr, &indexError)) {
        std::printf("indexing failed: %s\n", qPrintable(indexError));
        return 1;
    }
    const qint64 indexMs = qMax<qint64>(1, timer.elapsed());
    std::printf("search indexing after the commit: %.2f s (%.1f MB/s of the file); import + indexing "
                "%.1f MB/s\n",
                indexMs / 1000.0, mb * 1000.0 / indexMs, mb * 1000.0 / (ms + indexMs));
    std::printf("database: %.1f MB\n", QFileInfo(dbPath).size() / 1048576.0);
    return 0;
}
