#include "ModalAnswerer.h"

#include <QApplication>
#include <QWidget>

namespace penpal::test {

ModalAnswerer::ModalAnswerer(std::function<void(QWidget *)> answer)
    : m_answer(std::move(answer))
{
    m_timer.setInterval(10);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        m_timer.stop();
        m_answered = true;
        m_seen = modal->objectName();
        m_answer(modal);
    });
    m_timer.start();
}

} // namespace penpal::test
