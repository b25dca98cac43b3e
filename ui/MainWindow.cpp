#include "MainWindow.h"

#include "ChatPane.h"
#include "ChatView.h"
#include "ConversationSettingsDialog.h"
#include "DraftView.h"
#include "ExportDialog.h"
#include "ImportDialog.h"
#include "PromptEditor.h"
#include "SearchPanel.h"
#include "SettingsDialog.h"
#include "SetupPage.h"
#include "ShortcutsDialog.h"
#include "Sidebar.h"
#include "ThemeManager.h"
#include "TranslateView.h"
#include "TrayIcon.h"
#include "chat/AppContext.h"
#include "history/BackupManager.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace penpal {

namespace {
// Long enough to read, short enough not to linger after the user has moved on.
constexpr int kStatusTimeoutMs = 10000;

// The status bar is there only while it says something: most of the time it would be an
// empty strip under the workspace.
void showStatus(QMainWindow *window, const QString &message)
{
    if (!window->findChild<QStatusBar *>(QString(), Qt::FindDirectChildrenOnly)) {
        QStatusBar *bar = window->statusBar();
        bar->setObjectName(QStringLiteral("statusBar"));
        QObject::connect(bar, &QStatusBar::messageChanged, bar,
                         [bar](const QString &text) { bar->setVisible(!text.isEmpty()); });
    }
    window->statusBar()->showMessage(message, kStatusTimeoutMs);
    window->statusBar()->setVisible(true);
}
} // namespace

