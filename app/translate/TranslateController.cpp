#include "translate/TranslateController.h"

#include "net/ChatJob.h"
#include "net/Provider.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "translate/TextChunker.h"
#include "translate/TranslationRun.h"

#include <algorithm>

namespace penpal {

namespace {

// Without a model's real context size, a budget that suits small local models too: chunks of
// ~1,500 tokens for an 8k context.
constexpr int kAssumedContextTokens = 8192;

} // namespace

TranslateController::TranslateController(Settings *settings, SecretStore *secrets, ProviderMaker maker,
                                         QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_maker(std::move(maker))
{
}

TranslateController::~TranslateController()
{
    // The run's jobs belong to the provider's network manager: end them while it exists.
    delete m_run;
}

QString TranslateController::templateFromSettings(const Settings *settings)
{
    const QString saved = settings->value(Settings::TranslatePromptTemplate).toString();
    // Nothing saved (or only blanks, which could not translate anything): the built-in one, so
    // that improvements to it reach everyone who has not written their own.
    return saved.trimmed().isEmpty() ? TranslationPrompt::defaultTemplate() : saved;
}

int TranslateController::concurrencyFromSettings(const Settings *settings)
{
    return std::clamp(settings->value(Settings::TranslateConcurrency).toInt(), 1, 16);
}

QString TranslateController::templateText() const
{
    return m_templateOverride ? *m_templateOverride : templateFromSettings(m_settings);
}

int TranslateController::concurrency() const
{
    return m_concurrencyOverride ? *m_concurrencyOverride : concurrencyFromSettings(m_settings);
}

bool TranslateController::translate(const QString &text, const TranslationOptions &options,
                                    const QString &profileId)
{
    if (text.trimmed().isEmpty()) {
        Q_EMIT errorOccurred(tr("There is nothing to translate."));
        return false;
    }
    ProviderProfile profile =
        profileId.isEmpty() ? m_settings->activeProfile() : m_settings->profile(profileId);
    if (!profile.isValid())
        profile = m_settings->activeProfile();
    if (!profile.isValid()) {
        Q_EMIT errorOccurred(tr("No provider is set up. Add one in Settings."));
        return false;
    }
    cancel();
    delete m_run;
    m_source = text;
    m_options = options;
    if (m_options.model.isEmpty())
        m_options.model = m_settings->value(Settings::TranslateModel).toString().trimmed();
    if (m_options.model.isEmpty())
        m_options.model = profile.model;

    const int budget =
        m_chunkTokens > 0 ? m_chunkTokens : TextChunker::budgetForContext(kAssumedContextTokens);
    const TextChunks chunks = TextChunker::split(text, budget);
    const QString templateText = this->templateText();
    const Glossary glossary = m_glossary;
    const TranslationOptions opts = m_options;
    // Each chunk carries the paragraph before and after it, so that references, terms and
    // tone that run across the cut stay consistent.
    auto requestFor = [chunks, templateText, glossary, opts](int i) {
        const QString before = i > 0 ? chunks.at(i - 1).text.section(QStringLiteral("\n\n"), -1) : QString();
        const QString after =
            i + 1 < chunks.size() ? chunks.at(i + 1).text.section(QStringLiteral("\n\n"), 0, 0) : QString();
        return TranslationPrompt::request(templateText, opts, glossary, chunks.at(i).text, before, after);
    };
    auto startJob = [this](const ChatRequest &r, QObject *parent) -> ChatJob * {
        return m_provider ? m_provider->startChat(r, parent) : nullptr;
    };
    m_run = new TranslationRun(chunks, requestFor, startJob, concurrency(), this);
    Q_EMIT runStarted(m_run);

    const quint64 generation = ++m_generation;
    QPointer<TranslateController> self(this);
    m_secrets->readKey(profile.id, [self, generation, profile](const SecretResult &r) {
        if (!self || generation != self->m_generation || !self->m_run)
            return;
        if (r.status == SecretResult::Error)
            Q_EMIT self->errorOccurred(tr("%1 The request is sent without an API key.").arg(r.error));
        self->m_provider = self->m_maker(profile, r.status == SecretResult::Ok ? r.value : QString());
        self->m_run->start();
    });
    return true;
}

void TranslateController::cancel()
{
    if (m_run)
        m_run->cancel();
}

} // namespace penpal
