#include "DesktopPage.h"

#include "chat/AppContext.h"
#include "settings/Settings.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

namespace penpal {

DesktopPage::DesktopPage(AppContext *ctx, bool trayAvailable, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("desktopPage"));
    Settings *settings = ctx->settings();
    auto *closeToTray = new QCheckBox(tr("Keep Penpal in the system tray when the window is closed"), this);
    closeToTray->setObjectName(QStringLiteral("closeToTrayCheck"));
    closeToTray->setChecked(settings->value(Settings::CloseToTray).toBool());
    auto *closeExplain = new QLabel(tr("Open Penpal from the tray icon brings the window back; Quit in "
                                       "its menu or File → Quit ends Penpal."),
                                    this);
    closeExplain->setWordWrap(true);
    auto *notify =
        new QCheckBox(tr("Notify me when a reply finishes while Penpal is in the background"), this);
    notify->setObjectName(QStringLiteral("notifyCheck"));
    notify->setChecked(settings->value(Settings::NotifyWhenInactive).toBool());
    auto *notifyExplain = new QLabel(tr("The notification shows the conversation's title and the first "
                                        "words of the reply."),
                                     this);
    notifyExplain->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(closeToTray);
    layout->addWidget(closeExplain);
    layout->addSpacing(12);
    layout->addWidget(notify);
    layout->addWidget(notifyExplain);
    if (!trayAvailable) {
        // Both go through the tray icon: without a tray the window just closes and nothing is shown.
        auto *noTray = new QLabel(tr("This desktop has no system tray, so neither option has an effect "
                                     "here: closing the window quits Penpal and no notification is shown."),
                                  this);
        noTray->setObjectName(QStringLiteral("noTrayNote"));
        noTray->setWordWrap(true);
        layout->addSpacing(12);
        layout->addWidget(noTray);
    }
    layout->addStretch(1);
    connect(closeToTray, &QCheckBox::toggled, this,
            [settings](bool on) { settings->setValue(Settings::CloseToTray, on); });
    connect(notify, &QCheckBox::toggled, this,
            [settings](bool on) { settings->setValue(Settings::NotifyWhenInactive, on); });
}

} // namespace penpal
