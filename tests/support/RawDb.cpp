#include "RawDb.h"

#include <QAtomicInteger>
#include <QDebug>
#include <QSqlError>
#include <QSqlQuery>

namespace penpal::test {

namespace {

// Every RawDb needs a connection name of its own; tests may hold several at once.
QAtomicInteger<int> &counter()
{
    static QAtomicInteger<int> c;
    return c;
}

} // namespace

RawDb::RawDb(const QString &path)
    : m_name(QStringLiteral("penpal_test.raw.%1").arg(counter().fetchAndAddRelaxed(1)))
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    m_db.open();
}

RawDb::~RawDb()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool RawDb::run(QSqlQuery &q, const QString &sql, const QVariantList &args, const char *what)
{
    q.prepare(sql);
    for (const QVariant &a : args)
        q.addBindValue(a);
    if (q.exec())
        return true;
    m_error = q.lastError().text();
    qWarning() << "raw" << what << "failed:" << sql << m_error;
    return false;
}

bool RawDb::exec(const QString &sql, const QVariantList &args)
{
    QSqlQuery q(m_db);
    return run(q, sql, args, "statement");
}

QVariant RawDb::scalar(const QString &sql, const QVariantList &args)
{
    QSqlQuery q(m_db);
    if (!run(q, sql, args, "query"))
        return {};
    return q.next() ? q.value(0) : QVariant();
}

bool RawDb::hasColumn(const QString &table, const QString &column)
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?"), {table, column})
               .toInt() == 1;
}

bool RawDb::hasObject(const QString &name)
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = ?"), {name}).toInt() == 1;
}

int RawDb::version()
{
    return scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt();
}

} // namespace penpal::test
