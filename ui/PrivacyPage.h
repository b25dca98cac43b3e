#pragma once

#include <QWidget>

class QLabel;

namespace penpal {

class AppContext;

// Settings → Privacy: what Penpal sends where (only to the configured providers), and buttons
// that delete, after a confirmation, all chat history, all drafts or the translation history.
// Backups are whole copies of the database, so they still hold what was deleted; the
// confirmation says so and offers to delete the backups too.
class PrivacyPage : public QWidget {
    Q_OBJECT
public:
    enum class Part { Chats, Drafts, Translations };
    Q_ENUM(Part)

    explicit PrivacyPage(AppContext *ctx, QWidget *parent = nullptr);

    // Deletes all of `part` from the store, without asking; false if something failed.
    bool clear(Part part);
    // Deletes every backup file (daily, manual, before-restore, migration); how many went.
    int deleteBackups();

private:
    void confirmAndClear(Part part);
    QString describe(Part part) const; // what goes, with counts

    AppContext *m_ctx;
    QLabel *m_result;
};

} // namespace penpal
