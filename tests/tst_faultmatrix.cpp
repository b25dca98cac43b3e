// The fault matrix: every way a reply can go wrong on the wire, run the way the app runs it -
// ChatController, the Store and the real OpenAiChatJob against a loopback server - and checked
// by what the person sees: the reply's stored state, the sentence and details of its error
// (ChatPane shows errorText's first line and offers the rest under "Details"), the partial text
// kept, whether Continue is offered, and that Regenerate afterwards gets a healthy reply.
// tests/FAULTS.md lists the same rows with the real strings.
//
// Retries are off (retryAttempts = 0): each row is about the message of one failure. TLS and
// proxy faults are tested with their own features.
#include "chat/ChatController.h"
#include "settings/Settings.h"
#include "store/Store.h"
#include "support/ChatFixture.h"
#include "support/FaultResponses.h"
#include "support/OpenAiFixtures.h"

#include <QtTest>

using namespace penpal;
using namespace penpal::test;

Q_DECLARE_METATYPE(penpal::MessageState)

namespace {

// Long enough that no healthy exchange on a loaded CI machine ever trips it.
constexpr int RelaxedIdleMs = 20000;
constexpr int RowTimeoutMs = 60000;

const QString Prompt = QStringLiteral("Hi");
const QStringList HealthyPieces{QStringLiteral("Hello"), QStringLiteral(" again")};

QByteArray stream(const QList<QByteArray> &chunks)
{
    QByteArray out;
    for (const QByteArray &c : chunks)
        out += c;
    return out;
}

} // namespace

class FaultMatrixTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fault_data();
    void fault();
    void lineTooLong();

private:
    // Sends the prompt against `fault` with a healthy reply queued behind it, checks the failed
    // (or surviving) reply, then regenerates it. Returns the first reply as stored.
    Message runThenRegenerate(ChatFixture &fx, const Response &fault, int idleTimeoutMs);
};

Message FaultMatrixTest::runThenRegenerate(ChatFixture &fx, const Response &fault, int idleTimeoutMs)
{
    Settings *settings = fx.ctx()->settings();
    ProviderProfile profile = settings->activeProfile();
    profile.retryAttempts = 0;
    profile.idleTimeoutMs = idleTimeoutMs;
    settings->saveProfile(profile);

    fx.queue(fault);
    fx.queueReply(HealthyPieces); // the route's last response repeats: every later request

    const qint64 conversation = fx.chat()->send(0, Prompt);
    if (conversation == 0) {
        QTest::qFail("send() stored nothing", __FILE__, __LINE__);
        return {};
    }
    fx.openModel(conversation);
    if (!fx.waitFinalized(1, RowTimeoutMs)) {
        QTest::qFail("the faulty reply never ended", __FILE__, __LINE__);
        return {};
    }
    return fx.store()->message(fx.lastFinalized());
}

