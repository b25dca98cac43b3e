#pragma once

#include "MessageLayout.h"

#include <QAbstractScrollArea>
#include <QCache>
#include <QSet>
#include <QTimer>
#include <QVector>

#include <functional>
#include <memory>

class QToolButton;

namespace penpal {

class ImageCache;
class MarkdownRenderer;
class RenderedMessage;

class MessageListModel;

// The thread. A virtualized, bottom-anchored list of messages: only the messages on screen
// are laid out (each layout cached by id, revision and width); the rest have estimated
// heights until they scroll into view. Scrolling is kept as "which message is at the top,
// and how far into it", so heights becoming exact or older messages loading above never
// move what the user is looking at. Follows a streaming reply while the view is at the
// bottom; otherwise a "Jump to latest" button appears.
class ChatView : public QAbstractScrollArea {
    Q_OBJECT
public:
    using Action = MessageLayout::Action;

    explicit ChatView(QWidget *parent = nullptr);
    ~ChatView() override;

    void setModel(MessageListModel *model);
    MessageListModel *model() const { return m_model; }

    bool isAtBottom() const { return m_followBottom; }
    void scrollToBottom();
    void scrollToRow(int row); // row's top at the top of the view

    // For tests and accessibility: where things are on screen (viewport coordinates).
    int rowAt(const QPoint &viewportPos) const;
    QRect rowRect(int row) const;              // empty when not on screen
    QRect actionRect(int row, Action a) const; // empty when not on screen or not offered
    // Where a click on the row opens `href` (its first run on screen); empty when not on screen.
    QRect linkRect(int row, const QString &href) const;
    // Where a click on the row loads the image `url` (its placeholder); empty when not on
    // screen or not loadable now.
    QRect imageRect(int row, const QString &url) const;
    // The images the user loaded into this view (session memory only).
    ImageCache *imageCache() const { return m_images; }
    int laidOutCount() const { return m_layoutsBuilt; }

    // What a row says and offers, for keyboard and screen reader access (lays the row out).
    QString messageText(int row) const;
    QVector<Action> actionsOf(int row) const;
    // Does what a click on the action's button does.
    void triggerAction(int row, Action action);
    // A reply's "Thinking" section: collapsed unless opened (by a click on its header), for
    // as long as this view lives.
    bool isThinkingExpanded(qint64 messageId) const { return m_expandedThinking.contains(messageId); }
    void setThinkingExpanded(qint64 messageId, bool expanded);
    // The file chips drawn on a prompt ("name · size"), for tests and accessibility.
    QStringList attachmentLabels(int row) const;
    bool isPrefetching() const { return m_prefetch.isActive(); }

    QString selectedText() const;
    void copySelection() const;

    // A message opened from a search result: drawn with a tinted background until the user
    // clicks into the view, types a prompt (the pane clears it) or another thread is shown.
    // 0: none.
    void setHighlightedMessage(qint64 messageId);
    qint64 highlightedMessageId() const { return m_highlighted; }
    // Compact density: smaller margins around and inside each message (Settings → Appearance).
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }

Q_SIGNALS:
    // A message action was clicked (Copy and CopyCode are handled here already).
    void actionTriggered(qint64 messageId, penpal::MessageLayout::Action action);
    void linkActivated(const QUrl &url, const QString &text);
    // The user clicked an image placeholder: fetch the image into imageCache().
    void imageLoadRequested(const QString &url); // as written in the reply
    // Translate on a message, or Translate Selection in the context menu: the text to open
    // in the Translate workspace.
    void translateRequested(const QString &text);
    // "To Draft" on a message (append to the open document, or a new one when none is open),
    // or "Send to New Draft" in the context menu: the message's Markdown.
    void sendToDraftRequested(const QString &markdown, bool newDocument);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct Visible {
        int row = -1;
        int top = 0; // viewport y
        MessageLayout *layout = nullptr;
    };

    MessageLayout *layoutFor(int row) const;
    int heightOf(int row) const; // exact if laid out, else estimated
    int exactHeight(int row) const;
    int contentWidth() const;
    void scrollBy(int dy);
    void normalize();
    void settleAtBottom();
    void updateScrollBar();
    QVector<Visible> visibleRows() const;
    void maybeFetchOlder();
    void onRowsInserted(int first, int last);
    void onRowsRemoved(int first, int last);
    void onDataChanged(int first, int last);
    void onReset();
    void handleClick(const MessageLayout *layout, const MessageLayout::Hit &hit);
    bool visibleAt(const QPoint &viewportPos, Visible *out) const;
    void updateJumpButton();
    void prefetchStep();
    void onImageChanged(const QString &url);
    QRect hitRect(int row, const std::function<bool(const MessageLayout::Hit &)> &matches) const;

    MessageListModel *m_model = nullptr;
    ImageCache *m_images;
    struct Bodies {
        std::shared_ptr<RenderedMessage> body;
        std::shared_ptr<RenderedMessage> reasoning;
    };
    mutable std::shared_ptr<const MarkdownRenderer> m_renderer;
    mutable QCache<qint64, Bodies> m_bodies; // by message id, across revisions
    mutable QCache<QString, MessageLayout> m_layouts;
    mutable QVector<int> m_heights;   // exact heights at the current width, -1 unknown
    mutable QVector<int> m_estimates; // estimated heights, -1 not yet estimated
    mutable int m_layoutsBuilt = 0;
    int m_anchorRow = 0;
    int m_anchorOffset = 0; // pixels of the anchor row above the viewport's top
    bool m_followBottom = true;
    bool m_compact = false;
    bool m_updatingScrollBar = false;
    QToolButton *m_jumpButton;

    // Selection inside one message, in body text positions.
    qint64 m_selMessage = 0;
    int m_selAnchor = -1;
    int m_selCursor = -1;
    bool m_selecting = false;
    QPoint m_pressPos;
    int m_hoverRow = -1;
    Action m_hoverAction = Action::None;
    QSet<qint64> m_expandedThinking; // message ids
    QTimer m_prefetch;
    int m_prefetchAbove = -1;
    int m_prefetchBelow = -1;
    int m_prefetchBudget = 0;
    int m_scrollDirection = 0; // +1 last scrolled down, -1 up: prefetch leans that way
    qint64 m_highlighted = 0;  // see setHighlightedMessage
};

} // namespace penpal
