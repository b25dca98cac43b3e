// The OpenAI chat body of prompts with files: text files inlined with their names in fenced
// blocks, images as data URLs, then the prompt; turns without files stay plain strings.
#include "net/OpenAiRequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace penpal;

namespace {
const QByteArray kPng = QByteArrayLiteral("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe");

QJsonArray messagesOf(const ChatRequest &r)
{
    const QJsonDocument doc = QJsonDocument::fromJson(OpenAiRequestBuilder::chatBody(r, r.model));
    return doc.object().value(QStringLiteral("messages")).toArray();
}

// "text:<text>" or "image_url:<url>" per part.
QStringList partsOf(const QJsonValue &content)
{
    QStringList out;
    for (const QJsonValue &v : content.toArray()) {
        const QJsonObject part = v.toObject();
        const QString type = part.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("image_url"))
            out << type + QLatin1Char(':') +
                       part.value(QStringLiteral("image_url"))
                           .toObject()
                           .value(QStringLiteral("url"))
                           .toString();
        else
            out << type + QLatin1Char(':') + part.value(QStringLiteral("text")).toString();
    }
    return out;
}
} // namespace

class TestAttachmentRequest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void userContentParts_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<Attachments>("files");
        QTest::addColumn<QStringList>("parts");

        const QString pngUrl =
            QStringLiteral("data:image/png;base64,") + QString::fromLatin1(kPng.toBase64());
        const Attachment text{Attachment::Kind::Text, QStringLiteral("main.py"),
                              QStringLiteral("text/x-python"), QByteArray("print('hi')\n")};
        const Attachment noNewline{Attachment::Kind::Text, QStringLiteral("a.txt"),
                                   QStringLiteral("text/plain"), QByteArray("no newline")};
        const Attachment fenced{Attachment::Kind::Text, QStringLiteral("README.md"),
                                QStringLiteral("text/markdown"), QByteArray("x\n```js\ny\n```\n")};
        const Attachment image{Attachment::Kind::Image, QStringLiteral("shot.png"),
                               QStringLiteral("image/png"), kPng};
        const Attachment jpeg{Attachment::Kind::Image, QStringLiteral("p.jpg"), QStringLiteral("image/jpeg"),
                              QByteArray("\xff\xd8\xff")};

        QTest::newRow("text file and image")
            << QStringLiteral("What is wrong?") << Attachments{text, image}
            << QStringList{QStringLiteral("text:main.py\n```\nprint('hi')\n```"),
                           QStringLiteral("image_url:") + pngUrl, QStringLiteral("text:What is wrong?")};
        QTest::newRow("files only: no empty text part")
            << QString() << Attachments{image, jpeg}
            << QStringList{QStringLiteral("image_url:") + pngUrl,
                           QStringLiteral("image_url:data:image/jpeg;base64,/9j/")};
        QTest::newRow("a newline closes the file before the fence")
            << QStringLiteral("?") << Attachments{noNewline}
            << QStringList{QStringLiteral("text:a.txt\n```\nno newline\n```"), QStringLiteral("text:?")};
        QTest::newRow("a longer fence around a file with fences")
            << QStringLiteral("?") << Attachments{fenced}
            << QStringList{QStringLiteral("text:README.md\n````\nx\n```js\ny\n```\n````"),
                           QStringLiteral("text:?")};
    }

    void userContentParts()
    {
        QFETCH(QString, prompt);
        QFETCH(Attachments, files);
        QFETCH(QStringList, parts);
        ChatRequest r;
        r.model = QStringLiteral("m");
        r.systemPrompt = QStringLiteral("Be brief.");
        r.turns = {{Role::User, QStringLiteral("earlier")},
                   {Role::Assistant, QStringLiteral("answer")},
                   {Role::User, prompt, files}};
        const QJsonArray messages = messagesOf(r);
        QCOMPARE(messages.size(), 4);
        // Turns without files keep the plain string form every server understands.
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("Be brief."));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("earlier"));
        QCOMPARE(messages.at(2).toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("answer"));
        const QJsonObject last = messages.at(3).toObject();
        QCOMPARE(last.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
        QVERIFY(last.value(QStringLiteral("content")).isArray());
        QCOMPARE(partsOf(last.value(QStringLiteral("content"))), parts);
    }

    // Files on an assistant turn (which the controller never builds) are not sent as parts.
    void onlyUserTurnsCarryParts()
    {
        ChatRequest r;
        r.turns = {{Role::Assistant,
                    QStringLiteral("a"),
                    {{Attachment::Kind::Text, QStringLiteral("x.txt"), QStringLiteral("text/plain"), "x"}}}};
        const QJsonArray messages = messagesOf(r);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("a"));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentRequest)
#include "tst_attachmentrequest.moc"
