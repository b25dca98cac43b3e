#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;

namespace penpal {

// A strip saying what just happened ("3 conversations moved to Trash") with an Undo button,
// shown for a few seconds. Undo is offered instead of asking first: the action is cheap to
// take back, and a question on every Delete teaches people to click Yes without reading.
class UndoBar : public QFrame {
    Q_OBJECT
public:
    explicit UndoBar(QWidget *parent = nullptr);

    // Shows `text` for `timeoutMs`, replacing what was shown before.
    void showMessage(const QString &text, int timeoutMs = 10000);
    QString text() const;

Q_SIGNALS:
    void undoRequested();

private:
    QLabel *m_label;
    QPushButton *m_undo;
    QTimer m_timer;
};

} // namespace penpal
