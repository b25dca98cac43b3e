#include "store/LibraryJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace penpal {

namespace {
const QString kFormat = QStringLiteral("penpal-library");
} // namespace

QByteArray LibraryJson::write(const QVector<Persona> &personas, const QVector<SavedPrompt> &prompts)
{
    QJsonArray ps;
    for (const Persona &p : personas) {
        QJsonObject o{{QStringLiteral("name"), p.name},
                      {QStringLiteral("icon"), p.icon},
                      {QStringLiteral("systemPrompt"), p.systemPrompt},
                      {QStringLiteral("model"), p.model},
                      {QStringLiteral("params"), p.params.toJson()}};
        ps.append(o);
    }
    QJsonArray pr;
    for (const SavedPrompt &p : prompts)
        pr.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("text"), p.text}});
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("version"), kVersion},
                           {QStringLiteral("personas"), ps},
                           {QStringLiteral("prompts"), pr}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool LibraryJson::read(const QByteArray &json, QVector<Persona> *personas, QVector<SavedPrompt> *prompts,
                       QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("not a JSON object");
        return false;
    }
    if (root.value(QStringLiteral("format")).toString() != kFormat) {
        *error = QStringLiteral("not a Penpal personas and prompts file");
        return false;
    }
    const int version = root.value(QStringLiteral("version")).toInt(0);
    if (version < 1 || version > kVersion) {
        *error = QStringLiteral("unsupported version %1").arg(version);
        return false;
    }
    const QJsonArray ps = root.value(QStringLiteral("personas")).toArray();
    for (const QJsonValue &v : ps) {
        const QJsonObject o = v.toObject();
        Persona p;
        p.name = o.value(QStringLiteral("name")).toString().trimmed();
        if (p.name.isEmpty())
            continue;
        p.icon = o.value(QStringLiteral("icon")).toString();
        p.systemPrompt = o.value(QStringLiteral("systemPrompt")).toString();
        p.model = o.value(QStringLiteral("model")).toString();
        p.params = SamplingParams::fromJson(o.value(QStringLiteral("params")).toObject());
        personas->append(p);
    }
    const QJsonArray pr = root.value(QStringLiteral("prompts")).toArray();
    for (const QJsonValue &v : pr) {
        const QJsonObject o = v.toObject();
        SavedPrompt p;
        p.name = o.value(QStringLiteral("name")).toString().trimmed();
        if (p.name.isEmpty())
            continue;
        p.text = o.value(QStringLiteral("text")).toString();
        prompts->append(p);
    }
    return true;
}

} // namespace penpal
