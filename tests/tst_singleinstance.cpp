// SingleInstance: a second launch hands its command line to the running Penpal over a local
// socket and exits; a socket left by a crashed instance does not block the next start; other
// data directories are other instances. The last case runs the real executable twice.
#include "chat/SingleInstance.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using penpal::SingleInstance;

class TestSingleInstance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keyDependsOnTheDataDirectory();
    void secondLaunchHandsOverItsArguments();
    void nobodyRunningMeansNoHandOver();
    void socketLeftByACrashIsReplaced();
    void aRunningInstanceIsNotReplaced();
    void executableHandsOverAndExits();

private:
    static QString uniqueKey()
    {
        return QStringLiteral("penpal-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    }
};

void TestSingleInstance::keyDependsOnTheDataDirectory()
{
    const QString a = SingleInstance::keyFor(QStringLiteral("/home/someone/.local/share/penpal"));
    QCOMPARE(SingleInstance::keyFor(QStringLiteral("/home/someone/.local/share/penpal")), a);
    QVERIFY(SingleInstance::keyFor(QStringLiteral("/media/usb/penpal-portable")) != a);
    // Short and plain enough for a socket path, whatever the directory is called.
    const QString odd =
        SingleInstance::keyFor(QStringLiteral("/tmp/数据 dir/with spaces/") + QString(300, QLatin1Char('x')));
    QVERIFY(odd.size() < 60);
    QVERIFY(!odd.contains(QLatin1Char('/')) && !odd.contains(QLatin1Char(' ')));
}

void TestSingleInstance::secondLaunchHandsOverItsArguments()
{
    const QString key = uniqueKey();
    SingleInstance running(key);
    QVERIFY(running.listen());
    QVERIFY(running.isListening());
    QSignalSpy received(&running, &SingleInstance::argumentsReceived);

    const QStringList arguments{QStringLiteral("penpal"), QStringLiteral("--translate"),
                                QStringLiteral("--to"), QStringLiteral("简体中文")};
    // The second launch blocks in QLocalSocket's waits until the running one answers, and
    // those waits do not run this thread's event loop: here it runs in a thread of its own.
    bool handed = false;
    QThread *thread = QThread::create([&] {
        SingleInstance second(key);
        handed = second.handOver(arguments);
    });
    thread->start();
    QTRY_COMPARE(received.count(), 1);
    QVERIFY(thread->wait(5000));
    delete thread;
    QVERIFY(handed);
    QCOMPARE(received.first().first().toStringList(), arguments);
}

void TestSingleInstance::nobodyRunningMeansNoHandOver()
{
    SingleInstance alone(uniqueKey());
    QVERIFY(!alone.handOver({QStringLiteral("penpal")}));
    QVERIFY(alone.listen());
}

void TestSingleInstance::socketLeftByACrashIsReplaced()
{
    // A process killed with -9 leaves its socket file behind, bound to nobody.
    const QString key = uniqueKey();
    const QByteArray path = QDir(QDir::tempPath()).absoluteFilePath(key).toLocal8Bit();
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    qstrncpy(addr.sun_path, path.constData(), sizeof(addr.sun_path));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
    ::close(fd); // bound, never listened: what a crash leaves
    QVERIFY(QFileInfo::exists(QString::fromLocal8Bit(path)));

    SingleInstance next(key);
    QVERIFY(!next.handOver({QStringLiteral("penpal")}, 500));
    QVERIFY2(next.listen(), qPrintable(next.errorString()));
}

void TestSingleInstance::aRunningInstanceIsNotReplaced()
{
    const QString key = uniqueKey();
    SingleInstance first(key);
    QVERIFY(first.listen());
    SingleInstance second(key);
    QVERIFY(!second.listen());
    QVERIFY(second.errorString().contains(QStringLiteral("already running")));
    QVERIFY(first.isListening());
}

void TestSingleInstance::executableHandsOverAndExits()
{
    const QString exe =
        QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../penpal"));
    if (!QFileInfo::exists(exe))
        QSKIP("the penpal executable is not built next to the tests");
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("penpal.app.info=true"));

    QProcess first;
    first.setProcessEnvironment(env);
    first.start(exe, {QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(first.waitForStarted());
    // Up once it listens.
    const QString key = SingleInstance::keyFor(dir.path());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QLocalSocket probe;
            probe.connectToServer(key);
            return probe.waitForConnected(200);
        }(),
        30000);

    QProcess second;
    second.setProcessEnvironment(env);
    second.start(exe, {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--translate")});
    QVERIFY(second.waitForFinished(30000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QByteArray log;
    QTRY_VERIFY_WITH_TIMEOUT((log += first.readAllStandardError()).contains("handed over its command line"),
                             10000);
    QCOMPARE(first.state(), QProcess::Running);

    // Another data directory is another Penpal: it does not hand over (and keeps running).
    QTemporaryDir other;
    QProcess third;
    third.setProcessEnvironment(env);
    third.start(exe, {QStringLiteral("--data-dir"), other.path()});
    QVERIFY(third.waitForStarted());
    QVERIFY(!third.waitForFinished(1500));
    third.kill();
    third.waitForFinished();
    first.kill();
    first.waitForFinished();
}

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
