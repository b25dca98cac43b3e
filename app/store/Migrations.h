#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

namespace penpal {

// One step of the schema's history. Versions are 1, 2, 3, ... with no gaps; a released
// migration is never edited, only followed by a new one.
struct Migration {
    int version = 0;
    QString description;
    QStringList statements; // one SQL statement each: the driver runs only the first of a batch
};

// The numbered migration list (as data) and the runner that applies it. Each migration runs
// in its own BEGIN IMMEDIATE transaction together with its schema_version row, so a failing
// one leaves the file at the version before it.
class Migrations {
public:
    static const QVector<Migration> &all();
    static int latestVersion();

    // The version recorded in schema_version: 0 for an empty file, -1 (with *error) when it
    // cannot be read or the file holds tables but is not a Penpal database.
    static int readVersion(const QSqlDatabase &db, QString *error);

    // Applies every migration above the file's version up to `targetVersion`.
    static bool migrate(const QSqlDatabase &db, int targetVersion, QString *error);

private:
    static bool apply(const QSqlDatabase &db, const Migration &m, QString *error);
};

} // namespace penpal
