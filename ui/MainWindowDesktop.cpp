// MainWindow's desktop integration: the tray's actions, Quit versus close to tray, the
// notification when a reply finishes in the background, and acting on a command line.
#include "MainWindow.h"

#include "ChatPane.h"
#include "DraftView.h"
#include "PromptEditor.h"
#include "TrayIcon.h"
#include "chat/AppContext.h"
#include "chat/ChatController.h"
#include "chat/CommandLine.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QClipboard>
#include <QStatusBar>

#include <algorithm>

namespace penpal {

namespace {
// As MainWindow.cpp's showStatus(): the bar is there only while it says something.
void showStatusMessage(QMainWindow *window, const QString &message)
{
    if (!window->findChild<QStatusBar *>(QString(), Qt::FindDirectChildrenOnly)) {
        QStatusBar *bar = window->statusBar();
        bar->setObjectName(QStringLiteral("statusBar"));
        QObject::connect(bar, &QStatusBar::messageChanged, bar,
                         [bar](const QString &text) { bar->setVisible(!text.isEmpty()); });
    }
    window->statusBar()->showMessage(message, 10000);
    window->statusBar()->setVisible(true);
}
} // namespace

void MainWindow::connectDesktop()
{
    connect(m_tray, &TrayIcon::newChatRequested, this, [this] {
        bringToFront();
        newChat();
    });
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quitApplication);

    ChatController *chat = m_ctx->chat();
    connect(chat, &ChatController::messageFinalized, this, [this](qint64 messageId) {
        const Message m = m_ctx->store()->message(messageId);
        if (m.id != 0 && m.role == Role::Assistant)
            m_finalized[m.conversationId].append(m.id);
    });
    connect(chat, &ChatController::streamingChanged, this, [this](qint64 conversationId, bool streaming) {
        if (streaming)
            m_finalized.remove(conversationId);
        else
            onReplyEnded(conversationId);
    });
}

void MainWindow::onReplyEnded(qint64 conversationId)
{
    const QVector<qint64> ids = m_finalized.take(conversationId);
    if (ids.isEmpty() || isActiveWindow() || !m_ctx->settings()->value(Settings::NotifyWhenInactive).toBool())
        return;
    // Alternatives (several answers at once) are finalized too; the shown reply is the first
    // one stored, so the oldest id.
    const Message reply = m_ctx->store()->message(*std::min_element(ids.begin(), ids.end()));
    // Only a finished reply: a failure or a stop is seen when the user comes back.
    if (reply.state != MessageState::Complete || reply.content.trimmed().isEmpty())
        return;
    QString title = m_ctx->store()->conversation(conversationId).title.simplified();
    if (title.isEmpty())
        title = tr("Penpal");
    const QString text = TrayIcon::notificationText(reply.content);
    Q_EMIT replyNotification(TrayIcon::notificationText(title, 60), text);
    // Without a system tray there is no portable way to notify; nothing is shown then.
    m_tray->notify(TrayIcon::notificationText(title, 60), text);
}

void MainWindow::quitApplication()
{
    m_quitting = true;
    close();
    // A window hidden in the tray is no longer the last window to close: quit outright (a
    // no-op where no event loop runs, as in tests).
    QCoreApplication::quit();
}

void MainWindow::handleCommandLine(const CommandLine &commandLine)
{
    bringToFront();
    if (!commandLine.profileName().isEmpty()) {
        const QString id =
            CommandLine::profileIdFor(m_ctx->settings()->profiles(), commandLine.profileName());
        if (id.isEmpty())
            showStatusMessage(this, tr("There is no provider profile “%1”.").arg(commandLine.profileName()));
        else
            m_ctx->settings()->setValue(Settings::ActiveProfileId, id);
    }
    if (!commandLine.draftPath().isEmpty()) {
        showDraftWorkspace();
        m_draft->newDocument(commandLine.draftTitle(), commandLine.draftText());
    }
    if (!commandLine.newChatPrompt().isEmpty()) {
        if (isShowingSetup()) {
            showStatusMessage(this, tr("Add a provider first, then start a chat."));
        } else {
            newChat();
            m_chat->editor()->setPlainText(commandLine.newChatPrompt());
            m_chat->send();
        }
    }
    if (commandLine.translateClipboard())
        quickTranslate(QGuiApplication::clipboard()->text(), commandLine.targetLanguage());
}

} // namespace penpal
