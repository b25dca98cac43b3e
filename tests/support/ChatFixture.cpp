#include "ChatFixture.h"

#include "RequestTurns.h"
#include "chat/ChatController.h"
#include "model/MessageListModel.h"

#include <QTest>

namespace penpal::test {

namespace {
const QByteArray kChatPath = "/v1/chat/completions";
}

ChatFixture::ChatFixture()
    : m_dir(std::make_unique<QTemporaryDir>())
    , m_server(std::make_unique<TestHttpServer>())
{
    if (!m_dir->isValid() || !m_server->listen())
        return;
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    if (m_ctx)
        m_finalized = std::make_unique<QSignalSpy>(m_ctx->chat(), &ChatController::messageFinalized);
}

ChatFixture::~ChatFixture()
{
    m_tester.reset();
    m_model.reset();
    m_finalized.reset();
    m_ctx.reset();
}

ChatController *ChatFixture::chat() const
{
    return m_ctx->chat();
}

Store *ChatFixture::store() const
{
    return m_ctx->store();
}

void ChatFixture::queue(const Response &r)
{
    m_server->route("POST", kChatPath, r);
}

void ChatFixture::openModel(qint64 conversationId)
{
    m_conversationId = conversationId;
    if (!m_model) {
        m_model = std::make_unique<MessageListModel>(m_ctx->store());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QObject::connect(m_ctx->chat(), &ChatController::messageLive, m_model.get(),
                         &MessageListModel::setLiveText);
        QObject::connect(m_ctx->chat(), &ChatController::messageFinalized, m_model.get(),
                         &MessageListModel::refreshMessage);
    }
    m_model->openConversation(conversationId);
}

bool ChatFixture::restart()
{
    const qint64 conversation = m_conversationId;
    m_tester.reset();
    m_model.reset();
    m_finalized.reset();
    m_ctx.reset();
    m_ctx = makeTestContext(m_dir->path(), m_server->baseUrl());
    if (!m_ctx)
        return false;
    m_finalized = std::make_unique<QSignalSpy>(m_ctx->chat(), &ChatController::messageFinalized);
    if (conversation != 0)
        openModel(conversation);
    return true;
}

bool ChatFixture::waitFinalized(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return m_finalized->count() >= count; }, timeoutMs) &&
           m_finalized->count() == count;
}

qint64 ChatFixture::lastFinalized() const
{
    return m_finalized->isEmpty() ? 0 : m_finalized->last().at(0).toLongLong();
}

int ChatFixture::finalizedCount() const
{
    return int(m_finalized->count());
}

QStringList ChatFixture::shown() const
{
    QStringList out;
    for (int r = 0; r < m_model->rowCount(); ++r)
        out << m_model->index(r).data(MessageListModel::ContentRole).toString();
    return out;
}

QString ChatFixture::siblings(int row) const
{
    const QModelIndex i = m_model->index(row);
    return QStringLiteral("%1/%2")
        .arg(i.data(MessageListModel::SiblingIndexRole).toInt())
        .arg(i.data(MessageListModel::SiblingCountRole).toInt());
}

QStringList ChatFixture::turns(int request) const
{
    const auto requests = m_server->requests();
    return request >= 0 && request < requests.size() ? requestTurns(requests.at(request)) : QStringList();
}

} // namespace penpal::test
