#include "AppearancePage.h"

#include "ThemeManager.h"
#include "chat/AppContext.h"
#include "settings/Settings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace penpal {

namespace {

QComboBox *choices(QWidget *parent, const QString &name, const QVector<QPair<QString, QString>> &items,
                   const QString &current)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    for (const auto &item : items)
        box->addItem(item.second, item.first);
    box->setCurrentIndex(qMax(0, box->findData(current)));
    return box;
}

} // namespace

AppearancePage::AppearancePage(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("appearancePage"));
    Settings *settings = ctx->settings();

    auto *theme = choices(this, QStringLiteral("themeCombo"),
                          {{QStringLiteral("system"), tr("Follow the system")},
                           {QStringLiteral("light"), tr("Light")},
                           {QStringLiteral("dark"), tr("Dark")}},
                          settings->value(Settings::Theme).toString());
    auto *scale = new QSpinBox(this);
    scale->setObjectName(QStringLiteral("fontScaleSpin"));
    scale->setRange(80, 200);
    scale->setSingleStep(10);
    scale->setSuffix(QStringLiteral(" %"));
    scale->setValue(ThemeManager::clampedScale(settings->value(Settings::FontScale).toInt()));
    auto *density = choices(
        this, QStringLiteral("densityCombo"),
        {{QStringLiteral("comfortable"), tr("Comfortable")}, {QStringLiteral("compact"), tr("Compact")}},
        settings->value(Settings::Density).toString());

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Theme:"), theme);
    form->addRow(tr("&Text size:"), scale);
    form->addRow(tr("&Density:"), density);
    auto *explain = new QLabel(tr("The text size applies to the conversation and to the editors. "
                                  "Compact density puts more messages and conversations on screen."),
                               this);
    explain->setWordWrap(true);
    form->addRow(explain);

    connect(theme, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [settings, theme] { settings->setValue(Settings::Theme, theme->currentData()); });
    connect(scale, qOverload<int>(&QSpinBox::valueChanged), this,
            [settings](int percent) { settings->setValue(Settings::FontScale, percent); });
    connect(density, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [settings, density] { settings->setValue(Settings::Density, density->currentData()); });
}

} // namespace penpal
