#include "DraftView.h"

#include "DraftAssistController.h"

#include "chat/AppContext.h"
#include "draft/TextStats.h"
#include "history/MarkdownHtml.h"
#include "render/SafeTextDocument.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHideEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace penpal {

namespace {
// Autosave: soon after typing pauses, and while typing goes on at least once a second, so a
// crash loses less than a second of work.
constexpr int kIdleSaveMs = 600;
constexpr int kMaxSaveMs = 1000;
// Preview and counts follow the text without re-rendering on every keystroke.
constexpr int kPreviewDelayMs = 200;
constexpr int kFilterDelayMs = 150;

bool isNewKey(const QKeyEvent *e)
{
    return e->key() == Qt::Key_N && (e->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier;
}
bool isSaveKey(const QKeyEvent *e)
{
    return e->key() == Qt::Key_S && (e->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier;
}
bool isRenameKey(const QKeyEvent *e)
{
    return e->key() == Qt::Key_F2 && e->modifiers() == Qt::NoModifier;
}
} // namespace

DraftView::DraftView(AppContext *ctx, QWidget *parent)
    : QWidget(parent)
    , m_ctx(ctx)
{
    setObjectName(QStringLiteral("draftView"));
    m_idleTimer = new QTimer(this);
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(kIdleSaveMs);
    m_maxTimer = new QTimer(this);
    m_maxTimer->setSingleShot(true);
    m_maxTimer->setInterval(kMaxSaveMs);
    connect(m_idleTimer, &QTimer::timeout, this, &DraftView::saveNow);
    connect(m_maxTimer, &QTimer::timeout, this, &DraftView::saveNow);
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, [this] {
        updatePreview();
        updateStats();
        updateSpelling();
        if (m_versionsPane->isVisible())
            showVersionDiff();
    });
    m_listTimer = new QTimer(this);
    m_listTimer->setSingleShot(true);
    m_listTimer->setInterval(0);
    connect(m_listTimer, &QTimer::timeout, this, &DraftView::reloadList);
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &DraftView::reloadList);

    buildLayout();
    setupSpelling();
    setupExportMenu();
    m_assist = new DraftAssistController(this, ctx, this);

    Store *store = m_ctx->store();
    connect(store, &Store::documentAdded, this, &DraftView::scheduleListReload);
    connect(store, &Store::documentChanged, this, &DraftView::onStoreDocumentChanged);
    connect(store, &Store::documentRemoved, this, &DraftView::onStoreDocumentRemoved);
    connect(store, &Store::versionsChanged, this, [this](qint64 id) {
        if (id == m_documentId)
            reloadVersions();
    });

    applyPreviewMode(m_ctx->settings()->value(Settings::DraftPreviewMode).toString());
    reloadList();
    const qint64 last = m_ctx->settings()->value(Settings::DraftLastDocumentId).toLongLong();
    if (last == 0 || !openDocument(last)) {
        const QVector<DraftSummary> newest = store->documents({}, 1);
        if (!newest.isEmpty())
            openDocument(newest.first().id);
        else
            closeDocument();
    }
}

DraftView::~DraftView()
{
    saveNow();
}

void DraftView::buildLayout()
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("draftSplitter"));
    m_splitter->addWidget(buildListPane());
    m_splitter->addWidget(buildCentre());
    m_splitter->addWidget(buildVersionsPane());
    m_proposals = new QWidget(m_splitter);
    m_proposals->setObjectName(QStringLiteral("draftProposals"));
    auto *proposalsLayout = new QVBoxLayout(m_proposals);
    proposalsLayout->setContentsMargins(4, 4, 4, 4);
    proposalsLayout->setAlignment(Qt::AlignTop);
    m_proposals->installEventFilter(this);
    m_proposals->hide();
    m_splitter->addWidget(m_proposals);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({200, 700, 260, 300});
    layout->addWidget(m_splitter);
}