MainWindow::MainWindow(AppContext *ctx, QWidget *parent)
    : QMainWindow(parent)
    , m_ctx(ctx)
    , m_stack(new QStackedWidget(this))
    , m_splitter(new QSplitter(this))
    , m_left(new QWidget(m_splitter))
    , m_search(new SearchPanel(ctx->store(), m_left))
    , m_sidebar(new Sidebar(ctx, m_left))
    , m_workspace(new QStackedWidget(m_splitter))
    , m_chat(new ChatPane(ctx, m_workspace))
    , m_tray(new TrayIcon(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Penpal"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/penpal.svg")));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_left->setObjectName(QStringLiteral("leftPane"));
    auto *leftLayout = new QVBoxLayout(m_left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_sidebar, 1);
    m_splitter->addWidget(m_left);
    // Chat and Translate share the right side; the sidebar stays.
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_workspace->addWidget(m_chat);
    m_splitter->addWidget(m_workspace);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({240, 760});
    m_stack->addWidget(m_splitter);
    setCentralWidget(m_stack);
    createActions();
    new ThemeManager(ctx->settings(), this); // Settings → Appearance, applied now and live

    connect(m_sidebar, &Sidebar::conversationActivated, this, &MainWindow::openConversation);
    connect(m_sidebar, &Sidebar::newChatRequested, this, &MainWindow::newChat);
    // Trashed, deleted or archived: the list no longer shows it, so neither does the pane.
    const auto leaveIfOpen = [this](qint64 id) {
        if (m_chat->conversationId() == id)
            newChat();
    };
    connect(m_sidebar, &Sidebar::conversationDeleted, this, leaveIfOpen);
    connect(m_sidebar, &Sidebar::conversationArchived, this, leaveIfOpen);
    connect(m_chat, &ChatPane::conversationCreated, m_sidebar, &Sidebar::selectConversation);
    // Translate on a message or a selection: into the workspace's current target language.
    connect(m_chat->view(), &ChatView::translateRequested, this,
            [this](const QString &text) { quickTranslate(text); });
    connect(m_chat->view(), &ChatView::sendToDraftRequested, this, &MainWindow::sendToDraft);
    connect(m_tray, &TrayIcon::translateClipboardRequested, this, &MainWindow::translateClipboard);
    connect(m_tray, &TrayIcon::showRequested, this, &MainWindow::bringToFront);
    connectDesktop(); // the tray's other actions, close to tray, notifications
    // A restored backup replaced every conversation: open the last one again, or a new chat.
    connect(m_ctx, &AppContext::databaseReplaced, this, [this] {
        if (!isShowingSetup())
            showChat();
    });
    connect(m_ctx->backups(), &BackupManager::corruptionFound, this, [this](const QString &detail) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Penpal"),
                                    tr("Penpal found damage in the file that holds your conversations, so "
                                       "today's backup was not taken (older backups are kept).\n\nRestore a "
                                       "backup under Settings → Backups.\n\nDetails: %1")
                                        .arg(detail),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("corruptionWarning"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    connect(m_search, &SearchPanel::hitActivated, this, &MainWindow::openSearchHit);
    connect(m_search, &SearchPanel::documentActivated, this, [this](qint64 documentId) {
        showDraftWorkspace();
        m_draft->openDocument(documentId);
    });
    connect(m_search, &SearchPanel::showingResultsChanged, this, [this, leftLayout](bool showing) {
        m_sidebar->setVisible(!showing);
        leftLayout->setStretchFactor(m_search, showing ? 1 : 0);
    });
    // Back to the list - unless nothing is selected in it, where focusing it would open its
    // first conversation.
    connect(m_search, &SearchPanel::dismissed, this, [this] {
        if (m_sidebar->selectedConversation() != 0)
            m_sidebar->list()->setFocus();
        else
            m_chat->editor()->setFocus();
    });

    Settings *s = m_ctx->settings();
    if (!restoreGeometry(s->value(Settings::WindowGeometry).toByteArray()))
        resize(1100, 720);
    restoreState(s->value(Settings::WindowState).toByteArray());
    m_splitter->restoreState(s->value(Settings::SplitterState).toByteArray());

    if (s->profiles().isEmpty()) {
        m_setup = new SetupPage(ctx, m_stack);
        m_stack->addWidget(m_setup);
        m_stack->setCurrentWidget(m_setup);
        connect(m_setup, &SetupPage::finished, this, [this] { showChat(); });
    } else {
        showChat();
    }
}

MainWindow::~MainWindow() = default;

bool MainWindow::isShowingSetup() const
{
    return m_setup && m_stack->currentWidget() == m_setup;
}

void MainWindow::showChat()
{
    m_stack->setCurrentWidget(m_splitter);
    if (m_setup) {
        m_setup->deleteLater();
        m_setup = nullptr;
    }
    const qint64 last = m_ctx->settings()->value(Settings::LastConversationId).toLongLong();
    const Conversation lastOpen = m_ctx->store()->conversation(last);
    if (last != 0 && lastOpen.id != 0 && !lastOpen.deletedAt.isValid())
        openConversation(last);
    else
        newChat();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newChat = file->addAction(tr("&New Chat"), this, &MainWindow::newChat);
    newChat->setObjectName(QStringLiteral("actionNewChat"));
    newChat->setShortcut(QKeySequence::New);
    QAction *import = file->addAction(tr("&Import…"), this, [this] {
        const QString dir = m_ctx->settings()->value(Settings::LastImportDir).toString();
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Conversations"), dir,
                                                          tr("ChatGPT or Penpal exports (*.zip *.json)"));
        if (path.isEmpty())
            return;
        m_ctx->settings()->setValue(Settings::LastImportDir, QFileInfo(path).absolutePath());
        auto *dialog = new ImportDialog(m_ctx->store(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        dialog->start(path);
    });
    import->setObjectName(QStringLiteral("actionImport"));
    import->setShortcut(QKeySequence(QStringLiteral("Ctrl+O")));
    QAction *exportAction = file->addAction(tr("&Export…"), this, [this] {
        ExportDialog::exportConversations(this, m_ctx, m_sidebar->selectedConversations(),
                                          m_chat->conversationId());
    });
    exportAction->setObjectName(QStringLiteral("actionExport"));
    exportAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+E")));
    // The sidebar's Export… (context menu on a selection) opens the same dialog.
    connect(m_sidebar, &Sidebar::exportRequested, this, [this](const QVector<qint64> &ids) {
        ExportDialog::exportConversations(this, m_ctx, ids, m_chat->conversationId());
    });
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(QKeySequence(QStringLiteral("Ctrl+,")));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::quitApplication);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    QAction *rename = chat->addAction(tr("&Rename"), m_sidebar, &Sidebar::renameSelected);
    rename->setShortcut(Qt::Key_F2);
    chat->addAction(tr("&Pin or Unpin"), m_sidebar, &Sidebar::togglePinSelected);
    // These act on every conversation selected in the sidebar. Delete moves to the Trash (with
    // Undo); in the Trash view it deletes forever, after asking.
    chat->addAction(tr("&Archive or Unarchive"), m_sidebar, &Sidebar::toggleArchiveSelected)
        ->setObjectName(QStringLiteral("actionArchive"));
    QMenu *tags = chat->addMenu(tr("Ta&gs"));
    tags->menuAction()->setObjectName(QStringLiteral("actionTags"));
    connect(tags, &QMenu::aboutToShow, m_sidebar, [this, tags] { m_sidebar->fillTagsMenu(tags); });
    chat->addAction(tr("&Delete"), m_sidebar, &Sidebar::deleteSelected)
        ->setObjectName(QStringLiteral("actionDelete"));
    chat->addAction(tr("Restore &from Trash"), m_sidebar, &Sidebar::restoreSelected)
        ->setObjectName(QStringLiteral("actionRestore"));
    chat->addAction(tr("&Empty Trash…"), m_sidebar, &Sidebar::emptyTrash)
        ->setObjectName(QStringLiteral("actionEmptyTrash"));
    QAction *conversationSettings = chat->addAction(tr("C&onversation Settings…"), this, [this] {
        ConversationSettingsDialog::edit(m_ctx, m_chat->conversationId(), this);
    });
    conversationSettings->setObjectName(QStringLiteral("actionConversationSettings"));
    conversationSettings->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+,")));
    // A new chat has nothing saved to configure yet. The pane switches conversations by
    // resetting its model, and a new chat gets its id when its first message is stored.
    const auto updateSettingsAction = [this, conversationSettings] {
        conversationSettings->setEnabled(m_chat->conversationId() != 0);
    };
    connect(m_chat->messages(), &QAbstractItemModel::modelReset, conversationSettings, updateSettingsAction);
    connect(m_chat, &ChatPane::conversationCreated, conversationSettings, updateSettingsAction);
    updateSettingsAction();
    QAction *search = chat->addAction(tr("&Search Conversations"), m_search, &SearchPanel::focusField);
    search->setObjectName(QStringLiteral("actionSearch"));
    search->setShortcuts({QKeySequence(QStringLiteral("Ctrl+K")), QKeySequence(QStringLiteral("Ctrl+F"))});
    chat->addSeparator();
    QAction *stop = chat->addAction(tr("&Stop Reply"), m_chat, &ChatPane::stop);
    stop->setShortcut(Qt::Key_Escape);
    stop->setShortcutContext(Qt::WindowShortcut);
    chat->addAction(tr("Re&try Reply"), m_chat, &ChatPane::retryLast)
        ->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *showChat = view->addAction(tr("&Chat"), this, &MainWindow::showChatWorkspace);
    showChat->setObjectName(QStringLiteral("actionShowChat"));
    showChat->setShortcut(QKeySequence(QStringLiteral("Ctrl+1")));
    QAction *showTranslate = view->addAction(tr("&Translate"), this, &MainWindow::showTranslateWorkspace);
    showTranslate->setObjectName(QStringLiteral("actionShowTranslate"));
    showTranslate->setShortcuts(
        {QKeySequence(QStringLiteral("Ctrl+T")), QKeySequence(QStringLiteral("Ctrl+2"))});
    QAction *showDraft = view->addAction(tr("&Draft"), this, &MainWindow::showDraftWorkspace);
    showDraft->setObjectName(QStringLiteral("actionShowDraft"));
    showDraft->setShortcuts({QKeySequence(QStringLiteral("Ctrl+D")), QKeySequence(QStringLiteral("Ctrl+3"))});

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts =
        help->addAction(tr("&Keyboard Shortcuts"), this, [this] { ShortcutsDialog::showFor(this); });
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    shortcuts->setShortcut(QKeySequence(QStringLiteral("Ctrl+/")));
    help->addAction(tr("&About Penpal"), this, [this] {
        QMessageBox::about(
            this, tr("About Penpal"),
            tr("<h3>Penpal %1</h3><p>A fast, private desktop assistant for large language "
               "models.</p><p>No telemetry: Penpal talks only to the servers you configure.</p>")
                .arg(QStringLiteral(PENPAL_VERSION)));
    });
}

void MainWindow::showChatWorkspace()
{
    m_workspace->setCurrentWidget(m_chat);
}

void MainWindow::showTranslateWorkspace()
{
    // Made on first use: most starts never need it.
    if (!m_translate) {
        m_translate = new TranslateView(m_ctx, m_workspace);
        m_workspace->addWidget(m_translate);
    }
    m_workspace->setCurrentWidget(m_translate);
    m_translate->findChild<QWidget *>(QStringLiteral("sourceText"))->setFocus();
}

void MainWindow::showDraftWorkspace()
{
    // Made on first use, as Translate: most starts never need it.
    if (!m_draft) {
        m_draft = new DraftView(m_ctx, m_workspace);
        m_workspace->addWidget(m_draft);
    }
    m_workspace->setCurrentWidget(m_draft);
    m_draft->editor()->setFocus();
}

void MainWindow::sendToDraft(const QString &markdown, bool newDocument)
{
    showDraftWorkspace();
    if (newDocument || m_draft->documentId() == 0) {
        // Named after the text's first line, without its Markdown heading marks.
        QString title = markdown.trimmed().section(QLatin1Char('\n'), 0, 0);
        while (title.startsWith(QLatin1Char('#')))
            title.remove(0, 1);
        title = title.trimmed().left(60);
        m_draft->newDocument(title.isEmpty() ? tr("From a chat") : title, markdown.trimmed() + QLatin1Char('\n'));
        return;
    }
    m_draft->appendText(markdown);
}

void MainWindow::quickTranslate(const QString &text, const QString &targetCode)
{
    if (isShowingSetup()) {
        // No provider yet: the setup page stays until one is added.
        showStatus(this, tr("Add a provider first, then translate."));
        return;
    }
    showTranslateWorkspace();
    if (!targetCode.isEmpty())
        m_translate->setTargetLanguage(targetCode);
    if (text.trimmed().isEmpty()) {
        showStatus(this, tr("The clipboard has no text to translate. Copy some text, then try again."));
        return;
    }
    if (QStatusBar *bar = findChild<QStatusBar *>(QString(), Qt::FindDirectChildrenOnly))
        bar->clearMessage();
    m_translate->setSourceText(text);
    m_translate->translate();
}

void MainWindow::translateClipboard()
{
    bringToFront();
    quickTranslate(QGuiApplication::clipboard()->text());
}

void MainWindow::bringToFront()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::newChat()
{
    showChatWorkspace();
    m_sidebar->selectConversation(0);
    m_chat->openConversation(0);
    m_chat->editor()->setFocus();
}

void MainWindow::openConversation(qint64 id)
{
    showChatWorkspace();
    m_chat->openConversation(id);
    m_sidebar->selectConversation(id);
    m_ctx->settings()->setValue(Settings::LastConversationId, id);
}

void MainWindow::openSearchHit(qint64 conversationId, qint64 messageId)
{
    showChatWorkspace();
    m_chat->showMessage(conversationId, messageId);
    m_sidebar->selectConversation(conversationId);
    m_ctx->settings()->setValue(Settings::LastConversationId, conversationId);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_ctx, this);
    dialog.exec();
    if (isShowingSetup() && !m_ctx->settings()->profiles().isEmpty())
        showChat();
}

void MainWindow::saveState()
{
    Settings *s = m_ctx->settings();
    s->setValue(Settings::WindowGeometry, saveGeometry());
    s->setValue(Settings::WindowState, QMainWindow::saveState());
    s->setValue(Settings::SplitterState, m_splitter->saveState());
    s->setValue(Settings::LastConversationId, m_chat->conversationId());
    s->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    // Close to tray only where the tray can bring the window back.
    if (!m_quitting && m_tray->isShown() && m_ctx->settings()->value(Settings::CloseToTray).toBool()) {
        hide();
        event->ignore();
        return;
    }
    event->accept();
}

} // namespace penpal
