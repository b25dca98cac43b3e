// What the user does with the thread: pointer, clicks, keys, selection, message actions, and
// the geometry queries they (and tests and accessibility) use. Scrolling, layout caching and
// painting are in ChatView.cpp.
#include "ChatView.h"

#include "model/MessageListModel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>

namespace penpal {

void ChatView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    switch (event->key()) {
    case Qt::Key_PageUp:
        scrollBy(-viewport()->height() + 40);
        return;
    case Qt::Key_PageDown:
        scrollBy(viewport()->height() - 40);
        return;
    case Qt::Key_Up:
        scrollBy(-verticalScrollBar()->singleStep());
        return;
    case Qt::Key_Down:
        scrollBy(verticalScrollBar()->singleStep());
        return;
    case Qt::Key_Home:
        if (event->modifiers() & Qt::ControlModifier) {
            scrollToRow(0);
            return;
        }
        break;
    case Qt::Key_End:
        if (event->modifiers() & Qt::ControlModifier) {
            scrollToBottom();
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

bool ChatView::visibleAt(const QPoint &pos, Visible *out) const
{
    for (const Visible &v : visibleRows()) {
        if (pos.y() >= v.top && pos.y() < v.top + v.layout->height()) {
            *out = v;
            return true;
        }
    }
    return false;
}

int ChatView::rowAt(const QPoint &pos) const
{
    Visible v;
    return visibleAt(pos, &v) ? v.row : -1;
}

QString ChatView::messageText(int row) const
{
    return m_model && row >= 0 && row < m_heights.size() ? layoutFor(row)->plainText() : QString();
}

QVector<ChatView::Action> ChatView::actionsOf(int row) const
{
    return m_model && row >= 0 && row < m_heights.size() ? layoutFor(row)->allActions() : QVector<Action>();
}

void ChatView::triggerAction(int row, Action action)
{
    if (!actionsOf(row).contains(action))
        return;
    MessageLayout::Hit hit;
    hit.action = action;
    handleClick(layoutFor(row), hit);
}

QRect ChatView::rowRect(int row) const
{
    for (const Visible &v : visibleRows()) {
        if (v.row == row)
            return QRect(0, v.top, viewport()->width(), v.layout->height());
    }
    return {};
}

QRect ChatView::actionRect(int row, Action a) const
{
    for (const Visible &v : visibleRows()) {
        if (v.row == row) {
            const QRect r = v.layout->actionRect(a);
            return r.isNull() ? QRect() : r.translated(0, v.top);
        }
    }
    return {};
}

// Found with the same hit test a click uses, so the rect is exactly where a click opens the
// link, whatever engine lays the message out. A scan, but only tests and accessibility ask.
QRect ChatView::linkRect(int row, const QString &href) const
{
    return hitRect(row, [&](const MessageLayout::Hit &hit) { return hit.anchor == href; });
}

QRect ChatView::imageRect(int row, const QString &url) const
{
    return hitRect(row, [&](const MessageLayout::Hit &hit) { return hit.imageUrl == url; });
}

// The first run on screen of points in `row` whose hit test matches, scanned in 2 px steps
// (tests and accessibility only).
QRect ChatView::hitRect(int row, const std::function<bool(const MessageLayout::Hit &)> &matches) const
{
    for (const Visible &v : visibleRows()) {
        if (v.row != row)
            continue;
        const int top = qMax(0, v.top);
        const int bottom = qMin(viewport()->height(), v.top + v.layout->height());
        const int width = viewport()->width();
        const auto hits = [&](int x, int y) {
            return matches(v.layout->hitTest(QPoint(x, y - v.top)));
        };
        for (int y = top; y < bottom; y += 2) {
            for (int x = 0; x < width; x += 2) {
                if (!hits(x, y))
                    continue;
                int left = x, right = x;
                while (left > 0 && hits(left - 1, y))
                    --left;
                while (right + 1 < width && hits(right + 1, y))
                    ++right;
                const int mid = (left + right) / 2;
                int upper = y, lower = y;
                while (upper > top && hits(mid, upper - 1))
                    --upper;
                while (lower + 1 < bottom && hits(mid, lower + 1))
                    ++lower;
                return QRect(QPoint(left, upper), QPoint(right, lower));
            }
        }
        return {};
    }
    return {};
}

void ChatView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    setHighlightedMessage(0);
    m_pressPos = event->pos();
    Visible v;
    if (event->button() != Qt::LeftButton || !visibleAt(event->pos(), &v))
        return;
    const MessageLayout *l = v.layout;
    const MessageLayout::Hit hit = l->hitTest(event->pos() - QPoint(0, v.top));
    if (hit.action == Action::None && hit.textPosition >= 0) {
        m_selMessage = l->messageId();
        m_selAnchor = m_selCursor = hit.textPosition;
        m_selecting = true;
        viewport()->update();
    }
}

void ChatView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_selecting) {
        // Selection stays within the message it started in.
        for (const Visible &v : visibleRows()) {
            if (v.layout->messageId() != m_selMessage)
                continue;
            const MessageLayout::Hit hit = v.layout->hitTest(event->pos() - QPoint(0, v.top));
            if (hit.textPosition >= 0)
                m_selCursor = hit.textPosition;
            else if (event->pos().y() < v.top)
                m_selCursor = 0;
            else if (event->pos().y() >= v.top + v.layout->height())
                m_selCursor = v.layout->bodyLength();
        }
        viewport()->update();
        return;
    }
    Action hover = Action::None;
    QString anchor;
    QString image;
    Visible v;
    const int row = visibleAt(event->pos(), &v) ? v.row : -1;
    if (row >= 0) {
        const MessageLayout::Hit hit = v.layout->hitTest(event->pos() - QPoint(0, v.top));
        hover = hit.action;
        anchor = hit.anchor;
        image = hit.imageUrl;
    }
    viewport()->setCursor(hover != Action::None || !anchor.isEmpty() || !image.isEmpty()
                              ? Qt::PointingHandCursor
                              : Qt::IBeamCursor);
    setToolTip(image.isEmpty() ? anchor : tr("Load %1").arg(image));
    if (row != m_hoverRow || hover != m_hoverAction) {
        m_hoverRow = row;
        m_hoverAction = hover;
        viewport()->update();
    }
}

