#include "support/AnthropicFixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace penpal::test::anthropic {

namespace {

bool readFile(const QString &path, QByteArray *bytes, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    *bytes = file.readAll();
    return true;
}

ChatStreamEvent event(ChatStreamEvent::Kind kind, const QString &text = QString(),
                      const QString &errorType = QString())
{
    ChatStreamEvent e;
    e.kind = kind;
    e.text = text;
    e.errorType = errorType;
    return e;
}

TokenUsage usageFrom(const QJsonArray &a, int first)
{
    TokenUsage u;
    u.promptTokens = a.at(first).toInt(-1);
    u.completionTokens = a.at(first + 1).toInt(-1);
    u.totalTokens = a.at(first + 2).toInt(-1);
    u.reasoningTokens = a.size() > first + 3 ? a.at(first + 3).toInt(-1) : -1;
    return u;
}

} // namespace

QString fixtureDir()
{
    return QStringLiteral(PENPAL_FIXTURES_DIR "/anthropic");
}

QStringList transcriptNames()
{
    QStringList names;
    const QStringList files =
        QDir(fixtureDir()).entryList({QStringLiteral("*.sse")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(file.chopped(4));
    return names;
}

bool loadTranscript(const QString &name, Transcript *out, QString *problem)
{
    out->name = name;
    QByteArray json;
    const QString base = fixtureDir() + QLatin1Char('/') + name;
    if (!readFile(base + QStringLiteral(".sse"), &out->bytes, problem) ||
        !readFile(base + QStringLiteral(".expected.json"), &json, problem))
        return false;
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        *problem = QStringLiteral("%1.expected.json: %2").arg(name, parseError.errorString());
        return false;
    }
    out->sseEventCount = root.value(QLatin1String("sseEventCount")).toInt(-1);
    out->done = root.value(QLatin1String("done")).toBool();
    out->sawFinish = root.value(QLatin1String("sawFinish")).toBool();
    for (const QJsonValue &v : root.value(QLatin1String("events")).toArray()) {
        const QJsonArray a = v.toArray();
        const QString kind = a.at(0).toString();
        if (kind == QLatin1String("content"))
            out->events.append(event(ChatStreamEvent::Content, a.at(1).toString()));
        else if (kind == QLatin1String("reasoning"))
            out->events.append(event(ChatStreamEvent::Reasoning, a.at(1).toString()));
        else if (kind == QLatin1String("finish"))
            out->events.append(event(ChatStreamEvent::Finish, a.at(1).toString()));
        else if (kind == QLatin1String("error"))
            out->events.append(event(ChatStreamEvent::Error, a.at(1).toString(), a.at(2).toString()));
        else if (kind == QLatin1String("done"))
            out->events.append(event(ChatStreamEvent::Done));
        else if (kind == QLatin1String("usage")) {
            ChatStreamEvent e = event(ChatStreamEvent::Usage);
            e.usage = usageFrom(a, 1);
            out->events.append(e);
        } else {
            *problem = QStringLiteral("%1.expected.json: unknown event kind '%2'").arg(name, kind);
            return false;
        }
    }

    const QJsonObject job = root.value(QLatin1String("job")).toObject();
    const QString outcome = job.value(QLatin1String("outcome")).toString();
    if (outcome != QLatin1String("finished") && outcome != QLatin1String("failed")) {
        *problem = QStringLiteral("%1.expected.json: job.outcome must be finished or failed").arg(name);
        return false;
    }
    out->jobFinishes = outcome == QLatin1String("finished");
    out->finishReason = job.value(QLatin1String("finishReason")).toString();
    out->errorCode = job.value(QLatin1String("code")).toInt();
    out->serverMessage = job.value(QLatin1String("serverMessage")).toString();
    out->content = job.value(QLatin1String("content")).toString();
    out->reasoning = job.value(QLatin1String("reasoning")).toString();
    for (const QJsonValue &v : job.value(QLatin1String("usages")).toArray()) {
        TokenUsage u = usageFrom(v.toArray(), 0);
        u.reasoningTokens = -1; // Anthropic does not count thinking apart
        out->usages.append(u);
    }
    if (out->sseEventCount < 0) {
        *problem = QStringLiteral("%1.expected.json: sseEventCount missing").arg(name);
        return false;
    }
    return true;
}

QVector<QByteArray> randomPieces(const QByteArray &bytes, quint32 seed, int maxPiece)
{
    QRandomGenerator random(seed);
    QVector<QByteArray> pieces;
    qsizetype at = 0;
    while (at < bytes.size()) {
        const qsizetype size = 1 + random.bounded(qMax(1, maxPiece));
        pieces.append(bytes.mid(at, size));
        at += size;
    }
    return pieces;
}

QByteArray errorBody(const QByteArray &type, const QByteArray &message)
{
    return R"({"type":"error","error":{"type":")" + type + R"(","message":")" + message + R"("}})";
}

} // namespace penpal::test::anthropic
