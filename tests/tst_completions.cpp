// The legacy Completions API ("Raw completion"): recorded transcripts replayed through the SSE
// parser and the decoder in every chunking, the same transcripts through a real job against a
// loopback server, the request body field by field, and how the prompt is made.
#include "net/ChatJob.h"
#include "net/CompletionsProvider.h"
#include "net/CompletionsRequestBuilder.h"
#include "net/OpenAiStreamDecoder.h"
#include "net/ProviderFactory.h"
#include "net/SseParser.h"
#include "support/OpenAiFixtures.h"
#include "support/TestHttpServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QtTest>

#include <memory>

Q_DECLARE_METATYPE(penpal::SamplingParams)
Q_DECLARE_METATYPE(QVector<penpal::ChatTurn>)

using namespace penpal;
using namespace penpal::test;

namespace {

// What a transcript means, per choice index: all its text and its finish reason.
struct Outcome {
    QMap<int, QString> text;
    QMap<int, QString> finish;
    TokenUsage usage;
    bool done = false;
    QStringList errors;
    bool operator==(const Outcome &o) const
    {
        return text == o.text && finish == o.finish && usage == o.usage && done == o.done &&
               errors == o.errors;
    }
};

QString describe(const Outcome &o)
{
    QStringList parts;
    for (auto it = o.text.cbegin(); it != o.text.cend(); ++it)
        parts << QStringLiteral("%1:\"%2\"").arg(it.key()).arg(it.value());
    for (auto it = o.finish.cbegin(); it != o.finish.cend(); ++it)
        parts << QStringLiteral("finish%1:%2").arg(it.key()).arg(it.value());
    parts << QStringLiteral("usage:%1/%2/%3")
                 .arg(o.usage.promptTokens)
                 .arg(o.usage.completionTokens)
                 .arg(o.usage.totalTokens);
    parts << QStringLiteral("done:%1").arg(o.done);
    parts << o.errors;
    return parts.join(QStringLiteral(", "));
}

QString fixtureDir()
{
    return QStringLiteral(PENPAL_FIXTURES_DIR "/completions");
}

QByteArray readFixture(const QString &file)
{
    QFile f(fixtureDir() + QLatin1Char('/') + file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// NAME.expected.json, written by hand: {"done", "choices": {"0": {"text", "finish"}}, "usage": [p, c, t]}
bool loadExpected(const QString &name, Outcome *out)
{
    const QJsonObject root =
        QJsonDocument::fromJson(readFixture(name + QStringLiteral(".expected.json"))).object();
    if (root.isEmpty())
        return false;
    out->done = root.value(QLatin1String("done")).toBool();
    const QJsonObject choices = root.value(QLatin1String("choices")).toObject();
    for (auto it = choices.begin(); it != choices.end(); ++it) {
        const QJsonObject c = it.value().toObject();
        out->text.insert(it.key().toInt(), c.value(QLatin1String("text")).toString());
        out->finish.insert(it.key().toInt(), c.value(QLatin1String("finish")).toString());
    }
    const QJsonArray usage = root.value(QLatin1String("usage")).toArray();
    if (usage.size() == 3) {
        out->usage.promptTokens = usage.at(0).toInt();
        out->usage.completionTokens = usage.at(1).toInt();
        out->usage.totalTokens = usage.at(2).toInt();
    }
    return !out->text.isEmpty();
}

QStringList streamNames()
{
    QStringList names;
    for (const QString &file :
         QDir(fixtureDir()).entryList({QStringLiteral("*.sse")}, QDir::Files, QDir::Name))
        names << file.chopped(4);
    return names;
}

// Splits `bytes` at random places (a fixed seed per row, so a failure can be replayed).
QList<QByteArray> randomChunks(const QByteArray &bytes, quint32 seed, int maxChunk)
{
    QRandomGenerator rng(seed);
    QList<QByteArray> chunks;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype n = 1 + rng.bounded(maxChunk);
        chunks << bytes.mid(at, n);
        at += n;
    }
    return chunks;
}

Outcome decodeChunks(const QList<QByteArray> &chunks)
{
    SseParser parser;
    OpenAiStreamDecoder decoder(OpenAiStreamDecoder::Shape::Completions);
    decoder.setAllChoices(true);
    Outcome o;
    for (const QByteArray &chunk : chunks) {
        for (const SseEvent &sse : parser.feed(chunk)) {
            for (const ChatStreamEvent &e : decoder.decode(sse)) {
                switch (e.kind) {
                case ChatStreamEvent::Content:
                    o.text[e.index] += e.text;
                    break;
                case ChatStreamEvent::Finish:
                    o.finish[e.index] = e.text;
                    break;
                case ChatStreamEvent::Usage:
                    o.usage = e.usage;
                    break;
                case ChatStreamEvent::Done:
                    o.done = true;
                    break;
                case ChatStreamEvent::Error:
                    o.errors << e.text;
                    break;
                case ChatStreamEvent::Reasoning:
                    o.errors << QStringLiteral("unexpected reasoning");
                    break;
                }
            }
        }
    }
    return o;
}

// Records a job's reply and alternatives as an Outcome.
struct JobOutcome : Outcome {
    int terminal = 0;
    explicit JobOutcome(ChatJob *job)
    {
        QObject::connect(job, &ChatJob::contentDelta, [this](const QString &t) { text[0] += t; });
        QObject::connect(job, &ChatJob::alternativeDelta, [this](int i, const QString &t) { text[i] += t; });
        QObject::connect(job, &ChatJob::alternativeFinished,
                         [this](int i, const QString &r) { finish[i] = r; });
        QObject::connect(job, &ChatJob::usageReported, [this](const TokenUsage &u) { usage = u; });
        QObject::connect(job, &ChatJob::finished, [this](const QString &r) {
            finish[0] = r;
            done = true;
            ++terminal;
        });
        QObject::connect(job, &ChatJob::failed, [this](const JobError &e) {
            errors << QString::number(e.code);
            ++terminal;
        });
    }
};

ChatRequest rawRequest(const QString &prompt)
{
    ChatRequest r;
    r.model = QStringLiteral("base-model");
    r.turns = {{Role::User, prompt}};
    return r;
}

} // namespace

class TestCompletions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void transcriptsInAnyChunking_data();
    void transcriptsInAnyChunking();
    void transcriptsThroughJob_data();
    void transcriptsThroughJob();
    void requestBody_data();
    void requestBody();
    void requestBodyBytes();
    void prompt_data();
    void prompt();
    void choiceZeroOnlyWithoutN();
    void errorMidStreamKeepsTheText();
    void modelListFromModels();

private:
    std::unique_ptr<ChatJob> start(const QUrl &base, const ChatRequest &request, const QString &key = {});
    QNetworkAccessManager m_nam;
};

