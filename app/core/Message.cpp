#include "core/Message.h"

namespace penpal {

QString roleToString(Role r)
{
    switch (r) {
    case Role::System:
        return QStringLiteral("system");
    case Role::User:
        return QStringLiteral("user");
    case Role::Assistant:
        return QStringLiteral("assistant");
    }
    return QStringLiteral("user");
}

Role roleFromString(const QString &s)
{
    if (s == QLatin1String("system"))
        return Role::System;
    if (s == QLatin1String("assistant"))
        return Role::Assistant;
    return Role::User;
}

QString stateToString(MessageState s)
{
    switch (s) {
    case MessageState::Complete:
        return QStringLiteral("complete");
    case MessageState::Streaming:
        return QStringLiteral("streaming");
    case MessageState::Interrupted:
        return QStringLiteral("interrupted");
    case MessageState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("complete");
}

MessageState stateFromString(const QString &s)
{
    if (s == QLatin1String("streaming"))
        return MessageState::Streaming;
    if (s == QLatin1String("interrupted"))
        return MessageState::Interrupted;
    if (s == QLatin1String("failed"))
        return MessageState::Failed;
    return MessageState::Complete;
}

} // namespace penpal
