// A reply is streaming when the process dies with SIGKILL: the prompt and all text that
// arrived more than a second before the kill must be in the database, shown as interrupted.
#include "TestContext.h"
#include "TestHttpServer.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

class TestChatCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedWhileStreamingKeepsPromptAndText();
};

void TestChatCrash::killedWhileStreamingKeepsPromptAndText()
{
    const QString child = qEnvironmentVariable("PENPAL_CRASH_CHILD");
    if (child.isEmpty())
        QSKIP("PENPAL_CRASH_CHILD is not set (run through ctest)");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TestHttpServer server;
    QVERIFY(server.listen());

    // 80 pieces, one every 100 ms: the child is killed well before the end.
    QStringList pieces;
    for (int i = 0; i < 80; ++i)
        pieces << QStringLiteral("piece%1 ").arg(i, 2, 10, QLatin1Char('0'));
    const QList<QByteArray> chunks = openAiStream(pieces);
    Response r = Response::sse(chunks, 100);
    server.route("POST", "/v1/chat/completions", r);

    // Record when each piece left the server.
    QElapsedTimer clock;
    QVector<qint64> sentAt; // index: piece number
    qint64 bodyBytes = 0;
    QVector<qint64> chunkEnds;
    for (const QByteArray &c : chunks) {
        bodyBytes += c.size();
        chunkEnds << bodyBytes;
    }
    connect(&server, &TestHttpServer::bytesWritten, this, [&](qint64 total) {
        // chunk 0 is the role delta; chunk k (1..80) carries piece k-1
        while (sentAt.size() + 1 < chunkEnds.size() && chunkEnds.at(sentAt.size() + 1) <= total)
            sentAt << clock.elapsed();
    });

    const QString prompt = QStringLiteral("Count slowly, please. 慢慢数。");
    QProcess proc;
    proc.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    proc.setProcessEnvironment(env);
    clock.start();
    proc.start(child, {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--base-url"),
                       server.baseUrl().toString(), QStringLiteral("--prompt"), prompt});
    QVERIFY(proc.waitForStarted());

    // Let about 3 seconds of text stream, then kill -9.
    QTRY_VERIFY_WITH_TIMEOUT(sentAt.size() >= 30, 20000);
    proc.kill(); // SIGKILL on Unix
    const qint64 killedAt = clock.elapsed();
    QVERIFY(proc.waitForFinished(5000));
    QCOMPARE(proc.exitStatus(), QProcess::CrashExit);
    QVERIFY(proc.readAllStandardOutput().startsWith("conversation "));

    Store store;
    QVERIFY2(store.open(QDir(dir.path()).filePath(QStringLiteral("penpal.db"))),
             qPrintable(store.lastError()));
    const auto conversations = store.conversations();
    QCOMPARE(conversations.size(), 1);
    const QVector<Message> thread = store.thread(conversations.first().id);
    QCOMPARE(thread.size(), 2);
    QCOMPARE(thread.at(0).role, Role::User);
    QCOMPARE(thread.at(0).content, prompt);
    QCOMPARE(thread.at(0).state, MessageState::Complete);

    const Message &reply = thread.at(1);
    QCOMPARE(reply.role, Role::Assistant);
    QCOMPARE(reply.state, MessageState::Interrupted); // was "streaming" when the process died
    const QString full = pieces.join(QString());
    QVERIFY2(full.startsWith(reply.content), qPrintable(reply.content));
    // Every piece sent more than a second before the kill is there.
    int mustHave = 0;
    for (int i = 0; i < sentAt.size(); ++i) {
        if (sentAt.at(i) <= killedAt - 1000)
            mustHave = i + 1;
    }
    QVERIFY(mustHave >= 10);
    const QString expectedPrefix = pieces.mid(0, mustHave).join(QString());
    QVERIFY2(reply.content.startsWith(expectedPrefix),
             qPrintable(QStringLiteral("stored %1 chars, needed the first %2 pieces")
                            .arg(reply.content.size())
                            .arg(mustHave)));
}

QTEST_GUILESS_MAIN(TestChatCrash)
#include "tst_chatcrash.moc"
