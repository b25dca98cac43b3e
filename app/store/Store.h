#pragma once

#include "core/Attachment.h"
#include "core/AttachmentInfo.h"
#include "core/Conversation.h"
#include "core/Message.h"
#include "history/ConversationArchive.h"
#include "store/ConversationFilter.h"
#include "store/SearchHit.h"
#include "store/TagCount.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

class QSqlQuery;

namespace penpal {

class Glossary;
struct DraftDocument;
struct DraftSummary;
struct DraftVersion;
struct Persona;
struct SavedPrompt;
struct TranslationRecord;
struct TranslationSummary;

// Owns the SQLite database: schema, migrations, and every read and write of conversations
// and messages. Knows nothing about models or widgets; models adapt it. GUI thread only.
//
// Durability: WAL with synchronous=NORMAL, so every committed write survives the process
// being killed. Each migration runs in a transaction after a copy of the file is taken.
class Store : public QObject {
    Q_OBJECT
public:
    explicit Store(QObject *parent = nullptr);
    ~Store() override;

    // Opens (creating if needed) the database at `path`, migrates it to the current schema
    // and turns messages left "streaming" by an earlier run into "interrupted".
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString lastError() const { return m_lastError; }
    QString path() const { return m_path; }

    static int currentSchemaVersion();
    int schemaVersion() const;
    // Backup files written before migrations, newest last.
    QStringList migrationBackups() const;

    // Creates or migrates the file at `path` to exactly `version` (0..currentSchemaVersion())
    // by applying only the first `version` migrations: no backup, no crash recovery, never a
    // downgrade. For tests and tools that need a database as an older Penpal left it.
    static bool migrateTo(const QString &path, int version, QString *error = nullptr);

    // --- conversations
    qint64 createConversation(Conversation &c);     // fills id/created/updated; 0 on failure
    bool updateConversation(const Conversation &c); // title, pinned, profile, model, prompt, params
    bool renameConversation(qint64 id, const QString &title); // the user's title: locks it
    // A title Penpal chose (auto-title): written only while the user has not set one. False
    // when the title is locked or the conversation is missing.
    bool setAutomaticTitle(qint64 id, const QString &title);
    bool setPinned(qint64 id, bool pinned);
    bool deleteConversation(qint64 id); // with its messages
    // How much history requests of this conversation carry (0: no limit); see Conversation.
    bool setContextLimits(qint64 id, int maxMessages, int maxTokens);
    Conversation conversation(qint64 id) const; // id 0 when missing
    // Pinned first, then most recently updated. `offset`/`limit` for lazy loading.
    QVector<Conversation> conversations(int offset = 0, int limit = -1) const;
    int conversationCount() const;

    // --- messages
    // Inserts the message (id/created filled), makes it the conversation's current leaf and
    // bumps the conversation's `updated`. Committed before returning, together with the
    // message's `attachments` (in that order) when there are any.
    qint64 addMessage(Message &m, const Attachments &attachments = {});
    // Persists streamed text: content, reasoning, state. Cheap enough to call every second.
    bool updateMessageContent(qint64 id, const QString &content, const QString &reasoning,
                              MessageState state);
    // Persists the final fields: state, error text, usage, timings, content and reasoning.
    bool finishMessage(const Message &m);
    Message message(qint64 id) const;
    // The shown thread, oldest first: up to `limit` messages on the path from the
    // conversation's current leaf to the root, ending just before `beforeId` when it is set
    // (for loading older messages on demand). limit < 0: all.
    QVector<Message> thread(qint64 conversationId, int limit = -1, qint64 beforeId = 0) const;
    bool setCurrentLeaf(qint64 conversationId, qint64 messageId); // 0: the newest message

    // Branch navigation: the ids of the replies to `parentId` (0: the roots), oldest first.
    // A message's siblings are the children of its parent.
    QVector<qint64> childIds(qint64 conversationId, qint64 parentId) const;
    // The leaf reached from `messageId` by always following its newest reply (the message
    // itself when it has none): what setCurrentLeaf wants after switching to a sibling.
    qint64 newestLeafUnder(qint64 messageId) const;
    // For each of `parentIds` (0: the roots) the ids of its replies, oldest first, as
    // childIds() orders them, in one query: the sibling lists of a whole page of the thread.
    // Every requested parent gets an entry, empty when it has no replies.
    QHash<qint64, QVector<qint64>> childIdsOf(qint64 conversationId, const QVector<qint64> &parentIds) const;
    bool hasReplies(qint64 messageId) const;
    // The message and every message below it, parents before their replies.
    QVector<qint64> subtreeIds(qint64 messageId) const;

