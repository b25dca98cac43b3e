#include "DatabaseRecoveryDialog.h"

#include "chat/AppContext.h"
#include "history/BackupManager.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace penpal {

DatabaseRecoveryDialog::DatabaseRecoveryDialog(AppContext *ctx, QWidget *parent)
    : QDialog(parent)
    , m_ctx(ctx)
    , m_message(new QLabel(this))
    , m_restore(new QPushButton(tr("Restore Newest Backup"), this))
{
    setObjectName(QStringLiteral("databaseRecoveryDialog"));
    setWindowTitle(tr("Penpal"));
    m_message->setObjectName(QStringLiteral("recoveryMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_restore->setObjectName(QStringLiteral("restoreNewestButton"));

    const BackupInfos backups = m_ctx->backups()->backups();
    QString text = tr("Penpal cannot read your conversations: the file that holds them is damaged.\n\n"
                      "It will not be changed. ");
    if (backups.isEmpty()) {
        text += tr("There is no backup to restore it from.");
        m_restore->setEnabled(false);
    } else {
        text += tr("Penpal can put the newest undamaged backup in its place (the newest is from %1); "
                   "the damaged file is kept beside it. Conversations since that backup will be missing.")
                    .arg(QLocale().toString(backups.first().when.toLocalTime(), QLocale::LongFormat));
    }
    text += QStringLiteral("\n\n") + tr("Details: %1").arg(m_ctx->lastError());
    m_message->setText(text);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_restore, QDialogButtonBox::AcceptRole);
    QPushButton *quit = buttons->addButton(tr("Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitButton"));
    quit->setDefault(backups.isEmpty());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    // The restore button must not close the dialog by itself: it closes only on success.
    disconnect(buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_restore, &QPushButton::clicked, this, &DatabaseRecoveryDialog::restoreNewest);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void DatabaseRecoveryDialog::restoreNewest()
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QStringList problems;
    bool ok = false;
    // Each candidate is checked with integrity_check before it is used: the newest may be bad too.
    for (const BackupInfo &b : m_ctx->backups()->backups()) {
        if (m_ctx->recoverFromBackup(b.path)) {
            ok = true;
            break;
        }
        problems << m_ctx->lastError();
    }
    QApplication::restoreOverrideCursor();
    if (ok) {
        accept();
        return;
    }
    m_restore->setEnabled(false);
    m_message->setText(tr("None of the backups could be restored. The damaged file was left as it was.\n\n%1")
                           .arg(problems.join(QLatin1Char('\n'))));
}

bool DatabaseRecoveryDialog::recover(AppContext *ctx, QWidget *parent)
{
    DatabaseRecoveryDialog dialog(ctx, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace penpal