void FaultMatrixTest::fault_data()
{
    QTest::addColumn<Response>("response");
    QTest::addColumn<int>("idleTimeoutMs");
    QTest::addColumn<MessageState>("state");
    QTest::addColumn<QString>("content");       // the reply text kept in the store
    QTest::addColumn<QString>("finishReason");  // as stored
    QTest::addColumn<QString>("sentence");      // errorText's first line; empty: no error
    QTest::addColumn<QStringList>("inDetails"); // each is somewhere in the details below it

    const MessageState complete = MessageState::Complete;
    const MessageState interrupted = MessageState::Interrupted;
    const MessageState failed = MessageState::Failed;
    const QString hel = QStringLiteral("Hel");
    const QStringList url{QStringLiteral("URL: http://127.0.0.1:"), QStringLiteral("Model: test-model")};
    const QList<QByteArray> started{openai::roleChunk(), openai::contentChunk("Hel")};

    // --- transport ---
    Response reset = Response::sse(started, 5);
    reset.body.append(Step{QByteArray(), 50}); // let the client read "Hel" before the RST
    reset.end = Response::Reset;
    QTest::newRow("reset mid-stream") << reset << RelaxedIdleMs << interrupted << hel << ""
                                      << "The connection to the server was lost before the reply finished."
                                      << url + QStringList{QStringLiteral("(after ")};

    Response stall = Response::sse(started);
    stall.end = Response::Hang;
    QTest::newRow("stall after content") << stall << 1000 << interrupted << hel << ""
                                         << "The reply stopped: no data for 1 second(s)."
                                         << url + QStringList{QStringLiteral("Timed out after 1000 ms")};

    Response silent = Response::sse(openai::helloWorldStream());
    silent.headerDelayMs = 60000;
    QTest::newRow("stall before headers")
        << silent << 1000 << failed << ""
        << ""
        << "The reply stopped: no data for 1 second(s)."
        << url + QStringList{QStringLiteral("Timed out after 1000 ms (0 bytes received).")};

    // 96 bytes, one every 100 ms: ten seconds in all, yet never a second without data.
    const QByteArray shortReply = faults::tinyChunk(R"({"content":"Hi!"})", R"("stop")") + "data: [DONE]\n\n";
    QTest::newRow("slow drip, 1 byte per 100 ms")
        << faults::drip(shortReply, 100) << 2000 << complete << "Hi!"
        << "stop"
        << "" << QStringList();

    // --- HTTP status ---
    QTest::newRow("401") << Response::json(401,
                                           R"({"error":{"message":"Incorrect API key provided: sk-test.",)"
                                           R"("type":"invalid_request_error","code":"invalid_api_key"}})")
                         << RelaxedIdleMs << failed << ""
                         << ""
                         << "The API key was rejected."
                         << url + QStringList{
                                      QStringLiteral("Server message: Incorrect API key provided: sk-test.")};
    QTest::newRow("403") << Response::json(403, R"({"error":"forbidden for this project"})") << RelaxedIdleMs
                         << failed << ""
                         << ""
                         << "The API key was rejected or lacks access (HTTP 403)."
                         << url + QStringList{QStringLiteral("Server message: forbidden for this project")};
    QTest::newRow("404")
        << Response::json(
               404,
               R"({"error":{"message":"The model `test-model` does not exist","code":"model_not_found"}})")
        << RelaxedIdleMs << failed << ""
        << ""
        << "The model or URL was not found: test-model"
        << url + QStringList{QStringLiteral("Server message: The model `test-model` does not exist")};
    Response rateLimited = Response::json(429, R"({"error":{"message":"Rate limit reached for requests"}})");
    rateLimited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("17")));
    QTest::newRow("429 with Retry-After")
        << rateLimited << RelaxedIdleMs << failed << ""
        << ""
        << "Rate limited by the server; try again in 17 second(s)."
        << url + QStringList{QStringLiteral("Rate limit reached for requests")};
    QTest::newRow("500") << Response::json(500,
                                           R"({"error":{"message":"The server had an error while processing)"
                                           R"( your request.","type":"server_error"}})")
                         << RelaxedIdleMs << failed << ""
                         << ""
                         << "The server had an error (HTTP 500)."
                         << url + QStringList{QStringLiteral(
                                      "Server message: The server had an error while processing")};
    Response html502 = Response::json(
        502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 "
             "Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n");
    html502.headers = {qMakePair(QByteArray("Content-Type"), QByteArray("text/html"))};
    QTest::newRow("502 with an HTML page")
        << html502 << RelaxedIdleMs << failed << ""
        << ""
        << "The server's reply was not understood (HTTP 502)."
        << url + QStringList{QStringLiteral("Body: 502 Bad Gateway nginx/1.25.3")};
    QTest::newRow("503") << Response::json(503,
                                           R"({"error":{"message":"The engine is currently overloaded"}})")
                         << RelaxedIdleMs << failed << ""
                         << ""
                         << "The server had an error (HTTP 503)."
                         << url + QStringList{
                                      QStringLiteral("Server message: The engine is currently overloaded")};
    // llama.cpp and others answer a request body they cannot use with 500, not 400: the
    // sentence blames the server, the server's own words are under Details.
    QTest::newRow("500 for a bad request body")
        << Response::json(500,
                          R"({"error":{"code":500,"message":"Failed to parse messages: unsupported content)"
                          R"( part type: \"input_audio\"","type":"server_error"}})")
        << RelaxedIdleMs << failed << ""
        << ""
        << "The server had an error (HTTP 500)."
        << url +
               QStringList{QStringLiteral(
                   R"(Server message: Failed to parse messages: unsupported content part type: "input_audio")")};

    // --- the stream itself ---
    QTest::newRow("malformed JSON chunk")
        << Response::sse(started +
                         QList<QByteArray>{R"(data: {"choices":[{"index":0,"delta":{"content":"lo"})"
                                           "\n\n",
                                           openai::done()})
        << RelaxedIdleMs << interrupted << hel << ""
        << "The server's reply was not understood (HTTP 200)."
        << url + QStringList{
                     QStringLiteral(R"(Malformed JSON in the stream: {"choices":[{"index":0,"delta":)")};
    // Decision: bytes that are not UTF-8 become U+FFFD (one per byte) and the reply goes on.
    QTest::newRow("invalid UTF-8 in a chunk")
        << Response::sse(started + QList<QByteArray>{openai::contentChunk("l\xff\xfeo"),
                                                     openai::finishChunk(), openai::done()})
        << RelaxedIdleMs << complete << QStringLiteral("Hell\uFFFD\uFFFDo") << "stop"
        << "" << QStringList();
    QTest::newRow("no [DONE], finish_reason given")
        << Response::sse(started + QList<QByteArray>{openai::contentChunk("lo"), openai::finishChunk()})
        << RelaxedIdleMs << complete << "Hello"
        << "stop"
        << "" << QStringList();
    QTest::newRow("no [DONE], no finish_reason")
        << Response::sse(started + QList<QByteArray>{openai::contentChunk("lo")}) << RelaxedIdleMs
        << interrupted << "Hello"
        << ""
        << "The reply was cut off before it finished."
        << url +
               QStringList{QStringLiteral("The stream ended without [DONE] after %1 bytes.")
                               .arg(stream(started + QList<QByteArray>{openai::contentChunk("lo")}).size())};
    QTest::newRow("error object in the stream")
        << Response::sse(started +
                         QList<QByteArray>{R"(data: {"error":{"message":"The server had an error while )"
                                           R"(processing your request. Sorry about that!","type":)"
                                           R"("server_error","param":null,"code":null}})"
                                           "\n\n"})
        << RelaxedIdleMs << interrupted << hel << ""
        << "The server reported an error: The server had an error while processing your request. Sorry about "
           "that!"
        << url + QStringList{QStringLiteral("Error type: server_error")};
    // llama.cpp's server: a non-standard `error:` SSE line, and [DONE] after it all the same.
    QTest::newRow("error: field after the stream started")
        << Response::sse(started +
                         QList<QByteArray>{R"(error: {"code":500,"message":"the request exceeds the )"
                                           R"(available context size, try increasing it","type":)"
                                           R"("exceed_context_size_error"})"
                                           "\n\n",
                                           openai::done()})
        << RelaxedIdleMs << interrupted << hel << ""
        << "The server reported an error: the request exceeds the available context size, try increasing it"
        << url + QStringList{QStringLiteral("Error type: exceed_context_size_error")};
}

