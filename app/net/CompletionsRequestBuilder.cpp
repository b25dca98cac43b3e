#include "net/CompletionsRequestBuilder.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace penpal {

QString CompletionsRequestBuilder::prompt(const ChatRequest &request)
{
    int lastUser = -1;
    for (int i = int(request.turns.size()) - 1; i >= 0 && lastUser < 0; --i) {
        if (request.turns.at(i).role == Role::User)
            lastUser = i;
    }
    QString text;
    for (int i = qMax(lastUser, 0); i < request.turns.size(); ++i) {
        const ChatTurn &turn = request.turns.at(i);
        if (i == lastUser) {
            // A raw prompt has no parts: attached text files come first, as they are, each
            // followed by a blank line. Images cannot be expressed in a plain prompt and are
            // left out (the Completions API has no image input).
            for (const Attachment &a : turn.attachments) {
                if (!a.isImage())
                    text += QString::fromUtf8(a.data) + QStringLiteral("\n\n");
            }
            text += turn.content;
        } else if (turn.role == Role::Assistant) {
            text += turn.content;
        }
    }
    return text;
}

QByteArray CompletionsRequestBuilder::body(const ChatRequest &request, const QString &model)
{
    QJsonObject body = request.params.toJson();
    body.insert(QStringLiteral("model"), model);
    body.insert(QStringLiteral("prompt"), prompt(request));
    body.insert(QStringLiteral("stream"), true);
    body.insert(QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace penpal
