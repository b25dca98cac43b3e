// Exports of a conversation with branches, files, reasoning and hostile text: loadArchive, the
// Penpal JSON writer (parsed back), Markdown, plain text, HTML (parsed as XML, checked for
// anything active or remote), PDF (text extracted with pdftotext) and that no format carries
// the profile's key or URL.
#include "ExportFixture.h"
#include "RawDb.h"
#include "StoreTestHelpers.h"
#include "TestContext.h"
#include "history/ArchiveExporter.h"
#include "history/ConversationExport.h"
#include "history/ExportText.h"
#include "history/MarkdownExportWriter.h"
#include "history/MarkdownHtml.h"
#include "history/PenpalJsonWriter.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <memory>

using namespace penpal;
using namespace penpal::test;

namespace {

const QString kSecretKey = QStringLiteral("sk-export-secret-4242");
const QString kSecretHost = QStringLiteral("secret-provider.invalid");

QString md(const char *s)
{
    return QString::fromUtf8(s);
}

} // namespace

class TestExporters : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void loadArchiveHasEveryBranch();
    void loadArchiveMissingConversation();
    void exportableExcludesTrash();
    void json();
    void jsonSeveralConversations();
    void markdownShowsShownBranch();
    void markdownClosesCutOffFence();
    void plainTextShowsShownBranch();
    void html();
    void htmlFragmentIsInert_data();
    void htmlFragmentIsInert();
    void pdf();
    void severalConversationsInOneFile_data();
    void severalConversationsInOneFile();
    void noSecrets_data();
    void noSecrets();
    void writeFailureIsReported();

private:
    QByteArray exportTo(ExportFormat format, const QVector<qint64> &ids, const QString &name);
    static QString pdfText(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_ctx;
    ExportFixture m_fx;
};

void TestExporters::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // To look at the files by hand: PENPAL_KEEP_EXPORTS=1 keeps each test's folder.
    m_dir->setAutoRemove(!qEnvironmentVariableIsSet("PENPAL_KEEP_EXPORTS"));
    m_ctx = makeTestContext(m_dir->path(), QUrl(QStringLiteral("https://%1/v1/").arg(kSecretHost)));
    QVERIFY(m_ctx);
    const QString profileId = m_ctx->settings()->value(Settings::ActiveProfileId).toString();
    m_ctx->secrets()->setSessionKey(profileId, kSecretKey);
    m_fx = ExportFixture();
    QVERIFY(m_fx.build(*m_ctx->store(), profileId));
    // Tags straight into the v7 tables: the organisation API is not what is tested here.
    RawDb raw(m_ctx->databasePath());
    QVERIFY2(raw.exec(QStringLiteral("INSERT INTO tags (name, created) VALUES ('work', 0), ('日本', 0)")),
             qPrintable(raw.error()));
    QVERIFY2(raw.exec(QStringLiteral("INSERT INTO conversation_tags (conversation_id, tag_id)"
                                     " SELECT ?, id FROM tags"),
                      {m_fx.conversationId}),
             qPrintable(raw.error()));
}

void TestExporters::cleanup()
{
    m_ctx.reset();
    m_dir.reset();
}

