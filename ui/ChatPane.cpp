#include "ChatPane.h"

#include "ChatView.h"
#include "PersonaPicker.h"
#include "PromptEditor.h"
#include "PromptLibraryController.h"
#include "RetryBar.h"
#include "chat/AppContext.h"
#include "chat/ChatController.h"
#include "model/MessageListModel.h"
#include "net/ImageFetchJob.h"
#include "render/ImageCache.h"
#include "render/LinkPolicy.h"
#include "store/Store.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTextCursor>
#include <QVBoxLayout>

namespace penpal {

ChatPane::ChatPane(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_messages(new MessageListModel(ctx->store(), this))
    , m_view(new ChatView(this))
    , m_errorBar(new QWidget(this))
    , m_errorLabel(new QLabel(m_errorBar))
    , m_retryButton(new QPushButton(tr("Retry"), m_errorBar))
    , m_detailsButton(new QPushButton(tr("Details…"), m_errorBar))
    , m_editor(new PromptEditor(this))
    , m_personaPicker(new PersonaPicker(ctx, this))
    , m_sendButton(new QPushButton(this))
    , m_notice(new QLabel(this))
{
    setObjectName(QStringLiteral("chatPane"));
    m_view->setModel(m_messages);

    m_errorBar->setObjectName(QStringLiteral("replyErrorBar"));
    m_errorLabel->setObjectName(QStringLiteral("replyErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_retryButton->setObjectName(QStringLiteral("retryButton"));
    m_detailsButton->setObjectName(QStringLiteral("errorDetailsButton"));
    auto *barLayout = new QHBoxLayout(m_errorBar);
    barLayout->setContentsMargins(8, 4, 8, 4);
    barLayout->addWidget(m_errorLabel, 1);
    barLayout->addWidget(m_detailsButton);
    barLayout->addWidget(m_retryButton);
    m_errorBar->hide();

    m_notice->setObjectName(QStringLiteral("chatNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();

    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_editor, 1);
    inputRow->addWidget(m_sendButton, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_errorBar);
    m_retryBar = new RetryBar(m_ctx->chat(), this);
    layout->addWidget(m_retryBar);
    layout->addWidget(m_notice);
    layout->addWidget(m_personaPicker);
    layout->addLayout(inputRow);
    new PromptLibraryController(m_ctx, m_editor); // "/" and Ctrl+P; owned by the editor

    ChatController *chat = m_ctx->chat();
    connect(m_editor, &PromptEditor::submitRequested, this, &ChatPane::send);
    // A search hit stays marked until the user turns to something else.
    connect(m_editor, &QPlainTextEdit::textChanged, m_view, [this] { m_view->setHighlightedMessage(0); });
    connect(m_editor, &PromptEditor::stopRequested, this, &ChatPane::stop);
    connect(m_editor, &PromptEditor::attachmentRejected, this, [this](const QString &message) {
        m_notice->setText(message);
        m_notice->show();
    });
    connect(m_sendButton, &QPushButton::clicked, this, [this] {
        if (m_ctx->chat()->isStreaming(m_conversationId))
            stop();
        else
            send();
    });
    connect(m_retryButton, &QPushButton::clicked, this, &ChatPane::retryLast);
    connect(m_view, &ChatView::actionTriggered, this, &ChatPane::onMessageAction);
    connect(m_view, &ChatView::linkActivated, this, &ChatPane::openLink);
    connect(m_view, &ChatView::imageLoadRequested, this, &ChatPane::loadImage);
    connect(m_detailsButton, &QPushButton::clicked, this, &ChatPane::showErrorDetails);
    connect(chat, &ChatController::messageLive, m_messages, &MessageListModel::setLiveText);
    connect(chat, &ChatController::messageFinalized, m_messages, &MessageListModel::refreshMessage);
    connect(chat, &ChatController::streamingChanged, this, [this](qint64 id, bool) {
        if (id == m_conversationId)
            updateControls();
    });
    connect(chat, &ChatController::errorOccurred, this, [this](const QString &message) {
        m_notice->setText(message);
        m_notice->show();
    });
    connect(m_messages, &QAbstractItemModel::modelReset, this, &ChatPane::updateErrorBar);
    connect(m_messages, &QAbstractItemModel::rowsInserted, this, &ChatPane::updateErrorBar);
    connect(m_messages, &QAbstractItemModel::dataChanged, this, &ChatPane::updateErrorBar);
    updateControls();
}

void ChatPane::openConversation(qint64 id)
{
    if (id == m_conversationId && (id == 0 || m_messages->conversationId() == id))
        return;
    m_conversationId = id;
    m_messages->openConversation(id);
    m_notice->hide();
    updateControls();
    m_editor->setFocus();
}

bool ChatPane::showMessage(qint64 conversationId, qint64 messageId)
{
    openConversation(conversationId);
    if (messageId == 0 || m_ctx->store()->message(messageId).conversationId != conversationId)
        return false;
    auto loadUntilShown = [this, messageId] {
        while (m_messages->rowOf(messageId) < 0 && m_messages->canFetchMore({}))
            m_messages->fetchMore({});
        return m_messages->rowOf(messageId);
    };
    int row = loadUntilShown();
    if (row < 0) {
        // On a branch that is not shown: show the newest branch through it, as ‹ › would.
        const qint64 leaf = m_ctx->store()->newestLeafUnder(messageId);
        if (leaf == 0 || !m_ctx->store()->setCurrentLeaf(conversationId, leaf))
            return false;
        row = loadUntilShown();
    }
    if (row < 0)
        return false;
    m_view->scrollToRow(row);
    m_view->setHighlightedMessage(messageId);
    return true;
}

void ChatPane::send()
{
    const QString text = m_editor->toPlainText();
    const Attachments files = m_editor->attachments();
    // An edit keeps the edited prompt's files; pending ones wait for the next prompt.
    const bool nothing = text.trimmed().isEmpty() && (files.isEmpty() || m_editingMessage != 0);
    if (nothing || m_ctx->chat()->isStreaming(m_conversationId))
        return;
    m_notice->hide();
    if (m_editingMessage != 0) {
        // An edited prompt becomes a new branch; the original stays reachable with ‹ ›.
        const qint64 edited = m_editingMessage;
        cancelEdit();
        if (m_ctx->chat()->editAndResend(edited, text) != 0)
            m_editor->clear();
        else
            m_editor->setPlainText(text);
        updateControls();
        return;
    }
    const qint64 before = m_conversationId;
    if (m_conversationId == 0 && m_personaPicker->personaId() != 0)
        m_conversationId = m_personaPicker->createConversation(text); // persona copied in
    qint64 promptId = 0;
    const qint64 id = m_ctx->chat()->send(m_conversationId, text, &promptId, files);
    if (id == 0)
        return; // nothing stored: the text stays in the editor
    if (id != before) {
        m_conversationId = id;
        m_messages->openConversation(id);
        Q_EMIT conversationCreated(id);
    }
    // Only once the prompt is safely stored does it leave the editor.
    if (promptId != 0) {
        m_editor->clear();
        m_editor->clearAttachments();
    }
    updateControls();
}

void ChatPane::stop()
{
    if (m_editingMessage != 0 && !m_ctx->chat()->isStreaming(m_conversationId)) {
        cancelEdit();
        m_editor->clear();
        return;
    }
    m_ctx->chat()->stop(m_conversationId);
}

void ChatPane::openLink(const QUrl &url, const QString &text)
{
    // Model output is untrusted: only web and mail links open, and a link whose text is not
    // its address shows the full address first.
    if (LinkPolicy::classify(url) != LinkPolicy::Action::OpenAllowed) {
        m_notice->setText(tr("This link was not opened: only web and e-mail links open from replies (%1).")
                              .arg(url.toString(QUrl::FullyEncoded).left(200)));
        m_notice->show();
        return;
    }
    // The encoded form: the default, decoded one ("a b" for "a%20b") is no valid URL to compare.
    if (LinkPolicy::needsConfirmation(text, url.toString(QUrl::FullyEncoded))) {
        QMessageBox box(QMessageBox::Question, tr("Open link"),
                        tr("The link “%1” leads to:\n\n%2\n\nOpen it in your browser?")
                            .arg(text.left(200), LinkPolicy::displayUrl(url)),
                        QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("confirmOpenLinkDialog"));
        QPushButton *open = box.addButton(tr("Open"), QMessageBox::AcceptRole);
        open->setObjectName(QStringLiteral("confirmOpenLinkButton"));
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != open)
            return;
    }
    QDesktopServices::openUrl(url);
}

// The user clicked an image placeholder: that click is the consent to fetch this one image.
void ChatPane::loadImage(const QString &url)
{
    ImageCache *cache = m_view->imageCache();
    if (cache->state(url) == ImageCache::State::Loading)
        return;
    cache->setLoading(url);
    auto *job = new ImageFetchJob(m_ctx->network(), QUrl(url), this);
    connect(job, &ImageFetchJob::finished, this, [cache, url, job](const QImage &image) {
        cache->setLoaded(url, image);
        job->deleteLater();
    });
    connect(job, &ImageFetchJob::failed, this, [cache, url, job](const QString &message) {
        cache->setFailed(url, message);
        job->deleteLater();
    });
    job->start();
}

void ChatPane::startEdit(qint64 userMessageId)
{
    const int row = m_messages->rowOf(userMessageId);
    const Message *m = m_messages->messageAt(row);
    if (!m || m->role != Role::User)
        return;
    m_editingMessage = userMessageId;
    m_editor->setPlainText(m->content);
    m_editor->moveCursor(QTextCursor::End);
    m_editor->setFocus();
    m_notice->setText(tr("Editing a message: Enter sends it as a new branch, Esc cancels."));
    m_notice->show();
}

void ChatPane::cancelEdit()
{
    m_editingMessage = 0;
    m_notice->hide();
}

void ChatPane::onMessageAction(qint64 messageId, MessageLayout::Action action)
{
    ChatController *chat = m_ctx->chat();
    switch (action) {
    case MessageLayout::Action::Regenerate:
        chat->regenerate(messageId);
        break;
    case MessageLayout::Action::Continue:
        chat->continueReply(messageId);
        break;
    case MessageLayout::Action::Edit:
        startEdit(messageId);
        break;
    case MessageLayout::Action::PreviousSibling:
        m_messages->showSibling(messageId, -1);
        break;
    case MessageLayout::Action::NextSibling:
        m_messages->showSibling(messageId, +1);
        break;
    case MessageLayout::Action::Delete: {
        QMessageBox box(QMessageBox::Question, tr("Delete message"),
                        tr("Delete this message and every reply that follows from it?"), QMessageBox::Cancel,
                        this);
        box.setObjectName(QStringLiteral("confirmDeleteMessageDialog"));
        QPushButton *del = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        del->setObjectName(QStringLiteral("confirmDeleteMessageButton"));
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() == del)
            chat->deleteMessage(messageId);
        break;
    }
    default:
        break;
    }
    updateControls();
}

void ChatPane::retryLast()
{
    const Message *last = m_messages->lastMessage();
    if (last && last->role == Role::Assistant)
        m_ctx->chat()->retry(last->id);
}

void ChatPane::updateControls()
{
    const bool streaming = m_ctx->chat()->isStreaming(m_conversationId);
    m_sendButton->setText(streaming ? tr("Stop") : tr("Send"));
    m_sendButton->setToolTip(streaming ? tr("Stop the reply (Esc)") : tr("Send (Enter)"));
    m_retryBar->setConversation(m_conversationId);
    m_personaPicker->setVisible(m_conversationId == 0);
    updateErrorBar();
}

void ChatPane::updateErrorBar()
{
    const Message *last = m_messages->lastMessage();
    const bool show = last && last->role == Role::Assistant &&
                      !m_ctx->chat()->isStreaming(m_conversationId) &&
                      (last->state == MessageState::Failed || last->state == MessageState::Interrupted);
    if (show) {
        const QString sentence = last->errorText.section(QLatin1Char('\n'), 0, 0);
        m_errorLabel->setText(
            last->state == MessageState::Failed ? tr("The reply failed: %1").arg(sentence)
            : sentence.isEmpty()
                ? tr("The reply did not finish: Penpal was closed while it was being written.")
                : tr("The reply was interrupted: %1").arg(sentence));
        m_detailsButton->setVisible(last->errorText.contains(QLatin1Char('\n')));
    }
    m_errorBar->setVisible(show);
}

void ChatPane::showErrorDetails()
{
    const Message *last = m_messages->lastMessage();
    if (!last)
        return;
    QMessageBox box(QMessageBox::Warning, tr("Reply error"), last->errorText.section(QLatin1Char('\n'), 0, 0),
                    QMessageBox::Close, this);
    box.setDetailedText(last->errorText.section(QLatin1Char('\n'), 2));
    box.exec();
}

} // namespace penpal
