// Penpal's own JSON export read back: conversations built through the Store (branches,
// attachments, tags, reasoning, usage, timings, archive and trash state) go through
// Store::loadArchive -> PenpalJsonWriter -> Importer into a fresh history, and loadArchive
// there gives the same conversations apart from the database ids.
#include "ImportTestHelpers.h"
#include "history/Importer.h"
#include "history/PenpalJsonWriter.h"
#include "store/Store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

// An archive with ids replaced by positions, so that two databases' copies compare equal.
struct Normalized {
    Conversation conversation;
    QStringList tags;
    QVector<ArchivedMessage> messages;
    QVector<int> parents; // index of each message's parent, -1 for roots
    int currentLeaf = -1;
};

Normalized normalize(const ConversationArchive &a)
{
    Normalized n;
    n.conversation = a.conversation;
    n.conversation.id = 0;
    n.conversation.currentLeafId = 0;
    n.tags = a.tags;
    std::sort(n.tags.begin(), n.tags.end());
    QHash<qint64, int> indexOf;
    for (const ArchivedMessage &am : a.messages) {
        indexOf.insert(am.message.id, int(n.messages.size()));
        ArchivedMessage copy = am;
        n.parents << (am.message.parentId == 0 ? -1 : indexOf.value(am.message.parentId, -2));
        copy.message.id = copy.message.parentId = copy.message.conversationId = 0;
        n.messages << copy;
    }
    n.currentLeaf = a.conversation.currentLeafId == 0 ? -1 : indexOf.value(a.conversation.currentLeafId, -2);
    return n;
}

void compareConversations(const Conversation &a, const Conversation &b)
{
    QCOMPARE(a.uid, b.uid);
    QCOMPARE(a.title, b.title);
    QCOMPARE(a.titleLocked, b.titleLocked);
    QCOMPARE(a.created, b.created);
    QCOMPARE(a.updated, b.updated);
    QCOMPARE(a.pinned, b.pinned);
    QCOMPARE(a.archived, b.archived);
    QCOMPARE(a.deletedAt, b.deletedAt);
    QCOMPARE(a.profileId, b.profileId);
    QCOMPARE(a.model, b.model);
    QCOMPARE(a.systemPrompt, b.systemPrompt);
    QVERIFY(a.params == b.params);
    QCOMPARE(a.contextMaxMessages, b.contextMaxMessages);
    QCOMPARE(a.contextMaxTokens, b.contextMaxTokens);
}

void compareMessages(const Message &a, const Message &b)
{
    QCOMPARE(a.role, b.role);
    QCOMPARE(a.content, b.content);
    QCOMPARE(a.reasoning, b.reasoning);
    QCOMPARE(a.model, b.model);
    QCOMPARE(a.created, b.created);
    QCOMPARE(a.state, b.state);
    QCOMPARE(a.errorText, b.errorText);
    QVERIFY(a.usage == b.usage);
    QCOMPARE(a.timeToFirstTokenMs, b.timeToFirstTokenMs);
    QCOMPARE(a.durationMs, b.durationMs);
    QCOMPARE(a.finishReason, b.finishReason);
    QCOMPARE(a.contextOmitted, b.contextOmitted);
}

qint64 add(Store &s, qint64 conversation, qint64 parent, Role role, const QString &text,
           const Attachments &attachments = {})
{
    Message m;
    m.conversationId = conversation;
    m.parentId = parent;
    m.role = role;
    m.content = text;
    return s.addMessage(m, attachments);
}

// A finished reply with everything a reply can carry.
qint64 reply(Store &s, qint64 conversation, qint64 parent, const QString &text, const QString &reasoning)
{
    const qint64 id = add(s, conversation, parent, Role::Assistant, QString());
    Message m = s.message(id);
    m.content = text;
    m.reasoning = reasoning;
    m.model = QStringLiteral("gpt-4o");
    m.state = MessageState::Complete;
    m.usage.promptTokens = 12;
    m.usage.completionTokens = 34;
    m.usage.totalTokens = 46;
    m.usage.reasoningTokens = 7;
    m.timeToFirstTokenMs = 120;
    m.durationMs = 2500;
    m.finishReason = QStringLiteral("stop");
    return s.finishMessage(m) ? id : 0;
}

} // namespace

class TestPenpalJsonRoundtrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
};

