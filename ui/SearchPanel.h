#pragma once

#include <QTimer>
#include <QWidget>

class QLineEdit;
class QListView;
class QStandardItemModel;

namespace penpal {

class Store;

// Search across every conversation, at the top of the left pane: a field and, while it holds
// a query, the results (title, date, snippet with the hit highlighted, "Archived" or "Draft"). Typing
// searches after a short pause; Up/Down in the field move through the results, Enter or a
// click opens one, Esc clears the search (and the window shows the conversation list again).
class SearchPanel : public QWidget {
    Q_OBJECT
public:
    explicit SearchPanel(Store *store, QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    QListView *results() const { return m_results; }
    bool isShowingResults() const { return m_showing; }
    int resultCount() const;

public Q_SLOTS:
    void focusField(); // focus with the text selected, for Ctrl+K / Ctrl+F
    void clear();
    // Runs the pending search now instead of after the pause.
    void searchNow();

Q_SIGNALS:
    // messageId 0: the hit was the conversation's title.
    void hitActivated(qint64 conversationId, qint64 messageId);
    // The hit was in a Draft document (instead of hitActivated).
    void documentActivated(qint64 documentId);
    // Results appeared (a query was typed) or went away (cleared).
    void showingResultsChanged(bool showing);
    // Esc: the user is done searching.
    void dismissed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setShowing(bool showing);
    void moveCurrent(int delta);
    void activate(const QModelIndex &index);

    Store *m_store;
    QLineEdit *m_field;
    QListView *m_results;
    QStandardItemModel *m_model;
    QTimer m_debounce;
    bool m_showing = false;
};

} // namespace penpal
