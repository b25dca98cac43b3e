#pragma once

#include <QDateTime>
#include <QString>

namespace penpal {

enum class Role { System, User, Assistant };
enum class MessageState { Complete, Streaming, Interrupted, Failed };

QString roleToString(Role r);          // "system" / "user" / "assistant" (wire + DB form)
Role roleFromString(const QString &s); // unknown -> User
QString stateToString(MessageState s);
MessageState stateFromString(const QString &s);

// Token counts as reported by the server; -1 where it did not say.
struct TokenUsage {
    int promptTokens = -1;
    int completionTokens = -1;
    int totalTokens = -1;
    int reasoningTokens = -1;
    bool isValid() const { return promptTokens >= 0 || completionTokens >= 0 || totalTokens >= 0; }
    bool operator==(const TokenUsage &o) const
    {
        return promptTokens == o.promptTokens && completionTokens == o.completionTokens &&
               totalTokens == o.totalTokens && reasoningTokens == o.reasoningTokens;
    }
};

struct Message {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 parentId = 0; // 0 = root of the conversation
    Role role = Role::User;
    QString content;
    QString reasoning; // reasoning_content / thinking, kept apart from the answer
    QString model;
    QDateTime created;
    MessageState state = MessageState::Complete;
    QString errorText; // one human sentence; details follow after a blank line
    TokenUsage usage;
    qint64 timeToFirstTokenMs = -1;
    qint64 durationMs = -1;
    // Why the server stopped ("stop", "length", ...) as it said it; empty when unknown
    // (not finished, interrupted, or stored by a version that did not keep it).
    QString finishReason;
    // How many earlier messages of the thread were left out of the request for this reply
    // because of the conversation's context limit.
    int contextOmitted = 0;
};

} // namespace penpal
