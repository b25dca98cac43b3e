#include "history/ConversationExport.h"

#include "history/ArchiveExporter.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace penpal {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("penpal::ConversationExport", text);
}

bool failWith(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

bool ConversationExport::run(const Store &store, const QVector<qint64> &conversationIds, ExportFormat format,
                             const QString &path, QString *error, const Progress &progress)
{
    if (conversationIds.isEmpty())
        return failWith(error, tr("There is no conversation to export."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failWith(error, tr("Cannot write %1: %2").arg(path, file.errorString()));

    std::unique_ptr<ArchiveExporter> writer = ArchiveExporter::create(format, &file);
    if (!writer->begin())
        return failWith(error, writer->errorString());
    for (int i = 0; i < conversationIds.size(); ++i) {
        bool ok = false;
        const ConversationArchive archive = store.loadArchive(conversationIds.at(i), &ok);
        if (!ok)
            return failWith(error, tr("Cannot read a conversation: %1").arg(store.lastError()));
        if (!writer->write(archive))
            return failWith(error, writer->errorString());
        if (progress && !progress(i + 1, conversationIds.size())) {
            file.cancelWriting();
            return failWith(error, tr("The export was cancelled."));
        }
    }
    if (!writer->finish())
        return failWith(error, writer->errorString());
    writer.reset(); // a PDF writer lets go of the file here
    if (!file.commit())
        return failWith(error, tr("Cannot save %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace penpal
