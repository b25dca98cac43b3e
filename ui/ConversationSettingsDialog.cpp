#include "ConversationSettingsDialog.h"
#include "PromptEnvironment.h"
#include "chat/PersonaApply.h"
#include "core/Persona.h"

#include "chat/AppContext.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace penpal {

namespace {

// What the spin boxes show when a limit is switched on for the first time.
constexpr int kDefaultMaxMessages = 20;
constexpr int kDefaultMaxTokens = 8000;

} // namespace

ConversationSettingsDialog::ConversationSettingsDialog(AppContext *ctx, qint64 conversationId,
                                                       QWidget *parent)
    : QDialog(parent)
    , m_ctx(ctx)
    , m_title(new QLineEdit(this))
    , m_model(new QComboBox(this))
    , m_refreshModels(new QPushButton(tr("Refresh"), this))
    , m_modelStatus(new QLabel(this))
    , m_systemPrompt(new QPlainTextEdit(this))
    , m_sampling(this)
    , m_sendAll(new QRadioButton(tr("Send &all history"), this))
    , m_limitMessages(new QRadioButton(tr("Only the &last"), this))
    , m_maxMessages(new QSpinBox(this))
    , m_limitTokens(new QRadioButton(tr("At m&ost"), this))
    , m_maxTokens(new QSpinBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("conversationSettingsDialog"));
    setWindowTitle(tr("Conversation Settings"));

    m_title->setObjectName(QStringLiteral("conversationTitleEdit"));
    m_model->setObjectName(QStringLiteral("conversationModelCombo"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_refreshModels->setObjectName(QStringLiteral("conversationRefreshModelsButton"));
    m_refreshModels->setToolTip(tr("Ask the server which models it offers"));
    m_modelStatus->setObjectName(QStringLiteral("conversationModelStatus"));
    m_modelStatus->setWordWrap(true);
    m_modelStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelStatus->hide();
    m_systemPrompt->setObjectName(QStringLiteral("conversationSystemPromptEdit"));
    m_systemPrompt->setPlaceholderText(tr("Optional instructions sent before the conversation"));
    m_systemPrompt->setTabChangesFocus(true);
    m_systemPrompt->setMaximumHeight(120);

    m_sendAll->setObjectName(QStringLiteral("contextAllRadio"));
    m_limitMessages->setObjectName(QStringLiteral("contextMessagesRadio"));
    m_limitTokens->setObjectName(QStringLiteral("contextTokensRadio"));
    m_maxMessages->setObjectName(QStringLiteral("contextMessagesSpin"));
    m_maxMessages->setRange(1, 100000);
    m_maxMessages->setSuffix(tr(" messages"));
    m_maxMessages->setAccessibleName(tr("Number of messages sent"));
    m_maxTokens->setObjectName(QStringLiteral("contextTokensSpin"));
    m_maxTokens->setRange(1, 10000000);
    m_maxTokens->setSingleStep(1000);
    m_maxTokens->setGroupSeparatorShown(true);
    m_maxTokens->setSuffix(tr(" tokens of history"));
    m_maxTokens->setAccessibleName(tr("Tokens of history sent"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_sendAll);
    group->addButton(m_limitMessages);
    group->addButton(m_limitTokens);

    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_refreshModels);
    auto *form = new QFormLayout;
    form->addRow(tr("T&itle:"), m_title);
    // Applying a persona copies it into the fields below (no live link; see PersonaApply).
    auto *persona = new QComboBox(this);
    persona->setObjectName(QStringLiteral("conversationPersonaCombo"));
    persona->addItem(tr("Apply a persona…"), qint64(0));
    for (const Persona &p : ctx->store()->personas())
        persona->addItem(p.icon.isEmpty() ? p.name : p.icon + QLatin1Char(' ') + p.name, p.id);
    connect(persona, &QComboBox::activated, this, [this, persona] {
        const Persona p = m_ctx->store()->persona(persona->currentData().toLongLong());
        if (p.id == 0)
            return;
        Conversation c = applyTo(m_original);
        PersonaApply::applyTo(c, p,
                              PromptVariables::valuesFromJson(
                                  m_ctx->settings()->value(Settings::PromptVariableValues).toString()),
                              PromptEnvironment::current());
        m_model->setCurrentText(c.model);
        m_systemPrompt->setPlainText(c.systemPrompt);
        m_sampling.setParams(c.params);
    });
    form->addRow(tr("P&ersona:"), persona);
    // A row holding a layout gets no buddy for its mnemonic: label it by hand.
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_model);
    form->addRow(modelLabel, modelRow);
    form->addRow(QString(), m_modelStatus);
    form->addRow(tr("&System prompt:"), m_systemPrompt);
    form->addRow(tr("&Temperature:"), m_sampling.temperature());
    form->addRow(tr("To&p P:"), m_sampling.topP());
    form->addRow(tr("Ma&x tokens:"), m_sampling.maxTokens());
    form->addRow(tr("Alter&natives (n):"), m_sampling.alternatives());

    auto *context = new QGroupBox(tr("History sent with each request"), this);
    context->setObjectName(QStringLiteral("contextLimitGroup"));
    auto *grid = new QGridLayout(context);
    grid->addWidget(m_sendAll, 0, 0, 1, 2);
    grid->addWidget(m_limitMessages, 1, 0);
    grid->addWidget(m_maxMessages, 1, 1);
    grid->addWidget(m_limitTokens, 2, 0);
    grid->addWidget(m_maxTokens, 2, 1);
    auto *hint = new QLabel(tr("The oldest messages are left out first; the new message and the system "
                               "prompt are always sent. Tokens are estimated."),
                            context);
    hint->setWordWrap(true);
    grid->addWidget(hint, 3, 0, 1, 2);
    grid->setColumnStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(context);
    layout->addWidget(m_buttons);
    m_buttons->setObjectName(QStringLiteral("conversationSettingsButtons"));

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConversationSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConversationSettingsDialog::reject);
    connect(m_refreshModels, &QPushButton::clicked, this, &ConversationSettingsDialog::refreshModels);

    load(m_ctx->store()->conversation(conversationId));

    // Connected after load(): only what the user does counts as an edit.
    const auto limitsEdited = [this] {
        m_limitsEdited = true;
        updateLimitFields();
    };
    connect(group, &QButtonGroup::buttonToggled, this, limitsEdited);
    connect(m_maxMessages, &QSpinBox::valueChanged, this, limitsEdited);
    connect(m_maxTokens, &QSpinBox::valueChanged, this, limitsEdited);
    resize(520, sizeHint().height());
}