QByteArray TestExporters::exportTo(ExportFormat format, const QVector<qint64> &ids, const QString &name)
{
    const QString path = m_dir->filePath(name);
    QString error;
    if (!ConversationExport::run(*m_ctx->store(), ids, format, path, &error)) {
        qWarning() << "export failed:" << error;
        return {};
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString TestExporters::pdfText(const QString &path)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return QString();
    QProcess p;
    p.start(tool, {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QStringLiteral("<pdftotext failed: %1>").arg(QString::fromLocal8Bit(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput());
}

void TestExporters::loadArchiveHasEveryBranch()
{
    bool ok = false;
    const ConversationArchive a = m_ctx->store()->loadArchive(m_fx.conversationId, &ok);
    QVERIFY(ok);
    QCOMPARE(a.conversation.id, m_fx.conversationId);
    QCOMPARE(a.conversation.title, md("Export <test> & friends 中文"));
    QCOMPARE(a.conversation.currentLeafId, m_fx.streamingId);
    QCOMPARE(a.tags, (QStringList{QStringLiteral("work"), md("日本")}));
    QCOMPARE(a.messages.size(), 5);

    QSet<qint64> seen;
    QHash<qint64, qint64> parentOf;
    for (const ArchivedMessage &m : a.messages) {
        QVERIFY2(m.message.parentId == 0 || seen.contains(m.message.parentId), "a reply before its parent");
        seen.insert(m.message.id);
        parentOf.insert(m.message.id, m.message.parentId);
    }
    QCOMPARE(parentOf.value(m_fx.promptId), qint64(0));
    QCOMPARE(parentOf.value(m_fx.otherReplyId), m_fx.promptId);
    QCOMPARE(parentOf.value(m_fx.shownReplyId), m_fx.promptId);
    QCOMPARE(parentOf.value(m_fx.followUpId), m_fx.shownReplyId);
    QCOMPARE(parentOf.value(m_fx.streamingId), m_fx.followUpId);

    QCOMPARE(a.messages.first().message.id, m_fx.promptId);
    QCOMPARE(a.messages.first().attachments, (Attachments{m_fx.image, m_fx.textFile}));
    for (int i = 1; i < a.messages.size(); ++i)
        QVERIFY(a.messages.at(i).attachments.isEmpty());

    const QVector<int> shown = ExportText::shownBranch(a);
    QVector<qint64> shownIds;
    for (int i : shown)
        shownIds.append(a.messages.at(i).message.id);
    QCOMPARE(shownIds,
             (QVector<qint64>{m_fx.promptId, m_fx.shownReplyId, m_fx.followUpId, m_fx.streamingId}));
}

void TestExporters::loadArchiveMissingConversation()
{
    bool ok = true;
    const ConversationArchive a = m_ctx->store()->loadArchive(m_fx.conversationId + 1000, &ok);
    QVERIFY(!ok);
    QVERIFY(a.messages.isEmpty());
    QVERIFY(!m_ctx->store()->lastError().isEmpty());
}

void TestExporters::exportableExcludesTrash()
{
    Store &store = *m_ctx->store();
    Conversation archived;
    archived.title = QStringLiteral("Archived");
    archived.archived = true;
    QVERIFY(store.createConversation(archived));
    Conversation trashed;
    trashed.title = QStringLiteral("Trashed");
    trashed.deletedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(store.createConversation(trashed));

    const QVector<qint64> ids = store.exportableConversationIds();
    QCOMPARE(ids.size(), 2);
    QVERIFY(ids.contains(m_fx.conversationId));
    QVERIFY(ids.contains(archived.id));
    QVERIFY(!ids.contains(trashed.id));
}

void TestExporters::json()
{
    const QByteArray bytes = exportTo(ExportFormat::Json, {m_fx.conversationId}, QStringLiteral("one.json"));
    QVERIFY(!bytes.isEmpty());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = doc.object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("penpal-export"));
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    QVERIFY(QDateTime::fromString(root.value(QStringLiteral("exported")).toString(), Qt::ISODateWithMs)
                .isValid());
    // `conversations` is the last member of the file (for streaming readers).
    QVERIFY(bytes.lastIndexOf("\"conversations\"") > bytes.lastIndexOf("\"generator\""));
    const QJsonArray conversations = root.value(QStringLiteral("conversations")).toArray();
    QCOMPARE(conversations.size(), 1);

    const QJsonObject c = conversations.first().toObject();
    const Conversation stored = m_ctx->store()->conversation(m_fx.conversationId);
    QCOMPARE(c.value(QStringLiteral("uid")).toString(), stored.uid);
    QCOMPARE(c.value(QStringLiteral("title")).toString(), md("Export <test> & friends 中文"));
    QCOMPARE(c.value(QStringLiteral("systemPrompt")).toString(), QStringLiteral("Be terse & kind."));
    QCOMPARE(c.value(QStringLiteral("created")).toString(),
             stored.created.toUTC().toString(Qt::ISODateWithMs));
    QVERIFY(c.value(QStringLiteral("created")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(c.value(QStringLiteral("params")).toObject().value(QStringLiteral("temperature")).toDouble(),
             0.5);
    QCOMPARE(c.value(QStringLiteral("tags")).toArray(), (QJsonArray{QStringLiteral("work"), md("日本")}));
    QCOMPARE(c.value(QStringLiteral("archived")).toBool(true), false);
    QVERIFY(!c.contains(QStringLiteral("deleted")));
    QCOMPARE(c.value(QStringLiteral("currentLeaf")).toInteger(), m_fx.streamingId);

    const QJsonArray messages = c.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 5);
    QHash<qint64, QJsonObject> byId;
    for (const QJsonValue &v : messages) {
        const QJsonObject m = v.toObject();
        const QJsonValue parent = m.value(QStringLiteral("parent"));
        QVERIFY2(parent.isNull() || byId.contains(parent.toInteger()), "parent listed after its reply");
        byId.insert(m.value(QStringLiteral("id")).toInteger(), m);
    }
    QVERIFY(byId.value(m_fx.promptId).value(QStringLiteral("parent")).isNull());
    QCOMPARE(byId.value(m_fx.otherReplyId).value(QStringLiteral("parent")).toInteger(), m_fx.promptId);
    QCOMPARE(byId.value(m_fx.shownReplyId).value(QStringLiteral("parent")).toInteger(), m_fx.promptId);
    QCOMPARE(byId.value(m_fx.followUpId).value(QStringLiteral("parent")).toInteger(), m_fx.shownReplyId);
    QCOMPARE(byId.value(m_fx.streamingId).value(QStringLiteral("parent")).toInteger(), m_fx.followUpId);

    const QJsonObject prompt = byId.value(m_fx.promptId);
    QCOMPARE(prompt.value(QStringLiteral("role")).toString(), QStringLiteral("user"));
    QCOMPARE(prompt.value(QStringLiteral("content")).toString(),
             md("Hello <script>alert(1)</script> & welcome 🙂 你好"));
    const QJsonArray files = prompt.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("image"));
    QCOMPARE(files.at(0).toObject().value(QStringLiteral("fileName")).toString(), QStringLiteral("red.png"));
    QCOMPARE(files.at(0).toObject().value(QStringLiteral("mimeType")).toString(),
             QStringLiteral("image/png"));
    QCOMPARE(
        QByteArray::fromBase64(files.at(0).toObject().value(QStringLiteral("data")).toString().toLatin1()),
        m_fx.image.data);
    QCOMPARE(files.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("text"));
    QCOMPARE(
        QByteArray::fromBase64(files.at(1).toObject().value(QStringLiteral("data")).toString().toLatin1()),
        m_fx.textFile.data);

    const QJsonObject reply = byId.value(m_fx.shownReplyId);
    QCOMPARE(reply.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QVERIFY(reply.value(QStringLiteral("content")).toString().contains(QLatin1String("```cpp\n")));
    QVERIFY(reply.value(QStringLiteral("reasoning"))
                .toString()
                .startsWith(QLatin1String(ExportFixture::Reasoning)));
    QCOMPARE(reply.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
    QCOMPARE(reply.value(QStringLiteral("state")).toString(), QStringLiteral("complete"));
    QCOMPARE(reply.value(QStringLiteral("finishReason")).toString(), QStringLiteral("stop"));
    QCOMPARE(reply.value(QStringLiteral("usage")).toObject(),
             (QJsonObject{{QStringLiteral("prompt"), 10},
                          {QStringLiteral("completion"), 20},
                          {QStringLiteral("total"), 30},
                          {QStringLiteral("reasoning"), 5}}));
    QCOMPARE(reply.value(QStringLiteral("ttftMs")).toInt(), 120);
    QCOMPARE(reply.value(QStringLiteral("durationMs")).toInt(), 900);
    QVERIFY(!reply.contains(QStringLiteral("attachments")));
    QVERIFY(!reply.contains(QStringLiteral("error")));

    // Unknown counts and empty fields are absent, not zero.
    const QJsonObject other = byId.value(m_fx.otherReplyId);
    QVERIFY(!other.contains(QStringLiteral("usage")));
    QVERIFY(!other.contains(QStringLiteral("reasoning")));
    QVERIFY(!other.contains(QStringLiteral("ttftMs")));
    // A reply still streaming is written as interrupted.
    QCOMPARE(byId.value(m_fx.streamingId).value(QStringLiteral("state")).toString(),
             QStringLiteral("interrupted"));
}

void TestExporters::jsonSeveralConversations()
{
    const qint64 second = newConversation(*m_ctx->store(), QStringLiteral("Second"));
    QVERIFY(second);
    QVERIFY(addMsg(*m_ctx->store(), second, 0, Role::User, QStringLiteral("hi")));
    const qint64 empty = newConversation(*m_ctx->store(), QStringLiteral("Empty"));
    QVERIFY(empty);

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    PenpalJsonWriter writer(&buffer);
    QVERIFY(writer.begin());
    for (qint64 id : {m_fx.conversationId, second, empty}) {
        bool ok = false;
        QVERIFY(writer.write(m_ctx->store()->loadArchive(id, &ok)));
        QVERIFY(ok);
    }
    QVERIFY(writer.finish());
    QVERIFY(writer.errorString().isEmpty());

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(buffer.data(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonArray conversations = doc.object().value(QStringLiteral("conversations")).toArray();
    QCOMPARE(conversations.size(), 3);
    QCOMPARE(conversations.at(1).toObject().value(QStringLiteral("title")).toString(),
             QStringLiteral("Second"));
    QCOMPARE(conversations.at(1).toObject().value(QStringLiteral("messages")).toArray().size(), 1);
    QVERIFY(conversations.at(2).toObject().value(QStringLiteral("currentLeaf")).isNull());
    QCOMPARE(conversations.at(2).toObject().value(QStringLiteral("messages")).toArray().size(), 0);
}

void TestExporters::markdownShowsShownBranch()
{
    const QString text =
        QString::fromUtf8(exportTo(ExportFormat::Markdown, {m_fx.conversationId}, QStringLiteral("c.md")));
    QVERIFY(!text.isEmpty());
    QVERIFY(text.startsWith(QStringLiteral("# Export \\<test> & friends 中文\n")));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownReply)));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownFollowUp)));
    QVERIFY(!text.contains(QLatin1String(ExportFixture::OtherBranch)));
    QVERIFY(text.contains(QStringLiteral("## You\n")));
    QVERIFY(text.contains(QStringLiteral("## Assistant (test-model)\n")));
    QVERIFY(text.contains(QStringLiteral("```cpp\nint main() { return 1 < 2 && 3 > 2; }\n```")));
    QVERIFY(text.contains(md("🙂 你好")));
    QVERIFY(text.contains(QStringLiteral("<details>\n<summary>Reasoning</summary>\n\n> %1")
                              .arg(QLatin1String(ExportFixture::Reasoning))));
    QVERIFY(text.contains(QStringLiteral("- red.png (image/png")));
    QVERIFY(text.contains(QStringLiteral("- notes.txt (text/plain")));
    QVERIFY(text.contains(QStringLiteral("Tags: work, 日本")));
    QVERIFY(text.contains(QStringLiteral("Partial answer")));
    // The shown branch in order.
    QVERIFY(text.indexOf(QStringLiteral("Hello <script>")) <
            text.indexOf(QLatin1String(ExportFixture::ShownReply)));
    QVERIFY(text.indexOf(QLatin1String(ExportFixture::ShownReply)) <
            text.indexOf(QLatin1String(ExportFixture::ShownFollowUp)));
}

void TestExporters::markdownClosesCutOffFence()
{
    ConversationArchive a;
    a.conversation.title = QStringLiteral("Cut");
    Message m;
    m.id = 1;
    m.role = Role::Assistant;
    m.content = QStringLiteral("Start:\n\n```python\nprint(1)");
    m.state = MessageState::Interrupted;
    Message next;
    next.id = 2;
    next.parentId = 1;
    next.content = QStringLiteral("after");
    a.messages = {{m, {}}, {next, {}}};
    a.conversation.currentLeafId = 2;
    const QString text = MarkdownExportWriter::render(a);
    QVERIFY2(text.contains(QStringLiteral("```python\nprint(1)\n```\n\n*interrupted*\n\n## You\n\nafter")),
             qPrintable(text));
    // A closed fence is left alone.
    QCOMPARE(ExportText::closeOpenFence(QStringLiteral("```\na\n```")), QStringLiteral("```\na\n```"));
    QCOMPARE(ExportText::closeOpenFence(QStringLiteral("~~~~\na\n~~~")),
             QStringLiteral("~~~~\na\n~~~\n~~~~"));
}

void TestExporters::plainTextShowsShownBranch()
{
    const QString text =
        QString::fromUtf8(exportTo(ExportFormat::PlainText, {m_fx.conversationId}, QStringLiteral("c.txt")));
    QVERIFY(!text.isEmpty());
    QVERIFY(text.startsWith(md("Export <test> & friends 中文\n====")));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownReply)));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownFollowUp)));
    QVERIFY(!text.contains(QLatin1String(ExportFixture::OtherBranch)));
    QVERIFY(text.contains(QStringLiteral("--- You ---\nHello <script>alert(1)</script> & welcome")));
    QVERIFY(text.contains(QStringLiteral("  | %1").arg(QLatin1String(ExportFixture::Reasoning))));
    QVERIFY(text.contains(QStringLiteral("Attached: notes.txt (text/plain")));
    QVERIFY(text.contains(QStringLiteral("(30 tokens · 5 reasoning tokens · 0.9 s)")));
}

