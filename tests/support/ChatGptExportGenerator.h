#pragma once

// Writes synthetic ChatGPT exports shaped like real ones (mapping trees with a hidden system
// root, edited prompts making branches, thoughts before replies, tool output, model slugs,
// English and Chinese text) for the import benchmark and for tests that need a large file.
// Header-only so that tests/bench can use it without the test support library.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>

namespace penpal::test {

struct GeneratedExport {
    qint64 bytes = 0;
    int conversations = 0;
    int keptMessages = 0; // messages an import keeps
};

namespace detail {

inline QString generatedText(QRandomGenerator &rng, int minChars, int maxChars)
{
    static const QStringList english = {
        QStringLiteral("The quick brown fox jumps over the lazy dog."),
        QStringLiteral("Here is how you could structure the function:"),
        QStringLiteral("```cpp\nint main() { return 0; }\n```"),
        QStringLiteral("Consider the edge cases: empty input, \"quotes\", and {braces} or [brackets]."),
        QStringLiteral("In summary, the approach trades memory for speed.")};
    static const QStringList chinese = {QStringLiteral("这是一个关于数据库索引的问题。"),
                                        QStringLiteral("我们可以使用流式解析来降低内存占用。"),
                                        QStringLiteral("请注意：转义字符\\和引号\"需要正确处理。"),
                                        QStringLiteral("总结一下，这种方法既简单又高效。")};
    const int target = minChars + int(rng.bounded(maxChars - minChars + 1));
    QString text;
    while (text.size() < target) {
        const QStringList &pool = rng.bounded(3) == 0 ? chinese : english;
        text += pool.at(int(rng.bounded(int(pool.size())))) + QLatin1Char(' ');
    }
    return text;
}

inline QJsonObject generatedNode(const QString &id, const QString &parent, const QStringList &children,
                                 const QJsonObject &message)
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("message"), message.isEmpty() ? QJsonValue(QJsonValue::Null) : message},
        {QStringLiteral("parent"), parent.isEmpty() ? QJsonValue(QJsonValue::Null) : parent},
        {QStringLiteral("children"), QJsonArray::fromStringList(children)}};
}

inline QJsonObject generatedMessage(const QString &id, const QString &role, double time,
                                    const QJsonObject &content, const QString &model = QString(),
                                    bool hidden = false)
{
    QJsonObject metadata;
    if (!model.isEmpty())
        metadata.insert(QStringLiteral("model_slug"), model);
    if (hidden)
        metadata.insert(QStringLiteral("is_visually_hidden_from_conversation"), true);
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("author"), QJsonObject{{QStringLiteral("role"), role},
                                                              {QStringLiteral("metadata"), QJsonObject()}}},
                       {QStringLiteral("create_time"), time},
                       {QStringLiteral("content"), content},
                       {QStringLiteral("status"), QStringLiteral("finished_successfully")},
                       {QStringLiteral("metadata"), metadata}};
}

inline QJsonObject textContent(const QString &text)
{
    return QJsonObject{{QStringLiteral("content_type"), QStringLiteral("text")},
                       {QStringLiteral("parts"), QJsonArray{text}}};
}

} // namespace detail