void TestPenpalJsonRoundtrip::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Store source;
    QVERIFY2(source.open(dir.filePath(QStringLiteral("a.sqlite"))), qPrintable(source.lastError()));

    // 1: branches (a regenerated reply and an edited first prompt), files, tags, settings.
    Conversation c1;
    c1.title = QString::fromUtf8("Round trip 中文 🚀");
    c1.systemPrompt = QStringLiteral("Be brief.");
    c1.model = QStringLiteral("gpt-4o");
    c1.profileId = QStringLiteral("profile-1");
    c1.params.temperature = 0.25;
    c1.params.maxTokens = 512;
    c1.params.stop = QStringList{QStringLiteral("END")};
    c1.contextMaxMessages = 8;
    c1.pinned = true;
    QVERIFY(source.createConversation(c1) != 0);
    Attachment text{Attachment::Kind::Text, QStringLiteral("notes.txt"), QStringLiteral("text/plain"),
                    QByteArray("line one\nline \xE2\x9C\x93")};
    Attachment image{Attachment::Kind::Image, QStringLiteral("dot.png"), QStringLiteral("image/png"),
                     QByteArray::fromHex("89504e470d0a1a0a0000")};
    const qint64 u1 = add(source, c1.id, 0, Role::User, QStringLiteral("Look at these"), {text, image});
    QVERIFY(u1);
    const qint64 r1 = reply(source, c1.id, u1, QStringLiteral("First answer"), QStringLiteral("thinking…"));
    const qint64 r2 = reply(source, c1.id, u1, QStringLiteral("Second answer"), QString());
    QVERIFY(r1 && r2);
    const qint64 u2 = add(source, c1.id, r1, Role::User, QStringLiteral("Follow-up"));
    QVERIFY(u2);
    const qint64 edited = add(source, c1.id, 0, Role::User, QStringLiteral("Edited first prompt"));
    QVERIFY(edited);
    QVERIFY(source.setCurrentLeaf(c1.id, u2));
    QVERIFY(source.addTag({c1.id}, QStringLiteral("Work")));
    QVERIFY(source.addTag({c1.id}, QString::fromUtf8("日本")));
    QVERIFY(source.setContextOmitted(r2, 3));

    // 2: archived, with a title the user set. 3: in the trash.
    Conversation c2;
    c2.title = QStringLiteral("Auto");
    QVERIFY(source.createConversation(c2) != 0);
    QVERIFY(add(source, c2.id, 0, Role::User, QStringLiteral("hello")));
    QVERIFY(source.renameConversation(c2.id, QStringLiteral("Mine")));
    QVERIFY(source.setArchived({c2.id}, true));
    QVERIFY(source.addTag({c2.id}, QStringLiteral("work"))); // the same tag, another spelling
    Conversation c3;
    c3.title = QStringLiteral("Trashed");
    QVERIFY(source.createConversation(c3) != 0);
    QVERIFY(add(source, c3.id, 0, Role::User, QStringLiteral("bye")));
    QVERIFY(source.moveToTrash({c3.id}));

    QVector<ConversationArchive> exported;
    for (const qint64 id : {c1.id, c2.id, c3.id}) {
        bool ok = false;
        exported << source.loadArchive(id, &ok);
        QVERIFY2(ok, qPrintable(source.lastError()));
    }
    QCOMPARE(exported.at(0).messages.size(), 5);
    QVERIFY(exported.at(2).conversation.deletedAt.isValid());

    const QString file = dir.filePath(QStringLiteral("export.json"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        PenpalJsonWriter writer(&out);
        QVERIFY2(writer.begin(), qPrintable(writer.errorString()));
        for (const ConversationArchive &a : exported)
            QVERIFY2(writer.write(a), qPrintable(writer.errorString()));
        QVERIFY2(writer.finish(), qPrintable(writer.errorString()));
    }

    Store target;
    const QString targetPath = dir.filePath(QStringLiteral("b.sqlite"));
    QVERIFY2(target.open(targetPath), qPrintable(target.lastError()));
    const ImportResult result = importWithJob(target, file);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.format, QStringLiteral("Penpal"));
    QCOMPARE(result.imported, 3);
    QCOMPARE(result.messages, 7);
    QVERIFY(result.notes.isEmpty());

    for (int i = 0; i < exported.size(); ++i) {
        bool ok = false;
        const ConversationArchive back = target.loadArchive(result.conversationIds.at(i), &ok);
        QVERIFY2(ok, qPrintable(target.lastError()));
        const Normalized a = normalize(exported.at(i));
        const Normalized b = normalize(back);
        compareConversations(a.conversation, b.conversation);
        QCOMPARE(b.tags, a.tags);
        QCOMPARE(b.parents, a.parents);
        QCOMPARE(b.currentLeaf, a.currentLeaf);
        QCOMPARE(b.messages.size(), a.messages.size());
        for (int m = 0; m < a.messages.size(); ++m) {
            compareMessages(a.messages.at(m).message, b.messages.at(m).message);
            QCOMPARE(b.messages.at(m).attachments, a.messages.at(m).attachments);
        }
    }
    // Tags are shared by name, whatever the spelling: one "Work" tag for both conversations.
    QCOMPARE(target.allTags().size(), 2);

    // Importing the same file again adds nothing.
    const QString fingerprint = historyFingerprint(targetPath);
    const ImportResult again = importWithJob(target, file);
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.imported, 0);
    QCOMPARE(again.alreadyPresent, 3);
    QCOMPARE(historyFingerprint(targetPath), fingerprint);
}

QTEST_GUILESS_MAIN(TestPenpalJsonRoundtrip)
#include "tst_penpaljson_roundtrip.moc"
