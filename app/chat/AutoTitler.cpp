#include "chat/AutoTitler.h"

#include "net/ChatJob.h"
#include "net/Provider.h"
#include "secrets/SecretStore.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QLoggingCategory>
#include <QRegularExpression>

namespace penpal {

Q_LOGGING_CATEGORY(lcTitle, "penpal.chat.title", QtInfoMsg)

namespace {

// Enough of the exchange to know what it is about; a title needs no more, and a long first
// reply would otherwise make the title request cost as much as the reply.
constexpr int kExcerptLength = 3000;
// Generous for six words: reasoning models spend some before answering, and a title that is
// cut off is still better than none (cleanTitle keeps the first line).
constexpr int kTitleTokens = 200;

QString excerpt(const QString &text)
{
    return text.size() <= kExcerptLength ? text : text.left(kExcerptLength) + QChar(0x2026);
}

bool isQuote(QChar c)
{
    static const QString quotes =
        QStringLiteral("\"'`\u201C\u201D\u2018\u2019\u00AB\u00BB\u300C\u300D\u300E\u300F");
    return quotes.contains(c);
}

} // namespace

AutoTitler::AutoTitler(Store *store, Settings *settings, SecretStore *secrets, ProviderMaker maker,
                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_maker(std::move(maker))
{
}

AutoTitler::~AutoTitler()
{
    for (Pending *p : std::as_const(m_pending)) {
        if (p->job) {
            p->job->disconnect(this);
            p->job->abort();
        }
        delete p;
    }
    qDeleteAll(m_ended);
}

QString AutoTitler::instruction()
{
    // Written in English, but asking for the conversation's language: models follow that
    // reliably, and one instruction serves every language.
    return QStringLiteral("Write a short title (at most six words) for the conversation above, in the same "
                          "language as my first message. Reply with the title only: no quotes, no label, "
                          "no full stop at the end.");
}

ChatRequest AutoTitler::requestFor(const QString &model, const QString &prompt, const QString &reply)
{
    ChatRequest r;
    r.model = model;
    r.turns = {ChatTurn(Role::User, excerpt(prompt)), ChatTurn(Role::Assistant, excerpt(reply)),
               ChatTurn(Role::User, instruction())};
    r.params.maxTokens = kTitleTokens;
    return r;
}

QString AutoTitler::cleanTitle(const QString &answer)
{
    QString text = answer;
    // Models that think aloud inline (<think>…</think>) put the answer after it.
    static const QRegularExpression think(QStringLiteral("<think>.*?(</think>|$)"),
                                          QRegularExpression::DotMatchesEverythingOption);
    text.remove(think);

    QString line;
    for (const QString &l : text.split(QLatin1Char('\n'))) {
        if (!l.trimmed().isEmpty()) {
            line = l.simplified();
            break;
        }
    }
    static const QRegularExpression label(QStringLiteral("^(title|标题|標題|タイトル|제목)\\s*[:：]\\s*"),
                                          QRegularExpression::CaseInsensitiveOption);
    line.remove(label);
    static const QRegularExpression markdown(QStringLiteral("^#+\\s*|\\*\\*|__|^[-*]\\s+"));
    line.remove(markdown);
    line = line.trimmed();
    while (!line.isEmpty() && (isQuote(line.front()) || line.front() == QLatin1Char('*')))
        line.remove(0, 1);
    static const QString closing =
        QStringLiteral(".。!！?？*\"'`\u201C\u201D\u2018\u2019\u00AB\u00BB\u300C\u300D\u300E\u300F");
    // A question is a fine title; only the full stop and stray quotes go.
    while (!line.isEmpty() && closing.contains(line.back()) && line.back() != QLatin1Char('?') &&
           line.back() != QChar(0xFF1F))
        line.chop(1);
    line = line.trimmed();
    if (line.size() > kMaxLength) {
        int cut = line.lastIndexOf(QLatin1Char(' '), kMaxLength - 1);
        if (cut < kMaxLength / 2)
            cut = kMaxLength - 1;
        // Never split a surrogate pair.
        if (cut > 0 && line.at(cut - 1).isHighSurrogate())
            --cut;
        line = line.left(cut).trimmed() + QChar(0x2026);
    }
    return line;
}

void AutoTitler::replyFinished(qint64 replyId)
{
    if (!m_settings->value(Settings::AutoTitle).toBool())
        return;
    const Message reply = m_store->message(replyId);
    if (reply.id == 0 || reply.role != Role::Assistant || reply.state != MessageState::Complete ||
        reply.content.trimmed().isEmpty() || reply.parentId == 0)
        return;
    const qint64 convId = reply.conversationId;
    // Once per conversation and run: a continued first reply does not ask again.
    if (m_pending.contains(convId) || m_asked.contains(convId))
        return;
    const Conversation conv = m_store->conversation(convId);
    if (conv.id == 0 || conv.titleLocked)
        return;
    // The first exchange, and only once: one root prompt with this reply as its only answer.
    const QVector<qint64> roots = m_store->childIds(convId, 0);
    if (roots.size() != 1 || roots.constFirst() != reply.parentId ||
        m_store->childIds(convId, reply.parentId).size() != 1)
        return;
    const Message prompt = m_store->message(reply.parentId);
    if (prompt.role != Role::User || prompt.content.trimmed().isEmpty())
        return;

    ProviderProfile profile = m_settings->profile(conv.profileId);
    if (!profile.isValid())
        profile = m_settings->activeProfile();
    if (!profile.isValid())
        return;
    const ChatRequest request =
        requestFor(reply.model.isEmpty() ? conv.model : reply.model, prompt.content, reply.content);
    m_pending.insert(convId, new Pending);
    m_asked.insert(convId);
    QPointer<AutoTitler> self(this);
    m_secrets->readKey(profile.id, [self, convId, profile, request](const SecretResult &r) {
        if (!self || !self->m_pending.contains(convId))
            return;
        self->launch(convId, profile, request, r.status == SecretResult::Ok ? r.value : QString());
    });
}

void AutoTitler::launch(qint64 conversationId, const ProviderProfile &profile, const ChatRequest &request,
                        const QString &apiKey)
{
    Pending *p = m_pending.value(conversationId);
    p->provider = m_maker(profile, apiKey);
    if (!p->provider) {
        end(conversationId);
        return;
    }
    ChatJob *job = p->provider->startChat(request, this);
    p->job = job;
    connect(job, &ChatJob::contentDelta, this, [p](const QString &t) { p->text += t; });
    connect(job, &ChatJob::finished, this, [this, conversationId, p] {
        const QString title = cleanTitle(p->text);
        end(conversationId);
        if (title.isEmpty()) {
            qCInfo(lcTitle) << "no usable title for conversation" << conversationId;
            return;
        }
        // Refused when the user named the conversation while the title was on its way.
        if (m_store->setAutomaticTitle(conversationId, title))
            Q_EMIT titled(conversationId, title);
    });
    connect(job, &ChatJob::failed, this, [this, conversationId](const JobError &e) {
        qCInfo(lcTitle) << "title request for conversation" << conversationId << "failed, code" << e.code;
        end(conversationId);
    });
}

void AutoTitler::end(qint64 conversationId)
{
    Pending *p = m_pending.take(conversationId);
    if (!p)
        return;
    if (p->job) {
        p->job->disconnect(this);
        p->job->deleteLater();
    }
    // The provider may be on the stack of its own job's signal: free it on the next turn.
    m_ended.append(p);
    QMetaObject::invokeMethod(
        this,
        [this] {
            qDeleteAll(m_ended);
            m_ended.clear();
        },
        Qt::QueuedConnection);
}

} // namespace penpal
