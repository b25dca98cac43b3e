#pragma once

#include "history/BackupInfo.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QThread;
class QTreeWidget;

namespace penpal {

class AppContext;

// Settings page "Backups": every backup (daily, manual, before a restore, before a migration)
// with its date and how many conversations and messages it holds, "Back Up Now", "Restore…"
// and how many daily copies to keep. Counts are read on a worker thread: large files take time.
class BackupsPage : public QWidget {
    Q_OBJECT
public:
    explicit BackupsPage(AppContext *ctx, QWidget *parent = nullptr);
    ~BackupsPage() override;

    QTreeWidget *list() const { return m_list; }

public Q_SLOTS:
    void reload();
    void backUpNow();
    void restoreSelected();

Q_SIGNALS:
    void countsLoaded(); // every listed backup has its counts

private:
    void showCounts(const BackupInfos &infos, int generation);
    void updateButtons();

    AppContext *m_ctx;
    QTreeWidget *m_list;
    QPushButton *m_backUpNow;
    QPushButton *m_restore;
    QSpinBox *m_keep;
    QLabel *m_status;
    QList<QPointer<QThread>> m_counters; // a reload does not wait for the previous count
    int m_generation = 0;                // a reload while counts are read makes those counts stale
};

} // namespace penpal
