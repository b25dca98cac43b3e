// AnthropicRequestBuilder without a network: how turns become the Messages API's "messages"
// and "system", how attachments become content blocks, and the headers of a request.
#include "net/AnthropicRequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace penpal;

Q_DECLARE_METATYPE(penpal::ChatTurn)

namespace {

QJsonObject textBlock(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}};
}

QJsonObject message(const QString &role, const QJsonValue &content)
{
    return QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

Attachment textFile(const QString &name, const QByteArray &data)
{
    Attachment a;
    a.kind = Attachment::Kind::Text;
    a.fileName = name;
    a.mimeType = QStringLiteral("text/plain");
    a.data = data;
    return a;
}

Attachment image(const QString &name, const QString &mimeType, const QByteArray &data)
{
    Attachment a;
    a.kind = Attachment::Kind::Image;
    a.fileName = name;
    a.mimeType = mimeType;
    a.data = data;
    return a;
}

QString compact(const QJsonArray &a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

} // namespace

class AnthropicRequestBuilderTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void messages_data();
    void messages();
    void systemText();
    void textAttachment_data();
    void textAttachment();
    void imageAttachment_data();
    void imageAttachment();
    void headers_data();
    void headers();
    void maxTokens_data();
    void maxTokens();
};

void AnthropicRequestBuilderTest::messages_data()
{
    QTest::addColumn<QVector<ChatTurn>>("turns");
    QTest::addColumn<QJsonArray>("expected");

    const QString user = QStringLiteral("user");
    const QString assistant = QStringLiteral("assistant");
    QTest::newRow("alternating turns stay plain strings")
        << QVector<ChatTurn>{{Role::User, "a"}, {Role::Assistant, "b"}, {Role::User, "c"}}
        << QJsonArray{message(user, "a"), message(assistant, "b"), message(user, "c")};
    QTest::newRow("consecutive user turns merged into blocks")
        << QVector<ChatTurn>{{Role::User, "a"}, {Role::User, "b"}, {Role::Assistant, "c"}}
        << QJsonArray{message(user, QJsonArray{textBlock("a"), textBlock("b")}), message(assistant, "c")};
    QTest::newRow("leading assistant turns dropped")
        << QVector<ChatTurn>{{Role::Assistant, "hello"}, {Role::Assistant, "again"}, {Role::User, "q"}}
        << QJsonArray{message(user, "q")};
    QTest::newRow("only assistant turns: nothing")
        << QVector<ChatTurn>{{Role::Assistant, "x"}} << QJsonArray{};
    QTest::newRow("system turns left out, neighbours merged")
        << QVector<ChatTurn>{{Role::User, "a"}, {Role::System, "be nice"}, {Role::User, "b"}}
        << QJsonArray{message(user, QJsonArray{textBlock("a"), textBlock("b")})};
    QTest::newRow("empty reply skipped, user turns around it merged")
        << QVector<ChatTurn>{{Role::User, "a"}, {Role::Assistant, ""}, {Role::User, "b"}}
        << QJsonArray{message(user, QJsonArray{textBlock("a"), textBlock("b")})};
    QTest::newRow("a file without prompt: one text, no empty text block")
        << QVector<ChatTurn>{{Role::User, "", {textFile("a.txt", "A")}}}
        << QJsonArray{message(user, "a.txt\n```\nA\n```")};
    QTest::newRow("files before the prompt")
        << QVector<ChatTurn>{{Role::User, "q", {textFile("a.txt", "A"), textFile("b.txt", "B")}}}
        << QJsonArray{message(user, QJsonArray{textBlock("a.txt\n```\nA\n```"),
                                               textBlock("b.txt\n```\nB\n```"), textBlock("q")})};
    QTest::newRow("attachments of an assistant turn ignored")
        << QVector<ChatTurn>{{Role::User, "q"}, {Role::Assistant, "r", {textFile("x.txt", "X")}}}
        << QJsonArray{message(user, "q"), message(assistant, "r")};
    QTest::newRow("merged turn with a file")
        << QVector<ChatTurn>{{Role::User, "first"}, {Role::User, "second", {textFile("b.md", "B\n")}}}
        << QJsonArray{message(
               user, QJsonArray{textBlock("first"), textBlock("b.md\n```\nB\n```"), textBlock("second")})};
}

void AnthropicRequestBuilderTest::messages()
{
    QFETCH(QVector<ChatTurn>, turns);
    QFETCH(QJsonArray, expected);
    const QJsonArray got = AnthropicRequestBuilder::messages(turns);
    QVERIFY2(got == expected, qPrintable(compact(got)));
}

void AnthropicRequestBuilderTest::systemText()
{
    ChatRequest r;
    QCOMPARE(AnthropicRequestBuilder::systemText(r), QString());
    QVERIFY(
        !AnthropicRequestBuilder::chatBodyObject(r, QStringLiteral("m")).contains(QLatin1String("system")));

    r.systemPrompt = QStringLiteral("Be brief.");
    r.turns = {{Role::System, QStringLiteral("Answer in German.")}, {Role::User, QStringLiteral("Hi")}};
    QCOMPARE(AnthropicRequestBuilder::systemText(r), QStringLiteral("Be brief.\n\nAnswer in German."));
    const QJsonObject body = AnthropicRequestBuilder::chatBodyObject(r, QStringLiteral("m"));
    QCOMPARE(body.value(QLatin1String("system")).toString(),
             QStringLiteral("Be brief.\n\nAnswer in German."));
    QCOMPARE(body.value(QLatin1String("messages")).toArray(), (QJsonArray{message("user", "Hi")}));
}

