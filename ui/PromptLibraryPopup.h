#pragma once

#include "core/SavedPrompt.h"

#include <QFrame>
#include <QVector>

class QLineEdit;
class QListWidget;

namespace penpal {

// The prompt library as a filterable list under the prompt editor (objectName
// "promptLibraryPopup", filter "promptLibraryFilter", list "promptLibraryList"). Typing
// filters by name and text; Up/Down move, Enter chooses, Esc closes.
class PromptLibraryPopup : public QFrame {
    Q_OBJECT
public:
    PromptLibraryPopup(const QVector<SavedPrompt> &prompts, QWidget *parent = nullptr);
    QLineEdit *filterEdit() const { return m_filter; }

Q_SIGNALS:
    void chosen(qint64 promptId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refilter();
    void choose();

    QVector<SavedPrompt> m_prompts;
    QLineEdit *m_filter;
    QListWidget *m_list;
};

} // namespace penpal
