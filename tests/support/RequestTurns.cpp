#include "RequestTurns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace penpal::test {

QStringList requestTurns(const ReceivedRequest &request)
{
    QStringList out;
    const QJsonArray messages =
        QJsonDocument::fromJson(request.body).object().value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &v : messages) {
        const QJsonObject m = v.toObject();
        out << m.value(QStringLiteral("role")).toString() + QLatin1Char(':') +
                   m.value(QStringLiteral("content")).toString();
    }
    return out;
}

} // namespace penpal::test
