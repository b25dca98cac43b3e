#pragma once

#include <QDeadlineTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace penpal {

class ChatController;

// The bar under the thread while a failed request waits to be sent again:
// "<reason> — retrying in N s (attempt k of m)", counting down, with Cancel, which stops the
// reply (the controller then stores it as failed with the last error, ready for Retry).
// Follows the controller's pending retry for one conversation.
class RetryBar : public QWidget {
    Q_OBJECT
public:
    RetryBar(ChatController *chat, QWidget *parent = nullptr);

    void setConversation(qint64 conversationId);
    QString text() const;

private:
    void refresh();
    void updateText();

    ChatController *m_chat;
    qint64 m_conversationId = 0;
    QLabel *m_label;
    QPushButton *m_cancelButton;
    QTimer m_tick;
    QDeadlineTimer m_deadline;
    QString m_reason;
    int m_attempt = 0;
    int m_maxAttempts = 0;
};

} // namespace penpal
