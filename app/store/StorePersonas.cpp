// Store: personas and the prompt library, schema v12. Built-ins are ordinary rows with a
// builtin, seeded from BuiltinLibrary when a list is first read (each key once).
#include "store/Store.h"

#include "core/Persona.h"
#include "core/SavedPrompt.h"
#include "store/BuiltinLibrary.h"
#include "store/StoreSql.h"
#include "store/StoreTransaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace penpal {

using namespace storesql;

namespace {

const QString kPersonaColumns =
    QStringLiteral("id, created, updated, builtin, name, icon, model, params, system_prompt");
const QString kPromptColumns = QStringLiteral("id, created, updated, builtin, name, text");

// Built-ins first (the order of rows seeded together is their shipped order), then by name.
const QString kLibraryOrder =
    QStringLiteral(" ORDER BY builtin = '', CASE WHEN builtin = '' THEN 0 ELSE id END,"
                   " name COLLATE NOCASE, id");

Persona personaFrom(const QSqlQuery &q)
{
    Persona p;
    p.id = q.value(0).toLongLong();
    p.created = timeFrom(q.value(1));
    p.updated = timeFrom(q.value(2));
    p.builtinKey = q.value(3).toString();
    p.name = q.value(4).toString();
    p.icon = q.value(5).toString();
    p.model = q.value(6).toString();
    p.params = SamplingParams::fromJson(QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object());
    p.systemPrompt = q.value(8).toString();
    return p;
}

SavedPrompt promptFrom(const QSqlQuery &q)
{
    SavedPrompt p;
    p.id = q.value(0).toLongLong();
    p.created = timeFrom(q.value(1));
    p.updated = timeFrom(q.value(2));
    p.builtinKey = q.value(3).toString();
    p.name = q.value(4).toString();
    p.text = q.value(5).toString();
    return p;
}

QString paramsText(const SamplingParams &p)
{
    return QString::fromUtf8(QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact));
}

// INSERT (id 0) or UPDATE of a persona on `db`; the id, 0 on failure (*error set).
qint64 writePersona(const QSqlDatabase &db, const Persona &p, QString *error)
{
    const QVariant now = timeValue(QDateTime::currentDateTimeUtc());
    QSqlQuery q(db);
    if (p.id == 0) {
        q.prepare(QStringLiteral("INSERT INTO personas (created, updated, builtin, name, icon,"
                                 " model, params, system_prompt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(now);
    } else {
        q.prepare(QStringLiteral("UPDATE personas SET updated = ?, builtin = ?, name = ?, icon = ?,"
                                 " model = ?, params = ?, system_prompt = ? WHERE id = ?"));
    }
    q.addBindValue(now);
    q.addBindValue(text(p.builtinKey));
    q.addBindValue(text(p.name));
    q.addBindValue(text(p.icon));
    q.addBindValue(text(p.model));
    q.addBindValue(paramsText(p.params));
    q.addBindValue(text(p.systemPrompt));
    if (p.id != 0)
        q.addBindValue(p.id);
    if (!q.exec() || (p.id != 0 && q.numRowsAffected() != 1)) {
        *error = q.lastError().isValid() ? errorOf(q) : QStringLiteral("no persona %1").arg(p.id);
        return 0;
    }
    return p.id != 0 ? p.id : q.lastInsertId().toLongLong();
}

qint64 writePrompt(const QSqlDatabase &db, const SavedPrompt &p, QString *error)
{
    const QVariant now = timeValue(QDateTime::currentDateTimeUtc());
    QSqlQuery q(db);
    if (p.id == 0) {
        q.prepare(QStringLiteral("INSERT INTO prompts (created, updated, builtin, name, text)"
                                 " VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(now);
    } else {
        q.prepare(QStringLiteral("UPDATE prompts SET updated = ?, builtin = ?, name = ?, text = ?"
                                 " WHERE id = ?"));
    }
    q.addBindValue(now);
    q.addBindValue(text(p.builtinKey));
    q.addBindValue(text(p.name));
    q.addBindValue(text(p.text));
    if (p.id != 0)
        q.addBindValue(p.id);
    if (!q.exec() || (p.id != 0 && q.numRowsAffected() != 1)) {
        *error = q.lastError().isValid() ? errorOf(q) : QStringLiteral("no prompt %1").arg(p.id);
        return 0;
    }
    return p.id != 0 ? p.id : q.lastInsertId().toLongLong();
}

// Marks `key` seeded; true when it was not before (the caller then inserts the row).
bool claimSeedKey(const QSqlDatabase &db, const QString &key, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO library_seeded (item) VALUES (?)"));
    q.addBindValue(key);
    if (!q.exec()) {
        *error = errorOf(q);
        return false;
    }
    return q.numRowsAffected() == 1;
}

} // namespace

void Store::seedBuiltinLibrary() const
{
    if (m_librarySeeded || !isOpen())
        return;
    StoreTransaction tx(db());
    QString err = tx.error();
    bool ok = tx.isActive();
    // Keys are namespaced so a persona and a prompt may share a name.
    for (const Persona &p : BuiltinLibrary::personas()) {
        if (ok && claimSeedKey(db(), QStringLiteral("persona:") + p.builtinKey, &err))
            ok = writePersona(db(), p, &err) != 0;
        ok = ok && err.isEmpty();
    }
    for (const SavedPrompt &p : BuiltinLibrary::prompts()) {
        if (ok && claimSeedKey(db(), QStringLiteral("prompt:") + p.builtinKey, &err))
            ok = writePrompt(db(), p, &err) != 0;
        ok = ok && err.isEmpty();
    }
    if (ok && tx.commit())
        m_librarySeeded = true;
    else
        fail(QStringLiteral("cannot seed the built-in personas and prompts"),
             err.isEmpty() ? tx.error() : err);
}

QVector<Persona> Store::personas() const
{
    QVector<Persona> list;
    seedBuiltinLibrary();
    if (!isOpen())
        return list;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ") + kPersonaColumns + QStringLiteral(" FROM personas") +
                kLibraryOrder)) {
        fail(QStringLiteral("cannot read personas"), errorOf(q));
        return list;
    }
    while (q.next())
        list.append(personaFrom(q));
    return list;
}

Persona Store::persona(qint64 id) const
{
    seedBuiltinLibrary();
    if (!isOpen())
        return {};
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT ") + kPersonaColumns + QStringLiteral(" FROM personas WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return personaFrom(q);
    return {};
}

qint64 Store::savePersona(const Persona &p)
{
    seedBuiltinLibrary();
    if (!isOpen()) {
        fail(QStringLiteral("cannot save a persona"), QStringLiteral("the store is not open"));
        return 0;
    }
    QString err;
    const qint64 id = writePersona(db(), p, &err);
    if (id == 0) {
        fail(QStringLiteral("cannot save a persona"), err);
        return 0;
    }
    Q_EMIT personasChanged();
    return id;
}

bool Store::deletePersona(qint64 id)
{
    if (!isOpen())
        return false;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM personas WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot delete a persona"), errorOf(q));
    if (q.numRowsAffected() != 1)
        return false;
    Q_EMIT personasChanged();
    return true;
}

bool Store::resetPersona(qint64 id)
{
    const Persona current = persona(id);
    Persona shipped = BuiltinLibrary::persona(current.builtinKey);
    if (current.id == 0 || current.builtinKey.isEmpty() || shipped.builtinKey.isEmpty())
        return false;
    shipped.id = id;
    return savePersona(shipped) != 0;
}

QVector<SavedPrompt> Store::prompts() const
{
    QVector<SavedPrompt> list;
    seedBuiltinLibrary();
    if (!isOpen())
        return list;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ") + kPromptColumns + QStringLiteral(" FROM prompts") +
                kLibraryOrder)) {
        fail(QStringLiteral("cannot read prompts"), errorOf(q));
        return list;
    }
    while (q.next())
        list.append(promptFrom(q));
    return list;
}

