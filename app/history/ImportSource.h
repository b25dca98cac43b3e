#pragma once

#include <QFile>
#include <QString>

struct zip;
struct zip_file;

namespace penpal {

// The bytes of the JSON to import, read in chunks: a .json file as it is, or the
// conversations.json inside a .zip (ChatGPT's data export; found in any folder), inflated by
// libzip as it is read. Never loads the whole file.
class ImportSource {
public:
    ImportSource() = default;
    ~ImportSource();
    ImportSource(const ImportSource &) = delete;
    ImportSource &operator=(const ImportSource &) = delete;

    bool open(const QString &path);
    // Up to `max` bytes into `buffer`; 0 at the end, -1 on a read error (errorString()).
    qint64 read(char *buffer, qint64 max);
    qint64 totalBytes() const { return m_total; } // of the JSON (uncompressed)
    bool isZip() const { return m_zip != nullptr; }
    QString errorString() const { return m_error; }

private:
    void close();

    QFile m_file;
    zip *m_zip = nullptr;
    zip_file *m_entry = nullptr;
    qint64 m_total = 0;
    QString m_error;
};

} // namespace penpal
