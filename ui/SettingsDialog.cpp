#include "SettingsDialog.h"

#include "AppearancePage.h"
#include "BackupsPage.h"
#include "ChatsPage.h"
#include "DesktopPage.h"
#include "KeychainFallback.h"
#include "PersonasPage.h"
#include "PrivacyPage.h"
#include "ProfileEditor.h"
#include "TranslatePage.h"
#include "chat/AppContext.h"
#include "settings/Settings.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

namespace penpal {

SettingsDialog::SettingsDialog(AppContext *ctx, QWidget *parent)
    : QDialog(parent)
    , m_ctx(ctx)
    , m_list(new QListWidget(this))
    , m_editor(new ProfileEditor(ctx, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setAccessibleName(tr("Provider profiles"));
    m_list->setMaximumWidth(220);

    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addProfileButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeProfileButton"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    auto *profilesPage = new QWidget(this);
    profilesPage->setObjectName(QStringLiteral("profilesPage"));
    auto *top = new QHBoxLayout(profilesPage);
    top->addLayout(left);
    top->addWidget(m_editor, 1);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    tabs->addTab(profilesPage, tr("Providers"));
    tabs->addTab(new ChatsPage(ctx, tabs), tr("Chats"));
    tabs->addTab(new TranslatePage(ctx, tabs), tr("Translate"));
    tabs->addTab(new PersonasPage(ctx, tabs), tr("Personas && Prompts"));
    tabs->addTab(new BackupsPage(ctx, tabs), tr("Backups"));
    tabs->addTab(new DesktopPage(ctx, QSystemTrayIcon::isSystemTrayAvailable(), tabs), tr("Desktop"));
    tabs->addTab(new PrivacyPage(ctx, tabs), tr("Privacy"));
    tabs->addTab(new AppearancePage(ctx, tabs), tr("Appearance"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &SettingsDialog::addProfile);
    connect(remove, &QPushButton::clicked, this, &SettingsDialog::removeProfile);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_list, &QListWidget::currentRowChanged, this, &SettingsDialog::selectRow);

    reloadList(m_ctx->settings()->activeProfile().id);
    resize(760, 520);
}

void SettingsDialog::reloadList(const QString &selectId)
{
    QSignalBlocker block(m_list);
    m_list->clear();
    int select = -1;
    for (const ProviderProfile &p : m_ctx->settings()->profiles()) {
        auto *item = new QListWidgetItem(p.name, m_list);
        item->setData(Qt::UserRole, p.id);
        if (p.id == selectId)
            select = m_list->count() - 1;
    }
    if (select < 0 && m_list->count() > 0)
        select = 0;
    m_list->setCurrentRow(select);
    block.unblock();
    selectRow(select);
}

void SettingsDialog::selectRow(int row)
{
    QListWidgetItem *item = m_list->item(row);
    m_currentId = item ? item->data(Qt::UserRole).toString() : QString();
    m_editor->setProfile(item ? m_ctx->settings()->profile(m_currentId) : ProviderProfile());
    m_editor->setEnabled(item != nullptr);
}

void SettingsDialog::addProfile()
{
    auto *item = new QListWidgetItem(tr("New profile"), m_list);
    {
        QSignalBlocker block(m_list);
        m_list->setCurrentItem(item);
    }
    m_currentId.clear();
    ProviderProfile p;
    p.name = tr("New profile");
    m_editor->setProfile(p);
    m_editor->setEnabled(true);
}

void SettingsDialog::removeProfile()
{
    if (m_currentId.isEmpty()) {
        delete m_list->currentItem();
        reloadList({});
        return;
    }
    if (QMessageBox::question(this, tr("Remove profile"),
                              tr("Remove the profile “%1” and its stored API key?")
                                  .arg(m_ctx->settings()->profile(m_currentId).name)) != QMessageBox::Yes)
        return;
    const QString id = m_currentId;
    // A key left behind in the keychain is worth a word: the user believes it is gone.
    QPointer<QWidget> self(this);
    QPointer<QWidget> window(parentWidget());
    m_ctx->secrets()->deleteKey(id, [self, window](const SecretResult &r) {
        if (r.status != SecretResult::Error)
            return;
        QMessageBox::warning(self && self->isVisible() ? self.data() : window.data(), tr("Remove profile"),
                             tr("The profile was removed, but its API key could not be removed from the "
                                "system keychain.\n\n%1")
                                 .arg(r.error));
    });
    Settings *settings = m_ctx->settings();
    m_ctx->saveProxyPassword(settings->profile(id), QString(), [](const SecretResult &) {});
    settings->removeProfile(id);
    // Chats must not keep pointing at a profile that is gone: the next one takes over, or,
    // with none left, the next profile saved does.
    if (settings->value(Settings::ActiveProfileId).toString() == id) {
        const auto rest = settings->profiles();
        if (rest.isEmpty())
            settings->reset(Settings::ActiveProfileId);
        else
            settings->setValue(Settings::ActiveProfileId, rest.first().id);
    }
    reloadList({});
}

bool SettingsDialog::apply()
{
    if (!m_editor->isEnabled())
        return true;
    ProviderProfile p = m_editor->profile();
    if (!p.baseUrl.isValid() || p.baseUrl.host().isEmpty()) {
        QMessageBox::warning(this, tr("Settings"),
                             tr("Enter a valid base URL, such as http://localhost:11434/v1."));
        return false;
    }
    p.id = m_currentId;
    const QString key = m_editor->apiKey();
    // The keychain may answer after the dialog closed: then its parent window tells the user.
    QPointer<QWidget> self(this);
    QPointer<QWidget> window(parentWidget());
    SecretStore *secrets = m_ctx->secrets();
    m_currentId = m_ctx->saveProfile(p, key, m_editor->keyEdited(),
                                     [self, window, secrets, key](const QString &id, const SecretResult &r) {
                                         QWidget *parent =
                                             self && self->isVisible() ? self.data() : window.data();
                                         handleKeySaveResult(parent, secrets, id, key, r);
                                     });
    if (m_editor->proxyPasswordEdited()) {
        // The proxy password goes to the keychain only, under the saved profile's id.
        m_ctx->saveProxyPassword(m_ctx->settings()->profile(m_currentId), m_editor->proxyPassword(),
                                 [self, window](const SecretResult &r) {
                                     if (r.status != SecretResult::Error)
                                         return;
                                     QWidget *parent =
                                         self && self->isVisible() ? self.data() : window.data();
                                     QMessageBox::warning(parent, tr("Proxy password not saved"), r.error);
                                 });
    }
    if (m_ctx->settings()->value(Settings::ActiveProfileId).toString().isEmpty())
        m_ctx->settings()->setValue(Settings::ActiveProfileId, m_currentId);
    reloadList(m_currentId);
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace penpal
