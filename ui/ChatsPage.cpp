#include "ChatsPage.h"

#include "chat/AppContext.h"
#include "settings/Settings.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

namespace penpal {

ChatsPage::ChatsPage(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("chatsPage"));
    auto *autoTitle = new QCheckBox(tr("Name new conversations automatically"), this);
    autoTitle->setObjectName(QStringLiteral("autoTitleCheck"));
    autoTitle->setChecked(ctx->settings()->value(Settings::AutoTitle).toBool());
    auto *explain =
        new QLabel(tr("After the first reply, the model is asked for a short title in the "
                      "conversation's language. Until then, and if it does not answer, the title is "
                      "the first words of your message. A title you set yourself is never replaced."),
                   this);
    explain->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(autoTitle);
    layout->addWidget(explain);
    layout->addStretch(1);
    connect(autoTitle, &QCheckBox::toggled, this,
            [ctx](bool on) { ctx->settings()->setValue(Settings::AutoTitle, on); });
}

} // namespace penpal
