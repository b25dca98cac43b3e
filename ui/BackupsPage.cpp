#include "BackupsPage.h"

#include "chat/AppContext.h"
#include "history/BackupManager.h"
#include "settings/Settings.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace penpal {

namespace {

enum Column { DateColumn, KindColumn, ConversationsColumn, MessagesColumn, SizeColumn, ColumnCount };
constexpr int kPathRole = Qt::UserRole;

QString kindText(BackupInfo::Kind kind)
{
    switch (kind) {
    case BackupInfo::Daily:
        return BackupsPage::tr("Daily");
    case BackupInfo::Manual:
        return BackupsPage::tr("Manual");
    case BackupInfo::BeforeRestore:
        return BackupsPage::tr("Before restore");
    case BackupInfo::Migration:
        break;
    }
    return BackupsPage::tr("Before update");
}

} // namespace

BackupsPage::BackupsPage(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_list(new QTreeWidget(this))
    , m_backUpNow(new QPushButton(tr("Back Up Now"), this))
    , m_restore(new QPushButton(tr("Restore…"), this))
    , m_keep(new QSpinBox(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("backupsPage"));
    m_list->setObjectName(QStringLiteral("backupList"));
    m_list->setAccessibleName(tr("Backups"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Date"), tr("Kind"), tr("Conversations"), tr("Messages"), tr("Size")});
    m_list->header()->setSectionResizeMode(DateColumn, QHeaderView::Stretch);
    m_backUpNow->setObjectName(QStringLiteral("backupNowButton"));
    m_restore->setObjectName(QStringLiteral("restoreBackupButton"));
    m_keep->setObjectName(QStringLiteral("backupKeepCount"));
    m_keep->setRange(1, 365);
    m_keep->setValue(m_ctx->settings()->value(Settings::BackupKeepCount).toInt());
    m_status->setObjectName(QStringLiteral("backupStatus"));
    m_status->setWordWrap(true);

    auto *keepRow = new QHBoxLayout;
    auto *keepLabel = new QLabel(tr("Daily backups to keep:"), this);
    keepLabel->setBuddy(m_keep);
    keepRow->addWidget(keepLabel);
    keepRow->addWidget(m_keep);
    keepRow->addStretch(1);
    keepRow->addWidget(m_backUpNow);
    keepRow->addWidget(m_restore);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Penpal copies your conversations once a day into the folder “%1”.")
                                 .arg(QDir::toNativeSeparators(m_ctx->backups()->backupDir())),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addLayout(keepRow);
    layout->addWidget(m_status);

    // A small setting that needs no OK: the next rotation uses it.
    connect(m_keep, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int n) { m_ctx->settings()->setValue(Settings::BackupKeepCount, n); });
    connect(m_backUpNow, &QPushButton::clicked, this, &BackupsPage::backUpNow);
    connect(m_restore, &QPushButton::clicked, this, &BackupsPage::restoreSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &BackupsPage::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &BackupsPage::restoreSelected);
    BackupManager *backups = m_ctx->backups();
    connect(backups, &BackupManager::backupStarted, this, &BackupsPage::updateButtons);
    connect(backups, &BackupManager::backupFinished, this,
            [this](BackupManager::Result result, const QString &, const QString &detail) {
                switch (result) {
                case BackupManager::Result::Written:
                    m_status->setText(tr("Backup written."));
                    break;
                case BackupManager::Result::Corrupt:
                    m_status->setText(tr("No backup was written: the database is damaged (%1). Restore a "
                                         "backup to go on safely.")
                                          .arg(detail));
                    break;
                case BackupManager::Result::Failed:
                    m_status->setText(tr("The backup failed: %1").arg(detail));
                    break;
                case BackupManager::Result::Cancelled:
                    break;
                }
                reload();
            });
    reload();
}

BackupsPage::~BackupsPage()
{
    // The counter only touches files and its own copies of the infos; it must still end
    // before the page's slots go away.
    for (const QPointer<QThread> &t : qAsConst(m_counters)) {
        if (t)
            t->wait();
    }
}

void BackupsPage::reload()
{
    const QString selected =
        m_list->currentItem() ? m_list->currentItem()->data(DateColumn, kPathRole).toString() : QString();
    m_list->clear();
    const BackupInfos infos = m_ctx->backups()->backups();
    const QLocale locale;
    for (const BackupInfo &b : infos) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(DateColumn, locale.toString(b.when.toLocalTime(), QLocale::ShortFormat));
        item->setData(DateColumn, kPathRole, b.path);
        item->setToolTip(DateColumn, QDir::toNativeSeparators(b.path));
        item->setText(KindColumn, kindText(b.kind));
        item->setText(ConversationsColumn, QStringLiteral("…"));
        item->setText(MessagesColumn, QStringLiteral("…"));
        item->setText(SizeColumn, locale.formattedDataSize(b.size));
        if (b.path == selected)
            m_list->setCurrentItem(item);
    }
    updateButtons();

    const int generation = ++m_generation;
    m_counters.removeAll(QPointer<QThread>());
    auto result = std::make_shared<BackupInfos>(infos);
    QThread *counter = QThread::create([result] {
        for (BackupInfo &b : *result)
            BackupManager::inspect(b);
    });
    // An earlier counter still running finishes with a stale generation: its counts are dropped.
    connect(counter, &QThread::finished, this,
            [this, result, generation] { showCounts(*result, generation); });
    connect(counter, &QThread::finished, counter, &QObject::deleteLater);
    m_counters.append(counter);
    counter->start(QThread::LowPriority);
}

void BackupsPage::showCounts(const BackupInfos &infos, int generation)
{
    if (generation != m_generation)
        return;
    const QLocale locale;
    for (int i = 0; i < infos.size() && i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const BackupInfo &b = infos[i];
        if (b.readable) {
            item->setText(ConversationsColumn, locale.toString(b.conversations));
            item->setText(MessagesColumn, locale.toString(b.messages));
        } else {
            item->setText(ConversationsColumn, tr("unreadable"));
            item->setText(MessagesColumn, QString());
        }
    }
    Q_EMIT countsLoaded();
}

void BackupsPage::updateButtons()
{
    const bool running = m_ctx->backups()->isRunning();
    m_backUpNow->setEnabled(!running);
    m_restore->setEnabled(!running && m_list->currentItem() != nullptr);
}

void BackupsPage::backUpNow()
{
    if (m_ctx->backups()->backUpNow(BackupInfo::Manual))
        m_status->setText(tr("Checking and copying the database…"));
    updateButtons();
}

void BackupsPage::restoreSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item || m_ctx->backups()->isRunning())
        return;
    const QString path = item->data(DateColumn, kPathRole).toString();
    QMessageBox ask(QMessageBox::Question, tr("Restore backup"),
                    tr("Replace all your conversations with the backup from %1?\n\nThe current state is "
                       "backed up first, so this can be undone by restoring that backup.")
                        .arg(item->text(DateColumn)),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    ask.setObjectName(QStringLiteral("restoreConfirmation"));
    ask.setDefaultButton(QMessageBox::Cancel);
    if (ask.exec() != QMessageBox::Yes)
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = m_ctx->restoreBackup(path);
    QApplication::restoreOverrideCursor();
    if (ok) {
        m_status->setText(tr("Restored the backup from %1.").arg(item->text(DateColumn)));
    } else {
        m_status->setText(tr("Nothing was restored."));
        QMessageBox::warning(this, tr("Restore backup"),
                             tr("The backup could not be restored.\n\n%1").arg(m_ctx->lastError()));
    }
    reload();
}

} // namespace penpal