void TestExporters::html()
{
    const QByteArray bytes = exportTo(ExportFormat::Html, {m_fx.conversationId}, QStringLiteral("c.html"));
    QVERIFY(!bytes.isEmpty());
    const QString html = QString::fromUtf8(bytes);
    QVERIFY(html.contains(QStringLiteral("<meta charset=\"utf-8\"/>")));

    QXmlStreamReader xml(bytes);
    QStringList imageSources;
    QStringList links;
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            QVERIFY2(xml.name() != QLatin1String("script") && xml.name() != QLatin1String("iframe") &&
                         xml.name() != QLatin1String("object") && xml.name() != QLatin1String("link"),
                     qPrintable(xml.name().toString()));
            for (const QXmlStreamAttribute &attribute : xml.attributes())
                QVERIFY2(!attribute.name().startsWith(QLatin1String("on"), Qt::CaseInsensitive),
                         qPrintable(attribute.name().toString()));
            if (xml.name() == QLatin1String("img"))
                imageSources << xml.attributes().value(QLatin1String("src")).toString();
            if (xml.name() == QLatin1String("a"))
                links << xml.attributes().value(QLatin1String("href")).toString();
        } else if (xml.isCharacters()) {
            text += xml.text();
        }
    }
    QVERIFY2(!xml.hasError(),
             qPrintable(QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber())));

    QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QLatin1String("src=\"http"), Qt::CaseInsensitive));
    QVERIFY(!html.contains(QLatin1String("onerror"), Qt::CaseInsensitive));
    // The attached image is inline; the remote one is only a link.
    QCOMPARE(imageSources, QStringList{QStringLiteral("data:image/png;base64,") +
                                       QString::fromLatin1(m_fx.image.data.toBase64())});
    QVERIFY(links.contains(QLatin1String(ExportFixture::RemoteImage)));
    // Hostile text survives as text.
    QVERIFY(text.contains(md("Hello <script>alert(1)</script> & welcome 🙂 你好")));
    QVERIFY(text.contains(md("<script>alert(1)</script> & done 中文 🚀")));
    QVERIFY(text.contains(QStringLiteral("int main() { return 1 < 2 && 3 > 2; }")));
    QVERIFY(html.contains(QStringLiteral("<pre><code class=\"language-cpp\">")));
    QVERIFY(text.contains(QStringLiteral("note & <b>bold</b>")));
    QVERIFY(text.contains(QLatin1String(ExportFixture::Reasoning)));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownReply)));
    QVERIFY(!text.contains(QLatin1String(ExportFixture::OtherBranch)));
}

