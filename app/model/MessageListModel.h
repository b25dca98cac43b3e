#pragma once

#include "core/Message.h"

#include <QAbstractListModel>
#include <QHash>
#include <QSet>
#include <QVector>

namespace penpal {

class Store;

// The open conversation's thread, oldest message first: the path from the root to the
// conversation's current leaf. Loads the newest page when a conversation is opened; older
// pages are prepended on demand (canFetchMore/fetchMore), so opening a long chat costs one
// page. While a reply streams, only that row changes.
//
// Branches: every row knows its position among its siblings (replies to the same parent),
// from sibling lists loaded in one query per page and kept current from the store's
// signals. When the shown branch changes (showSibling, a regenerated reply, an edited
// prompt, a deletion), the rows below the deepest message the old and the new path share
// are removed and the new ones inserted; a reset happens only when the paths share nothing
// in the loaded rows or the new part is longer than a page.
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        RoleRole, // penpal::Role as int
        ContentRole,
        ReasoningRole,
        StateRole, // penpal::MessageState as int
        ErrorTextRole,
        ModelRole,
        CreatedRole,
        RevisionRole, // changes on every change of the row, never repeats: keys layout caches
        ParentIdRole,
        UsageTextRole,     // "123 tokens · 1.2 s" or empty
        SiblingIndexRole,  // 1-based position among the replies to the same parent
        SiblingCountRole,  // how many replies the parent has (1: no alternatives)
        OmittedBeforeRole, // earlier messages the request for this reply left out (0: none)
        FooterTextRole,    // MessageFormat::footerText: model, tokens, first token, tokens/s
        FinishReasonRole,  // "stop", "length", ... or empty
        // AttachmentInfos of a prompt's files (names, kinds, sizes; never the bytes), read
        // from the store when asked: views ask once per layout, not per paint.
        AttachmentsRole,
    };

    explicit MessageListModel(Store *store, QObject *parent = nullptr);

    void openConversation(qint64 conversationId); // 0 closes
    qint64 conversationId() const { return m_conversationId; }
    void reload();
    void setPageSize(int n) { m_pageSize = n; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    int rowOf(qint64 messageId) const;
    const Message *messageAt(int row) const;
    const Message *lastMessage() const;

    // ‹ / ›: shows the sibling `delta` places from the shown message `messageId` (-1 the
    // previous, +1 the next; no wrap-around), continuing down to that sibling's newest leaf.
    // The choice is the conversation's current leaf in the store, so it survives a restart.
    // False when there is no such sibling or the store refused.
    bool showSibling(qint64 messageId, int delta);

    // For the clipboard: the message's Markdown as stored, or rendered to plain text. Works
    // for shown rows and for any other message of the store.
    QString markdownOf(qint64 messageId) const;
    QString plainTextOf(qint64 messageId) const;

public Q_SLOTS:
    // Text that arrived but may not be in the store yet (the controller flushes once a second).
    void setLiveText(qint64 messageId, const QString &content, const QString &reasoning);
    // Re-reads one message from the store (after it finished, failed, ...).
    void refreshMessage(qint64 messageId);

private:
    void onMessageAdded(qint64 conversationId, qint64 messageId);
    void onMessagesRemoved(qint64 conversationId, const QVector<qint64> &messageIds);
    void onCurrentLeafChanged(qint64 conversationId, qint64 leafId);
    void onMessageChanged(qint64 conversationId, qint64 messageId);
    // Brings the rows in line with the store's current path; returns the first row that was
    // (re)inserted, rowCount() when none was.
    int syncPath();
    // Loads the sibling lists the shown rows need and have not got (one query), and forgets
    // the ones no shown row needs.
    void ensureSiblings();
    // Rows above `firstNewRow` whose parent is in `parents` show a new sibling count.
    void siblingsChanged(const QSet<qint64> &parents, int firstNewRow);
    void emitRowChanged(int row);
    quint32 nextRevision() { return ++m_revisionCounter; }

    Store *m_store;
    qint64 m_conversationId = 0;
    QVector<Message> m_rows;
    QVector<quint32> m_revisions;
    // Parent id (0: roots) -> ids of its replies, oldest first, for every shown row's parent.
    QHash<qint64, QVector<qint64>> m_siblings;
    quint32 m_revisionCounter = 0;
    int m_pageSize = 100;
    bool m_hasOlder = false;
};

} // namespace penpal
