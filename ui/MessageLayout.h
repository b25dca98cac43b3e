#pragma once

#include "core/Message.h"

#include <QCoreApplication>
#include <QFont>
#include <QPalette>
#include <QPixmap>
#include <QRect>
#include <QString>
#include <QVector>

#include <memory>

class QPainter;
class QModelIndex;

namespace penpal {

class RenderedMessage;

// One message laid out for painting at one width: a header (who, ‹ n/m ›), the body
// (Markdown for replies, plain text for prompts, reasoning above), a state line, and a row
// of actions. Built once per (id, revision, width) and cached by the view; painting and
// hit-testing never re-parse text.
class MessageLayout {
    Q_DECLARE_TR_FUNCTIONS(MessageLayout)
public:
    enum class Action {
        None,
        Copy,
        CopyMarkdown,
        Regenerate,
        Edit,
        Delete,
        Continue,
        PreviousSibling,
        NextSibling,
        CopyCode,
        ToggleThinking, // the "Thinking" header: shows or hides the reasoning
        Translate,      // opens the Translate workspace with the message's text
        SendToDraft,    // appends the message's Markdown to the open Draft document (or a new one)
    };

    struct Hit {
        Action action = Action::None;
        int codeBlock = -1;    // for CopyCode
        QString anchor;        // link under the point
        QString anchorText;    // its visible text
        QString imageUrl;      // an image placeholder a click would load (then no anchor)
        int textPosition = -1; // cursor position in the body, -1 outside it
    };

    struct Style {
        QFont font;
        QPalette palette;
        int margin = 10;  // around the bubble (smaller when the density is compact)
        int padding = 10; // inside it
    };

    // `body` (and `reasoning`, when the message has any) are kept by the caller across
    // revisions of the message, so that streaming re-renders only what changed.
    MessageLayout(const QModelIndex &index, int width, const Style &style,
                  std::shared_ptr<RenderedMessage> body, std::shared_ptr<RenderedMessage> reasoning,
                  bool thinkingExpanded = false);
    ~MessageLayout();

    int height() const { return m_height; }
    // Reasoning is a section collapsed under a "Thinking" header unless `thinkingExpanded`.
    bool hasThinking() const { return !m_thinkingRect.isEmpty(); }
    bool isThinkingExpanded() const { return m_reasoning != nullptr; }
    QString thinkingLabel() const { return m_thinkingLabel; }
    // A prompt's attached files as drawn: "name · size" per chip.
    QStringList attachmentLabels() const { return m_attachmentLabels; }
    int width() const { return m_width; }
    qint64 messageId() const { return m_id; }

    // `selection` is a [start, end) range of body positions to highlight; `hover` the action
    // under the mouse.
    void paint(QPainter *p, const QPoint &topLeft, int selectionStart, int selectionEnd, Action hover) const;
    // Draws the plain look into a pixmap that later paints copy (done between frames).
    void warm(qreal devicePixelRatio) const;
    bool isWarm() const { return !m_pixmap.isNull(); }
    Hit hitTest(const QPoint &local) const;
    QRect actionRect(Action a) const; // empty when the action is not offered
    QVector<Action> actions() const;
    // Every action the message offers now, the ‹ › sibling arrows and the Thinking toggle
    // included (what keyboard and screen reader users can trigger).
    QVector<Action> allActions() const;
    static QString actionName(Action a); // "Copy", "Previous version", ...

    QString bodyText(int from, int to) const; // plain text of a body range
    QString plainText() const;                // what Copy gives
    QString markdown() const { return m_markdown; }
    QString codeText(int codeBlock) const;
    int bodyLength() const;
    void setHoveredCode(int index) const;

private:
    void layoutActions(int y);
    QString anchorTextAt(const QPointF &point, const QString &href) const;
    QString loadableImageAt(const QPointF &point) const;
    void paintContent(QPainter *p, const QPoint &topLeft, int selectionStart, int selectionEnd,
                      Action hover) const;

    qint64 m_id = 0;
    Role m_role = Role::User;
    MessageState m_state = MessageState::Complete;
    int m_width = 0;
    int m_height = 0;
    Style m_style;
    QFont m_smallFont;
    QString m_header;
    bool m_canContinue = false;
    QString m_siblings; // "1/2" or empty
    QRect m_siblingsRect;
    QRect m_headerRect;
    QRect m_bodyRect;
    QRect m_footerRect;
    QString m_footer;
    QColor m_footerColor;
    QString m_omitted; // "3 earlier messages were not sent"
    QRect m_omittedRect;
    QString m_markdown;
    std::shared_ptr<RenderedMessage> m_body;
    std::shared_ptr<RenderedMessage> m_reasoning;
    QRect m_reasoningRect;
    QRect m_thinkingRect; // the header; empty without reasoning
    QString m_thinkingLabel;
    QStringList m_attachmentLabels;
    QVector<QRect> m_attachmentRects;
    QVector<QRect> m_codeCopyRects; // message coordinates
    QStringList m_codeTexts;
    mutable int m_hoverCode = -1;
    struct ActionButton {
        Action action;
        QString label;
        QRect rect;
    };
    QVector<ActionButton> m_buttons;
    QVector<ActionButton> m_navButtons;
    mutable QPixmap m_pixmap; // the plain look, drawn on first paint
};

} // namespace penpal
