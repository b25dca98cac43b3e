// Footer text and clipboard text of a message.
#include "TestHttpServer.h"
#include "model/MessageFormat.h"

#include <QGuiApplication>
#include <QTest>

using namespace penpal;
using namespace penpal::test;

Q_DECLARE_METATYPE(penpal::Message)

namespace {

Message reply(const QString &model, int prompt, int completion, qint64 ttftMs, qint64 durationMs)
{
    Message m;
    m.role = Role::Assistant;
    m.model = model;
    m.usage.promptTokens = prompt;
    m.usage.completionTokens = completion;
    m.timeToFirstTokenMs = ttftMs;
    m.durationMs = durationMs;
    return m;
}

} // namespace

class TestMessageFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void footer_data()
    {
        QTest::addColumn<Message>("message");
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        // 400 tokens in the 10 s after the first token: 40 tokens/s.
        const Message full = reply(QStringLiteral("gpt-x"), 1234, 400, 350, 10350);
        QTest::newRow("everything, English")
            << full << "en_US"
            << "gpt-x · 1,234 prompt + 400 completion tokens · first token 0.35 s · 40.0 tokens/s";
        QTest::newRow("everything, German")
            << full << "de_DE"
            << "gpt-x · 1.234 prompt + 400 completion tokens · first token 0,35 s · 40,0 tokens/s";
        QTest::newRow("no usage reported") << reply(QStringLiteral("local"), -1, -1, 1500, 4000) << "en_US"
                                           << "local · first token 1.50 s";
        QTest::newRow("completion only") << reply(QString(), -1, 30, 100, 3100) << "en_US"
                                         << "30 completion tokens · first token 0.10 s · 10.0 tokens/s";
        QTest::newRow("slow first token")
            << reply(QStringLiteral("m"), 5, 5, 12345, 13345) << "en_US"
            << "m · 5 prompt + 5 completion tokens · first token 12.3 s · 5.0 tokens/s";
        QTest::newRow("no time to generate") // all text arrived with the first token
            << reply(QStringLiteral("m"), 5, 5, 200, 200) << "en_US"
            << "m · 5 prompt + 5 completion tokens · first token 0.20 s";
        Message streaming = full;
        streaming.state = MessageState::Streaming;
        QTest::newRow("streaming: model only") << streaming << "en_US"
                                               << "gpt-x";
        Message user = full;
        user.role = Role::User;
        QTest::newRow("user message") << user << "en_US"
                                      << "";
    }

    void footer()
    {
        QFETCH(Message, message);
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QCOMPARE(MessageFormat::footerText(message, QLocale(locale)), expected);
    }

    void tokensPerSecond_data()
    {
        QTest::addColumn<Message>("message");
        QTest::addColumn<double>("expected");
        QTest::newRow("40/s") << reply({}, 1, 400, 350, 10350) << 40.0;
        QTest::newRow("unknown count") << reply({}, 1, -1, 350, 10350) << -1.0;
        QTest::newRow("no tokens") << reply({}, 1, 0, 350, 10350) << -1.0;
        QTest::newRow("unknown duration") << reply({}, 1, 40, 350, -1) << -1.0;
        QTest::newRow("unknown first token") << reply({}, 1, 40, -1, 1000) << -1.0;
        QTest::newRow("zero generating time") << reply({}, 1, 40, 500, 500) << -1.0;
    }

    void tokensPerSecond()
    {
        QFETCH(Message, message);
        QFETCH(double, expected);
        QCOMPARE(MessageFormat::tokensPerSecond(message), expected);
    }

    void plainText_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("Just text.") << QStringLiteral("Just text.");
        QTest::newRow("emphasis and code") << QStringLiteral("Some **bold**, *italic* and `code`.")
                                           << QStringLiteral("Some bold, italic and code.");
        QTest::newRow("heading and paragraph")
            << QStringLiteral("# Title\n\nBody") << QStringLiteral("Title\nBody");
        QTest::newRow("link shows its text")
            << QStringLiteral("See [the docs](https://example.com).") << QStringLiteral("See the docs.");
        QTest::newRow("raw HTML stays text")
            << QStringLiteral("a <b>b</b> c") << QStringLiteral("a <b>b</b> c");
        QTest::newRow("fenced code keeps its lines") << QStringLiteral("```cpp\nint x = 1;\nreturn x;\n```")
                                                     << QStringLiteral("int x = 1;\nreturn x;");
        QTest::newRow("CJK and emoji") << QStringLiteral("**你好** 🍵") << QStringLiteral("你好 🍵");
    }

    void plainText()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, expected);
        QCOMPARE(MessageFormat::plainText(markdown).trimmed(), expected);
        Message m;
        m.content = markdown;
        QCOMPARE(MessageFormat::markdown(m), markdown); // "Copy as Markdown" is the stored text
    }

    void plainTextFetchesNothing()
    {
        TestHttpServer server;
        QVERIFY(server.listen());
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        const QString md = QStringLiteral("![tracker](%1/pixel.png)\n\n<img src=\"%1/html.png\">\n\n"
                                          "![local](file:///etc/passwd) text [x](%1/link)")
                               .arg(base);
        const QString text = MessageFormat::plainText(md);
        QVERIFY(!text.contains(QChar::ObjectReplacementCharacter));
        QVERIFY(text.contains(QStringLiteral("text x")));
        QCoreApplication::processEvents(); // a (wrong) request would have connected by now
        QCOMPARE(server.requests().size(), 0);
    }
};

QTEST_MAIN(TestMessageFormat)
#include "tst_messageformat.moc"
