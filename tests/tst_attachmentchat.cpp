// Files through the chat controller: stored with the prompt, sent with it, and sent again
// (the same bytes) by regenerate, edit-and-resend, later prompts and after a restart, as the
// loopback server sees them. Deleting the prompt deletes its files.
#include "ChatFixture.h"
#include "chat/ChatController.h"
#include "core/AttachmentInfo.h"
#include "model/MessageListModel.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {
const QByteArray kPng = QByteArrayLiteral("\x89PNG\r\n\x1a\n\0\0\0\rIHDR-test-image");

Attachments sampleFiles()
{
    return {{Attachment::Kind::Text, QStringLiteral("todo.txt"), QStringLiteral("text/plain"),
             QByteArray("buy milk\n")},
            {Attachment::Kind::Image, QStringLiteral("shot.png"), QStringLiteral("image/png"), kPng}};
}

QString pngUrl()
{
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(kPng.toBase64());
}

// The "messages" of request `index` as the server received it.
QJsonArray messagesOf(const ChatFixture &f, int index)
{
    const auto requests = f.server()->requests();
    if (index < 0 || index >= requests.size())
        return {};
    return QJsonDocument::fromJson(requests.at(index).body)
        .object()
        .value(QStringLiteral("messages"))
        .toArray();
}

// One line per part of each user message: "text:...", "image:<url>", or "string:..." for
// plain content.
QStringList userParts(const QJsonArray &messages)
{
    QStringList out;
    for (const QJsonValue &v : messages) {
        const QJsonObject m = v.toObject();
        if (m.value(QStringLiteral("role")).toString() != QLatin1String("user"))
            continue;
        const QJsonValue content = m.value(QStringLiteral("content"));
        if (content.isString()) {
            out << QStringLiteral("string:") + content.toString();
            continue;
        }
        for (const QJsonValue &p : content.toArray()) {
            const QJsonObject part = p.toObject();
            if (part.value(QStringLiteral("type")).toString() == QLatin1String("image_url"))
                out << QStringLiteral("image:") + part.value(QStringLiteral("image_url"))
                                                      .toObject()
                                                      .value(QStringLiteral("url"))
                                                      .toString();
            else
                out << QStringLiteral("text:") + part.value(QStringLiteral("text")).toString();
        }
    }
    return out;
}
} // namespace

class TestAttachmentChat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sentWithThePrompt()
    {
        ChatFixture f;
        QVERIFY(f.isValid());
        f.queueReply({QStringLiteral("Noted.")});
        qint64 prompt = 0;
        const qint64 conv = f.chat()->send(0, QStringLiteral("What now?"), &prompt, sampleFiles());
        QVERIFY(conv != 0 && prompt != 0);
        QVERIFY(f.waitFinalized(1));
        QCOMPARE(f.store()->attachments(prompt), sampleFiles());
        QCOMPARE(userParts(messagesOf(f, 0)),
                 (QStringList{QStringLiteral("text:todo.txt\n```\nbuy milk\n```"),
                              QStringLiteral("image:") + pngUrl(), QStringLiteral("text:What now?")}));

        // The model shows names and sizes, nothing more.
        f.openModel(conv);
        const AttachmentInfos infos =
            f.model()->index(0).data(MessageListModel::AttachmentsRole).value<AttachmentInfos>();
        QCOMPARE(infos.size(), 2);
        QCOMPARE(infos.at(1).fileName, QStringLiteral("shot.png"));
        QCOMPARE(infos.at(1).size, qint64(kPng.size()));
        QVERIFY(infos.at(1).isImage());
        QVERIFY(
            f.model()->index(1).data(MessageListModel::AttachmentsRole).value<AttachmentInfos>().isEmpty());
    }

    void filesAloneMakeAPrompt()
    {
        ChatFixture f;
        QVERIFY(f.isValid());
        f.queueReply({QStringLiteral("A screenshot.")});
        qint64 prompt = 0;
        const qint64 conv = f.chat()->send(0, QStringLiteral("  "), &prompt, sampleFiles().mid(1));
        QVERIFY(conv != 0 && prompt != 0);
        QVERIFY(f.waitFinalized(1));
        QCOMPARE(f.store()->conversation(conv).title, QStringLiteral("shot.png"));
        QCOMPARE(userParts(messagesOf(f, 0)), QStringList{QStringLiteral("image:") + pngUrl()});
        // No text and no files is still nothing to send.
        QCOMPARE(f.chat()->send(conv, QString(), &prompt), conv);
        QCOMPARE(prompt, qint64(0));
    }

    void everyLaterRequestCarriesThem()
    {
        ChatFixture f;
        QVERIFY(f.isValid());
        f.queueReply({QStringLiteral("Noted.")});
        qint64 prompt = 0;
        const qint64 conv = f.chat()->send(0, QStringLiteral("Look"), &prompt, sampleFiles());
        QVERIFY(f.waitFinalized(1));
        const qint64 firstReply = f.lastFinalized();
        const QStringList firstParts = userParts(messagesOf(f, 0));
        QCOMPARE(firstParts.size(), 3);

        // Regenerate: the same prompt with the same bytes.
        QVERIFY(f.chat()->regenerate(firstReply) != 0);
        QVERIFY(f.waitFinalized(2));
        QCOMPARE(userParts(messagesOf(f, 1)), firstParts);

        // A follow-up without files: the earlier prompt still carries its files.
        qint64 second = 0;
        f.chat()->send(conv, QStringLiteral("And?"), &second);
        QVERIFY(f.waitFinalized(3));
        QCOMPARE(userParts(messagesOf(f, 2)), firstParts + QStringList{QStringLiteral("string:And?")});

        // Edit-and-resend keeps the edited prompt's files.
        const qint64 edited = f.chat()->editAndResend(prompt, QStringLiteral("Look again"));
        QVERIFY(edited != 0);
        QVERIFY(f.waitFinalized(4));
        QCOMPARE(f.store()->attachments(edited), sampleFiles());
        QStringList editedParts = firstParts;
        editedParts.last() = QStringLiteral("text:Look again");
        QCOMPARE(userParts(messagesOf(f, 3)), editedParts);

        // After a restart the files come from the database.
        const qint64 reply = f.lastFinalized();
        QVERIFY(f.restart());
        QVERIFY(f.chat()->regenerate(reply) != 0);
        QVERIFY(f.waitFinalized(1));
        QCOMPARE(userParts(messagesOf(f, 4)), editedParts);
    }

    void deletingThePromptDeletesItsFiles()
    {
        ChatFixture f;
        QVERIFY(f.isValid());
        f.queueReply({QStringLiteral("Noted.")});
        qint64 prompt = 0;
        f.chat()->send(0, QStringLiteral("Look"), &prompt, sampleFiles());
        QVERIFY(f.waitFinalized(1));
        QCOMPARE(f.store()->attachments(prompt).size(), 2);
        QVERIFY(f.chat()->deleteMessage(prompt));
        QVERIFY(f.store()->attachments(prompt).isEmpty());
        QVERIFY(f.store()->attachmentInfo(prompt).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAttachmentChat)
#include "tst_attachmentchat.moc"
