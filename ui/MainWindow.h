#pragma once

#include <QHash>
#include <QMainWindow>
#include <QVector>

class QSplitter;
class QStackedWidget;

namespace penpal {

class AppContext;
class ChatPane;
class CommandLine;
class DraftView;
class SearchPanel;
class SetupPage;
class Sidebar;
class TranslateView;
class TrayIcon;

// The window: the setup page on first start, otherwise the sidebar and the open chat.
// Restores its geometry and the last open conversation.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppContext *ctx, QWidget *parent = nullptr);
    ~MainWindow() override;

    ChatPane *chatPane() const { return m_chat; }
    Sidebar *sidebar() const { return m_sidebar; }
    SearchPanel *searchPanel() const { return m_search; }
    bool isShowingSetup() const;
    // The Translate workspace, once it was shown (nullptr before).
    TranslateView *translateView() const { return m_translate; }
    // The Draft workspace, once it was shown (nullptr before).
    DraftView *draftView() const { return m_draft; }
    // The tray icon and its menu (the menu exists even where no system tray is shown).
    TrayIcon *trayIcon() const { return m_tray; }

public Q_SLOTS:
    void newChat();
    void openConversation(qint64 id);
    // A search result: the conversation at the message (0: the title matched).
    void openSearchHit(qint64 conversationId, qint64 messageId);
    void openSettings();
    void showChatWorkspace();
    void showTranslateWorkspace(); // Ctrl+T
    void showDraftWorkspace();     // Ctrl+D
    // "To Draft" / "Send to New Draft" on a chat message: appended to the open document, or a
    // new document (always with `newDocument`, and when none is open).
    void sendToDraft(const QString &markdown, bool newDocument = false);
    // Quick translate (tray, --translate, a chat message): the Translate workspace with `text`,
    // translating into `targetCode` (a Languages code; empty: the workspace's current target).
    // Empty text only shows the workspace and says there was nothing to translate.
    void quickTranslate(const QString &text, const QString &targetCode = {});
    // Translate Clipboard (tray): brings the window up and quick-translates the clipboard's text.
    void translateClipboard();
    void bringToFront();
    // Acts on a parsed command line: at start, and when a second launch hands one over.
    // --profile (made active), --draft, --new, --translate; a profile it does not know (only
    // possible when handed over) is said in the status bar.
    void handleCommandLine(const penpal::CommandLine &commandLine);
    // File → Quit and the tray's Quit: quits even when closing would only hide the window
    // (CloseToTray).
    void quitApplication();

Q_SIGNALS:
    // A reply finished while the window was not active and NotifyWhenInactive is on: the
    // notification's title and text (shown through the tray where there is one).
    void replyNotification(const QString &title, const QString &text);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void showChat();
    void saveState();
    // Desktop integration (MainWindowDesktop.cpp).
    void connectDesktop();
    void onReplyEnded(qint64 conversationId);

    // Assistant messages finalized per streaming conversation, until its reply ends.
    QHash<qint64, QVector<qint64>> m_finalized;
    bool m_quitting = false;

    AppContext *m_ctx;
    QStackedWidget *m_stack;
    SetupPage *m_setup = nullptr;
    QSplitter *m_splitter;
    // The left pane: the search field on top of the sidebar, its results in the sidebar's place.
    QWidget *m_left;
    SearchPanel *m_search;
    Sidebar *m_sidebar;
    QStackedWidget *m_workspace; // the chat or the Translate workspace
    ChatPane *m_chat;
    TranslateView *m_translate = nullptr;
    DraftView *m_draft = nullptr;
    TrayIcon *m_tray;
};

} // namespace penpal
