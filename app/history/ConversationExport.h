#pragma once

#include "history/ExportFormat.h"

#include <QString>
#include <QVector>

#include <functional>

namespace penpal {

class Store;

// Exports conversations from the store to one file: loads them one at a time
// (Store::loadArchive) and hands each to the format's ArchiveExporter. The file is written
// to a temporary name and renamed at the end (QSaveFile), so a failed or cancelled export
// never leaves a half-written file, nor replaces an older one.
class ConversationExport {
public:
    // Called after each conversation; returning false cancels the export.
    using Progress = std::function<bool(int done, int total)>;

    // False with *error set (one human sentence) on failure or cancel.
    static bool run(const Store &store, const QVector<qint64> &conversationIds, ExportFormat format,
                    const QString &path, QString *error, const Progress &progress = {});
};

} // namespace penpal
