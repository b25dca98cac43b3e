// Attachments in the store: written with their prompt in one transaction, read back in order
// and byte for byte after reopening, gone with their message, and schema v5 reached from a
// database that an earlier Penpal (v4) left.
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace penpal;
using namespace penpal::test;

namespace {
const QByteArray kPng = QByteArrayLiteral("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\x01\x02\xff");

Attachments sampleFiles()
{
    return {
        {Attachment::Kind::Text, QStringLiteral("notes.md"), QStringLiteral("text/markdown"),
         QString::fromUtf8("# 标题\n```\ncode\n```\n").toUtf8()},
        {Attachment::Kind::Image, QStringLiteral("shot.png"), QStringLiteral("image/png"), kPng},
        {Attachment::Kind::Text, QStringLiteral("empty.txt"), QStringLiteral("text/plain"), QByteArray("")},
    };
}

qint64 addPrompt(Store &s, qint64 conversation, qint64 parent, const QString &text, const Attachments &files)
{
    Message m;
    m.conversationId = conversation;
    m.parentId = parent;
    m.role = Role::User;
    m.content = text;
    return s.addMessage(m, files);
}
} // namespace

class TestAttachmentStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("a%1/penpal.db").arg(++m_counter)); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTripThroughReopening()
    {
        const QString path = freshPath();
        const Attachments files = sampleFiles();
        qint64 withFiles = 0;
        qint64 plain = 0;
        {
            Store s;
            QVERIFY2(s.open(path), qPrintable(s.lastError()));
            const qint64 c = newConversation(s, QStringLiteral("files"));
            withFiles = addPrompt(s, c, 0, QString(), files); // files alone make a prompt
            QVERIFY2(withFiles != 0, qPrintable(s.lastError()));
            plain = addMsg(s, c, withFiles, Role::Assistant, QStringLiteral("Seen."));
            QVERIFY(plain != 0);
        }
        Store s;
        QVERIFY2(s.open(path), qPrintable(s.lastError()));
        QCOMPARE(s.attachments(withFiles), files);
        QVERIFY(s.attachments(plain).isEmpty());
        QVERIFY(s.attachments(999999).isEmpty());

        const AttachmentInfos infos = s.attachmentInfo(withFiles);
        QCOMPARE(infos.size(), files.size());
        for (int i = 0; i < files.size(); ++i) {
            QCOMPARE(infos.at(i).fileName, files.at(i).fileName);
            QCOMPARE(infos.at(i).kind, files.at(i).kind);
            QCOMPARE(infos.at(i).mimeType, files.at(i).mimeType);
            QCOMPARE(infos.at(i).size, qint64(files.at(i).data.size()));
        }
        QCOMPARE(s.message(withFiles).content, QString());
    }

    // A prompt is never stored without its files, nor files without their prompt.
    void writtenInTheSameTransaction()
    {
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 c = newConversation(s);
        {
            RawDb raw(path);
            QVERIFY2(
                raw.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON attachments"
                                        " WHEN NEW.ordinal = 1 BEGIN SELECT RAISE(ABORT, 'no room'); END")),
                qPrintable(raw.error()));
        }
        QCOMPARE(addPrompt(s, c, 0, QStringLiteral("look"), sampleFiles()), qint64(0));
        QVERIFY2(s.lastError().contains(QStringLiteral("no room")), qPrintable(s.lastError()));
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 0);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM attachments")).toInt(), 0);
        QVERIFY(s.thread(c).isEmpty());
    }

    void deletingRemovesAttachments_data()
    {
        QTest::addColumn<bool>("wholeConversation");
        QTest::newRow("message with its replies") << false;
        QTest::newRow("conversation") << true;
    }

    void deletingRemovesAttachments()
    {
        QFETCH(bool, wholeConversation);
        const QString path = freshPath();
        Store s;
        QVERIFY(s.open(path));
        const qint64 c = newConversation(s);
        const qint64 other = newConversation(s);
        const qint64 first = addPrompt(s, c, 0, QStringLiteral("one"), sampleFiles());
        const qint64 reply = addMsg(s, c, first, Role::Assistant, QStringLiteral("ok"));
        const qint64 second = addPrompt(s, c, reply, QStringLiteral("two"), sampleFiles().mid(1, 1));
        const qint64 kept = addPrompt(s, other, 0, QStringLiteral("elsewhere"), sampleFiles());
        QVERIFY(first && reply && second && kept);
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM attachments")).toInt(), 7);

        QVERIFY2(wholeConversation ? s.deleteConversation(c) : s.deleteMessage(first),
                 qPrintable(s.lastError()));
        // The first prompt's files and those of the prompt below it are gone; the other
        // conversation's stay.
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM attachments WHERE message_id IN (?, ?)"),
                            {first, second})
                     .toInt(),
                 0);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM attachments")).toInt(), 3);
        QCOMPARE(s.attachments(kept), sampleFiles());
    }

    void migratesFromV4()
    {
        const QString path = freshPath();
        QVERIFY(Store::migrateTo(path, 4));
        qint64 question = 0;
        {
            RawDb old(path);
            QVERIFY(!old.hasObject(QStringLiteral("attachments")));
            QVERIFY2(old.exec(QStringLiteral("INSERT INTO conversations (title, created, updated)"
                                             " VALUES ('old', 1000, 2000)")),
                     qPrintable(old.error()));
            QVERIFY2(old.exec(QStringLiteral("INSERT INTO messages (conversation_id, role, content, created)"
                                             " VALUES (1, 'user', 'from v4', 1500)")),
                     qPrintable(old.error()));
            question = old.scalar(QStringLiteral("SELECT MAX(id) FROM messages")).toLongLong();
            QCOMPARE(old.version(), 4);
        }
        {
            Store s;
            QVERIFY2(s.open(path), qPrintable(s.lastError()));
            QVERIFY(s.schemaVersion() >= 5);
            QCOMPARE(s.migrationBackups().size(), 1);
            QCOMPARE(s.message(question).content, QStringLiteral("from v4"));
            QVERIFY(s.attachments(question).isEmpty());
            QVERIFY(s.attachmentInfo(question).isEmpty());
            QVERIFY2(addPrompt(s, 1, question, QStringLiteral("now with a file"), sampleFiles()) != 0,
                     qPrintable(s.lastError()));
        }
        RawDb raw(path);
        QVERIFY(raw.version() >= 5);
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT description FROM schema_version WHERE version = 5")).toString(),
            QStringLiteral("attachments"));
        QVERIFY(raw.hasObject(QStringLiteral("idx_attachments_message")));
        for (const char *column : {"message_id", "ordinal", "kind", "file_name", "mime_type", "size", "data"})
            QVERIFY2(raw.hasColumn(QStringLiteral("attachments"), QLatin1String(column)), column);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM attachments")).toInt(), 3);
        // Two files cannot share a place in one message.
        QVERIFY(!raw.exec(
            QStringLiteral("INSERT INTO attachments (message_id, ordinal, kind, size, data)"
                           " SELECT message_id, ordinal, kind, size, data FROM attachments LIMIT 1")));
    }
};

QTEST_GUILESS_MAIN(TestAttachmentStore)
#include "tst_attachmentstore.moc"
