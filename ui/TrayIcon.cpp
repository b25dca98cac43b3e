#include "TrayIcon.h"

#include <QApplication>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>

namespace penpal {

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(std::make_unique<QMenu>())
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    // "trayShow" kept from when the action was called Show Penpal: tests and scripts find it so.
    m_show = m_menu->addAction(tr("Open Penpal"), this, &TrayIcon::showRequested);
    m_show->setObjectName(QStringLiteral("trayShow"));
    m_newChat = m_menu->addAction(tr("New Chat"), this, &TrayIcon::newChatRequested);
    m_newChat->setObjectName(QStringLiteral("trayNewChat"));
    m_translateClipboard =
        m_menu->addAction(tr("Translate Clipboard"), this, &TrayIcon::translateClipboardRequested);
    m_translateClipboard->setObjectName(QStringLiteral("trayTranslateClipboard"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    m_quit->setObjectName(QStringLiteral("trayQuit"));

    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    // The icon is compiled into the executable; a test binary has none, but has no tray either.
    QIcon icon(QStringLiteral(":/icons/penpal.svg"));
    if (icon.isNull())
        icon = QApplication::windowIcon();
    m_icon = new QSystemTrayIcon(icon, this);
    m_icon->setObjectName(QStringLiteral("trayIcon"));
    m_icon->setToolTip(tr("Penpal"));
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        // A plain click shows the window; the context click opens the menu by itself.
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showRequested();
    });
    m_icon->show();
}

TrayIcon::~TrayIcon()
{
    delete m_icon; // before the menu it shows
}

bool TrayIcon::isShown() const
{
    return m_icon && m_icon->isVisible();
}

bool TrayIcon::notify(const QString &title, const QString &text)
{
    if (!isShown() || !QSystemTrayIcon::supportsMessages())
        return false;
    m_icon->showMessage(title, text, QSystemTrayIcon::Information);
    return true;
}

QString TrayIcon::notificationText(const QString &reply, int maxChars)
{
    const QString flat = reply.simplified();
    if (flat.size() <= maxChars)
        return flat;
    const QChar ellipsis(0x2026);
    QString cut = flat.left(maxChars - 1);
    // Back to the last space, unless that throws most of it away (one long word, or CJK text).
    const int space = cut.lastIndexOf(QLatin1Char(' '));
    if (space > maxChars / 2)
        cut.truncate(space);
    // Never split a surrogate pair.
    if (!cut.isEmpty() && cut.back().isHighSurrogate())
        cut.chop(1);
    return cut.trimmed() + ellipsis;
}

} // namespace penpal
