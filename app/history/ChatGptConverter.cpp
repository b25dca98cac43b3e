#include "history/ChatGptConverter.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace penpal {

namespace {

QDateTime timeOf(const QJsonValue &seconds)
{
    if (!seconds.isDouble())
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(seconds.toDouble() * 1000.0 + 0.5), Qt::UTC);
}

// "file-service://file-abc" / "sediment://file_abc" -> "file-abc".
QString assetName(const QString &pointer)
{
    const qsizetype scheme = pointer.indexOf(QLatin1String("://"));
    return scheme < 0 ? pointer : pointer.mid(scheme + 3);
}

QString unsupported(const QString &type, ImportNotes *notes)
{
    const QString name = type.isEmpty() ? QStringLiteral("(none)") : type;
    notes->unsupportedTypes[name] += 1;
    return QStringLiteral("[Unsupported content type: %1]").arg(name);
}

// What one node contributes: text of a kept message, or reasoning handed to the next reply.
struct NodeContent {
    bool keep = false;
    QString text;
    QString reasoning;
};

QString partsText(const QJsonArray &parts, ImportNotes *notes)
{
    QStringList pieces;
    for (const QJsonValue &part : parts) {
        if (part.isString()) {
            if (!part.toString().isEmpty())
                pieces << part.toString();
            continue;
        }
        const QJsonObject o = part.toObject();
        const QString type = o.value(QLatin1String("content_type")).toString();
        if (type == QLatin1String("image_asset_pointer")) {
            ++notes->imagesNotImported;
            pieces << QStringLiteral("[Image not imported: %1]")
                          .arg(assetName(o.value(QLatin1String("asset_pointer")).toString()));
        } else if (o.value(QLatin1String("text")).isString()) {
            // audio_transcription and similar parts carry their words as text.
            pieces << o.value(QLatin1String("text")).toString();
        } else {
            pieces << unsupported(type, notes);
        }
    }
    return pieces.join(QLatin1Char('\n'));
}

QString thoughtsText(const QJsonObject &content)
{
    QStringList pieces;
    for (const QJsonValue &v : content.value(QLatin1String("thoughts")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString summary = t.value(QLatin1String("summary")).toString();
        const QString body = t.value(QLatin1String("content")).toString();
        if (!summary.isEmpty() && !body.isEmpty())
            pieces << QStringLiteral("**%1**\n\n%2").arg(summary, body);
        else if (!summary.isEmpty() || !body.isEmpty())
            pieces << summary + body;
    }
    return pieces.join(QStringLiteral("\n\n"));
}

NodeContent contentOf(const QJsonObject &message, ImportNotes *notes)
{
    NodeContent out;
    const QString role =
        message.value(QLatin1String("author")).toObject().value(QLatin1String("role")).toString();
    const QJsonObject metadata = message.value(QLatin1String("metadata")).toObject();
    const QJsonObject content = message.value(QLatin1String("content")).toObject();
    const QString type = content.value(QLatin1String("content_type")).toString();

    if (type == QLatin1String("thoughts")) {
        out.reasoning = thoughtsText(content);
        return out;
    }
    if (type == QLatin1String("reasoning_recap")) {
        out.reasoning = content.value(QLatin1String("content")).toString();
        return out;
    }
    // Tool output, the user's custom-instruction context and anything ChatGPT itself hides
    // were never part of the conversation a person read.
    if (role == QLatin1String("tool") || type == QLatin1String("user_editable_context") ||
        type == QLatin1String("model_editable_context") ||
        metadata.value(QLatin1String("is_visually_hidden_from_conversation")).toBool())
        return out;
    if (role != QLatin1String("user") && role != QLatin1String("assistant") &&
        role != QLatin1String("system"))
        return out;

    if (type == QLatin1String("text") || type == QLatin1String("multimodal_text")) {
        out.text = partsText(content.value(QLatin1String("parts")).toArray(), notes);
    } else if (type == QLatin1String("code")) {
        QString language = content.value(QLatin1String("language")).toString();
        if (language == QLatin1String("unknown"))
            language.clear();
        QString code = content.value(QLatin1String("text")).toString();
        if (!code.endsWith(QLatin1Char('\n')))
            code += QLatin1Char('\n');
        out.text = QStringLiteral("```%1\n%2```").arg(language, code);
    } else {
        out.text = unsupported(type, notes);
    }
    out.keep = !out.text.trimmed().isEmpty();
    return out;
}

struct Node {
    QString id;
    QString parent;
    QJsonArray children;
    QJsonObject message; // empty for the root placeholder
    double created = 0;
};

struct Frame {
    int node;
    qint64 keptParent;
    QString reasoning; // thoughts waiting for the next kept reply
};

} // namespace

