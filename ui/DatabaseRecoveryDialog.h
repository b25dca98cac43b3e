#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace penpal {

class AppContext;

// Shown at start-up when the database is damaged (AppContext::OpenOutcome::Corrupt): says so
// in plain words and offers to restore the newest backup that passes integrity_check, or to
// quit. The damaged file is moved aside, never deleted or written to.
class DatabaseRecoveryDialog : public QDialog {
    Q_OBJECT
public:
    explicit DatabaseRecoveryDialog(AppContext *ctx, QWidget *parent = nullptr);

    // Shows the dialog; true once a backup was restored and the database is open.
    static bool recover(AppContext *ctx, QWidget *parent = nullptr);

public Q_SLOTS:
    // Tries the backups newest first until one is verified and opens; accepts on success.
    void restoreNewest();

private:
    AppContext *m_ctx;
    QLabel *m_message;
    QPushButton *m_restore;
};

} // namespace penpal
