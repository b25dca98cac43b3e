#pragma once

#include "settings/Settings.h"

#include <QObject>
#include <QPalette>
#include <QPointer>

class QWidget;

namespace penpal {

// Applies Settings → Appearance: the theme (application style and palette), the font scale of
// the thread and the editors, and the density of the thread and the sidebar. Applies once when
// made and again whenever one of those settings changes, so the page's changes show at once.
//
// "system" keeps the platform's style and palette as they are (Qt 6.4 cannot ask the platform
// for its colour scheme); whether that is dark is read from the palette's window colour, which
// is also how the thread picks its render theme (RenderTheme::forPalette). "light" and "dark"
// use the Fusion style, which follows a palette everywhere.
class ThemeManager : public QObject {
    Q_OBJECT
public:
    // `root` (the main window) is where the density is applied; the manager is its child.
    ThemeManager(Settings *settings, QWidget *root);

    void apply();

    static QPalette lightPalette();
    static QPalette darkPalette();
    static bool isDark(const QPalette &palette);
    // The percentage is clamped to the range the settings page offers.
    static int clampedScale(int percent);

private:
    void applyTheme();
    void applyFontScale();
    void applyDensity();

    Settings *m_settings;
    QPointer<QWidget> m_root;
};

} // namespace penpal
