#pragma once

#include "history/ImportResult.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace penpal {
class Store;
}

namespace penpal::test {

// Everything a person could see of the history in the file at `path`, through a connection
// of its own: the rows of conversations, messages, attachments, tags and conversation_tags,
// hashed in id order, plus their counts ("3/12/0/1/1 <sha1>"). Equal fingerprints: the
// history holds exactly the same.
QString historyFingerprint(const QString &path);

// Writes a ZIP archive at `zipPath` holding `entries` (name, bytes) with libzip; false (and
// a warning) on failure.
bool writeZip(const QString &zipPath, const QVector<QPair<QString, QByteArray>> &entries);

// Runs an ImportJob of `file` into `store` and waits for it to finish.
ImportResult importWithJob(Store &store, const QString &file);

// The fixture ChatGPT export (tests/fixtures/chatgpt/conversations.json).
QString chatGptFixturePath();

} // namespace penpal::test