std::unique_ptr<ChatJob> TestCompletions::start(const QUrl &base, const ChatRequest &request,
                                                const QString &key)
{
    ProviderProfile profile = testProfile(base);
    profile.kind = QStringLiteral("completions");
    // Through the factory, as the application makes providers.
    const std::unique_ptr<Provider> provider = createProvider(&m_nam, profile, key);
    if (!provider)
        return nullptr;
    return std::unique_ptr<ChatJob>(provider->startChat(request, nullptr));
}

void TestCompletions::transcriptsInAnyChunking_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("mode"); // 0: whole, 1: one byte at a time, >1: random with that seed
    const QStringList names = streamNames();
    QVERIFY2(names.size() >= 3, qPrintable(names.join(QLatin1Char(','))));
    for (const QString &name : names) {
        QTest::addRow("%s whole", qPrintable(name)) << name << 0;
        QTest::addRow("%s byte by byte", qPrintable(name)) << name << 1;
        for (int seed = 2; seed < 12; ++seed)
            QTest::addRow("%s random %d", qPrintable(name), seed) << name << seed;
    }
}

void TestCompletions::transcriptsInAnyChunking()
{
    QFETCH(QString, name);
    QFETCH(int, mode);
    Outcome expected;
    QVERIFY2(loadExpected(name, &expected), qPrintable(name));
    const QByteArray bytes = readFixture(name + QStringLiteral(".sse"));
    QVERIFY(!bytes.isEmpty());

    QList<QByteArray> chunks;
    if (mode == 0)
        chunks << bytes;
    else if (mode == 1)
        chunks = randomChunks(bytes, 0, 1);
    else
        chunks = randomChunks(bytes, quint32(mode), 40);
    const Outcome got = decodeChunks(chunks);
    QVERIFY2(got == expected,
             qPrintable(describe(got) + QStringLiteral("\nexpected\n") + describe(expected)));
}

