// Penpal's entry point: application set-up, translators, command line, wiring. Nothing else.
#include "DatabaseRecoveryDialog.h"
#include "MainWindow.h"
#include "chat/AppContext.h"
#include "chat/CommandLine.h"
#include "history/BackupManager.h"

#include <QApplication>
#include <QClipboard>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>
#include <QTranslator>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("penpal"));
    QApplication::setApplicationDisplayName(QStringLiteral("Penpal"));
    QApplication::setOrganizationName(QStringLiteral("penpal"));
    QApplication::setApplicationVersion(QStringLiteral(PENPAL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("penpal"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("penpal"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    // Help, version and mistakes (an unknown --to language: exit code 2) end here, before
    // anything is opened.
    penpal::CommandLine commandLine;
    if (const int exitCode = commandLine.finish(commandLine.parse(QApplication::arguments())); exitCode >= 0)
        return exitCode;

    penpal::AppContext ctx(penpal::AppContext::defaultPaths(commandLine.dataDir()));
    // A damaged database is not a dead end: the newest good backup can take its place.
    const bool opened = ctx.open() || (ctx.openOutcome() == penpal::AppContext::OpenOutcome::Corrupt &&
                                       penpal::DatabaseRecoveryDialog::recover(&ctx));
    if (!opened && ctx.openOutcome() == penpal::AppContext::OpenOutcome::Corrupt)
        return 1; // the user chose to quit; the dialog said everything
    if (!opened) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Penpal"),
                              QApplication::translate("main", "Your conversations could not be opened.\n\n%1")
                                  .arg(ctx.lastError()));
        return 1;
    }
    penpal::MainWindow window(&ctx);
    window.show();
    // --translate: once the window is up, so that the workspace appears where the user looks.
    if (commandLine.translateClipboard()) {
        QTimer::singleShot(0, &window, [&window, &commandLine] {
            window.quickTranslate(QGuiApplication::clipboard()->text(), commandLine.targetLanguage());
        });
    }
    // Start-up benchmarks (tests/bench/bench_history_scale) time the whole process: it quits as
    // soon as the events of the first show are handled.
    if (qEnvironmentVariableIsSet("PENPAL_QUIT_AFTER_START"))
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    // The daily copy, on a worker thread; its first check waits until the window is settled so
    // that reading a large file does not compete with start-up.
    ctx.backups()->start(60 * 60 * 1000, 20 * 1000);
    return QApplication::exec();
}