ConversationSettingsDialog::~ConversationSettingsDialog()
{
    cancelJob();
}

bool ConversationSettingsDialog::edit(AppContext *ctx, qint64 conversationId, QWidget *parent)
{
    if (conversationId == 0 || ctx->store()->conversation(conversationId).id == 0)
        return false;
    ConversationSettingsDialog dialog(ctx, conversationId, parent);
    return dialog.exec() == QDialog::Accepted;
}

void ConversationSettingsDialog::load(const Conversation &c)
{
    m_original = c;
    // The profile requests go to, as the chat controller picks it.
    m_profile = m_ctx->settings()->profile(c.profileId);
    if (!m_profile.isValid())
        m_profile = m_ctx->settings()->activeProfile();

    m_title->setText(c.title);
    m_model->clear();
    if (!c.model.isEmpty())
        m_model->addItem(c.model);
    if (!m_profile.model.isEmpty() && m_profile.model != c.model)
        m_model->addItem(m_profile.model);
    m_model->setCurrentText(c.model);
    // An empty model falls back to the profile's.
    if (!m_profile.model.isEmpty())
        m_model->lineEdit()->setPlaceholderText(tr("Profile default (%1)").arg(m_profile.model));
    m_refreshModels->setEnabled(m_profile.isValid());
    m_systemPrompt->setPlainText(c.systemPrompt);
    m_sampling.setFallback(m_profile.params);
    m_sampling.setParams(c.params);

    m_maxMessages->setValue(c.contextMaxMessages > 0 ? c.contextMaxMessages : kDefaultMaxMessages);
    m_maxTokens->setValue(c.contextMaxTokens > 0 ? c.contextMaxTokens : kDefaultMaxTokens);
    if (c.contextMaxMessages > 0)
        m_limitMessages->setChecked(true);
    else if (c.contextMaxTokens > 0)
        m_limitTokens->setChecked(true);
    else
        m_sendAll->setChecked(true);
    m_limitsEdited = false;
    updateLimitFields();
}

