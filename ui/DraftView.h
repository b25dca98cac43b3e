#pragma once

#include "draft/DraftDocument.h"

#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace penpal {

class AppContext;
class DraftAssistController;
class SpellHighlighter;

// The Draft workspace: a list of Markdown documents on the left, the editor with a live
// preview in the middle, versions (with a diff to the current text) and AI proposals on the
// right. Every change is saved within a second (there is no Save button); Ctrl+S takes a
// named version. Split over DraftView.cpp (layout, editor, autosave, preview, stats),
// DraftViewList.cpp (the document list), DraftViewVersions.cpp (versions panel, restore),
// DraftViewSpelling.cpp (language, spell check) and DraftViewExport.cpp (export menu).
class DraftView : public QWidget {
    Q_OBJECT
public:
    explicit DraftView(AppContext *ctx, QWidget *parent = nullptr);
    ~DraftView() override;

    QPlainTextEdit *editor() const { return m_editor; }
    qint64 documentId() const { return m_documentId; }
    // Saves the open document, then shows `id`. False when there is no such document.
    bool openDocument(qint64 id);
    // Creates a document and opens it; its id (0 on failure).
    qint64 newDocument(const QString &title, const QString &content = {});
    // Appends Markdown at the end (a blank line apart) as one undo step; creates a document
    // when none is open.
    void appendText(const QString &markdown);
    // Writes pending changes now (also done on switching documents, hide and close).
    void saveNow();
    // The document's language as chosen, or as detected when "Automatic" is chosen; BCP 47,
    // empty when unknown.
    QString effectiveLanguage() const;

    // The right-hand column for AI proposal cards (objectName "draftProposals"); hidden while
    // its layout is empty. The lead adds ProposalCards to its QVBoxLayout.
    QWidget *proposalsArea() const { return m_proposals; }
    // "Write" (objectName "draftAiButton") with an empty menu the AI actions go into.
    QToolButton *aiButton() const { return m_aiButton; }
    // The AI actions in that menu and their proposal cards.
    DraftAssistController *assist() const { return m_assist; }
    // Underlines misspelt words in the editor (language: effectiveLanguage()).
    SpellHighlighter *spellHighlighter() const { return m_highlighter; }

    // Export of the open document (format: "md", "html", "pdf", "odt", "txt"); false with a
    // message in `error` on failure or when nothing is open.
    bool exportDocument(const QString &format, const QString &path, QString *error = nullptr);
    // Puts the open document on the clipboard as rich text (with the Markdown as plain text).
    void copyAsRichText();

    // Takes a named version of the current text (what Ctrl+S does after asking for the name).
    qint64 addNamedVersion(const QString &name);
    // Replaces the text with version `versionId` as one undo step and records a "restore"
    // version (after snapshotting the current text when it differs from the newest version).
    bool restoreVersion(qint64 versionId);

Q_SIGNALS:
    void versionAdded(qint64 versionId);

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout();
    QWidget *buildListPane();
    QWidget *buildCentre();
    QWidget *buildVersionsPane();
    void reloadList();
    void scheduleListReload();
    void selectCurrentInList();
    void loadDocument(const DraftDocument &doc);
    void closeDocument();
    void onTextChanged();
    void onStoreDocumentChanged(qint64 id);
    void onStoreDocumentRemoved(qint64 id);
    void ensureDocument();
    void renameCurrent();
    void deleteCurrent();
    void applyPreviewMode(const QString &mode);
    void updatePreview();
    void updateStats();
    void replaceAllText(const QString &text); // one undo step
    void updateProposalsVisibility();
    bool editingTitle() const;
    void makeRoomFor(QWidget *pane, int width);

    // DraftViewVersions.cpp
    void askForNamedVersion(); // Ctrl+S
    void reloadVersions();
    void showVersionDiff();
    void setVersionsVisible(bool visible);
    static QString diffHtml(const QString &before, const QString &after);
    QString causeLabel(const DraftVersion &version) const;

    // DraftViewSpelling.cpp
    void setupSpelling();
    void fillLanguages();
    void onLanguageChosen();
    void updateSpelling(); // the highlighter's language and whether it is on
    void showEditorContextMenu(const QPoint &pos);
    // DraftViewExport.cpp
    void setupExportMenu();
    void exportInteractively(const QString &format);

    AppContext *m_ctx;
    qint64 m_documentId = 0;
    QString m_savedText; // what the store holds for the open document
    QString m_language;  // the document's stored language ("" = Automatic)
    QString m_detectedLanguage;
    bool m_loading = false; // setting the editor's text from the store: not a user change
    bool m_dirty = false;

    QSplitter *m_splitter = nullptr;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QComboBox *m_mode = nullptr;
    QComboBox *m_languageBox = nullptr;
    QToolButton *m_spellButton = nullptr;
    QToolButton *m_versionsButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QToolButton *m_aiButton = nullptr;
    DraftAssistController *m_assist = nullptr;
    QSplitter *m_editSplitter = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QTextBrowser *m_preview = nullptr;
    QLabel *m_stats = nullptr;
    QWidget *m_versionsPane = nullptr;
    QListWidget *m_versions = nullptr;
    QTextBrowser *m_diff = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QWidget *m_proposals = nullptr;
    SpellHighlighter *m_highlighter = nullptr;

    QTimer *m_idleTimer = nullptr; // autosave after typing pauses
    QTimer *m_maxTimer = nullptr;  // autosave at the latest this long after the first change
    QTimer *m_previewTimer = nullptr;
    QTimer *m_listTimer = nullptr;
    QTimer *m_filterTimer = nullptr;
};

} // namespace penpal