void FaultMatrixTest::fault()
{
    QFETCH(Response, response);
    QFETCH(int, idleTimeoutMs);
    QFETCH(MessageState, state);
    QFETCH(QString, content);
    QFETCH(QString, finishReason);
    QFETCH(QString, sentence);
    QFETCH(QStringList, inDetails);

    ChatFixture fx;
    QVERIFY(fx.isValid());
    const Message reply = runThenRegenerate(fx, response, idleTimeoutMs);
    if (QTest::currentTestFailed())
        return;
    // PENPAL_PRINT_FAULTS=1: what the person sees, to keep tests/FAULTS.md true.
    if (qEnvironmentVariableIsSet("PENPAL_PRINT_FAULTS"))
        qInfo().noquote() << "\n[" << stateToString(reply.state) << "]" << reply.content << "\n"
                          << reply.errorText;

    QCOMPARE(reply.role, Role::Assistant);
    QCOMPARE(stateToString(reply.state), stateToString(state));
    QCOMPARE(reply.content, content);
    QCOMPARE(reply.finishReason, finishReason);
    // What ChatPane shows: the first line, and the rest after the blank line under "Details".
    QCOMPARE(reply.errorText.section(QLatin1Char('\n'), 0, 0), sentence);
    const QString details = reply.errorText.section(QLatin1Char('\n'), 2);
    for (const QString &part : inDetails)
        QVERIFY2(details.contains(part),
                 qPrintable(QStringLiteral("%1\n--- not in ---\n%2").arg(part, details)));
    if (!sentence.isEmpty())
        QCOMPARE(reply.errorText.section(QLatin1Char('\n'), 1, 1), QString()); // the blank line
    // Continue is offered for text that stopped early, never for a reply with nothing in it.
    QCOMPARE(fx.chat()->canContinue(reply), state == MessageState::Interrupted && !content.isEmpty());

    // Regenerate against the now healthy route: a new sibling reply, shown, complete.
    const qint64 again = fx.chat()->regenerate(reply.id);
    QVERIFY(again != 0);
    QVERIFY(fx.waitFinalized(2, RowTimeoutMs));
    const Message healthy = fx.store()->message(again);
    QCOMPARE(stateToString(healthy.state), stateToString(MessageState::Complete));
    QCOMPARE(healthy.content, HealthyPieces.join(QString()));
    QVERIFY(healthy.errorText.isEmpty());
    QCOMPARE(fx.shown(), (QStringList{Prompt, healthy.content}));
    QCOMPARE(fx.siblings(1), QStringLiteral("2/2"));
    QCOMPARE(fx.server()->requests().size(), 2);
    // The earlier reply stays as it was, reachable as the first sibling.
    const Message kept = fx.store()->message(reply.id);
    QCOMPARE(kept.content, reply.content);
    QCOMPARE(kept.errorText, reply.errorText);
    QCOMPARE(stateToString(kept.state), stateToString(reply.state));
}