    // --- message actions
    // Deletes the message with every reply below it, in one transaction. If the shown branch
    // ran through it, the current leaf moves to the newest leaf left under its parent (the
    // parent itself when nothing is left under it; for a root message, under the newest
    // remaining root). Emits messagesRemoved, then currentLeafChanged if the leaf moved.
    bool deleteMessage(qint64 messageId);
    // Makes a finished or interrupted reply streaming again, to continue it: error text and
    // finish reason are cleared, and a crash while it streams leaves it "interrupted" as for
    // any other reply. Emits messageChanged.
    bool reopenMessage(qint64 messageId);
    // Records how many earlier messages the request for this reply left out. Emits
    // messageChanged.
    bool setContextOmitted(qint64 messageId, int omitted);

    // --- attachments (StoreAttachments.cpp); deleting a message deletes its attachments
    // The files stored with the message, in the order they were attached, bytes included.
    Attachments attachments(qint64 messageId) const;
    // The same without the bytes, for views.
    AttachmentInfos attachmentInfo(qint64 messageId) const;

    // --- search (StoreSearch.cpp; the index is schema v8's, see SearchQuery for the rules)
    // Messages and conversation titles matching every whitespace-separated term of `query`
    // (words starting with a Latin term, case and diacritics folded; CJK terms as adjacent
    // characters), newest first (messages by id, title hits by the conversation's update), at
    // most `limit` hits, one per message. Conversations in the trash are left out, archived
    // ones are found. An empty query finds nothing.
    QVector<SearchHit> search(const QString &query, int limit = 50) const;

    // --- archives (StoreArchive.cpp): a conversation with every branch, its files and tags, for
    // exports. Message ids in it are the store's own. `ok` false (and lastError()) on failure.
    ConversationArchive loadArchive(qint64 conversationId, bool *ok = nullptr) const;

    // --- imports (StoreImported.cpp): an ImportJob writes through a connection of its own;
    // after its commit this tells the views about the conversations it added (emits
    // conversationAdded for each id, in order).
    void announceImported(const QVector<qint64> &conversationIds);
    // What "export all conversations" covers: every conversation not in the trash, archived
    // ones included, in list order (pinned first, then most recently updated).
    QVector<qint64> exportableConversationIds() const;

    // --- organisation (StoreOrganisation.cpp): views, archive, trash and tags.
    // conversations() and conversationCount() without a filter above mean the main view.
    // Filtered lists (StoreConversations.cpp, beside the row reader) keep the same order:
    // pinned first, then most recently updated.
    QVector<Conversation> conversations(const ConversationFilter &filter, int offset = 0,
                                        int limit = -1) const;
    int conversationCount(const ConversationFilter &filter) const;
    // Each batch runs in one transaction (all or nothing) and, after the commit, emits
    // conversationChanged (conversationRemoved for hard deletes) for every conversation it
    // changed. Unknown ids are skipped; an empty list is a successful no-op.
    bool setArchived(const QVector<qint64> &ids, bool archived);
    bool moveToTrash(const QVector<qint64> &ids); // deleted_at = now
    bool restoreFromTrash(const QVector<qint64> &ids);
    // Hard delete with messages, files and tags, like deleteConversation(); tags no longer
    // carried by any conversation go too.
    bool deleteForever(const QVector<qint64> &ids);
    int emptyTrash(); // how many conversations went; -1 on failure
    // Deletes forever what went to the trash before `deletedBefore`; how many, -1 on failure.
    int purgeTrash(const QDateTime &deletedBefore);
    // Tags: names are trimmed, compared case-insensitively, and keep the first spelling used.
    QVector<TagCount> allTags() const; // by name
    QStringList tagsOf(qint64 conversationId) const; // by name
    bool addTag(const QVector<qint64> &ids, const QString &name); // creates the tag if new
    bool removeTag(const QVector<qint64> &ids, const QString &name); // unused tags are dropped
    bool renameTag(const QString &from, const QString &to); // false if `to` exists already
    bool deleteTag(const QString &name);

    // --- translations and glossaries (StoreTranslations.cpp, schema v10). Language codes are
    // BCP 47 as in translate/Languages ("" for a source that was neither chosen nor detected).
    // Stores a translation job: a new row when record.id is 0 (returns the new id), otherwise
    // replaces that row (returns its id). 0 on failure. Emits translationsChanged().
    qint64 saveTranslation(const TranslationRecord &record);
    // The stored job, or a record with id 0 when there is none.
    TranslationRecord translation(qint64 id) const;
    // Newest first (by updated, then id). A non-empty `query` keeps the jobs whose source or
    // result text matches it by the rules of search() and fills each summary's snippet.
    QVector<TranslationSummary> translations(const QString &query = {}, int limit = 200) const;
    bool deleteTranslation(qint64 id); // emits translationsChanged(); unknown id: false
    // The term pairs of a language pair, in the order they were saved (empty when none).
    Glossary glossary(const QString &sourceLanguage, const QString &targetLanguage) const;
    // Replaces the pair's terms in one transaction; emits glossaryChanged().
    bool setGlossary(const QString &sourceLanguage, const QString &targetLanguage, const Glossary &glossary);

