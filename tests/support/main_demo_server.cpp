// A loopback OpenAI-compatible server for trying Penpal by hand (and for screenshots): it
// answers every chat completion with the same Markdown reply, streamed word by word, and
// lists two models. The reply is canned; only the model is stood in for.
//   penpal_demo_server [--port N] [--delay-ms N]
#include "TestContext.h"
#include "TestHttpServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstdio>

using namespace penpal::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QString(), QStringLiteral("ms"),
                                   QStringLiteral("40"));
    parser.addOption(delay);
    parser.process(app);

    const QString reply =
        QStringLiteral("Here is a **quick overview** of server-sent events:\n\n"
                       "1. The client sends `stream: true`.\n"
                       "2. The server answers with `text/event-stream` and one `data:` line per token.\n"
                       "3. The stream ends with `data: [DONE]`.\n\n"
                       "```python\nfor line in response.iter_lines():\n    if line.startswith(b\"data: "
                       "\"):\n        handle(line[6:])\n```\n\n"
                       "| Client | Streams | Keeps history |\n|---|---|---|\n| Penpal | yes | always |\n\n"
                       "笔友会把每个字都保存下来。");
    // Word-sized pieces, whitespace kept, like a tokenizer would emit them.
    QStringList pieces;
    QRegularExpressionMatchIterator it =
        QRegularExpression(QStringLiteral("\\S+\\s*|\\s+")).globalMatch(reply);
    while (it.hasNext())
        pieces << it.next().captured();

    TestHttpServer server;
    if (!server.listen())
        return 1;
    server.route("POST", "/v1/chat/completions",
                 Response::sse(openAiStream(pieces), parser.value(delay).toInt()));
    server.route("GET", "/v1/models",
                 Response::json(200, R"({"object":"list","data":[{"id":"demo-small","object":"model"},)"
                                     R"({"id":"demo-large","object":"model"}]})"));
    std::printf("%s\n", qPrintable(server.baseUrl().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