QWidget *DraftView::buildCentre()
{
    auto *centre = new QWidget(this);
    auto *v = new QVBoxLayout(centre);
    v->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_mode = new QComboBox(centre);
    m_mode->setObjectName(QStringLiteral("draftPreviewMode"));
    m_mode->setAccessibleName(tr("Preview mode"));
    m_mode->addItem(tr("Split"), QStringLiteral("split"));
    m_mode->addItem(tr("Editor"), QStringLiteral("editor"));
    m_mode->addItem(tr("Preview"), QStringLiteral("preview"));
    m_mode->setToolTip(tr("Show the editor, the preview or both"));
    connect(m_mode, qOverload<int>(&QComboBox::activated), this, [this] {
        const QString mode = m_mode->currentData().toString();
        m_ctx->settings()->setValue(Settings::DraftPreviewMode, mode);
        applyPreviewMode(mode);
    });
    bar->addWidget(m_mode);
    m_languageBox = new QComboBox(centre);
    m_languageBox->setObjectName(QStringLiteral("draftLanguage"));
    m_languageBox->setAccessibleName(tr("Spelling language"));
    m_languageBox->setToolTip(tr("The document's language (for spell checking)"));
    bar->addWidget(m_languageBox);
    m_spellButton = new QToolButton(centre);
    m_spellButton->setObjectName(QStringLiteral("draftSpellCheck"));
    m_spellButton->setText(tr("Spelling"));
    m_spellButton->setCheckable(true);
    m_spellButton->setToolTip(tr("Underline misspelt words"));
    bar->addWidget(m_spellButton);
    bar->addStretch(1);
    m_aiButton = new QToolButton(centre);
    m_aiButton->setObjectName(QStringLiteral("draftAiButton"));
    m_aiButton->setText(tr("Write"));
    m_aiButton->setPopupMode(QToolButton::InstantPopup);
    m_aiButton->setMenu(new QMenu(m_aiButton));
    bar->addWidget(m_aiButton);
    m_versionsButton = new QToolButton(centre);
    m_versionsButton->setObjectName(QStringLiteral("draftVersionsButton"));
    m_versionsButton->setText(tr("Versions"));
    m_versionsButton->setCheckable(true);
    m_versionsButton->setToolTip(tr("Show the versions of this draft (Ctrl+S takes one)"));
    connect(m_versionsButton, &QToolButton::toggled, this, &DraftView::setVersionsVisible);
    bar->addWidget(m_versionsButton);
    m_exportButton = new QToolButton(centre);
    m_exportButton->setObjectName(QStringLiteral("draftExportButton"));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    bar->addWidget(m_exportButton);
    v->addLayout(bar);

    m_editSplitter = new QSplitter(centre);
    m_editSplitter->setObjectName(QStringLiteral("draftEditSplitter"));
    m_editor = new QPlainTextEdit(m_editSplitter);
    m_editor->setObjectName(QStringLiteral("draftEditor"));
    m_editor->setAccessibleName(tr("Draft text"));
    m_editor->setPlaceholderText(tr("Write in Markdown…"));
    m_editor->setTabChangesFocus(false);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &DraftView::onTextChanged);
    m_preview = new QTextBrowser(m_editSplitter);
    m_preview->setObjectName(QStringLiteral("draftPreview"));
    m_preview->setAccessibleName(tr("Draft preview"));
    // The text is the user's (or a model's): nothing in it may load or run anything. The
    // document never loads a resource, and links open only in the browser, on a click.
    m_preview->setDocument(new SafeTextDocument(m_preview));
    m_preview->setOpenLinks(false);
    m_preview->setOpenExternalLinks(false);
    m_preview->setReadOnly(true);
    connect(m_preview, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        const QString scheme = url.scheme().toLower();
        if (scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
            scheme == QLatin1String("mailto"))
            QDesktopServices::openUrl(url);
    });
    m_editSplitter->addWidget(m_editor);
    m_editSplitter->addWidget(m_preview);
    v->addWidget(m_editSplitter, 1);
    m_stats = new QLabel(centre);
    m_stats->setObjectName(QStringLiteral("draftStats"));
    v->addWidget(m_stats);
    return centre;
}

