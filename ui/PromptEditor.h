#pragma once

#include <QPlainTextEdit>

namespace penpal {

// Where the user writes. Enter sends, Shift+Enter adds a line, Esc stops a running reply.
class PromptEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PromptEditor(QWidget *parent = nullptr);
    QSize sizeHint() const override;

Q_SIGNALS:
    void submitRequested();
    void stopRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace penpal