void FaultMatrixTest::lineTooLong()
{
    // A 20 MB SSE line that never ends: the 16 MB bound of SseParser stops it, with a sentence,
    // before the whole line is held, and the process's peak memory shows no extra copies.
    constexpr qsizetype LineBytes = 20 * 1024 * 1024;
    ChatFixture fx;
    QVERIFY(fx.isValid());
    const bool measuring = faults::resetPeakRss();
    const qint64 before = faults::currentRssBytes();
    const Message reply = runThenRegenerate(fx, faults::endlessLine(LineBytes), RelaxedIdleMs);
    const qint64 peak = faults::peakRssBytes();
    const qint64 growth = peak - before;
    if (QTest::currentTestFailed())
        return;

    QCOMPARE(stateToString(reply.state), stateToString(MessageState::Failed));
    QVERIFY(reply.content.isEmpty());
    QCOMPARE(reply.errorText.section(QLatin1Char('\n'), 0, 0),
             QStringLiteral("The server sent a line too long to handle."));
    QVERIFY2(reply.errorText.contains(QLatin1String("A line of the stream exceeded 16777216 bytes.")),
             qPrintable(reply.errorText));

#if defined(__SANITIZE_ADDRESS__)
    Q_UNUSED(measuring)
    Q_UNUSED(growth)
    qInfo("peak memory not checked under AddressSanitizer (its allocator keeps freed memory)");
#else
    if (measuring && before > 0 && peak > 0) {
        qInfo("peak resident memory grew by %lld MB for a %lld MB line", growth >> 20, LineBytes >> 20);
        // The bounded line buffer (16 MB) plus transfer buffers (19 MB measured); the line held
        // once more as text (UTF-16: twice its bytes) would go far past this.
        QVERIFY2(growth < 40 * 1024 * 1024,
                 qPrintable(QString::number(growth >> 20) + QStringLiteral(" MB")));
    } else {
        qInfo("peak memory not checked: /proc/self/clear_refs is not writable here");
    }
#endif

    const qint64 again = fx.chat()->regenerate(reply.id);
    QVERIFY(again != 0);
    QVERIFY(fx.waitFinalized(2, RowTimeoutMs));
    QCOMPARE(fx.store()->message(again).content, HealthyPieces.join(QString()));
}

QTEST_MAIN(FaultMatrixTest)
#include "tst_faultmatrix.moc"
