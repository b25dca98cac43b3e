#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace penpal {

class AppContext;

// Settings → Translate: the prompt template every translation is sent with (editable, with a
// reset to the built-in one), how many parts are translated at the same time, and the model
// and temperature a new translation starts with. Each change is saved at once, like the other
// settings pages without a profile to edit; the next translation uses it.
class TranslatePage : public QWidget {
    Q_OBJECT
public:
    explicit TranslatePage(AppContext *ctx, QWidget *parent = nullptr);

private:
    void saveTemplate();
    void resetTemplate();
    void updateModelPlaceholder();

    AppContext *m_ctx;
    QPlainTextEdit *m_template;
    QPushButton *m_reset;
    QSpinBox *m_concurrency;
    QLineEdit *m_model;
    QDoubleSpinBox *m_temperature;
};

} // namespace penpal
