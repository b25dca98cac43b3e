#pragma once

#include "net/ChatRequest.h"
#include "net/ProviderProfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QVector>

#include <functional>
#include <memory>

namespace penpal {

class ChatJob;
class Provider;
class SecretStore;
class Settings;
class Store;

// Names a conversation after its first exchange: once the first reply has finished, the same
// model is asked (in a small request of its own) for a short title in the conversation's
// language. Until that answer arrives, and whenever it fails, the title stays the first words
// of the prompt that the conversation got when it was created. A title the user set is never
// replaced (the store refuses: Store::setAutomaticTitle), and Settings::AutoTitle turns the
// whole thing off. Failures are logged, never shown: the title is a nicety.
class AutoTitler : public QObject {
    Q_OBJECT
public:
    using ProviderMaker =
        std::function<std::unique_ptr<Provider>(const ProviderProfile &profile, const QString &apiKey)>;

    AutoTitler(Store *store, Settings *settings, SecretStore *secrets, ProviderMaker maker,
               QObject *parent = nullptr);
    ~AutoTitler() override;

    // `replyId` was stored as a finished reply. Asks for a title when it completes the
    // conversation's one and only first exchange (one prompt, one reply: a regenerated or
    // edited first exchange keeps the title it has), titles are on and the title is not locked.
    void replyFinished(qint64 replyId);
    bool isTitling(qint64 conversationId) const { return m_pending.contains(conversationId); }

    // The request: the first prompt and reply (each cut to a few thousand characters), then
    // the instruction as a user turn, with a small token budget.
    static ChatRequest requestFor(const QString &model, const QString &prompt, const QString &reply);
    static QString instruction();
    // The model's answer as a title: first line, no "Title:" label, Markdown marks, quotes or
    // closing full stop, at most kMaxLength characters. Empty when nothing usable is left.
    static QString cleanTitle(const QString &answer);

    static constexpr int kMaxLength = 60;

Q_SIGNALS:
    // The conversation got an automatic title (already in the store).
    void titled(qint64 conversationId, const QString &title);

private:
    struct Pending {
        std::unique_ptr<Provider> provider;
        QPointer<ChatJob> job;
        QString text;
    };
    void launch(qint64 conversationId, const ProviderProfile &profile, const ChatRequest &request,
                const QString &apiKey);
    void end(qint64 conversationId);

    Store *m_store;
    Settings *m_settings;
    SecretStore *m_secrets;
    ProviderMaker m_maker;
    QHash<qint64, Pending *> m_pending; // by conversation id
    QVector<Pending *> m_ended;         // freed on the next event-loop turn
    QSet<qint64> m_asked;               // conversations titled (or tried) in this run
};

} // namespace penpal
