// Penpal's entry point: application set-up, translators, command line, wiring. Nothing else.
#include "DatabaseRecoveryDialog.h"
#include "MainWindow.h"
#include "chat/AppContext.h"
#include "chat/CommandLine.h"
#include "chat/SingleInstance.h"
#include "history/BackupManager.h"
#include "settings/Settings.h"

#include <QApplication>
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
    // Wayland compositors find the icon and name through the desktop entry's id.
    QApplication::setDesktopFileName(QStringLiteral("io.github.penpal.Penpal"));

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

    const penpal::AppContext::Paths paths = penpal::AppContext::defaultPaths(commandLine.dataDir());
    // A second launch gives its command line to the Penpal already running on this history.
    penpal::SingleInstance instance(penpal::SingleInstance::keyFor(paths.dataDir));
    if (instance.handOver(commandLine.handOverArguments()))
        return 0;

    penpal::AppContext ctx(paths);
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
    // --profile names a profile from the settings, which only now are read.
    if (const int exitCode = commandLine.finish(commandLine.resolveProfile(ctx.settings()->profiles()));
        exitCode >= 0)
        return exitCode;
    penpal::MainWindow window(&ctx);
    window.show();
    instance.listen();
    QObject::connect(&instance, &penpal::SingleInstance::argumentsReceived, &window,
                     [&window](const QStringList &arguments) {
                         penpal::CommandLine handed;
                         if (handed.parse(arguments) != penpal::CommandLine::Outcome::Run)
                             return; // the other launch printed help or the error itself
                         window.handleCommandLine(handed);
                     });
    // --new, --draft, --translate...: once the window is up, so that they appear where the user looks.
    QTimer::singleShot(0, &window, [&window, &commandLine] { window.handleCommandLine(commandLine); });
    // Start-up benchmarks (tests/bench/bench_history_scale) time the whole process: it quits as
    // soon as the events of the first show are handled.
    if (qEnvironmentVariableIsSet("PENPAL_QUIT_AFTER_START"))
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    // The daily copy, on a worker thread; its first check waits until the window is settled so
    // that reading a large file does not compete with start-up.
    ctx.backups()->start(60 * 60 * 1000, 20 * 1000);
    return QApplication::exec();
}
