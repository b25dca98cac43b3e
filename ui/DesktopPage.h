#pragma once

#include <QWidget>

namespace penpal {

class AppContext;

// Settings → Desktop: close to tray and the notification when a reply finishes in the
// background. Each change is saved at once, as on the other pages without a profile.
class DesktopPage : public QWidget {
    Q_OBJECT
public:
    // `trayAvailable`: whether a system tray is there (QSystemTrayIcon); without one both
    // options are kept but said to have no effect.
    explicit DesktopPage(AppContext *ctx, bool trayAvailable, QWidget *parent = nullptr);
};

} // namespace penpal
