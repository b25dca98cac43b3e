#pragma once

#include <QString>
#include <QTimer>

#include <functional>

class QWidget;

namespace penpal::test {

// Answers the next modal dialog from inside its exec(): polls the event loop (which exec()
// keeps running) until a modal widget is up, then hands it to `answer` once.
class ModalAnswerer {
public:
    explicit ModalAnswerer(std::function<void(QWidget *)> answer);

    bool answered() const { return m_answered; }
    // The answered dialog's objectName, so a test can tell which dialog it was.
    QString seenObjectName() const { return m_seen; }

private:
    std::function<void(QWidget *)> m_answer;
    QTimer m_timer;
    bool m_answered = false;
    QString m_seen;
};

} // namespace penpal::test
