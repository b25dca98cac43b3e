#include "draft/DraftAssistant.h"

#include "net/ChatJob.h"
#include "net/Provider.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "store/Store.h"
#include "translate/TranslateController.h"
#include "translate/TranslationRun.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

namespace penpal {

Q_LOGGING_CATEGORY(lcDraftAi, "penpal.draft.ai", QtInfoMsg)

DraftAssistant::DraftAssistant(Settings *settings, SecretStore *secrets, ProviderMaker maker, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_maker(std::move(maker))
    , m_updateTimer(new QTimer(this))
{
    // Deltas arrive many times a second per proposal; the cards redraw a diff on each update,
    // so updates are coalesced.
    m_updateTimer->setSingleShot(true);
    m_updateTimer->setInterval(kUpdateIntervalMs);
    connect(m_updateTimer, &QTimer::timeout, this, &DraftAssistant::flush);
}

DraftAssistant::~DraftAssistant()
{
    for (Run *r : std::as_const(m_runs)) {
        if (r->job) {
            r->job->disconnect(this);
            r->job->abort();
        }
        delete r;
    }
    qDeleteAll(m_ended);
}

QString DraftAssistant::describe(DraftAction action, const ProposalInput &in)
{
    auto tr = [](const char *s) {
        return QCoreApplication::translate("DraftAssistant", s);
    };
    switch (action) {
    case DraftAction::Outline:
        return tr("Outline");
    case DraftAction::WriteAll:
        return tr("Write all sections");
    case DraftAction::WriteSection:
        return tr("Write section: %1").arg(in.heading.trimmed());
    case DraftAction::Continue:
        return tr("Continue");
    case DraftAction::Rewrite:
        switch (in.style) {
        case RewriteStyle::Shorter:
            return tr("Rewrite: shorter");
        case RewriteStyle::Longer:
            return tr("Rewrite: longer");
        case RewriteStyle::Simpler:
            return tr("Rewrite: simpler");
        case RewriteStyle::MoreFormal:
            return tr("Rewrite: more formal");
        case RewriteStyle::MoreCasual:
            return tr("Rewrite: more casual");
        case RewriteStyle::FixGrammar:
            return tr("Fix grammar and spelling");
        case RewriteStyle::Custom:
            return tr("Rewrite: %1").arg(in.instruction.trimmed());
        }
        break;
    case DraftAction::Summarize:
        return tr("Summary");
    case DraftAction::TitleIdeas:
        return tr("Title ideas");
    case DraftAction::Translate:
        return tr("Translate to %1").arg(DraftPrompts::languageName(in.targetLanguage));
    }
    return {};
}

ChatRequest DraftAssistant::requestFor(DraftAction action, const ProposalInput &input) const
{
    ProposalInput in = input;
    if (action == DraftAction::Translate) {
        if (in.glossary.isEmpty() && m_store)
            in.glossary = m_store->glossary(in.sourceLanguage, in.targetLanguage);
        if (in.model.isEmpty())
            in.model = m_settings->value(Settings::TranslateModel).toString().trimmed();
    }
    const QString templateText = action == DraftAction::Translate
                                     ? TranslateController::templateFromSettings(m_settings)
                                     : TranslationPrompt::defaultTemplate();
    return DraftPrompts::request(action, in, templateText);
}

int DraftAssistant::propose(DraftAction action, const ProposalInput &input)
{
    const int id = m_nextId++;
    Proposal &p = m_proposals[id];
    p.id = id;
    p.action = action;
    p.input = input;
    p.instruction = describe(action, input);
    p.original = input.selection;
    start(p);
    return id;
}

void DraftAssistant::retry(int id)
{
    auto it = m_proposals.find(id);
    if (it == m_proposals.end())
        return;
    endRun(id);
    ++it->attempt;
    start(*it);
}

void DraftAssistant::retry(int id, const ProposalInput &input)
{
    auto it = m_proposals.find(id);
    if (it == m_proposals.end())
        return;
    it->input = input;
    it->original = input.selection;
    it->instruction = describe(it->action, input);
    retry(id);
}

void DraftAssistant::start(Proposal &p)
{
    p.raw.clear();
    p.text.clear();
    p.error.clear();
    p.state = Proposal::State::Streaming;
    const int id = p.id;
    const int attempt = p.attempt;

    ProviderProfile profile =
        p.input.profileId.isEmpty() ? m_settings->activeProfile() : m_settings->profile(p.input.profileId);
    if (!profile.isValid())
        profile = m_settings->activeProfile();
    if (!profile.isValid()) {
        // Queued, so that the caller can connect to the id it is about to get.
        const QString message = tr("No provider is set up. Add one in Settings.");
        QMetaObject::invokeMethod(
            this,
            [this, id, attempt, message] {
                auto it = m_proposals.find(id);
                if (it != m_proposals.end() && it->attempt == attempt)
                    fail(id, message);
            },
            Qt::QueuedConnection);
        return;
    }
    ChatRequest request = requestFor(p.action, p.input);
    if (request.model.isEmpty())
        request.model = profile.model;
    m_runs.insert(id, new Run);
    markDirty(id);
    QPointer<DraftAssistant> self(this);
    m_secrets->readKey(profile.id, [self, id, attempt, profile, request](const SecretResult &r) {
        if (!self)
            return;
        auto it = self->m_proposals.find(id);
        // Cancelled, retried or discarded while the keychain answered.
        if (it == self->m_proposals.end() || it->attempt != attempt ||
            it->state != Proposal::State::Streaming)
            return;
        self->launch(id, attempt, profile, request, r.status == SecretResult::Ok ? r.value : QString());
    });
}

void DraftAssistant::launch(int id, int attempt, const ProviderProfile &profile, const ChatRequest &request,
                            const QString &apiKey)
{
    Run *run = m_runs.value(id);
    if (!run)
        return;
    run->provider = m_maker(profile, apiKey);
    if (!run->provider) {
        fail(id, tr("The provider of this profile is not supported."));
        return;
    }
    ChatJob *job = run->provider->startChat(request, this);
    run->job = job;
    auto current = [this, id, attempt]() -> Proposal * {
        auto it = m_proposals.find(id);
        return it != m_proposals.end() && it->attempt == attempt ? &*it : nullptr;
    };
    connect(job, &ChatJob::contentDelta, this, [this, id, current](const QString &t) {
        if (Proposal *p = current()) {
            p->raw += t;
            p->text = DraftPrompts::cleanReply(p->raw);
            markDirty(id);
        }
    });
    connect(job, &ChatJob::finished, this, [this, id, current] {
        Proposal *p = current();
        if (!p)
            return;
        p->state = Proposal::State::Ready;
        p->text = DraftPrompts::cleanReply(p->raw);
        endRun(id);
        if (p->text.trimmed().isEmpty()) {
            fail(id, tr("The model answered with no text."));
            return;
        }
        m_dirty.remove(id);
        Q_EMIT proposalUpdated(id);
        Q_EMIT proposalFinished(id);
    });
    connect(job, &ChatJob::failed, this, [this, id, current](const JobError &e) {
        Proposal *p = current();
        if (!p || e.code == JobError::Cancelled)
            return;
        qCInfo(lcDraftAi) << "proposal" << id << "failed, code" << e.code;
        fail(id, e.userMessage());
    });
}

void DraftAssistant::fail(int id, const QString &message)
{
    auto it = m_proposals.find(id);
    if (it == m_proposals.end())
        return;
    endRun(id);
    it->state = Proposal::State::Failed;
    it->error = message;
    m_dirty.remove(id);
    Q_EMIT proposalUpdated(id);
    Q_EMIT proposalFailed(id, message);
}

void DraftAssistant::cancel(int id)
{
    auto it = m_proposals.find(id);
    if (it == m_proposals.end() || it->state != Proposal::State::Streaming)
        return;
    it->state = Proposal::State::Cancelled;
    endRun(id);
    m_dirty.remove(id);
    Q_EMIT proposalUpdated(id);
}

void DraftAssistant::discard(int id)
{
    endRun(id);
    m_dirty.remove(id);
    m_proposals.remove(id);
}

const Proposal *DraftAssistant::proposal(int id) const
{
    auto it = m_proposals.constFind(id);
    return it == m_proposals.constEnd() ? nullptr : &*it;
}

QVector<int> DraftAssistant::proposalIds() const
{
    QVector<int> ids = m_proposals.keys().toVector();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void DraftAssistant::endRun(int id)
{
    Run *run = m_runs.take(id);
    if (!run)
        return;
    if (run->job) {
        run->job->disconnect(this);
        if (run->job->isRunning())
            run->job->abort();
        run->job->deleteLater();
    }
    // The provider may be on the stack of its own job's signal: free it on the next turn.
    m_ended.append(run);
    QMetaObject::invokeMethod(
        this,
        [this] {
            qDeleteAll(m_ended);
            m_ended.clear();
        },
        Qt::QueuedConnection);
}

void DraftAssistant::markDirty(int id)
{
    m_dirty.insert(id);
    if (!m_updateTimer->isActive())
        m_updateTimer->start();
}

void DraftAssistant::flush()
{
    const QSet<int> dirty = std::exchange(m_dirty, {});
    for (int id : dirty) {
        if (m_proposals.contains(id))
            Q_EMIT proposalUpdated(id);
    }
}

} // namespace penpal
