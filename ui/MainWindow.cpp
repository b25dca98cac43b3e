#include "MainWindow.h"

#include "ChatPane.h"
#include "ConversationSettingsDialog.h"
#include "PromptEditor.h"
#include "SettingsDialog.h"
#include "SetupPage.h"
#include "Sidebar.h"
#include "chat/AppContext.h"
#include "model/MessageListModel.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>

namespace penpal {

MainWindow::MainWindow(AppContext *ctx, QWidget *parent)
    : QMainWindow(parent)
    , m_ctx(ctx)
    , m_stack(new QStackedWidget(this))
    , m_splitter(new QSplitter(this))
    , m_sidebar(new Sidebar(ctx, m_splitter))
    , m_chat(new ChatPane(ctx, m_splitter))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Penpal"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/penpal.svg")));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_chat);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({240, 760});
    m_stack->addWidget(m_splitter);
    setCentralWidget(m_stack);
    createActions();

    connect(m_sidebar, &Sidebar::conversationActivated, this, &MainWindow::openConversation);
    connect(m_sidebar, &Sidebar::newChatRequested, this, &MainWindow::newChat);
    connect(m_sidebar, &Sidebar::conversationDeleted, this, [this](qint64 id) {
        if (m_chat->conversationId() == id)
            newChat();
    });
    connect(m_chat, &ChatPane::conversationCreated, m_sidebar, &Sidebar::selectConversation);

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
    if (last != 0 && m_ctx->store()->conversation(last).id != 0)
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
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(QKeySequence(QStringLiteral("Ctrl+,")));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    QAction *rename = chat->addAction(tr("&Rename"), m_sidebar, &Sidebar::renameSelected);
    rename->setShortcut(Qt::Key_F2);
    chat->addAction(tr("&Pin or Unpin"), m_sidebar, &Sidebar::togglePinSelected);
    chat->addAction(tr("&Delete…"), m_sidebar, &Sidebar::deleteSelected);
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
    chat->addSeparator();
    QAction *stop = chat->addAction(tr("&Stop Reply"), m_chat, &ChatPane::stop);
    stop->setShortcut(Qt::Key_Escape);
    stop->setShortcutContext(Qt::WindowShortcut);
    chat->addAction(tr("Re&try Reply"), m_chat, &ChatPane::retryLast);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Penpal"), this, [this] {
        QMessageBox::about(
            this, tr("About Penpal"),
            tr("<h3>Penpal %1</h3><p>A fast, private desktop assistant for large language "
               "models.</p><p>No telemetry: Penpal talks only to the servers you configure.</p>")
                .arg(QStringLiteral(PENPAL_VERSION)));
    });
}

void MainWindow::newChat()
{
    m_sidebar->selectConversation(0);
    m_chat->openConversation(0);
    m_chat->editor()->setFocus();
}

void MainWindow::openConversation(qint64 id)
{
    m_chat->openConversation(id);
    m_sidebar->selectConversation(id);
    m_ctx->settings()->setValue(Settings::LastConversationId, id);
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
    event->accept();
}

} // namespace penpal
