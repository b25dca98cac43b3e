#include "TranslationRequests.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace penpal::test {

QString translationSource(const ReceivedRequest &request)
{
    const QJsonArray messages =
        QJsonDocument::fromJson(request.body).object().value(QStringLiteral("messages")).toArray();
    if (messages.isEmpty())
        return {};
    const QString user = messages.last().toObject().value(QStringLiteral("content")).toString();
    static const QRegularExpression re(QStringLiteral("<source>\\n(.*)\\n</source>"),
                                       QRegularExpression::DotMatchesEverythingOption);
    return re.match(user).captured(1);
}

} // namespace penpal::test
