#pragma once

#include "history/ImportResult.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;

namespace penpal {

class ImportJob;
class Store;

// Shows one import: a progress bar while the file is read, Cancel (which rolls everything
// back), then a summary (what was imported, what was already there, what could not be
// carried over) or the reason it failed. MainWindow opens it after the file dialog; start()
// takes the path, so tests skip the file dialog.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(Store *store, QWidget *parent = nullptr);
    ~ImportDialog() override;

    void start(const QString &path);
    bool isRunning() const;
    ImportResult result() const { return m_result; }

    // The summary shown after an import, e.g. "Imported 3 conversations from ChatGPT."
    static QString summaryText(const ImportResult &result);

Q_SIGNALS:
    void importFinished(const penpal::ImportResult &result);

protected:
    void reject() override; // Esc / close while running cancels first

private:
    void onProgress(qint64 done, qint64 total);
    void onFinished(const ImportResult &result);

    Store *m_store;
    ImportJob *m_job = nullptr;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_button;
    ImportResult m_result;
};

} // namespace penpal