QString ChatGptConverter::uidOf(const QJsonObject &conversation)
{
    QString id = conversation.value(QLatin1String("conversation_id")).toString();
    if (id.isEmpty())
        id = conversation.value(QLatin1String("id")).toString();
    return id.isEmpty() ? QString() : QStringLiteral("chatgpt:") + id;
}

bool ChatGptConverter::convert(const QJsonObject &conversation, ConversationArchive *archive,
                               ImportNotes *notes, QString *error)
{
    const QJsonValue mappingValue = conversation.value(QLatin1String("mapping"));
    if (!mappingValue.isObject()) {
        *error = QStringLiteral("not a ChatGPT export: a conversation has no \"mapping\" of messages");
        return false;
    }
    const QString uid = uidOf(conversation);
    if (uid.isEmpty()) {
        *error = QStringLiteral("not a ChatGPT export: a conversation has no id");
        return false;
    }
    const QString title = conversation.value(QLatin1String("title")).toString();

    // The nodes, and the position of each id; the "id" member wins over the key.
    const QJsonObject mapping = mappingValue.toObject();
    QVector<Node> nodes;
    nodes.reserve(mapping.size());
    QHash<QString, int> indexOf;
    for (auto it = mapping.constBegin(); it != mapping.constEnd(); ++it) {
        const QJsonObject o = it.value().toObject();
        Node n;
        n.id = o.value(QLatin1String("id")).toString(it.key());
        n.parent = o.value(QLatin1String("parent")).toString();
        n.children = o.value(QLatin1String("children")).toArray();
        n.message = o.value(QLatin1String("message")).toObject();
        n.created = n.message.value(QLatin1String("create_time")).toDouble();
        if (indexOf.contains(n.id)) {
            *error = QStringLiteral("duplicate message id \"%1\" in conversation \"%2\" (%3)")
                         .arg(n.id, title, uid);
            return false;
        }
        indexOf.insert(n.id, int(nodes.size()));
        nodes.append(n);
    }

    // Replies by parent, in the order the parent lists them (then by time), as the tree the
    // parent links draw: those are what ChatGPT itself follows from current_node upwards.
    QVector<QVector<int>> childrenOf(nodes.size());
    QVector<int> roots;
    for (int i = 0; i < nodes.size(); ++i) {
        const auto parent = indexOf.constFind(nodes.at(i).parent);
        if (parent == indexOf.constEnd() || *parent == i)
            roots.append(i);
        else
            childrenOf[*parent].append(i);
    }
    auto order = [&](QVector<int> &list, const QJsonArray &listed) {
        QHash<QString, qsizetype> position;
        for (qsizetype k = 0; k < listed.size(); ++k)
            position.insert(listed.at(k).toString(), k);
        std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
            const qsizetype ka = position.value(nodes.at(a).id, listed.size());
            const qsizetype kb = position.value(nodes.at(b).id, listed.size());
            if (ka != kb)
                return ka < kb;
            return nodes.at(a).created < nodes.at(b).created;
        });
    };
    for (int i = 0; i < nodes.size(); ++i) {
        if (childrenOf.at(i).size() > 1)
            order(childrenOf[i], nodes.at(i).children);
    }
    order(roots, QJsonArray());

    archive->messages.clear();
    archive->tags.clear();
    Conversation &c = archive->conversation;
    c = Conversation();
    c.uid = uid;
    c.title = title;
    c.created = timeOf(conversation.value(QLatin1String("create_time")));
    c.updated = timeOf(conversation.value(QLatin1String("update_time")));
    if (!c.updated.isValid())
        c.updated = c.created;
    c.model = conversation.value(QLatin1String("default_model_slug")).toString();
    c.archived = conversation.value(QLatin1String("is_archived")).toBool();

    // Pre-order walk with an explicit stack (threads can be thousands of messages deep).
    QVector<qint64> localIdOf(nodes.size(), 0); // kept node -> local id; skipped -> nearest kept
    QVector<bool> seen(nodes.size(), false);
    QVector<Frame> stack;
    for (auto it = roots.crbegin(); it != roots.crend(); ++it)
        stack.append(Frame{*it, 0, QString()});
    while (!stack.isEmpty()) {
        const Frame f = stack.takeLast();
        if (seen.at(f.node))
            continue;
        seen[f.node] = true;
        const Node &n = nodes.at(f.node);
        NodeContent content;
        if (!n.message.isEmpty())
            content = contentOf(n.message, notes);
        qint64 keptParent = f.keptParent;
        QString reasoning = f.reasoning;
        if (content.keep) {
            ArchivedMessage am;
            Message &m = am.message;
            m.id = archive->messages.size() + 1;
            m.parentId = f.keptParent;
            const QString role =
                n.message.value(QLatin1String("author")).toObject().value(QLatin1String("role")).toString();
            m.role = roleFromString(role);
            m.content = content.text;
            m.created = timeOf(n.message.value(QLatin1String("create_time")));
            if (!m.created.isValid())
                m.created = c.created;
            if (m.role == Role::Assistant) {
                m.reasoning = reasoning;
                m.model = n.message.value(QLatin1String("metadata"))
                              .toObject()
                              .value(QLatin1String("model_slug"))
                              .toString();
                const QString status = n.message.value(QLatin1String("status")).toString();
                if (status == QLatin1String("in_progress") ||
                    status == QLatin1String("finished_partial_completion"))
                    m.state = MessageState::Interrupted;
            }
            reasoning.clear();
            keptParent = m.id;
            archive->messages.append(am);
        } else if (!content.reasoning.isEmpty()) {
            reasoning = reasoning.isEmpty() ? content.reasoning
                                            : reasoning + QStringLiteral("\n\n") + content.reasoning;
        }
        localIdOf[f.node] = keptParent;
        const QVector<int> &children = childrenOf.at(f.node);
        for (auto it = children.crbegin(); it != children.crend(); ++it)
            stack.append(Frame{*it, keptParent, reasoning});
    }
    for (int i = 0; i < nodes.size(); ++i) {
        if (!seen.at(i) && !nodes.at(i).message.isEmpty())
            ++notes->unreachableMessages; // a loop of parent links
    }

    const auto current = indexOf.constFind(conversation.value(QLatin1String("current_node")).toString());
    if (current != indexOf.constEnd() && seen.at(*current))
        c.currentLeafId = localIdOf.at(*current);
    else if (!archive->messages.isEmpty())
        c.currentLeafId = archive->messages.constLast().message.id;
    if (c.model.isEmpty() && c.currentLeafId > 0) {
        for (qint64 id = c.currentLeafId; id > 0; id = archive->messages.at(id - 1).message.parentId) {
            if (!archive->messages.at(id - 1).message.model.isEmpty()) {
                c.model = archive->messages.at(id - 1).message.model;
                break;
            }
        }
    }
    if (!c.created.isValid()) {
        c.created = archive->messages.isEmpty() ? QDateTime::currentDateTimeUtc()
                                                : archive->messages.constFirst().message.created;
        if (!c.updated.isValid())
            c.updated = c.created;
    }
    return true;
}

} // namespace penpal
