#include "TranslatePage.h"

#include "chat/AppContext.h"
#include "settings/Settings.h"
#include "translate/TranslateController.h"
#include "translate/TranslationPrompt.h"
#include "translate/TranslationRun.h" // TranslateController holds a QPointer to one

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextCursor>
#include <QVBoxLayout>

namespace penpal {

namespace {

// Whitespace around the prompt does not change what the model is asked.
bool isDefaultTemplate(const QString &text)
{
    return text.trimmed() == TranslationPrompt::defaultTemplate().trimmed();
}

} // namespace

TranslatePage::TranslatePage(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_template(new QPlainTextEdit(this))
    , m_reset(new QPushButton(tr("Reset to Default"), this))
    , m_concurrency(new QSpinBox(this))
    , m_model(new QLineEdit(this))
    , m_temperature(new QDoubleSpinBox(this))
{
    setObjectName(QStringLiteral("translatePage"));
    Settings *settings = ctx->settings();

    auto *promptLabel = new QLabel(tr("&Prompt sent with every part of a translation:"), this);
    promptLabel->setBuddy(m_template);
    m_template->setObjectName(QStringLiteral("translatePromptTemplate"));
    m_template->setAccessibleName(tr("Translation prompt"));
    // Tab moves on: a prompt hardly needs a tab character, keyboard users need a way out.
    m_template->setTabChangesFocus(true);
    m_template->setPlainText(TranslateController::templateFromSettings(settings));
    auto *fields = new QLabel(tr("Fields: {source} and {target} are the language names, {style} the "
                                 "chosen style, {instruction} your own words for this translation, "
                                 "{glossary} the glossary terms found in the part."),
                              this);
    fields->setObjectName(QStringLiteral("translatePromptFields"));
    fields->setWordWrap(true);
    m_reset->setObjectName(QStringLiteral("resetTranslatePrompt"));
    m_reset->setEnabled(!isDefaultTemplate(m_template->toPlainText()));
    auto *resetRow = new QHBoxLayout;
    resetRow->addWidget(fields, 1);
    resetRow->addWidget(m_reset, 0, Qt::AlignTop);

    m_concurrency->setObjectName(QStringLiteral("translateConcurrency"));
    m_concurrency->setRange(1, 16);
    m_concurrency->setValue(TranslateController::concurrencyFromSettings(settings));
    m_concurrency->setToolTip(tr("More at once is faster, but some providers limit how many "
                                 "requests they take at the same time."));

    m_model->setObjectName(QStringLiteral("translateDefaultModel"));
    m_model->setText(settings->value(Settings::TranslateModel).toString());
    m_model->setClearButtonEnabled(true);
    m_model->setToolTip(tr("Empty: the model of the active provider profile."));
    updateModelPlaceholder();

    m_temperature->setObjectName(QStringLiteral("translateDefaultTemperature"));
    // The minimum stands for "not sent": the provider's own default.
    m_temperature->setRange(-0.1, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setSpecialValueText(tr("Provider default"));
    const double temperature = settings->value(Settings::TranslateTemperature).toDouble();
    m_temperature->setValue(temperature < 0 ? m_temperature->minimum() : temperature);

    auto *form = new QFormLayout;
    form->addRow(tr("Parts translated at the &same time:"), m_concurrency);
    form->addRow(tr("Default &model:"), m_model);
    form->addRow(tr("Default &temperature:"), m_temperature);
    auto *perJob = new QLabel(tr("The model and temperature can be changed for each translation."), this);
    perJob->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(promptLabel);
    layout->addWidget(m_template, 1);
    layout->addLayout(resetRow);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(perJob);

    // Saved as it is typed: Settings keeps it in memory and writes the file later, so a
    // keystroke costs little, and closing the dialog in any way cannot lose an edit.
    connect(m_template, &QPlainTextEdit::textChanged, this, &TranslatePage::saveTemplate);
    connect(m_reset, &QPushButton::clicked, this, &TranslatePage::resetTemplate);
    connect(m_concurrency, qOverload<int>(&QSpinBox::valueChanged), this,
            [settings](int n) { settings->setValue(Settings::TranslateConcurrency, n); });
    connect(m_model, &QLineEdit::textChanged, this, [settings](const QString &model) {
        settings->setValue(Settings::TranslateModel, model.trimmed());
    });
    connect(m_temperature, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            [this, settings](double t) {
                settings->setValue(Settings::TranslateTemperature, t <= m_temperature->minimum() ? -1.0 : t);
            });
    // The placeholder names the model used when the field is empty: it follows the profiles.
    connect(settings, &Settings::profilesChanged, this, &TranslatePage::updateModelPlaceholder);
    connect(settings, &Settings::changed, this, [this](Settings::Key key) {
        if (key == Settings::ActiveProfileId)
            updateModelPlaceholder();
    });
}

void TranslatePage::saveTemplate()
{
    const QString text = m_template->toPlainText();
    const bool isDefault = isDefaultTemplate(text);
    // The built-in template is stored as "nothing", so that later improvements to it reach
    // everyone who has not written their own.
    m_ctx->settings()->setValue(Settings::TranslatePromptTemplate, isDefault ? QString() : text);
    m_reset->setEnabled(!isDefault);
}

void TranslatePage::resetTemplate()
{
    // Through a cursor rather than setPlainText(): the reset stays undoable with Ctrl+Z.
    QTextCursor cursor(m_template->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(TranslationPrompt::defaultTemplate());
    m_template->setFocus();
}

void TranslatePage::updateModelPlaceholder()
{
    const QString model = m_ctx->settings()->activeProfile().model;
    m_model->setPlaceholderText(model.isEmpty() ? tr("The active profile's model") : model);
}

} // namespace penpal
