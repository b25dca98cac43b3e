// Child process for tst_chatcrash: sends one prompt through the real ChatController into a
// store in --data-dir and keeps streaming until the parent kills it with SIGKILL.
#include "TestContext.h"
#include "chat/ChatController.h"

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
    parser.addOptions({dataDir, baseUrl, prompt});
    parser.process(app);

    auto ctx = penpal::test::makeTestContext(parser.value(dataDir), QUrl(parser.value(baseUrl)));
    if (!ctx)
        return 2;
    const qint64 id = ctx->chat()->send(0, parser.value(prompt));
    std::printf("conversation %lld\n", static_cast<long long>(id));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
