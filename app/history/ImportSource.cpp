#include "history/ImportSource.h"

#include <QFileInfo>

#include <zip.h>

namespace penpal {

namespace {

const QLatin1String kConversationsJson("conversations.json");

QString zipError(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString text = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return text;
}

} // namespace

ImportSource::~ImportSource()
{
    close();
}

void ImportSource::close()
{
    if (m_entry) {
        zip_fclose(m_entry);
        m_entry = nullptr;
    }
    if (m_zip) {
        zip_discard(m_zip); // read-only: nothing to write back
        m_zip = nullptr;
    }
    m_file.close();
}

bool ImportSource::open(const QString &path)
{
    close();
    m_error.clear();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot open %1: %2").arg(QFileInfo(path).fileName(), m_file.errorString());
        return false;
    }
    // A ZIP starts with "PK"; JSON never does (it starts with '{', '[', a BOM or whitespace).
    const QByteArray magic = m_file.peek(2);
    if (magic != QByteArrayLiteral("PK")) {
        m_total = m_file.size();
        return true;
    }
    m_file.close();

    int code = 0;
    m_zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &code);
    if (!m_zip) {
        m_error = QStringLiteral("cannot open the ZIP archive %1: %2")
                      .arg(QFileInfo(path).fileName(), zipError(code));
        return false;
    }
    // ChatGPT puts it at the top; a re-packed archive may have it in a folder. The shallowest wins.
    const zip_int64_t count = zip_get_num_entries(m_zip, 0);
    zip_int64_t best = -1;
    int bestDepth = 0;
    for (zip_int64_t i = 0; i < count; ++i) {
        const char *name = zip_get_name(m_zip, zip_uint64_t(i), ZIP_FL_ENC_GUESS);
        if (!name)
            continue;
        const QString entry = QString::fromUtf8(name);
        if (entry != kConversationsJson && !entry.endsWith(QLatin1Char('/') + kConversationsJson))
            continue;
        if (entry.contains(QLatin1String("__MACOSX/")))
            continue; // Finder's resource forks, not JSON
        const int depth = int(entry.count(QLatin1Char('/')));
        if (best < 0 || depth < bestDepth) {
            best = i;
            bestDepth = depth;
        }
    }
    if (best < 0) {
        m_error =
            QStringLiteral("the ZIP archive %1 has no conversations.json: it is not a ChatGPT data export")
                .arg(QFileInfo(path).fileName());
        close();
        return false;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(m_zip, zip_uint64_t(best), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
        m_total = qint64(st.size);
    m_entry = zip_fopen_index(m_zip, zip_uint64_t(best), 0);
    if (!m_entry) {
        m_error = QStringLiteral("cannot read conversations.json in %1: %2")
                      .arg(QFileInfo(path).fileName(), QString::fromUtf8(zip_strerror(m_zip)));
        close();
        return false;
    }
    return true;
}

qint64 ImportSource::read(char *buffer, qint64 max)
{
    if (m_entry) {
        const zip_int64_t n = zip_fread(m_entry, buffer, zip_uint64_t(max));
        if (n < 0) {
            m_error = QStringLiteral("cannot read conversations.json from the ZIP archive: %1")
                          .arg(QString::fromUtf8(zip_file_strerror(m_entry)));
            return -1;
        }
        return qint64(n);
    }
    const qint64 n = m_file.read(buffer, max);
    if (n < 0)
        m_error = QStringLiteral("cannot read the file: %1").arg(m_file.errorString());
    return n;
}

} // namespace penpal
