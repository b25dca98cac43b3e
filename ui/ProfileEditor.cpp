#include "ProfileEditor.h"

#include "ProxyFields.h"
#include "TlsTrustFields.h"
#include "chat/AppContext.h"
#include "net/Provider.h"
#include "net/ProviderFactory.h"
#include "net/ProviderPresets.h"
#include "net/ProxyCredentials.h"
#include "net/ProxyRouter.h"
#include "secrets/SecretStore.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

namespace penpal {

ProfileEditor::ProfileEditor(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
    , m_draftId(QStringLiteral("editor-draft-") + QUuid::createUuid().toString(QUuid::Id128))
    , m_preset(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_deployment(new QLineEdit(this))
    , m_apiVersionLabel(new QLabel(this))
    , m_apiVersion(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_baseUrl(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_model(new QComboBox(this))
    , m_refreshModels(new QPushButton(tr("Refresh"), this))
    , m_sampling(this)
    , m_systemPrompt(new QPlainTextEdit(this))
    , m_connectTimeout(new QSpinBox(this))
    , m_idleTimeout(new QSpinBox(this))
    , m_totalTimeout(new QSpinBox(this))
    , m_retryAttempts(new QSpinBox(this))
    , m_retryCeiling(new QSpinBox(this))
    , m_proxy(new ProxyFields(this))
    , m_tls(new TlsTrustFields(this))
    , m_test(new QPushButton(tr("Test connection"), this))
    , m_testResult(new QLabel(this))
{
    setObjectName(QStringLiteral("profileEditor"));
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    for (const auto &p : providerPresets())
        m_preset->addItem(p.name, p.id);
    m_preset->setCurrentIndex(-1);
    m_name->setObjectName(QStringLiteral("profileNameEdit"));
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("OpenAI-compatible"), QStringLiteral("openai"));
    m_kind->addItem(tr("Anthropic"), QStringLiteral("anthropic"));
    m_kind->addItem(tr("Azure OpenAI"), QStringLiteral("azure"));
    m_kind->addItem(tr("Raw completion (legacy /completions)"), QStringLiteral("completions"));
    m_deployment->setObjectName(QStringLiteral("deploymentEdit"));
    m_deployment->setPlaceholderText(tr("The deployment name from the Azure portal"));
    m_apiVersionLabel->setObjectName(QStringLiteral("apiVersionLabel"));
    m_apiVersionLabel->setBuddy(m_apiVersion);
    m_apiVersion->setObjectName(QStringLiteral("apiVersionEdit"));
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrl->setPlaceholderText(QStringLiteral("https://api.example.com/v1"));
    m_key->setObjectName(QStringLiteral("apiKeyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Stored in the system keychain"));
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_refreshModels->setObjectName(QStringLiteral("refreshModelsButton"));
    m_refreshModels->setToolTip(tr("Ask the server which models it offers"));

    m_systemPrompt->setObjectName(QStringLiteral("systemPromptEdit"));
    m_systemPrompt->setPlaceholderText(tr("Optional instructions sent at the start of every new chat"));
    m_systemPrompt->setMaximumHeight(90);
    m_connectTimeout->setObjectName(QStringLiteral("connectTimeoutSpin"));
    m_connectTimeout->setRange(1, 600);
    m_connectTimeout->setSuffix(tr(" s"));
    m_idleTimeout->setObjectName(QStringLiteral("idleTimeoutSpin"));
    m_idleTimeout->setRange(1, 3600);
    m_idleTimeout->setSuffix(tr(" s"));
    m_totalTimeout->setObjectName(QStringLiteral("totalTimeoutSpin"));
    m_totalTimeout->setRange(0, 24 * 3600);
    m_totalTimeout->setSuffix(tr(" s"));
    m_totalTimeout->setSpecialValueText(tr("No limit"));
    m_totalTimeout->setToolTip(tr("The longest a whole reply may take, first byte to last"));
    m_retryAttempts->setObjectName(QStringLiteral("retryAttemptsSpin"));
    m_retryAttempts->setRange(0, 10);
    m_retryAttempts->setSpecialValueText(tr("Never"));
    m_retryAttempts->setToolTip(tr("How often a request that failed before its reply began (refused, "
                                   "overloaded, rate limited) is sent again"));
    m_retryCeiling->setObjectName(QStringLiteral("retryCeilingSpin"));
    m_retryCeiling->setRange(1, 3600);
    m_retryCeiling->setSuffix(tr(" s"));
    m_retryCeiling->setToolTip(
        tr("The longest wait before a retry; a server asking for more is not retried"));
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_testResult->setObjectName(QStringLiteral("testConnectionResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_refreshModels);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);

    // The form is long with all the advanced rows: it scrolls rather than squeezing its fields.
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("profileEditorContent"));
    auto *form = new QFormLayout(content);
    m_form = form;
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("profileEditorScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    form->addRow(tr("&Preset:"), m_preset);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind of API:"), m_kind);
    form->addRow(tr("&Base URL:"), m_baseUrl);
    form->addRow(tr("&Deployment:"), m_deployment);
    form->addRow(m_apiVersionLabel, m_apiVersion);
    form->addRow(tr("API &key:"), m_key);
    // A row holding a layout gets no buddy from addRow(): set it, or "&" shows literally.
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setObjectName(QStringLiteral("modelLabel"));
    modelLabel->setBuddy(m_model);
    form->addRow(modelLabel, modelRow);
    form->addRow(tr("&Temperature:"), m_sampling.temperature());
    form->addRow(tr("To&p P:"), m_sampling.topP());
    form->addRow(tr("Max &tokens:"), m_sampling.maxTokens());
    form->addRow(tr("&Alternatives (n):"), m_sampling.alternatives());
    form->addRow(tr("&System prompt:"), m_systemPrompt);
    form->addRow(tr("&Connect timeout:"), m_connectTimeout);
    form->addRow(tr("&Idle timeout:"), m_idleTimeout);
    form->addRow(tr("Total time &limit:"), m_totalTimeout);
    form->addRow(tr("&Retries:"), m_retryAttempts);
    form->addRow(tr("Longest &wait between retries:"), m_retryCeiling);
    form->addRow(m_proxy);
    form->addRow(m_tls);
    form->addRow(testRow);
    m_advanced = {m_sampling.temperature(),
                  m_sampling.topP(),
                  m_sampling.maxTokens(),
                  m_sampling.alternatives(),
                  m_systemPrompt,
                  m_connectTimeout,
                  m_idleTimeout,
                  m_totalTimeout,
                  m_retryAttempts,
                  m_retryCeiling,
                  m_proxy,
                  m_tls};

    connect(m_preset, &QComboBox::activated, this, &ProfileEditor::applyPreset);
    connect(m_key, &QLineEdit::textEdited, this, [this] { m_keyEdited = true; });
    connect(m_test, &QPushButton::clicked, this, &ProfileEditor::testConnection);
    connect(m_refreshModels, &QPushButton::clicked, this, &ProfileEditor::refreshModels);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProfileEditor::updateKindRows);
    m_tls->setSource([this](std::function<void(const ProviderProfile &, const QString &)> use) {
        withDraft(std::move(use));
    });
    setProfile(ProviderProfile());
}

ProfileEditor::~ProfileEditor()
{
    cancelJob();
}

// A superseded request is dropped quietly: its "Cancelled." must not reach the result label
// nor listeners of connectionTested(), and its answer must not land on another profile.
void ProfileEditor::cancelJob()
{
    if (!m_job)
        return;
    m_job->disconnect(this);
    m_job->abort();
    m_job = nullptr;
}

void ProfileEditor::setCompact(bool compact)
{
    for (QWidget *w : std::as_const(m_advanced))
        m_form->setRowVisible(w, !compact);
}

void ProfileEditor::applyPreset(int index)
{
    const auto presets = providerPresets();
    if (index < 0 || index >= presets.size())
        return;
    const ProviderPreset &p = presets.at(index);
    // Replace the name only if the user has not made one up.
    const bool nameIsPresets = std::any_of(
        presets.begin(), presets.end(), [this](const ProviderPreset &q) { return q.name == m_name->text(); });
    if (m_name->text().isEmpty() || nameIsPresets)
        m_name->setText(p.name);
    m_baseUrl->setText(p.baseUrl.toString());
    if (!p.kind.isEmpty())
        m_kind->setCurrentIndex(qMax(0, m_kind->findData(p.kind)));
    if (!p.suggestedModel.isEmpty())
        m_model->setCurrentText(p.suggestedModel);
    m_key->setPlaceholderText(p.needsKey ? tr("Stored in the system keychain")
                                         : tr("Not needed for this server"));
}

void ProfileEditor::setProfile(const ProviderProfile &p)
{
    cancelJob();
    m_base = p;
    m_keyEdited = false;
    m_name->setText(p.name);
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(p.kind)));
    m_deployment->setText(p.deployment);
    m_apiVersion->setText(p.apiVersion);
    m_baseUrl->setText(p.baseUrl.toString());
    m_key->clear();
    // Until the keychain answers for this profile, claim nothing about a stored key.
    m_key->setPlaceholderText(tr("Stored in the system keychain"));
    m_model->clear();
    m_model->setCurrentText(p.model);
    m_sampling.setParams(p.params);
    m_systemPrompt->setPlainText(p.systemPrompt);
    m_connectTimeout->setValue(p.connectTimeoutMs / 1000);
    m_idleTimeout->setValue(p.idleTimeoutMs / 1000);
    m_totalTimeout->setValue(p.totalTimeoutMs / 1000);
    m_retryAttempts->setValue(p.retryAttempts);
    m_retryCeiling->setValue(qMax(1, p.retryCeilingMs / 1000));
    m_proxy->setProfile(p);
    m_tls->setTrusted(p.trustedCertSha256);
    updateKindRows();
    m_testResult->clear();
    m_testResult->setToolTip(QString());
    m_preset->setCurrentIndex(-1);
    if (!p.id.isEmpty()) {
        // Show that a key exists without ever putting it on screen.
        QPointer<ProfileEditor> self(this);
        const QString id = p.id;
        m_ctx->secrets()->readKey(id, [self, id](const SecretResult &r) {
            if (!self || self->m_base.id != id || self->m_keyEdited)
                return;
            if (r.status == SecretResult::Ok)
                self->m_key->setPlaceholderText(tr("A key is stored in the keychain; type to replace it"));
            else if (r.status == SecretResult::Error)
                self->m_key->setPlaceholderText(tr("The keychain is not available"));
        });
        m_ctx->secrets()->readKey(p.proxyKeychainEntry(), [self, id](const SecretResult &r) {
            if (!self || self->m_base.id != id || self->m_proxy->passwordEdited())
                return;
            if (r.status == SecretResult::Ok)
                self->m_proxy->setPasswordPlaceholder(
                    tr("A password is stored in the keychain; type to replace it"));
            else if (r.status == SecretResult::Error)
                self->m_proxy->setPasswordPlaceholder(tr("The keychain is not available"));
        });
    }
}

ProviderProfile ProfileEditor::profile() const
{
    ProviderProfile p = m_base;
    p.name = m_name->text().trimmed();
    if (p.name.isEmpty())
        p.name = QUrl(m_baseUrl->text().trimmed()).host();
    p.baseUrl = QUrl::fromUserInput(m_baseUrl->text().trimmed());
    p.model = m_model->currentText().trimmed();
    p.params = m_sampling.params(p.params);
    p.systemPrompt = m_systemPrompt->toPlainText();
    p.connectTimeoutMs = m_connectTimeout->value() * 1000;
    p.idleTimeoutMs = m_idleTimeout->value() * 1000;
    p.kind = m_kind->currentData().toString();
    p.deployment = m_deployment->text().trimmed();
    p.apiVersion = m_apiVersion->text().trimmed();
    p.totalTimeoutMs = m_totalTimeout->value() * 1000;
    p.retryAttempts = m_retryAttempts->value();
    p.retryCeilingMs = m_retryCeiling->value() * 1000;
    m_proxy->applyTo(p);
    p.trustedCertSha256 = m_tls->trusted();
    return p;
}

QString ProfileEditor::apiKey() const
{
    return m_key->text().trimmed();
}

QString ProfileEditor::proxyPassword() const
{
    return m_proxy->password();
}

bool ProfileEditor::proxyPasswordEdited() const
{
    return m_proxy->passwordEdited();
}

void ProfileEditor::updateKindRows()
{
    const QString kind = m_kind->currentData().toString();
    const bool azure = kind == QLatin1String("azure");
    const bool anthropic = kind == QLatin1String("anthropic");
    m_form->setRowVisible(m_deployment, azure);
    m_form->setRowVisible(m_apiVersion, azure || anthropic);
    m_apiVersionLabel->setText(anthropic ? tr("Anthropic &version:") : tr("API &version:"));
    m_apiVersion->setPlaceholderText(anthropic ? QStringLiteral("2023-06-01")
                                               : tr("Empty: a current GA version"));
}

void ProfileEditor::withDraft(std::function<void(const ProviderProfile &, const QString &)> use)
{
    ProviderProfile draft = profile();
    const QString savedEntry = draft.proxyKeychainEntry();
    draft.id = m_draftId;
    QPointer<ProfileEditor> self(this);
    auto go = [self, use, draft](const QString &password) {
        if (!self)
            return;
        ProxyRouter::of(self->m_ctx->network())->setPassword(draft.proxyKeychainEntry(), password);
        use(draft, password);
    };
    if (!ProxyCredentials::needsPassword(draft) || m_proxy->passwordEdited() || m_base.id.isEmpty()) {
        go(m_proxy->password());
        return;
    }
    // The field is empty because a stored password is never shown: use the keychain's.
    const QString id = m_base.id;
    m_ctx->secrets()->readKey(savedEntry, [self, id, go](const SecretResult &r) {
        if (!self || self->m_base.id != id)
            return;
        if (self->m_proxy->passwordEdited())
            go(self->m_proxy->password());
        else
            go(r.status == SecretResult::Ok ? r.value : QString());
    });
}

void ProfileEditor::testConnection()
{
    runModelList(true);
}

void ProfileEditor::refreshModels()
{
    runModelList(false);
}

void ProfileEditor::runModelList(bool reportAsTest)
{
    cancelJob();
    const ProviderProfile p = profile();
    if (!p.baseUrl.isValid() || p.baseUrl.scheme().isEmpty() || p.baseUrl.host().isEmpty()) {
        m_testResult->setText(tr("Enter a base URL such as http://localhost:11434/v1."));
        Q_EMIT connectionTested(false, m_testResult->text());
        return;
    }
    auto start = [this, reportAsTest](const QString &key) {
        withDraft([this, reportAsTest, key](const ProviderProfile &draft, const QString &) {
            // Another click may have started a request while the keychain answered.
            cancelJob();
            m_provider = createProvider(m_ctx->network(), draft, key);
            if (!m_provider)
                return;
            m_testResult->setText(tr("Connecting…"));
            m_testResult->setToolTip(QString());
            m_job = m_provider->listModels(this);
            connect(m_job, &ModelListJob::finished, this, [this, reportAsTest](const QStringList &models) {
                const QString current = m_model->currentText();
                m_model->clear();
                m_model->addItems(models);
                m_model->setCurrentText(current.isEmpty() && !models.isEmpty() ? models.first() : current);
                const QString msg = tr("Connected: %n model(s) available.", nullptr, int(models.size()));
                m_testResult->setText(msg);
                Q_EMIT modelsLoaded(models);
                if (reportAsTest)
                    Q_EMIT connectionTested(true, msg);
            });
            connect(m_job, &ModelListJob::failed, this, [this, reportAsTest](const JobError &e) {
                m_testResult->setText(e.userMessage());
                m_testResult->setToolTip(e.detailText());
                if (reportAsTest)
                    Q_EMIT connectionTested(false, e.userMessage());
            });
        });
    };
    if (!apiKey().isEmpty() || m_keyEdited || m_base.id.isEmpty()) {
        start(apiKey());
        return;
    }
    // The field is empty because the stored key is never shown: use the keychain's.
    QPointer<ProfileEditor> self(this);
    const QString id = m_base.id;
    m_ctx->secrets()->readKey(id, [self, id, start](const SecretResult &r) {
        // Another profile may be shown by now: its URL must never get this profile's key.
        if (!self || self->m_base.id != id)
            return;
        if (self->m_keyEdited)
            start(self->apiKey());
        else
            start(r.status == SecretResult::Ok ? r.value : QString());
    });
}

} // namespace penpal
