#pragma once

#include <QDateTime>
#include <QString>
#include <QVector>

namespace penpal {

// One backup file of the database, as the Backups page lists it.
struct BackupInfo {
    enum Kind {
        Daily,         // the rolling copy, once a day
        Manual,        // "Back Up Now"
        BeforeRestore, // the state replaced by a restore
        Migration,     // taken before a schema migration (StoreBackup)
    };
    QString path;
    Kind kind = Daily;
    QDateTime when; // UTC, from the file name
    qint64 size = 0;
    // Filled by BackupManager::inspect(); `readable` false when the file could not be read.
    bool inspected = false;
    bool readable = false;
    int conversations = 0;
    int messages = 0;
    int schemaVersion = 0;
};
using BackupInfos = QVector<BackupInfo>;

} // namespace penpal