void AnthropicRequestBuilderTest::textAttachment_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QByteArray("line 1\nline 2\n") << "notes.txt\n```\nline 1\nline 2\n```";
    QTest::newRow("no final newline") << QByteArray("x") << "notes.txt\n```\nx\n```";
    QTest::newRow("empty file") << QByteArray() << "notes.txt\n```\n```";
    QTest::newRow("code fence inside: a longer fence")
        << QByteArray("Intro\n```cpp\nint x;\n```\n") << "notes.txt\n````\nIntro\n```cpp\nint x;\n```\n````";
    QTest::newRow("UTF-8") << QByteArray("Grüße ✓\n") << "notes.txt\n```\nGrüße ✓\n```";
}

void AnthropicRequestBuilderTest::textAttachment()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    QCOMPARE(AnthropicRequestBuilder::attachmentBlock(textFile(QStringLiteral("notes.txt"), data)),
             textBlock(expected));
}

void AnthropicRequestBuilderTest::imageAttachment_data()
{
    QTest::addColumn<QString>("mimeType");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expectedType");
    const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452");
    const QByteArray jpeg = QByteArray::fromHex("ffd8ffe000104a464946");
    QTest::newRow("png as given") << "image/png" << png << "image/png";
    QTest::newRow("webp as given") << "image/webp" << QByteArray("RIFF....WEBPVP8 ") << "image/webp";
    QTest::newRow("no type: from the bytes") << "" << jpeg << "image/jpeg";
}

void AnthropicRequestBuilderTest::imageAttachment()
{
    QFETCH(QString, mimeType);
    QFETCH(QByteArray, data);
    QFETCH(QString, expectedType);
    const QJsonObject block =
        AnthropicRequestBuilder::attachmentBlock(image(QStringLiteral("picture"), mimeType, data));
    QCOMPARE(block.value(QLatin1String("type")).toString(), QStringLiteral("image"));
    const QJsonObject source = block.value(QLatin1String("source")).toObject();
    QCOMPARE(source.value(QLatin1String("type")).toString(), QStringLiteral("base64"));
    QCOMPARE(source.value(QLatin1String("media_type")).toString(), expectedType);
    QCOMPARE(QByteArray::fromBase64(source.value(QLatin1String("data")).toString().toLatin1()), data);
    QCOMPARE(source.value(QLatin1String("data")).toString(), QString::fromLatin1(data.toBase64()));
}

void AnthropicRequestBuilderTest::headers_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("body");
    QTest::addColumn<QByteArray>("expectedVersion");
    QTest::newRow("key, default version, body") << "sk-ant-x"
                                                << "" << true << QByteArray("2023-06-01");
    QTest::newRow("no key, own version, no body") << ""
                                                  << "2024-10-22" << false << QByteArray("2024-10-22");
}

void AnthropicRequestBuilderTest::headers()
{
    QFETCH(QString, key);
    QFETCH(QString, version);
    QFETCH(bool, body);
    QFETCH(QByteArray, expectedVersion);
    const QNetworkRequest r =
        AnthropicRequestBuilder::request(QUrl(QStringLiteral("https://api.anthropic.com/v1/messages")), key,
                                         version, "text/event-stream", body);
    QCOMPARE(r.hasRawHeader("x-api-key"), !key.isEmpty());
    QCOMPARE(r.rawHeader("x-api-key"), key.toUtf8());
    QVERIFY(!r.hasRawHeader("Authorization"));
    QCOMPARE(r.rawHeader("anthropic-version"), expectedVersion);
    QCOMPARE(r.rawHeader("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(r.header(QNetworkRequest::ContentTypeHeader).toByteArray(),
             body ? QByteArray("application/json") : QByteArray());
}

void AnthropicRequestBuilderTest::maxTokens_data()
{
    QTest::addColumn<int>("set"); // -1: unset
    QTest::addColumn<int>("expected");
    QTest::newRow("unset: the documented default") << -1 << int(AnthropicRequestBuilder::DefaultMaxTokens);
    QTest::newRow("set") << 1000 << 1000;
}

void AnthropicRequestBuilderTest::maxTokens()
{
    QFETCH(int, set);
    QFETCH(int, expected);
    QCOMPARE(AnthropicRequestBuilder::DefaultMaxTokens, 4096);
    ChatRequest r;
    r.turns = {{Role::User, QStringLiteral("Hi")}};
    if (set >= 0)
        r.params.maxTokens = set;
    const QJsonObject body = AnthropicRequestBuilder::chatBodyObject(r, QStringLiteral("m"));
    QCOMPARE(body.value(QLatin1String("max_tokens")).toInt(-1), expected);
    QVERIFY(!body.contains(QLatin1String("temperature")));
    QVERIFY(!body.contains(QLatin1String("top_p")));
    QVERIFY(!body.contains(QLatin1String("stop_sequences")));
    QVERIFY(!body.contains(QLatin1String("n")));
    QCOMPARE(body.value(QLatin1String("stream")), QJsonValue(true));
}

QTEST_GUILESS_MAIN(AnthropicRequestBuilderTest)
#include "tst_anthropicrequestbuilder.moc"