void TestExporters::htmlFragmentIsInert_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("mustContain");
    QTest::newRow("raw html") << QStringLiteral("<img src=x onerror=alert(1)> <b>b</b>")
                              << QStringLiteral("&lt;img src=x onerror=alert(1)&gt;");
    QTest::newRow("javascript link") << QStringLiteral("[click](javascript:alert(1))")
                                     << QStringLiteral("click");
    QTest::newRow("remote image") << QStringLiteral("![x](http://a.example/i.png)")
                                  << QStringLiteral("href=\"http://a.example/i.png\"");
    QTest::newRow("data image") << QStringLiteral("![x](data:image/png;base64,AAAA)")
                                << QStringLiteral("[image: x]");
    QTest::newRow("control chars") << QStringLiteral("a\x03\x1b b") << QStringLiteral("<p>a b</p>");
    QTest::newRow("nested list") << QStringLiteral("- a\n  - b\n- c") << QStringLiteral("<li>c</li>");
    QTest::newRow("table") << QStringLiteral("| a | b |\n|---|---|\n| <x> | & |")
                           << QStringLiteral("<td>&lt;x&gt;</td><td>&amp;</td>");
    QTest::newRow("quote") << QStringLiteral("> q\n\nafter")
                           << QStringLiteral("<blockquote>\n<p>q</p>\n</blockquote>");
    QTest::newRow("math") << QStringLiteral("$x^2$") << QStringLiteral("<code class=\"math\">x^2</code>");
    QTest::newRow("adjacent code blocks")
        << QStringLiteral("```\na\n```\n```\nb\n```") << QStringLiteral("a</code></pre>\n<pre><code>b");
}

