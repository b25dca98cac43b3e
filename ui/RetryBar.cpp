#include "RetryBar.h"

#include "chat/ChatController.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace penpal {

namespace {
// Often enough that the count never lags a visible fraction of a second behind.
constexpr int TickMs = 200;
} // namespace

RetryBar::RetryBar(ChatController *chat, QWidget *parent)
    : QWidget(parent)
    , m_chat(chat)
    , m_label(new QLabel(this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("retryBar"));
    m_label->setObjectName(QStringLiteral("retryLabel"));
    m_label->setWordWrap(true);
    m_cancelButton->setObjectName(QStringLiteral("retryCancelButton"));
    m_cancelButton->setToolTip(tr("Stop the reply instead of sending the request again"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_cancelButton);
    hide();

    m_tick.setInterval(TickMs);
    connect(&m_tick, &QTimer::timeout, this, &RetryBar::updateText);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] { m_chat->stop(m_conversationId); });
    connect(m_chat, &ChatController::replyRetrying, this, [this](qint64 conversationId) {
        if (conversationId == m_conversationId)
            refresh();
    });
    connect(m_chat, &ChatController::replyRetryCleared, this, [this](qint64 conversationId) {
        if (conversationId == m_conversationId)
            refresh();
    });
}

void RetryBar::setConversation(qint64 conversationId)
{
    m_conversationId = conversationId;
    refresh();
}

QString RetryBar::text() const
{
    return m_label->text();
}

void RetryBar::refresh()
{
    const ChatController::PendingRetry p =
        m_conversationId != 0 ? m_chat->pendingRetry(m_conversationId) : ChatController::PendingRetry();
    if (p.messageId == 0) {
        m_tick.stop();
        hide();
        return;
    }
    m_reason = p.reason;
    m_attempt = p.attempt;
    m_maxAttempts = p.maxAttempts;
    m_deadline = p.deadline;
    updateText();
    m_tick.start();
    show();
}

void RetryBar::updateText()
{
    // Rounded up: "in 1 s" until the moment it is sent, never "in 0 s" before it.
    const qint64 remainingMs = qMax<qint64>(0, m_deadline.remainingTime());
    const int seconds = int((remainingMs + 999) / 1000);
    const QString when = seconds > 0 ? tr("retrying in %1 s").arg(seconds) : tr("retrying now");
    m_label->setText(tr("%1 — %2 (attempt %3 of %4)").arg(m_reason, when).arg(m_attempt).arg(m_maxAttempts));
}

} // namespace penpal
