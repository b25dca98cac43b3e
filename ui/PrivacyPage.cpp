#include "PrivacyPage.h"

#include "chat/AppContext.h"
#include "draft/DraftDocument.h"
#include "history/BackupManager.h"
#include "store/ConversationFilter.h"
#include "store/Store.h"
#include "translate/TranslationRecord.h"

#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <limits>

Q_LOGGING_CATEGORY(lcPrivacy, "penpal.privacy")

namespace penpal {

namespace {
// Rows are listed and deleted in pages so that a large history never sits in memory at once.
constexpr int kPage = 500;
constexpr int kAll = std::numeric_limits<int>::max();

QVector<qint64> allConversationIds(Store *store)
{
    // The three views together are every conversation: main, archive, and the trash (which
    // holds everything deleted, archived or not).
    QVector<qint64> ids;
    for (const auto view : {ConversationFilter::View::Main, ConversationFilter::View::Archived,
                            ConversationFilter::View::Trash}) {
        ConversationFilter filter;
        filter.view = view;
        for (const Conversation &c : store->conversations(filter))
            ids.append(c.id);
    }
    return ids;
}
} // namespace

PrivacyPage::PrivacyPage(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("privacyPage"));
    auto *statement = new QLabel(
        tr("<p><b>Penpal sends nothing about you anywhere.</b> There is no telemetry, no usage "
           "statistics, no crash reporting and no update check.</p>"
           "<p>The only requests Penpal makes go to the providers you set up under Providers: your "
           "prompts, with the conversation they belong to, and the list of models. Images in replies "
           "are fetched only when you click <i>Load image</i>.</p>"
           "<p>Your conversations, drafts and translations stay in a database on this computer, with "
           "daily backups next to it. API keys are kept in the system keychain.</p>"),
        this);
    statement->setObjectName(QStringLiteral("privacyStatement"));
    statement->setWordWrap(true);
    statement->setTextFormat(Qt::RichText);

    auto *clearChats = new QPushButton(tr("Delete All Chat History…"), this);
    clearChats->setObjectName(QStringLiteral("clearChatsButton"));
    auto *clearDrafts = new QPushButton(tr("Delete All Drafts…"), this);
    clearDrafts->setObjectName(QStringLiteral("clearDraftsButton"));
    auto *clearTranslations = new QPushButton(tr("Delete Translation History…"), this);
    clearTranslations->setObjectName(QStringLiteral("clearTranslationsButton"));
    m_result->setObjectName(QStringLiteral("privacyResult"));
    m_result->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(statement);
    layout->addSpacing(12);
    layout->addWidget(clearChats, 0, Qt::AlignLeft);
    layout->addWidget(clearDrafts, 0, Qt::AlignLeft);
    layout->addWidget(clearTranslations, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    layout->addStretch(1);

    connect(clearChats, &QPushButton::clicked, this, [this] { confirmAndClear(Part::Chats); });
    connect(clearDrafts, &QPushButton::clicked, this, [this] { confirmAndClear(Part::Drafts); });
    connect(clearTranslations, &QPushButton::clicked, this, [this] { confirmAndClear(Part::Translations); });
}

QString PrivacyPage::describe(Part part) const
{
    Store *store = m_ctx->store();
    switch (part) {
    case Part::Chats:
        return tr("all %n conversation(s), including archived ones and the trash, with their messages "
                  "and attachments",
                  nullptr, int(allConversationIds(store).size()));
    case Part::Drafts:
        return tr("all %n draft document(s) with all their saved versions", nullptr,
                  int(store->documents({}, kAll).size()));
    case Part::Translations:
        return tr("the translation history (%n translation(s)); glossaries are kept", nullptr,
                  int(store->translations({}, kAll).size()));
    }
    return {};
}

void PrivacyPage::confirmAndClear(Part part)
{
    const int backupCount = int(m_ctx->backups()->backups().size());
    QMessageBox box(QMessageBox::Warning, tr("Delete for Good"),
                    tr("This deletes %1. It cannot be undone.").arg(describe(part)), QMessageBox::Cancel,
                    this);
    box.setObjectName(QStringLiteral("privacyConfirm"));
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("privacyConfirmDelete"));
    box.setDefaultButton(QMessageBox::Cancel);
    // Backups are whole-database copies: deleting one part cannot reach into them, so the
    // user decides about them here, knowing that it takes everything else in them too.
    QCheckBox *backups = nullptr;
    if (backupCount > 0) {
        box.setInformativeText(
            tr("The %n backup(s) of your database (Settings → Backups) still contain it. Each backup "
               "is a copy of everything, so deleting the backups also deletes the copies of your "
               "other chats, drafts and translations in them.",
               nullptr, backupCount));
        backups = new QCheckBox(tr("Also delete all %n backup(s)", nullptr, backupCount), &box);
        backups->setObjectName(QStringLiteral("privacyDeleteBackups"));
        box.setCheckBox(backups);
    } else {
        box.setInformativeText(tr("There are no backups that contain it."));
    }
    box.exec();
    if (box.clickedButton() != remove)
        return;
    const bool withBackups = backups && backups->isChecked();
    const bool ok = clear(part);
    const int backupsGone = withBackups ? deleteBackups() : 0;
    if (!ok)
        m_result->setText(tr("Not everything could be deleted. Try again, or see the log."));
    else if (withBackups)
        m_result->setText(tr("Deleted, and %n backup(s) with it.", nullptr, backupsGone));
    else if (backupCount > 0)
        m_result->setText(tr("Deleted. The backups still contain it."));
    else
        m_result->setText(tr("Deleted."));
}

bool PrivacyPage::clear(Part part)
{
    Store *store = m_ctx->store();
    switch (part) {
    case Part::Chats:
        return store->deleteForever(allConversationIds(store));
    case Part::Drafts:
        for (QVector<DraftSummary> page = store->documents({}, kPage); !page.isEmpty();
             page = store->documents({}, kPage)) {
            for (const DraftSummary &d : page) {
                if (!store->deleteDocument(d.id))
                    return false;
            }
        }
        return true;
    case Part::Translations:
        for (QVector<TranslationSummary> page = store->translations({}, kPage); !page.isEmpty();
             page = store->translations({}, kPage)) {
            for (const TranslationSummary &t : page) {
                if (!store->deleteTranslation(t.id))
                    return false;
            }
        }
        return true;
    }
    return false;
}

int PrivacyPage::deleteBackups()
{
    BackupManager *manager = m_ctx->backups();
    // A copy being written now would hold the data again.
    manager->cancel();
    manager->waitForIdle();
    int removed = 0;
    for (const BackupInfo &b : manager->backups()) {
        if (QFile::remove(b.path))
            ++removed;
        else
            qCWarning(lcPrivacy) << "could not delete a backup";
    }
    return removed;
}

} // namespace penpal