// About `targetBytes` of conversations.json at `path`; turns of 200..1500 characters.
inline GeneratedExport writeChatGptExport(const QString &path, qint64 targetBytes, quint32 seed = 42)
{
    using namespace detail;
    GeneratedExport out;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return out;
    QRandomGenerator rng(seed);
    file.write("[\n");
    while (out.bytes < targetBytes) {
        const QString cid = QStringLiteral("gen-%1").arg(out.conversations);
        double t = 1600000000.0 + out.conversations * 3600.0;
        QJsonObject mapping;
        auto node = [&](const QString &id, const QString &parent, const QStringList &children,
                        const QJsonObject &m) {
            mapping.insert(id, generatedNode(id, parent, children, m));
        };
        node(QStringLiteral("root"), QString(), {QStringLiteral("sys")}, QJsonObject());
        node(QStringLiteral("sys"), QStringLiteral("root"), {QStringLiteral("t0u")},
             generatedMessage(QStringLiteral("sys"), QStringLiteral("system"), t, textContent(QString()),
                              QString(), true));
        const int turns = 2 + int(rng.bounded(10));
        QString parent = QStringLiteral("sys");
        QString current;
        for (int turn = 0; turn < turns; ++turn) {
            const QString u = QStringLiteral("t%1u").arg(turn);
            const QString a = QStringLiteral("t%1a").arg(turn);
            const QString next = QStringLiteral("t%1u").arg(turn + 1);
            const bool edited = rng.bounded(4) == 0; // an edited prompt: a second branch
            const QString model = rng.bounded(2) ? QStringLiteral("gpt-4o") : QStringLiteral("o3");
            QStringList siblings{u};
            if (edited)
                siblings << u + QStringLiteral("e");
            // The parent's children were written when it was created; fix them up here.
            QJsonObject p = mapping.value(parent).toObject();
            p.insert(QStringLiteral("children"), QJsonArray::fromStringList(siblings));
            mapping.insert(parent, p);
            t += 30;
            node(u, parent, {a},
                 generatedMessage(u, QStringLiteral("user"), t, textContent(generatedText(rng, 200, 600))));
            node(a, u, turn + 1 < turns && !edited ? QStringList{next} : QStringList(),
                 generatedMessage(a, QStringLiteral("assistant"), t + 5,
                                  textContent(generatedText(rng, 400, 1500)), model));
            out.keptMessages += 2;
            current = a;
            if (edited) {
                const QString ue = u + QStringLiteral("e");
                const QString th = u + QStringLiteral("th");
                const QString tool = u + QStringLiteral("tool");
                const QString ae = u + QStringLiteral("ea");
                node(ue, parent, {th},
                     generatedMessage(ue, QStringLiteral("user"), t + 60,
                                      textContent(generatedText(rng, 200, 600))));
                node(th, ue, {tool},
                     generatedMessage(
                         th, QStringLiteral("assistant"), t + 61,
                         QJsonObject{{QStringLiteral("content_type"), QStringLiteral("thoughts")},
                                     {QStringLiteral("thoughts"),
                                      QJsonArray{QJsonObject{
                                          {QStringLiteral("summary"), QStringLiteral("Plan")},
                                          {QStringLiteral("content"), generatedText(rng, 100, 400)}}}}},
                         model));
                node(tool, th, {ae},
                     generatedMessage(
                         tool, QStringLiteral("tool"), t + 62,
                         QJsonObject{{QStringLiteral("content_type"), QStringLiteral("execution_output")},
                                     {QStringLiteral("text"), QStringLiteral("42")}}));
                node(ae, tool, turn + 1 < turns ? QStringList{next} : QStringList(),
                     generatedMessage(ae, QStringLiteral("assistant"), t + 65,
                                      textContent(generatedText(rng, 400, 1500)), model));
                out.keptMessages += 2;
                parent = ae;
                current = ae;
            } else {
                parent = a;
            }
        }
        const QJsonObject conversation{
            {QStringLiteral("title"), QStringLiteral("Generated %1 对话").arg(out.conversations)},
            {QStringLiteral("create_time"), 1600000000.0 + out.conversations * 3600.0},
            {QStringLiteral("update_time"), t + 100},
            {QStringLiteral("mapping"), mapping},
            {QStringLiteral("current_node"), current},
            {QStringLiteral("conversation_id"), cid},
            {QStringLiteral("id"), cid}};
        const QByteArray json = QJsonDocument(conversation).toJson(QJsonDocument::Compact);
        if (out.conversations > 0)
            file.write(",\n");
        file.write(json);
        out.bytes += json.size() + 2;
        ++out.conversations;
    }
    file.write("\n]\n");
    out.bytes = file.size();
    return out;
}

} // namespace penpal::test