    // --- draft documents and their versions (StoreDrafts.cpp, schema v11). Documents are
    // found by search() too (SearchHit::documentId). Autosave writes through
    // saveDocumentContent(), one small transaction, so a change survives the process being killed.
    qint64 createDocument(const QString &title, const QString &content = {}, const QString &language = {});
    DraftDocument document(qint64 id) const; // id 0 when there is none
    // Newest first (by updated). A non-empty query keeps documents whose title or text matches
    // it by the rules of search(), with a snippet.
    QVector<DraftSummary> documents(const QString &query = {}, int limit = 500) const;
    bool saveDocumentContent(qint64 id, const QString &content); // emits documentChanged
    bool renameDocument(qint64 id, const QString &title);        // emits documentChanged
    bool setDocumentLanguage(qint64 id, const QString &language); // BCP 47 or "" (unknown)
    bool deleteDocument(qint64 id); // with its versions; emits documentRemoved
    // A snapshot of `content` (cause: "named" for Ctrl+S, "accept" for an accepted proposal,
    // "restore" when an older version was restored); returns its id, 0 on failure.
    qint64 addVersion(qint64 documentId, const QString &cause, const QString &content, const QString &name = {});
    QVector<DraftVersion> versions(qint64 documentId) const; // newest first, with their text
    DraftVersion version(qint64 id) const;                    // id 0 when there is none

    // --- personas and prompts (StorePersonas.cpp, schema v12). Built-ins (store/BuiltinLibrary)
    // are ordinary rows with a builtinKey, seeded when a list is first read, each key once (a
    // deleted built-in stays deleted); the user may edit them, reset*() restores the shipped
    // text. Lists: built-ins in shipped order, then the user's by name.
    QVector<Persona> personas() const;
    Persona persona(qint64 id) const;       // id 0 when there is none
    qint64 savePersona(const Persona &p);   // inserts when p.id is 0; the id, 0 on failure
    bool deletePersona(qint64 id);
    bool resetPersona(qint64 id);           // built-ins only
    QVector<SavedPrompt> prompts() const;
    SavedPrompt prompt(qint64 id) const;
    qint64 savePrompt(const SavedPrompt &p);
    bool deletePrompt(qint64 id);
    bool resetPrompt(qint64 id);
    // Adds every item as a new user row in one transaction (all or nothing).
    bool importLibrary(const QVector<Persona> &personas, const QVector<SavedPrompt> &prompts);

Q_SIGNALS:
    void personasChanged();
    void promptsChanged();
    void documentAdded(qint64 id);
    void documentChanged(qint64 id);
    void documentRemoved(qint64 id);
    void versionsChanged(qint64 documentId);
    void translationsChanged();
    void glossaryChanged(const QString &sourceLanguage, const QString &targetLanguage);
    void conversationAdded(qint64 id);
    void conversationChanged(qint64 id); // title, pinned, updated, ...
    void conversationRemoved(qint64 id);
    // The set of tags or their counts changed (organisation calls above).
    void tagsChanged();
    // The new message is also the conversation's current leaf (no currentLeafChanged).
    void messageAdded(qint64 conversationId, qint64 messageId);
    // deleteMessage(): the message and its subtree, parents first.
    void messagesRemoved(qint64 conversationId, const QVector<qint64> &messageIds);
    // The shown branch changed without a new message (setCurrentLeaf, deleteMessage).
    void currentLeafChanged(qint64 conversationId, qint64 leafId);
    // Stored fields of a message changed while nothing streams into it (reopenMessage,
    // setContextOmitted); streamed text and finishMessage() are announced by the controller.
    void messageChanged(qint64 conversationId, qint64 messageId);

private:
    bool migrate();
    bool backupBeforeMigration(int fromVersion);
    bool recoverInterrupted();
    QSqlDatabase db() const;
    bool fail(const QString &what, const QString &detail) const; // sets lastError, logs, false
    // StoreDrafts.cpp: one column of a document (`touch`: and its `updated`), when it differs.
    bool setDocumentColumn(qint64 id, const QString &column, const QString &value, bool touch,
                           const QString &what);
    qint64 startOfThread(qint64 conversationId, qint64 beforeId) const;
    qint64 conversationOf(qint64 messageId) const; // 0 when missing
    // Inside addMessage()'s transaction; sets *error and returns false on failure.
    bool insertAttachments(qint64 messageId, const Attachments &attachments, QString *error);
    void seedBuiltinLibrary() const; // StorePersonas.cpp; once per open store

    QString m_connectionName;
    QString m_path;
    mutable QString m_lastError;
    // Reused for every streamed chunk: preparing once keeps updateMessageContent cheap.
    std::unique_ptr<QSqlQuery> m_updateContentQuery;
    mutable bool m_librarySeeded = false;
};

} // namespace penpal