SavedPrompt Store::prompt(qint64 id) const
{
    seedBuiltinLibrary();
    if (!isOpen())
        return {};
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT ") + kPromptColumns + QStringLiteral(" FROM prompts WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return promptFrom(q);
    return {};
}

qint64 Store::savePrompt(const SavedPrompt &p)
{
    seedBuiltinLibrary();
    if (!isOpen()) {
        fail(QStringLiteral("cannot save a prompt"), QStringLiteral("the store is not open"));
        return 0;
    }
    QString err;
    const qint64 id = writePrompt(db(), p, &err);
    if (id == 0) {
        fail(QStringLiteral("cannot save a prompt"), err);
        return 0;
    }
    Q_EMIT promptsChanged();
    return id;
}

bool Store::deletePrompt(qint64 id)
{
    if (!isOpen())
        return false;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM prompts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(QStringLiteral("cannot delete a prompt"), errorOf(q));
    if (q.numRowsAffected() != 1)
        return false;
    Q_EMIT promptsChanged();
    return true;
}

bool Store::resetPrompt(qint64 id)
{
    const SavedPrompt current = prompt(id);
    SavedPrompt shipped = BuiltinLibrary::prompt(current.builtinKey);
    if (current.id == 0 || current.builtinKey.isEmpty() || shipped.builtinKey.isEmpty())
        return false;
    shipped.id = id;
    return savePrompt(shipped) != 0;
}

bool Store::importLibrary(const QVector<Persona> &personas, const QVector<SavedPrompt> &prompts)
{
    seedBuiltinLibrary();
    if (!isOpen())
        return fail(QStringLiteral("cannot import personas and prompts"),
                    QStringLiteral("the store is not open"));
    StoreTransaction tx(db());
    if (!tx.isActive())
        return fail(QStringLiteral("cannot import personas and prompts"), tx.error());
    QString err;
    // Imported items are the user's own: an exported built-in comes back as a copy.
    for (Persona p : personas) {
        p.id = 0;
        p.builtinKey.clear();
        if (writePersona(db(), p, &err) == 0)
            return fail(QStringLiteral("cannot import personas and prompts"), err);
    }
    for (SavedPrompt p : prompts) {
        p.id = 0;
        p.builtinKey.clear();
        if (writePrompt(db(), p, &err) == 0)
            return fail(QStringLiteral("cannot import personas and prompts"), err);
    }
    if (!tx.commit())
        return fail(QStringLiteral("cannot import personas and prompts"), tx.error());
    if (!personas.isEmpty())
        Q_EMIT personasChanged();
    if (!prompts.isEmpty())
        Q_EMIT promptsChanged();
    return true;
}

} // namespace penpal
