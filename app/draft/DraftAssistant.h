#pragma once

#include "draft/DraftPrompts.h"
#include "net/ProviderProfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>

class QTimer;

namespace penpal {

class ChatJob;
class Provider;
class SecretStore;
class Settings;
class Store;

// One AI answer for the Draft workspace, waiting for the user's Accept or Reject. Nothing in
// the document changes until the user accepts it (ProposalCard does that).
struct Proposal {
    enum class State { Streaming, Ready, Failed, Cancelled };
    int id = 0;
    DraftAction action = DraftAction::Continue;
    ProposalInput input;
    QString instruction; // what was asked, for a person ("Rewrite: shorter")
    QString original;    // input.selection: the text the proposal is about
    QString raw;         // the streamed answer as it came
    QString text;        // DraftPrompts::cleanReply(raw): what Accept would insert
    State state = State::Streaming;
    QString error; // Failed: one sentence for a person (JobError::userMessage())
    int attempt = 1;
};

// Runs the Draft workspace's AI actions through the active provider, like AutoTitler and
// TranslateController do: the profile (input.profileId, else the active one), the key from
// the keychain, the model from the input, else the profile's (Translate: Settings'
// translation model first). Any number of proposals stream at the same time, each with its
// own request.
//
// Use: `int id = propose(action, input)`; watch proposalUpdated(id) (coalesced, at most every
// kUpdateIntervalMs) and proposal(id)->text; then exactly one of proposalFinished(id) or
// proposalFailed(id, message) per attempt (cancel() ends with neither: the state becomes
// Cancelled and proposalUpdated fires). retry(id) asks again with the same input (the text
// starts over); retry(id, input) with a new one (the document changed under the proposal).
// discard(id) forgets it once it was accepted or rejected.
class DraftAssistant : public QObject {
    Q_OBJECT
public:
    using ProviderMaker =
        std::function<std::unique_ptr<Provider>(const ProviderProfile &profile, const QString &apiKey)>;

    DraftAssistant(Settings *settings, SecretStore *secrets, ProviderMaker maker, QObject *parent = nullptr);
    ~DraftAssistant() override;

    // With a store, a Translate proposal whose input has no glossary gets the language pair's
    // glossary from it (Store::glossary), as the Translate workspace uses it.
    void setStore(Store *store) { m_store = store; }

    // Always returns a new id (> 0). With no provider set up the proposal fails at once (the
    // signal comes on the next event-loop turn, so it can be connected to first).
    int propose(DraftAction action, const ProposalInput &input);
    void retry(int id);
    void retry(int id, const ProposalInput &input);
    void cancel(int id);
    void discard(int id); // cancels if running and forgets the proposal
    const Proposal *proposal(int id) const;
    QVector<int> proposalIds() const;

    // The request propose() would send (for tests and the prompt preview).
    ChatRequest requestFor(DraftAction action, const ProposalInput &input) const;
    // "Rewrite: shorter", "Continue", "Translate to German"…, translated.
    static QString describe(DraftAction action, const ProposalInput &input);

    static constexpr int kUpdateIntervalMs = 50;

Q_SIGNALS:
    void proposalUpdated(int id);
    void proposalFinished(int id);
    void proposalFailed(int id, const QString &message);

private:
    struct Run {
        std::unique_ptr<Provider> provider;
        QPointer<ChatJob> job;
    };
    void start(Proposal &p);
    void launch(int id, int attempt, const ProviderProfile &profile, const ChatRequest &request,
                const QString &apiKey);
    void fail(int id, const QString &message);
    void endRun(int id);
    void markDirty(int id);
    void flush();

    Settings *m_settings;
    SecretStore *m_secrets;
    ProviderMaker m_maker;
    Store *m_store = nullptr;
    QHash<int, Proposal> m_proposals;
    QHash<int, Run *> m_runs;
    QVector<Run *> m_ended; // freed on the next event-loop turn
    QSet<int> m_dirty;
    QTimer *m_updateTimer;
    int m_nextId = 1;
};

} // namespace penpal
