#pragma once

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

// Small conversions shared by the Store's translation units. Times are stored as UTC
// milliseconds since the epoch; "unknown" numbers (-1 in the structs) and "no parent"
// (0) are stored as NULL so that SQL aggregates and joins see them as absent.
namespace penpal::storesql {

// Parent links only ever point at older rows, so a path cannot loop; the cap guards the
// recursive queries against a hand-edited file that does.
constexpr int kMaxDepth = 1000000;

inline QVariant timeValue(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

inline QDateTime timeFrom(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

// -1 (or any negative) means "not reported".
inline QVariant countValue(qint64 n)
{
    return n < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(n);
}

inline qint64 countFrom(const QVariant &v)
{
    return v.isNull() ? -1 : v.toLongLong();
}

// 0 means "none" for ids (no parent, no current leaf).
inline QVariant idValue(qint64 id)
{
    return id <= 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(id);
}

inline qint64 idFrom(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

// The driver binds a null QString as SQL NULL, which the NOT NULL text columns reject.
inline QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// SQLite's own message ("duplicate column name: x") without the driver's generic suffix.
inline QString errorText(const QSqlError &e)
{
    return e.databaseText().isEmpty() ? e.text() : e.databaseText();
}

inline QString errorOf(const QSqlQuery &q)
{
    return errorText(q.lastError());
}

} // namespace penpal::storesql