void TestCompletions::transcriptsThroughJob_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("seed"); // 0: one piece
    QTest::addColumn<bool>("streamed");
    for (const QString &name : streamNames()) {
        QTest::addRow("%s whole", qPrintable(name)) << name << 0 << true;
        QTest::addRow("%s random 1", qPrintable(name)) << name << 1 << true;
        QTest::addRow("%s random 2", qPrintable(name)) << name << 2 << true;
    }
    QTest::newRow("non-streamed body") << QStringLiteral("openai_nonstreamed") << 0 << false;
    QTest::newRow("non-streamed body in pieces") << QStringLiteral("openai_nonstreamed") << 3 << false;
}

void TestCompletions::transcriptsThroughJob()
{
    QFETCH(QString, name);
    QFETCH(int, seed);
    QFETCH(bool, streamed);
    Outcome expected;
    QVERIFY2(loadExpected(name, &expected), qPrintable(name));
    const QByteArray bytes =
        readFixture(name + (streamed ? QStringLiteral(".sse") : QStringLiteral(".json")));
    QVERIFY(!bytes.isEmpty());

    Response response;
    if (streamed) {
        response =
            Response::sse(seed == 0 ? QList<QByteArray>{bytes} : randomChunks(bytes, quint32(seed), 64), 1);
    } else {
        response = Response::json(200, bytes);
        if (seed != 0) {
            response.body.clear();
            for (const QByteArray &piece : randomChunks(bytes, quint32(seed), 50))
                response.body.append(Step{piece, 1});
        }
    }
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/completions", response);

    ChatRequest request = rawRequest(QStringLiteral("Once"));
    // Alternatives are asked for when the transcript has them.
    if (expected.text.size() > 1)
        request.params.n = int(expected.text.size());
    auto job = start(server.baseUrl(), request);
    QVERIFY(job);
    JobOutcome got(job.get());
    QVERIFY(QTest::qWaitFor([&] { return got.terminal > 0; }, 15000));
    QCOMPARE(got.terminal, 1);
    QVERIFY2(static_cast<const Outcome &>(got) == expected,
             qPrintable(describe(got) + QStringLiteral("\nexpected\n") + describe(expected)));
    QCOMPARE(server.requests().size(), 1);
}

void TestCompletions::requestBody_data()
{
    QTest::addColumn<SamplingParams>("params");
    QTest::addColumn<QJsonObject>("expected"); // besides model, prompt, stream, stream_options

    QTest::newRow("nothing set") << SamplingParams() << QJsonObject();
    SamplingParams all;
    all.maxTokens = 64;
    all.temperature = 0.7;
    all.topP = 0.95;
    all.n = 3;
    all.stop = {QStringLiteral("\n\n"), QStringLiteral("END")};
    QTest::newRow("all set") << all
                             << QJsonObject{{QStringLiteral("max_tokens"), 64},
                                            {QStringLiteral("temperature"), 0.7},
                                            {QStringLiteral("top_p"), 0.95},
                                            {QStringLiteral("n"), 3},
                                            {QStringLiteral("stop"),
                                             QJsonArray{QStringLiteral("\n\n"), QStringLiteral("END")}}};
    SamplingParams some;
    some.maxTokens = 1;
    some.temperature = 0.0; // zero is a value, not "unset"
    QTest::newRow("zero temperature")
        << some << QJsonObject{{QStringLiteral("max_tokens"), 1}, {QStringLiteral("temperature"), 0.0}};
}