bool DraftView::event(QEvent *event)
{
    // Ctrl+N and F2 mean "new draft" and "rename draft" here, not the window's New Chat and
    // Rename: claiming them before the window's shortcuts see them.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (isNewKey(key) || isSaveKey(key) || isRenameKey(key)) {
            key->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void DraftView::keyPressEvent(QKeyEvent *event)
{
    if (isNewKey(event)) {
        if (newDocument(tr("Untitled draft")) != 0)
            m_editor->setFocus();
        return;
    }
    if (isSaveKey(event)) {
        askForNamedVersion();
        return;
    }
    if (isRenameKey(event)) {
        renameCurrent();
        return;
    }
    QWidget::keyPressEvent(event);
}

void DraftView::hideEvent(QHideEvent *event)
{
    saveNow();
    QWidget::hideEvent(event);
}

bool DraftView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_proposals) {
        if (event->type() == QEvent::ChildAdded || event->type() == QEvent::ChildRemoved ||
            event->type() == QEvent::LayoutRequest)
            QTimer::singleShot(0, this, &DraftView::updateProposalsVisibility);
    } else if (watched == m_list && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Delete) && !editingTitle()) {
            deleteCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DraftView::updateProposalsVisibility()
{
    const bool show = m_proposals->layout()->count() > 0;
    if (show == m_proposals->isVisibleTo(this))
        return;
    m_proposals->setVisible(show);
    if (show)
        makeRoomFor(m_proposals, 300);
}

void DraftView::makeRoomFor(QWidget *pane, int width)
{
    // A pane that was hidden when the splitter laid out comes back with no width: take it
    // from the editor and preview in the middle.
    const int index = m_splitter->indexOf(pane);
    QList<int> sizes = m_splitter->sizes();
    if (index < 0 || sizes.value(index) > 0)
        return;
    const int centre = 1;
    const int take = qMin(width, sizes.value(centre) / 2);
    sizes[centre] -= take;
    sizes[index] = take;
    m_splitter->setSizes(sizes);
}

bool DraftView::openDocument(qint64 id)
{
    const DraftDocument doc = m_ctx->store()->document(id);
    if (doc.id == 0)
        return false;
    if (doc.id == m_documentId)
        return true;
    saveNow();
    loadDocument(doc);
    return true;
}

qint64 DraftView::newDocument(const QString &title, const QString &content)
{
    saveNow();
    const qint64 id = m_ctx->store()->createDocument(title, content);
    if (id == 0)
        return 0;
    loadDocument(m_ctx->store()->document(id));
    reloadList();
    return id;
}

void DraftView::loadDocument(const DraftDocument &doc)
{
    m_loading = true;
    m_documentId = doc.id;
    m_savedText = doc.content;
    m_language = doc.language;
    m_dirty = false;
    m_idleTimer->stop();
    m_maxTimer->stop();
    // setPlainText() also starts a fresh undo history: Ctrl+Z never reaches another document.
    m_editor->setPlainText(doc.content);
    m_loading = false;
    m_ctx->settings()->setValue(Settings::DraftLastDocumentId, doc.id);
    m_deleteButton->setEnabled(true);
    selectCurrentInList();
    fillLanguages();
    reloadVersions();
    m_previewTimer->stop();
    updatePreview();
    updateStats();
    updateSpelling();
}

void DraftView::closeDocument()
{
    m_loading = true;
    m_documentId = 0;
    m_savedText.clear();
    m_language.clear();
    m_dirty = false;
    m_editor->clear();
    m_loading = false;
    m_deleteButton->setEnabled(false);
    m_ctx->settings()->setValue(Settings::DraftLastDocumentId, 0);
    selectCurrentInList();
    fillLanguages();
    reloadVersions();
    updatePreview();
    updateStats();
}

void DraftView::ensureDocument()
{
    if (m_documentId != 0)
        return;
    const qint64 id = m_ctx->store()->createDocument(tr("Untitled draft"), m_editor->toPlainText());
    if (id == 0)
        return;
    m_documentId = id;
    m_savedText = m_editor->toPlainText();
    m_ctx->settings()->setValue(Settings::DraftLastDocumentId, id);
    m_deleteButton->setEnabled(true);
    reloadList();
    reloadVersions();
}

void DraftView::onTextChanged()
{
    if (m_loading)
        return;
    // Typing with nothing open starts a document rather than losing the text.
    ensureDocument();
    if (!m_dirty) {
        m_dirty = true;
        m_maxTimer->start();
    }
    m_idleTimer->start();
    m_previewTimer->start();
}

void DraftView::saveNow()
{
    m_idleTimer->stop();
    m_maxTimer->stop();
    if (!m_dirty || m_documentId == 0)
        return;
    m_dirty = false;
    const QString text = m_editor->toPlainText();
    if (text == m_savedText)
        return;
    if (m_ctx->store()->saveDocumentContent(m_documentId, text))
        m_savedText = text;
}

void DraftView::onStoreDocumentChanged(qint64 id)
{
    scheduleListReload();
    if (id != m_documentId || m_dirty)
        return;
    // Changed elsewhere (not by this editor's autosave): show the stored text, undoably.
    const DraftDocument doc = m_ctx->store()->document(id);
    if (doc.id == 0 || doc.content == m_savedText)
        return;
    m_savedText = doc.content;
    if (doc.content != m_editor->toPlainText()) {
        m_loading = true;
        replaceAllText(doc.content);
        m_loading = false;
        m_previewTimer->start();
    }
}

void DraftView::onStoreDocumentRemoved(qint64 id)
{
    scheduleListReload();
    if (id != m_documentId)
        return;
    m_dirty = false; // nothing left to save it to
    const QVector<DraftSummary> newest = m_ctx->store()->documents({}, 1);
    if (!newest.isEmpty())
        loadDocument(m_ctx->store()->document(newest.first().id));
    else
        closeDocument();
}

void DraftView::applyPreviewMode(const QString &mode)
{
    const QString m = (mode == QLatin1String("editor") || mode == QLatin1String("preview"))
                          ? mode
                          : QStringLiteral("split");
    m_mode->setCurrentIndex(m_mode->findData(m));
    m_editor->setVisible(m != QLatin1String("preview"));
    m_preview->setVisible(m != QLatin1String("editor"));
    if (m_preview->isVisibleTo(this))
        updatePreview();
}

void DraftView::updatePreview()
{
    if (!m_preview->isVisibleTo(this))
        return; // rendered when shown again
    const int scroll = m_preview->verticalScrollBar()->value();
    // The exports' renderer, headings unshifted: the preview looks like the HTML export.
    m_preview->document()->setHtml(MarkdownHtml::fragment(m_editor->toPlainText(), 0));
    m_preview->verticalScrollBar()->setValue(scroll);
}

void DraftView::updateStats()
{
    const TextStats s = TextStats::of(m_editor->toPlainText());
    const QString words = s.words == 1 ? tr("1 word") : tr("%L1 words").arg(s.words);
    const QString chars = s.characters == 1 ? tr("1 character") : tr("%L1 characters").arg(s.characters);
    const int minutes = s.words == 0 ? 0 : qMax(1, (s.readingSeconds + 30) / 60);
    const QString reading = s.words == 0 ? QString() : tr("%L1 min read").arg(minutes);
    QStringList parts{words, chars};
    if (!reading.isEmpty())
        parts << reading;
    m_stats->setText(parts.join(QStringLiteral(" · ")));
}

void DraftView::replaceAllText(const QString &text)
{
    QTextCursor cursor(m_editor->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    cursor.endEditBlock();
}

void DraftView::appendText(const QString &markdown)
{
    if (m_documentId == 0) {
        newDocument(tr("Untitled draft"), QString());
        if (m_documentId == 0)
            return;
    }
    const QString current = m_editor->toPlainText();
    QString separator;
    if (!current.isEmpty())
        separator = current.endsWith(QLatin1String("\n\n")) ? QString()
                    : current.endsWith(QLatin1Char('\n'))   ? QStringLiteral("\n")
                                                            : QStringLiteral("\n\n");
    QTextCursor cursor(m_editor->document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    cursor.insertText(separator + markdown);
    cursor.endEditBlock();
    m_editor->setTextCursor(cursor);
    m_editor->ensureCursorVisible();
}

} // namespace penpal
