#pragma once

#include "MessageLayout.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace penpal {

class AppContext;
class ChatView;
class MessageListModel;
class PersonaPicker;
class PromptEditor;
class RetryBar;

// The right-hand side: the thread, a bar for a failed reply, and the prompt editor with its
// Send/Stop button. `conversationId() == 0` is a new, not yet saved chat.
class ChatPane : public QWidget {
    Q_OBJECT
public:
    explicit ChatPane(AppContext *ctx, QWidget *parent = nullptr);

    void openConversation(qint64 id);
    // Opens the conversation at one of its messages (a search result): shows the branch that
    // holds it, loads older messages until it is there, scrolls to it and highlights it.
    // A message that is gone opens the conversation as it is. False when it is not shown.
    bool showMessage(qint64 conversationId, qint64 messageId);
    qint64 conversationId() const { return m_conversationId; }
    MessageListModel *messages() const { return m_messages; }
    PromptEditor *editor() const { return m_editor; }
    ChatView *view() const { return m_view; }

public Q_SLOTS:
    void send();
    void stop();
    void retryLast();

Q_SIGNALS:
    // A new chat got saved with its first message.
    void conversationCreated(qint64 id);

private:
    void onMessageAction(qint64 messageId, penpal::MessageLayout::Action action);
    void openLink(const QUrl &url, const QString &text);
    void loadImage(const QString &url);
    void startEdit(qint64 userMessageId);
    void cancelEdit();
    void updateControls();
    void updateErrorBar();
    void showErrorDetails();

    AppContext *m_ctx;
    qint64 m_conversationId = 0;
    qint64 m_editingMessage = 0; // a prompt being edited for resending, 0 if none
    MessageListModel *m_messages;
    ChatView *m_view;
    QWidget *m_errorBar;
    QLabel *m_errorLabel;
    QPushButton *m_retryButton;
    QPushButton *m_detailsButton;
    RetryBar *m_retryBar = nullptr;
    PromptEditor *m_editor;
    PersonaPicker *m_personaPicker; // new chats only
    QPushButton *m_sendButton;
    QLabel *m_notice;
};

} // namespace penpal