void TestCompletions::requestBody()
{
    QFETCH(SamplingParams, params);
    QFETCH(QJsonObject, expected);

    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/completions",
                 Response::sse({readFixture(QStringLiteral("llamacpp_single.sse"))}));
    ChatRequest request = rawRequest(QStringLiteral("The quick brown"));
    request.params = params;
    auto job = start(server.baseUrl(), request, QStringLiteral("sk-raw"));
    JobOutcome got(job.get());
    QVERIFY(QTest::qWaitFor([&] { return got.terminal > 0; }, 15000));

    QCOMPARE(server.requests().size(), 1);
    const ReceivedRequest r = server.requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QByteArray("/v1/completions"));
    QCOMPARE(r.header("Authorization"), QByteArray("Bearer sk-raw"));
    QCOMPARE(r.header("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));

    QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(body.take(QLatin1String("model")).toString(), QStringLiteral("base-model"));
    QCOMPARE(body.take(QLatin1String("prompt")).toString(), QStringLiteral("The quick brown"));
    QCOMPARE(body.take(QLatin1String("stream")), QJsonValue(true));
    QCOMPARE(body.take(QLatin1String("stream_options")).toObject(),
             QJsonObject({{QStringLiteral("include_usage"), true}}));
    QVERIFY2(!body.contains(QLatin1String("messages")), r.body.constData());
    // Field by field, then nothing else.
    for (auto it = expected.begin(); it != expected.end(); ++it)
        QCOMPARE(body.take(it.key()), it.value());
    QVERIFY2(body.isEmpty(), QJsonDocument(body).toJson().constData());
}

void TestCompletions::requestBodyBytes()
{
    ChatRequest request = rawRequest(QStringLiteral("Hi \"there\" ✓"));
    request.params.maxTokens = 16;
    request.params.n = 2;
    const QByteArray expected =
        R"({"max_tokens":16,"model":"m","n":2,"prompt":"Hi \"there\" ✓","stream":true,)"
        R"("stream_options":{"include_usage":true}})";
    QCOMPARE(CompletionsRequestBuilder::body(request, QStringLiteral("m")), expected);
}

void TestCompletions::prompt_data()
{
    QTest::addColumn<QString>("system");
    QTest::addColumn<QVector<ChatTurn>>("turns");
    QTest::addColumn<QString>("expected");

    QTest::newRow("one prompt, verbatim")
        << QString() << QVector<ChatTurn>{{Role::User, QStringLiteral("  Dear diary,\n")}}
        << QStringLiteral("  Dear diary,\n");
    QTest::newRow("history and system prompt are not sent")
        << QStringLiteral("You are helpful.")
        << QVector<ChatTurn>{{Role::User, QStringLiteral("A")},
                             {Role::Assistant, QStringLiteral("B")},
                             {Role::User, QStringLiteral("def fib(n):")}}
        << QStringLiteral("def fib(n):");
    QTest::newRow("continuation: the partial reply follows the prompt")
        << QString()
        << QVector<ChatTurn>{{Role::User, QStringLiteral("A")},
                             {Role::Assistant, QStringLiteral("B")},
                             {Role::User, QStringLiteral("Once upon")},
                             {Role::Assistant, QStringLiteral(" a time")}}
        << QStringLiteral("Once upon a time");
    QTest::newRow("no user turn") << QString() << QVector<ChatTurn>{{Role::Assistant, QStringLiteral("x")}}
                                  << QStringLiteral("x");
    QTest::newRow("nothing") << QString() << QVector<ChatTurn>{} << QString();
    Attachment file;
    file.fileName = QStringLiteral("notes.txt");
    file.mimeType = QStringLiteral("text/plain");
    file.data = "Chapter one.";
    Attachment image;
    image.kind = Attachment::Kind::Image;
    image.fileName = QStringLiteral("a.png");
    image.mimeType = QStringLiteral("image/png");
    image.data = "\x89PNG";
    QTest::newRow("text files before the prompt, images left out")
        << QString() << QVector<ChatTurn>{{Role::User, QStringLiteral("Chapter two."), {file, image}}}
        << QStringLiteral("Chapter one.\n\nChapter two.");
}

