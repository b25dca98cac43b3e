#pragma once

#include <QTimer>
#include <QWidget>

class QLineEdit;
class QListView;
class QPushButton;
class QStandardItemModel;

namespace penpal {

class Store;

// The Translate workspace's history: every stored translation job, newest first, with a
// search field over source and result text (the same word rules as the chat search). A
// double-click or Enter opens a job; Delete (the button or the key) removes it after asking.
// The list follows the store: a job saved or deleted anywhere shows at once.
class TranslationHistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit TranslationHistoryPanel(Store *store, QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    QListView *list() const { return m_list; }
    int count() const; // jobs listed
    qint64 idAt(int row) const;
    qint64 currentId() const; // 0 when none is selected

public Q_SLOTS:
    void reload();
    // Asks, then deletes the selected job. False when nothing was deleted.
    bool deleteCurrent();

Q_SIGNALS:
    void openRequested(qint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Store *m_store;
    QLineEdit *m_field;
    QListView *m_list;
    QStandardItemModel *m_model;
    QPushButton *m_open;
    QPushButton *m_delete;
    QTimer m_debounce;
};

} // namespace penpal
