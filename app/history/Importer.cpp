#include "history/Importer.h"

#include "history/ArchiveWriter.h"
#include "history/ChatGptConverter.h"
#include "history/ImportSource.h"
#include "history/JsonArrayStreamer.h"
#include "history/PenpalJsonReader.h"
#include "store/Migrations.h"
#include "store/SearchBacklog.h"
#include "store/StoreSql.h"
#include "store/StoreTransaction.h"

#include <QAtomicInteger>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace penpal {

Q_LOGGING_CATEGORY(lcImport, "penpal.history.import")

namespace {

constexpr int kBusyTimeoutMs = 5000;
// The oldest schema with uid, tags and the trash: what ArchiveWriter writes.
constexpr int kMinimumSchema = 7;

QString connectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("penpal.import.%1").arg(counter.fetchAndAddRelaxed(1));
}

// The import proper, on an open connection; the caller removes the connection afterwards
// (every query made here is gone by then).
class Run {
public:
    Run(const QSqlDatabase &db, ImportSource &source, ImportResult &result)
        : m_db(db)
        , m_source(source)
        , m_result(result)
    {
    }

    bool execute(const std::atomic<bool> *cancel, const Importer::Progress &progress, qint64 chunkSize);

private:
    bool fail(const QString &error)
    {
        m_result.error = error;
        return false;
    }
    bool handle(const JsonStreamElement &element, ArchiveWriter &writer, JsonArrayStreamer &streamer);

    QSqlDatabase m_db;
    ImportSource &m_source;
    ImportResult &m_result;
    bool m_headerChecked = false;
    int m_index = 0;
};

bool Run::execute(const std::atomic<bool> *cancel, const Importer::Progress &progress, qint64 chunkSize)
{
    QString err;
    const int version = Migrations::readVersion(m_db, &err);
    if (version < kMinimumSchema)
        return fail(
            version < 0 ? err : QStringLiteral("the history database is not ready (schema %1)").arg(version));
    {
        // A reply being written would wait on the import's write lock and fail.
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("SELECT 1 FROM messages WHERE state = 'streaming' LIMIT 1")) && q.next())
            return fail(QStringLiteral(
                "a reply is still being written; stop it or wait for it to finish, then import again"));
    }

    StoreTransaction tx(m_db);
    if (!tx.isActive())
        return fail(QStringLiteral("cannot start the import: %1").arg(tx.error()));
    // From schema v9 the messages are indexed for search after the commit (SearchBacklog): in
    // the transaction, the index work would make the import about three times slower.
    ArchiveWriter writer(m_db);
    if (!writer.start())
        return fail(writer.errorString());
    qint64 backlog = 0;
    if (version >= 9 && (backlog = SearchBacklog::open(m_db, writer.firstMessageId(), &err)) == 0)
        return fail(QStringLiteral("cannot start the import: %1").arg(err));
    JsonArrayStreamer streamer;
    QByteArray buffer(int(chunkSize), Qt::Uninitialized);
    QVector<JsonStreamElement> elements;
    qint64 done = 0;
    const qint64 total = m_source.totalBytes();
    for (;;) {
        if (cancel && cancel->load()) {
            m_result.cancelled = true;
            return fail(QStringLiteral("the import was cancelled; nothing was imported"));
        }
        const qint64 n = m_source.read(buffer.data(), buffer.size());
        if (n < 0)
            return fail(m_source.errorString());
        if (n == 0)
            break;
        done += n;
        elements.clear();
        const bool fed = streamer.feed(buffer.constData(), n, &elements);
        // The elements completed before a fault are still imported first, so that a fault in
        // them is the one reported; none of it is committed anyway.
        for (const JsonStreamElement &e : qAsConst(elements)) {
            if (cancel && cancel->load()) {
                m_result.cancelled = true;
                return fail(QStringLiteral("the import was cancelled; nothing was imported"));
            }
            if (!handle(e, writer, streamer))
                return false;
        }
        if (!fed)
            return fail(QStringLiteral("the file is not valid JSON: %1").arg(streamer.errorString()));
        if (progress)
            progress(done, qMax(total, done));
    }
    if (!streamer.finish())
        return fail(QStringLiteral("the file is not valid JSON: %1").arg(streamer.errorString()));
    if (streamer.topLevel() == JsonArrayStreamer::TopLevel::Object) {
        if (!m_headerChecked && !PenpalJsonReader::checkHeader(streamer.members(), &err))
            return fail(err);
        if (!streamer.arrayFound())
            return fail(QStringLiteral("the Penpal export has no \"conversations\""));
        m_result.format = QStringLiteral("Penpal");
    } else {
        m_result.format = QStringLiteral("ChatGPT");
    }
    if (!writer.finish())
        return fail(writer.errorString());
    m_result.messages = writer.messagesWritten();
    if (backlog != 0 && !SearchBacklog::close(m_db, backlog, &err))
        return fail(QStringLiteral("cannot save the import: %1").arg(err));
    if (!tx.commit())
        return fail(QStringLiteral("cannot save the import: %1").arg(tx.error()));
    return true;
}

