#pragma once

#include <QWidget>

namespace penpal {

class AppContext;

// Settings → Appearance: theme, font size of the thread and editors, density. Each change is
// saved at once; the main window's ThemeManager applies it live.
class AppearancePage : public QWidget {
    Q_OBJECT
public:
    explicit AppearancePage(AppContext *ctx, QWidget *parent = nullptr);
};

} // namespace penpal
