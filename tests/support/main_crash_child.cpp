// Child process for tst_chatcrash: sends one prompt through the real ChatController into a
// store in --data-dir and keeps streaming until the parent kills it with SIGKILL.
// With --draft-autosave (tst_store_drafts) it instead creates a Draft document and saves a
// growing text into it with Store::saveDocumentContent, printing "saved <length>" after each
// save returned, until it is killed.
#include "DraftCrashText.h"
#include "TestContext.h"
#include "chat/ChatController.h"
#include "store/Store.h"

#include <QDir>
#include <QTimer>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QString(), QStringLiteral("dir"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"), QString(), QStringLiteral("url"));
    const QCommandLineOption prompt(QStringLiteral("prompt"), QString(), QStringLiteral("text"));
    const QCommandLineOption draftAutosave(QStringLiteral("draft-autosave"));
    parser.addOptions({dataDir, baseUrl, prompt, draftAutosave});
    parser.process(app);

    if (parser.isSet(draftAutosave)) {
        penpal::Store store;
        if (!store.open(QDir(parser.value(dataDir)).filePath(QStringLiteral("penpal.db"))))
            return 2;
        const qint64 id = store.createDocument(QStringLiteral("Crash draft"));
        if (id == 0)
            return 3;
        std::printf("document %lld\n", static_cast<long long>(id));
        std::fflush(stdout);
        int step = 0;
        QTimer timer;
        QObject::connect(&timer, &QTimer::timeout, &app, [&] {
            const int length = penpal::test::draftCrashLength(step++);
            if (!store.saveDocumentContent(id, penpal::test::draftCrashText(length))) {
                QCoreApplication::exit(4);
                return;
            }
            std::printf("saved %d\n", length);
            std::fflush(stdout);
        });
        timer.start(5);
        return QCoreApplication::exec();
    }

    auto ctx = penpal::test::makeTestContext(parser.value(dataDir), QUrl(parser.value(baseUrl)));
    if (!ctx)
        return 2;
    const qint64 id = ctx->chat()->send(0, parser.value(prompt));
    std::printf("conversation %lld\n", static_cast<long long>(id));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