void ChatView::mouseReleaseEvent(QMouseEvent *event)
{
    m_selecting = false;
    if (event->button() != Qt::LeftButton)
        return;
    const bool click = (event->pos() - m_pressPos).manhattanLength() < QApplication::startDragDistance();
    if (m_selAnchor == m_selCursor) {
        m_selMessage = 0;
        m_selAnchor = m_selCursor = -1;
    } else if (QApplication::clipboard()->supportsSelection()) {
        QApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
    }
    Visible v;
    if (click && visibleAt(event->pos(), &v))
        handleClick(v.layout, v.layout->hitTest(event->pos() - QPoint(0, v.top)));
    viewport()->update();
}

void ChatView::leaveEvent(QEvent *event)
{
    QAbstractScrollArea::leaveEvent(event);
    m_hoverRow = -1;
    m_hoverAction = Action::None;
    viewport()->update();
}

void ChatView::handleClick(const MessageLayout *l, const MessageLayout::Hit &hit)
{
    switch (hit.action) {
    case Action::None:
        if (!hit.imageUrl.isEmpty())
            Q_EMIT imageLoadRequested(hit.imageUrl);
        else if (!hit.anchor.isEmpty())
            Q_EMIT linkActivated(QUrl(hit.anchor), hit.anchorText);
        return;
    case Action::Copy:
        QApplication::clipboard()->setText(l->plainText());
        return;
    case Action::CopyMarkdown:
        QApplication::clipboard()->setText(l->markdown());
        return;
    case Action::CopyCode:
        QApplication::clipboard()->setText(l->codeText(hit.codeBlock));
        return;
    case Action::ToggleThinking:
        setThinkingExpanded(l->messageId(), !isThinkingExpanded(l->messageId()));
        return;
    case Action::Translate:
        Q_EMIT translateRequested(l->plainText());
        return;
    case Action::SendToDraft:
        Q_EMIT sendToDraftRequested(l->markdown(), false);
        return;
    default:
        Q_EMIT actionTriggered(l->messageId(), hit.action);
    }
}

void ChatView::setThinkingExpanded(qint64 messageId, bool expanded)
{
    if (expanded == m_expandedThinking.contains(messageId))
        return;
    if (expanded)
        m_expandedThinking.insert(messageId);
    else
        m_expandedThinking.remove(messageId);
    const int row = m_model ? m_model->rowOf(messageId) : -1;
    if (row < 0 || row >= m_heights.size())
        return;
    // Only this row's height changes; the anchor keeps the rows above where they are.
    m_heights[row] = -1;
    if (m_followBottom)
        settleAtBottom();
    else
        normalize();
}

QStringList ChatView::attachmentLabels(int row) const
{
    if (!m_model || row < 0 || row >= m_heights.size())
        return {};
    return layoutFor(row)->attachmentLabels();
}

QString ChatView::selectedText() const
{
    if (!m_model || m_selMessage == 0 || m_selAnchor == m_selCursor)
        return {};
    const int row = m_model->rowOf(m_selMessage);
    if (row < 0)
        return {};
    return layoutFor(row)->bodyText(qMin(m_selAnchor, m_selCursor), qMax(m_selAnchor, m_selCursor));
}

void ChatView::copySelection() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void ChatView::contextMenuEvent(QContextMenuEvent *event)
{
    const int row = rowAt(event->pos());
    QMenu menu(this);
    QAction *copySel = menu.addAction(tr("Copy Selection"), this, &ChatView::copySelection);
    copySel->setObjectName(QStringLiteral("actionCopySelection"));
    const QString selection = selectedText();
    copySel->setEnabled(!selection.isEmpty());
    QAction *translateSel = menu.addAction(tr("Translate Selection"), this,
                                           [this, selection] { Q_EMIT translateRequested(selection); });
    translateSel->setObjectName(QStringLiteral("actionTranslateSelection"));
    translateSel->setEnabled(!selection.trimmed().isEmpty());
    if (row >= 0) {
        const MessageLayout *l = layoutFor(row);
        const QString plain = l->plainText();
        const QString md = l->markdown();
        menu.addAction(tr("Copy Message"), this, [plain] { QApplication::clipboard()->setText(plain); });
        menu.addAction(tr("Copy as Markdown"), this, [md] { QApplication::clipboard()->setText(md); });
        if (l->actions().contains(Action::Translate)) {
            menu.addAction(tr("Translate Message"), this, [this, plain] { Q_EMIT translateRequested(plain); })
                ->setObjectName(QStringLiteral("actionTranslateMessage"));
        }
        if (l->actions().contains(Action::SendToDraft)) {
            menu.addAction(tr("Append to Draft"), this, [this, md] { Q_EMIT sendToDraftRequested(md, false); })
                ->setObjectName(QStringLiteral("actionAppendToDraft"));
            menu.addAction(tr("Send to New Draft"), this, [this, md] { Q_EMIT sendToDraftRequested(md, true); })
                ->setObjectName(QStringLiteral("actionSendToNewDraft"));
        }
    }
    menu.exec(event->globalPos());
}

// Between frames: turns the visible messages into pixmaps, then lays out and renders the
// ones just above and below the screen, so that scrolling to them costs a copy rather than
// a Markdown parse. One message per idle turn keeps every turn short.

} // namespace penpal