void TestExporters::htmlFragmentIsInert()
{
    QFETCH(QString, markdown);
    QFETCH(QString, mustContain);
    const QString fragment = MarkdownHtml::fragment(markdown);
    QVERIFY2(fragment.contains(mustContain), qPrintable(fragment));
    QXmlStreamReader xml(QStringLiteral("<div>") + fragment + QStringLiteral("</div>"));
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            QVERIFY(xml.name() != QLatin1String("script") && xml.name() != QLatin1String("img"));
            for (const QXmlStreamAttribute &attribute : xml.attributes()) {
                QVERIFY(!attribute.name().startsWith(QLatin1String("on")));
                QVERIFY(!attribute.value().startsWith(QLatin1String("javascript:")));
                QVERIFY(!attribute.value().startsWith(QLatin1String("data:")));
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString() + QLatin1Char('\n') + fragment));
}

void TestExporters::pdf()
{
    const qint64 second = newConversation(*m_ctx->store(), QStringLiteral("Second PDF chat"));
    QVERIFY(addMsg(*m_ctx->store(), second, 0, Role::User, QStringLiteral("SECOND-CONVERSATION-TEXT")));
    const QByteArray bytes =
        exportTo(ExportFormat::Pdf, {m_fx.conversationId, second}, QStringLiteral("c.pdf"));
    QVERIFY(bytes.startsWith("%PDF"));
    const QString text = pdfText(m_dir->filePath(QStringLiteral("c.pdf")));
    if (text.isNull())
        QSKIP("pdftotext (poppler-utils) is not installed");
    QVERIFY2(text.contains(QLatin1String(ExportFixture::ShownReply)), qPrintable(text));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownFollowUp)));
    QVERIFY(text.contains(QStringLiteral("int main()")));
    QVERIFY(text.contains(QStringLiteral("SECOND-CONVERSATION-TEXT")));
    QVERIFY(!text.contains(QLatin1String(ExportFixture::OtherBranch)));
    // Each conversation starts on a page of its own: pdftotext ends pages with a form feed.
    const QString beforeSecond = text.left(text.indexOf(QStringLiteral("Second PDF chat")));
    QVERIFY(beforeSecond.contains(QChar(0x0C)));
}

