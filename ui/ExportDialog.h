#pragma once

#include "history/ExportFormat.h"

#include <QDialog>
#include <QVector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace penpal {

class AppContext;

// File → Export…: what to export (the open conversation, the ones selected in the sidebar,
// or all of them - never the trash, archived ones included), the format and the file. Export
// writes the file and says so in the dialog, or says in words what went wrong; the dialog
// stays open either way. The last folder and format are remembered (LastExportDir,
// LastExportFormat).
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Scope { Current, Selection, All };

    // `current`: the open conversation (0: a new chat not saved yet); `selection`: the
    // sidebar's selected conversations.
    ExportDialog(AppContext *ctx, const QVector<qint64> &selection, qint64 current,
                 QWidget *parent = nullptr);
    ~ExportDialog() override;

    // Runs the dialog modally.
    static void exportConversations(QWidget *parent, AppContext *ctx, const QVector<qint64> &selection,
                                    qint64 current);

    Scope scope() const;
    void setScope(Scope scope);
    ExportFormat format() const;
    QString path() const;
    // The conversations the chosen scope covers, in the order they are written.
    QVector<qint64> conversationIds() const;

public Q_SLOTS:
    // Writes the file; true on success. The dialog shows the outcome.
    bool exportNow();

private:
    void browse();
    void onFormatChanged();
    QString suggestedFileName() const;

    AppContext *m_ctx;
    QVector<qint64> m_selection;
    qint64 m_current;
    QRadioButton *m_scopeCurrent;
    QRadioButton *m_scopeSelection;
    QRadioButton *m_scopeAll;
    QComboBox *m_format;
    QLineEdit *m_path;
    QLabel *m_status;
    QPushButton *m_export;
    ExportFormat m_lastFormat;
};

} // namespace penpal