void TestCompletions::prompt()
{
    QFETCH(QString, system);
    QFETCH(QVector<ChatTurn>, turns);
    QFETCH(QString, expected);
    ChatRequest request;
    request.systemPrompt = system;
    request.turns = turns;
    QCOMPARE(CompletionsRequestBuilder::prompt(request), expected);
}

// Without n > 1 a stray choice 1 is no alternative: only the reply is reported.
void TestCompletions::choiceZeroOnlyWithoutN()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("POST", "/v1/completions",
                 Response::sse({readFixture(QStringLiteral("openai_n3_interleaved.sse"))}));
    auto job = start(server.baseUrl(), rawRequest(QStringLiteral("Capital?")));
    JobOutcome got(job.get());
    QSignalSpy alternatives(job.get(), &ChatJob::alternativeDelta);
    QVERIFY(QTest::qWaitFor([&] { return got.terminal > 0; }, 15000));
    QCOMPARE(got.text.value(0), QStringLiteral(" Paris is the capital."));
    QCOMPARE(got.text.size(), 1);
    QCOMPARE(alternatives.count(), 0);
    QVERIFY(got.done);
}

// An error object after some text: the job fails, the text that came stays with the caller.
void TestCompletions::errorMidStreamKeepsTheText()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const QByteArray text0 = R"(data: {"choices":[{"text":"Hal","index":0}]})";
    const QByteArray text1 = R"(data: {"choices":[{"text":"f","index":1}]})";
    const QByteArray error = R"(data: {"error":{"message":"slot unavailable","type":"server_error"}})";
    server.route("POST", "/v1/completions", Response::sse({text0 + "\n\n", text1 + "\n\n", error + "\n\n"}));
    ChatRequest request = rawRequest(QStringLiteral("x"));
    request.params.n = 2;
    auto job = start(server.baseUrl(), request);
    JobOutcome got(job.get());
    QVERIFY(QTest::qWaitFor([&] { return got.terminal > 0; }, 15000));
    QCOMPARE(got.errors, QStringList{QString::number(JobError::StreamError)});
    QCOMPARE(got.text.value(0), QStringLiteral("Hal"));
    QCOMPARE(got.text.value(1), QStringLiteral("f"));
    QVERIFY(got.finish.isEmpty());
}

void TestCompletions::modelListFromModels()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.route("GET", "/v1/models",
                 Response::json(200, R"({"object":"list","data":[{"id":"base-b"},{"id":"base-a"}]})"));
    ProviderProfile profile = testProfile(server.baseUrl());
    profile.kind = QStringLiteral("completions");
    const std::unique_ptr<Provider> provider = createProvider(&m_nam, profile, QStringLiteral("k"));
    QVERIFY(provider);
    std::unique_ptr<ModelListJob> job(provider->listModels(nullptr));
    QSignalSpy finished(job.get(), &ModelListJob::finished);
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().at(0).toStringList(),
             QStringList({QStringLiteral("base-a"), QStringLiteral("base-b")}));
    QCOMPARE(server.requests().first().header("Authorization"), QByteArray("Bearer k"));
}

QTEST_GUILESS_MAIN(TestCompletions)
#include "tst_completions.moc"