bool Run::handle(const JsonStreamElement &element, ArchiveWriter &writer, JsonArrayStreamer &streamer)
{
    ++m_index;
    const bool chatGpt = streamer.topLevel() == JsonArrayStreamer::TopLevel::Array;
    if (!element.json.startsWith('{')) {
        return fail(
            chatGpt ? QStringLiteral("not a ChatGPT export: element %1 is not a conversation").arg(m_index)
                    : QStringLiteral("conversation %1 of the Penpal export is not an object").arg(m_index));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(element.json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail(QStringLiteral("the file is not valid JSON: %1 at byte %2")
                        .arg(parseError.errorString())
                        .arg(element.offset + parseError.offset));
    }
    ConversationArchive archive;
    QString err;
    if (chatGpt) {
        if (!ChatGptConverter::convert(doc.object(), &archive, &m_result.notes, &err))
            return fail(err);
    } else {
        if (!m_headerChecked) {
            if (!PenpalJsonReader::checkHeader(streamer.members(), &err))
                return fail(err);
            m_headerChecked = true;
        }
        if (!PenpalJsonReader::readConversation(doc.object(), &archive, &err))
            return fail(err);
    }
    qint64 id = 0;
    switch (writer.write(archive, &id)) {
    case ArchiveWriter::Outcome::Inserted:
        ++m_result.imported;
        m_result.conversationIds.append(id);
        return true;
    case ArchiveWriter::Outcome::AlreadyPresent:
        ++m_result.alreadyPresent;
        return true;
    case ArchiveWriter::Outcome::Failed:
        break;
    }
    return fail(writer.errorString());
}

} // namespace

Importer::Importer(const QString &databasePath, const QString &filePath)
    : m_databasePath(databasePath)
    , m_filePath(filePath)
{
}

ImportResult Importer::run()
{
    ImportResult result;
    ImportSource source;
    if (!source.open(m_filePath)) {
        result.error = source.errorString();
        return result;
    }
    if (m_databasePath.isEmpty() || m_databasePath == QLatin1String(":memory:")) {
        result.error = QStringLiteral("imports need a history database file");
        return result;
    }
    const QString name = connectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_databasePath);
        QSqlQuery q(db);
        if (!db.open() || !q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs)) ||
            !q.exec(QStringLiteral("PRAGMA foreign_keys = ON"))) {
            result.error = QStringLiteral("cannot open the history database: %1")
                               .arg(storesql::errorText(db.isOpen() ? q.lastError() : db.lastError()));
        } else {
            q.finish();
            Run run(db, source, result);
            result.ok = run.execute(m_cancel, m_progress, m_chunkSize);
        }
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!result.ok) {
        result.imported = 0;
        result.messages = 0;
        result.conversationIds.clear();
        qCInfo(lcImport) << "import failed, rolled back:" << result.error;
    } else {
        qCInfo(lcImport) << "imported" << result.imported << "conversations," << result.alreadyPresent
                         << "already present";
    }
    return result;
}

} // namespace penpal