void ConversationSettingsDialog::updateLimitFields()
{
    m_maxMessages->setEnabled(m_limitMessages->isChecked());
    m_maxTokens->setEnabled(m_limitTokens->isChecked());
}

Conversation ConversationSettingsDialog::applyTo(Conversation c) const
{
    const QString title = m_title->text().trimmed();
    if (!title.isEmpty())
        c.title = title;
    c.model = m_model->currentText().trimmed();
    c.systemPrompt = m_systemPrompt->toPlainText();
    c.params = m_sampling.params(c.params);
    if (m_limitsEdited) {
        c.contextMaxMessages = m_limitMessages->isChecked() ? m_maxMessages->value() : 0;
        c.contextMaxTokens = m_limitTokens->isChecked() ? m_maxTokens->value() : 0;
    }
    return c;
}

void ConversationSettingsDialog::accept()
{
    Store *store = m_ctx->store();
    // Start from what the store holds now, not from when the dialog opened: a rename or pin
    // meanwhile (sidebar) must not be undone by fields this dialog did not change.
    Conversation current = store->conversation(m_original.id);
    if (current.id == 0) {
        QMessageBox::warning(this, windowTitle(), tr("This conversation no longer exists."));
        QDialog::reject();
        return;
    }
    if (m_title->text().trimmed() == m_original.title)
        m_title->setText(current.title);
    const Conversation c = applyTo(current);
    if (!store->updateConversation(c) ||
        !store->setContextLimits(c.id, c.contextMaxMessages, c.contextMaxTokens)) {
        QMessageBox::warning(this, windowTitle(),
                             tr("The settings could not be saved: %1").arg(store->lastError()));
        return;
    }
    QDialog::accept();
}

void ConversationSettingsDialog::cancelJob()
{
    ++m_refreshGeneration; // a keychain answer still on its way starts nothing
    if (!m_job)
        return;
    m_job->disconnect(this);
    m_job->abort();
    m_job = nullptr;
}

void ConversationSettingsDialog::refreshModels()
{
    cancelJob();
    if (!m_profile.isValid())
        return;
    m_modelStatus->setText(tr("Connecting…"));
    m_modelStatus->setToolTip(QString());
    m_modelStatus->show();
    QPointer<ConversationSettingsDialog> self(this);
    const int generation = m_refreshGeneration;
    const ProviderProfile profile = m_profile;
    m_ctx->secrets()->readKey(profile.id, [self, generation, profile](const SecretResult &r) {
        if (!self || self->m_refreshGeneration != generation)
            return;
        // Without a key the request still goes out: local servers need none, and a hosted
        // one answers 401, which the status line then names.
        self->startModelList(profile, r.status == SecretResult::Ok ? r.value : QString());
    });
}

void ConversationSettingsDialog::startModelList(const ProviderProfile &profile, const QString &key)
{
    m_provider = createProvider(m_ctx->network(), profile, key);
    if (!m_provider) {
        m_modelStatus->setText(tr("This kind of provider cannot list its models."));
        return;
    }
    m_job = m_provider->listModels(this);
    connect(m_job, &ModelListJob::finished, this, [this](const QStringList &models) {
        const QString current = m_model->currentText();
        m_model->clear();
        m_model->addItems(models);
        m_model->setCurrentText(current);
        m_modelStatus->setText(tr("Models offered by the server: %1").arg(models.size()));
        Q_EMIT modelsLoaded(models);
    });
    connect(m_job, &ModelListJob::failed, this, [this](const JobError &e) {
        m_modelStatus->setText(e.userMessage());
        m_modelStatus->setToolTip(e.detailText());
        Q_EMIT modelsFailed(e.userMessage());
    });
}

} // namespace penpal
