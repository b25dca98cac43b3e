#include "ImportTestHelpers.h"

#include "history/ImportJob.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QtTest>

#include <zip.h>

namespace penpal::test {

QString historyFingerprint(const QString &path)
{
    const QString name = QStringLiteral("fingerprint.") + QUuid::createUuid().toString(QUuid::Id128);
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            return QStringLiteral("cannot open");
        QCryptographicHash hash(QCryptographicHash::Sha1);
        QStringList counts;
        const QStringList tables = {QStringLiteral("conversations"), QStringLiteral("messages"),
                                    QStringLiteral("attachments"), QStringLiteral("tags"),
                                    QStringLiteral("conversation_tags")};
        for (const QString &table : tables) {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(table)))
                return QStringLiteral("cannot read %1").arg(table);
            int rows = 0;
            while (q.next()) {
                ++rows;
                for (int i = 0; i < q.record().count(); ++i) {
                    const QVariant v = q.value(i);
                    hash.addData(v.isNull() ? QByteArrayLiteral("<null>") : v.toByteArray());
                    hash.addData(QByteArrayLiteral("\x1f"));
                }
                hash.addData(QByteArrayLiteral("\x1e"));
            }
            counts << QString::number(rows);
        }
        result =
            counts.join(QLatin1Char('/')) + QLatin1Char(' ') + QString::fromLatin1(hash.result().toHex());
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

bool writeZip(const QString &zipPath, const QVector<QPair<QString, QByteArray>> &entries)
{
    int code = 0;
    zip_t *archive = zip_open(QFile::encodeName(zipPath).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) {
        qWarning() << "zip_open failed" << code;
        return false;
    }
    for (const auto &entry : entries) {
        // libzip reads the buffer at zip_close(): give it a copy it frees itself.
        void *copy = malloc(size_t(entry.second.size()));
        memcpy(copy, entry.second.constData(), size_t(entry.second.size()));
        zip_source_t *source = zip_source_buffer(archive, copy, zip_uint64_t(entry.second.size()), 1);
        if (!source ||
            zip_file_add(archive, entry.first.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8) < 0) {
            qWarning() << "zip_file_add failed" << zip_strerror(archive);
            if (source)
                zip_source_free(source);
            zip_discard(archive);
            return false;
        }
    }
    if (zip_close(archive) != 0) {
        qWarning() << "zip_close failed" << zip_strerror(archive);
        zip_discard(archive);
        return false;
    }
    return true;
}

ImportResult importWithJob(Store &store, const QString &file)
{
    ImportJob job(&store, file);
    QSignalSpy finished(&job, &ImportJob::finished);
    job.start();
    if (!finished.wait(60000))
        qWarning() << "import did not finish";
    return job.result();
}

QString chatGptFixturePath()
{
    return QStringLiteral(PENPAL_FIXTURES_DIR "/chatgpt/conversations.json");
}

} // namespace penpal::test
