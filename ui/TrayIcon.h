#pragma once

#include <QObject>

#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace penpal {

// Penpal in the system tray: the app icon with a menu (Open Penpal, New Chat, Translate
// Clipboard, Quit). The icon is shown only where a system tray exists, but the menu and its
// actions always do, so that they can be reached (and tested) everywhere. It only asks; the
// window decides what each request does (including whether closing it keeps Penpal here:
// Settings::CloseToTray).
class TrayIcon : public QObject {
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    QMenu *menu() const { return m_menu.get(); }
    QAction *translateClipboardAction() const { return m_translateClipboard; }
    QAction *showAction() const { return m_show; } // "Open Penpal"
    QAction *newChatAction() const { return m_newChat; }
    QAction *quitAction() const { return m_quit; }
    // True when the icon is in a system tray (false where there is none, e.g. offscreen).
    bool isShown() const;
    // A desktop notification through the tray icon; false (and nothing shown) without one.
    bool notify(const QString &title, const QString &text);
    // The first words of `reply` on one line, cut at a word and never longer than `maxChars`
    // (with the ellipsis): a notification is a glance, and a reply may be private.
    static QString notificationText(const QString &reply, int maxChars = 100);

Q_SIGNALS:
    void translateClipboardRequested();
    void showRequested(); // Open Penpal, or a click on the icon
    void newChatRequested();
    void quitRequested();

private:
    // The menu has no parent widget (the tray is not a widget), so it is owned here.
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon *m_icon = nullptr; // only where a system tray is available
    QAction *m_translateClipboard;
    QAction *m_show;
    QAction *m_newChat;
    QAction *m_quit;
};

} // namespace penpal
