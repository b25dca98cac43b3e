#include "ExportFixture.h"

#include <QBuffer>
#include <QImage>

namespace penpal::test {

QByteArray tinyPng()
{
    QImage img(3, 2, QImage::Format_RGB32);
    img.fill(QColor(200, 30, 40));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes;
}

bool ExportFixture::build(Store &store, const QString &profileId)
{
    Conversation c;
    c.title = QStringLiteral("Export <test> & friends 中文");
    c.profileId = profileId;
    c.model = QStringLiteral("test-model");
    c.systemPrompt = QStringLiteral("Be terse & kind.");
    c.params.temperature = 0.5;
    conversationId = store.createConversation(c);
    if (conversationId == 0)
        return false;

    image = Attachment{Attachment::Kind::Image, QStringLiteral("red.png"), QStringLiteral("image/png"),
                       tinyPng()};
    textFile = Attachment{Attachment::Kind::Text, QStringLiteral("notes.txt"), QStringLiteral("text/plain"),
                          QByteArray("note & <b>bold</b> 笔记\n")};

    Message prompt;
    prompt.conversationId = conversationId;
    prompt.role = Role::User;
    prompt.content = QStringLiteral("Hello <script>alert(1)</script> & welcome 🙂 你好");
    promptId = store.addMessage(prompt, {image, textFile});

    Message other;
    other.conversationId = conversationId;
    other.parentId = promptId;
    other.role = Role::Assistant;
    other.model = QStringLiteral("test-model");
    other.content = QStringLiteral("%1 from an earlier try").arg(QLatin1String(OtherBranch));
    otherReplyId = store.addMessage(other);

    Message shown;
    shown.conversationId = conversationId;
    shown.parentId = promptId;
    shown.role = Role::Assistant;
    shown.model = QStringLiteral("test-model");
    shown.content = QStringLiteral("Here is code:\n\n"
                                   "```cpp\nint main() { return 1 < 2 && 3 > 2; }\n```\n\n"
                                   "![remote pic](%1)\n\n"
                                   "<script>alert(1)</script> & done **中文** 🚀\n\n"
                                   "%2\n")
                        .arg(QLatin1String(RemoteImage), QLatin1String(ShownReply));
    shown.reasoning = QStringLiteral("%1: thinking it over").arg(QLatin1String(Reasoning));
    shown.usage.promptTokens = 10;
    shown.usage.completionTokens = 20;
    shown.usage.totalTokens = 30;
    shown.usage.reasoningTokens = 5;
    shown.finishReason = QStringLiteral("stop");
    shown.timeToFirstTokenMs = 120;
    shown.durationMs = 900;
    shownReplyId = store.addMessage(shown);

    Message followUp;
    followUp.conversationId = conversationId;
    followUp.parentId = shownReplyId;
    followUp.role = Role::User;
    followUp.content = QStringLiteral("And then? %1").arg(QLatin1String(ShownFollowUp));
    followUpId = store.addMessage(followUp);

    Message streaming;
    streaming.conversationId = conversationId;
    streaming.parentId = followUpId;
    streaming.role = Role::Assistant;
    streaming.model = QStringLiteral("test-model");
    streaming.state = MessageState::Streaming;
    streaming.content = QStringLiteral("Partial answer");
    streamingId = store.addMessage(streaming);

    return promptId && otherReplyId && shownReplyId && followUpId && streamingId;
}

} // namespace penpal::test