void TestExporters::severalConversationsInOneFile_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("separator"); // what comes between two conversations
    QTest::newRow("markdown") << int(ExportFormat::Markdown) << QStringLiteral("\n---\n\n# SECOND-TITLE\n");
    QTest::newRow("text") << int(ExportFormat::PlainText)
                          << QStringLiteral("\n%1\n\nSECOND-TITLE\n").arg(QString(72, QLatin1Char('=')));
    QTest::newRow("html") << int(ExportFormat::Html)
                          << QStringLiteral(
                                 "</article>\n<article class=\"conversation\">\n<h1>SECOND-TITLE</h1>");
}

void TestExporters::severalConversationsInOneFile()
{
    QFETCH(int, format);
    QFETCH(QString, separator);
    const qint64 second = newConversation(*m_ctx->store(), QStringLiteral("SECOND-TITLE"));
    QVERIFY(addMsg(*m_ctx->store(), second, 0, Role::User, QStringLiteral("second text")));
    const auto f = ExportFormat(format);
    const QString text = QString::fromUtf8(
        exportTo(f, {m_fx.conversationId, second}, QStringLiteral("two.") + ExportFormats::suffix(f)));
    QVERIFY(text.contains(QLatin1String(ExportFixture::ShownReply)));
    QVERIFY2(text.contains(separator), qPrintable(text.right(400)));
    QVERIFY(text.indexOf(QLatin1String(ExportFixture::ShownReply)) < text.indexOf(separator));
    QVERIFY(text.indexOf(separator) < text.indexOf(QStringLiteral("second text")));
    if (f == ExportFormat::Html) {
        QXmlStreamReader xml(text);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(text.count(QStringLiteral("<html")), 1);
    }
}

void TestExporters::noSecrets_data()
{
    QTest::addColumn<int>("format");
    for (ExportFormat f : ExportFormats::all())
        QTest::newRow(qPrintable(ExportFormats::key(f))) << int(f);
}

void TestExporters::noSecrets()
{
    QFETCH(int, format);
    const auto f = ExportFormat(format);
    const QString name = QStringLiteral("all.") + ExportFormats::suffix(f);
    const QByteArray bytes = exportTo(f, m_ctx->store()->exportableConversationIds(), name);
    QVERIFY(!bytes.isEmpty());
    QString text = QString::fromUtf8(bytes);
    if (f == ExportFormat::Pdf) {
        text = pdfText(m_dir->filePath(name));
        if (text.isNull())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QVERIFY(text.contains(QLatin1String(ExportFixture::ShownReply)));
    }
    QVERIFY(!text.contains(kSecretKey));
    QVERIFY(!text.contains(kSecretHost));
    QVERIFY(!bytes.contains(kSecretKey.toUtf8()));
    QVERIFY(!bytes.contains(kSecretHost.toUtf8()));
}

void TestExporters::writeFailureIsReported()
{
    bool ok = false;
    const ConversationArchive archive = m_ctx->store()->loadArchive(m_fx.conversationId, &ok);
    QVERIFY(ok);
    for (ExportFormat f : ExportFormats::all()) {
        QBuffer readOnly;
        QVERIFY(readOnly.open(QIODevice::ReadOnly));
        std::unique_ptr<ArchiveExporter> writer = ArchiveExporter::create(f, &readOnly);
        const bool wrote = writer->begin() && writer->write(archive) && writer->finish();
        QVERIFY2(!wrote, qPrintable(ExportFormats::key(f)));
        QVERIFY(!writer->errorString().isEmpty());
    }
    // A folder that does not exist: a human sentence naming the file.
    QString error;
    const QString path = m_dir->filePath(QStringLiteral("missing/dir/out.md"));
    QVERIFY(!ConversationExport::run(*m_ctx->store(), {m_fx.conversationId}, ExportFormat::Markdown, path,
                                     &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestExporters)
#include "tst_exporters.moc"
