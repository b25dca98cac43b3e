#include "ChatView.h"

#include "ChatViewAccessible.h"
#include "model/MessageListModel.h"
#include "render/ImageCache.h"
#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QSet>
#include <QToolButton>
#include <QWheelEvent>

namespace penpal {

namespace {
QString layoutKey(qint64 id, quint32 revision, int width)
{
    return QStringLiteral("%1:%2:%3").arg(id).arg(revision).arg(width);
}
} // namespace

ChatView::ChatView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_images(new ImageCache(this))
    , m_bodies(400)
    , m_layouts(300)
    , m_jumpButton(new QToolButton(this))
{
    ChatViewAccessible::install(); // before anything asks Qt for this view's interface
    setObjectName(QStringLiteral("chatView"));
    setAccessibleName(tr("Conversation"));
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setAutoFillBackground(true);
    verticalScrollBar()->setSingleStep(24);

    connect(m_images, &ImageCache::changed, this, &ChatView::onImageChanged);

    m_jumpButton->setObjectName(QStringLiteral("jumpToLatestButton"));
    m_jumpButton->setText(tr("Jump to latest ↓"));
    m_jumpButton->setToolTip(tr("Scroll to the newest message"));
    m_jumpButton->hide();
    connect(m_jumpButton, &QToolButton::clicked, this, &ChatView::scrollToBottom);
    m_prefetch.setSingleShot(true);
    m_prefetch.setInterval(0);
    connect(&m_prefetch, &QTimer::timeout, this, &ChatView::prefetchStep);
}

ChatView::~ChatView() = default;

void ChatView::setModel(MessageListModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, &ChatView::onReset);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) { onRowsRemoved(first, last); });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br) { onDataChanged(tl.row(), br.row()); });
    onReset();
}

int ChatView::contentWidth() const
{
    return viewport()->width();
}

MessageLayout *ChatView::layoutFor(int row) const
{
    const QModelIndex idx = m_model->index(row, 0);
    const qint64 id = idx.data(MessageListModel::IdRole).toLongLong();
    const bool thinkingOpen = m_expandedThinking.contains(id);
    const QString key = layoutKey(id, idx.data(MessageListModel::RevisionRole).toUInt(), contentWidth()) +
                        (thinkingOpen ? QStringLiteral(":t") : QString());
    if (MessageLayout *l = m_layouts.object(key)) {
        m_heights[row] = l->height(); // it may have been forgotten while the layout stayed cached
        return l;
    }
    // The rendered text outlives layouts: a new revision of a streaming reply appends to it.
    if (!m_renderer) {
        auto renderer = std::make_shared<MarkdownRenderer>(font(), RenderTheme::forPalette(palette()));
        renderer->setImageCache(m_images);
        m_renderer = renderer;
    }
    Bodies *bodies = m_bodies.object(id);
    if (!bodies) {
        bodies = new Bodies;
        const bool markdown = Role(idx.data(MessageListModel::RoleRole).toInt()) == Role::Assistant;
        bodies->body = std::make_shared<RenderedMessage>(
            m_renderer, markdown ? RenderedMessage::Format::Markdown : RenderedMessage::Format::PlainText);
        bodies->reasoning = std::make_shared<RenderedMessage>(m_renderer, RenderedMessage::Format::PlainText);
        m_bodies.insert(id, bodies);
    }
    auto *l = new MessageLayout(idx, contentWidth(), {font(), palette()}, bodies->body, bodies->reasoning,
                                thinkingOpen);
    ++m_layoutsBuilt;
    m_heights[row] = l->height();
    m_layouts.insert(key, l);
    return l;
}

void ChatView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        // Everything is drawn anew in the new style.
        m_renderer.reset();
        m_bodies.clear();
        m_layouts.clear();
        m_heights.fill(-1);
        m_estimates.fill(-1);
        if (m_followBottom)
            settleAtBottom();
        else
            normalize();
    }
}

int ChatView::exactHeight(int row) const
{
    if (m_heights.at(row) < 0)
        layoutFor(row);
    return m_heights.at(row);
}

int ChatView::heightOf(int row) const
{
    if (m_heights.at(row) >= 0)
        return m_heights.at(row);
    // An estimate from the text length, until the row is shown and laid out for real.
    if (m_estimates.at(row) < 0) {
        const QFontMetrics fm(font());
        const int chars = int(m_model->index(row, 0).data(MessageListModel::ContentRole).toString().size());
        const int perLine = qMax(20, (contentWidth() - 40) / qMax(1, fm.averageCharWidth()));
        m_estimates[row] = 60 + fm.lineSpacing() * (chars / perLine + 1);
    }
    return m_estimates.at(row);
}

void ChatView::onReset()
{
    m_bodies.clear();
    m_layouts.clear();
    m_heights = QVector<int>(m_model ? m_model->rowCount() : 0, -1);
    m_estimates = m_heights;
    m_anchorRow = 0;
    m_anchorOffset = 0;
    m_followBottom = true;
    m_selMessage = 0;
    settleAtBottom();
}

void ChatView::onRowsInserted(int first, int last)
{
    const int count = last - first + 1;
    m_heights.insert(first, count, -1);
    m_estimates.insert(first, count, -1);
    if (m_followBottom) {
        settleAtBottom();
        return;
    }
    // Rows above what the user reads (older messages loaded): the anchor moves with its row.
    if (first <= m_anchorRow)
        m_anchorRow += count;
    normalize();
}

void ChatView::onRowsRemoved(int first, int last)
{
    m_heights.remove(first, last - first + 1);
    m_estimates.remove(first, last - first + 1);
    if (m_anchorRow > last)
        m_anchorRow -= last - first + 1;
    else if (m_anchorRow >= first) {
        m_anchorRow = first;
        m_anchorOffset = 0;
    }
    if (m_followBottom)
        settleAtBottom();
    else
        normalize();
}

void ChatView::onDataChanged(int first, int last)
{
    for (int r = first; r <= last && r < m_heights.size(); ++r)
        m_heights[r] = m_estimates[r] = -1; // the revision changed: laid out anew when painted
    if (m_followBottom)
        settleAtBottom();
    else
        normalize();
}

// A loaded (or failed) image changes the size of its placeholder in every message showing it.
void ChatView::onImageChanged(const QString &url)
{
    if (!m_model)
        return;
    QSet<qint64> affected;
    const QList<qint64> ids = m_bodies.keys();
    for (qint64 id : ids) {
        if (Bodies *b = m_bodies.object(id); b && b->body->imageChanged(url))
            affected.insert(id);
    }
    if (affected.isEmpty())
        return;
    const QStringList keys = m_layouts.keys();
    for (const QString &key : keys) {
        if (affected.contains(key.section(QLatin1Char(':'), 0, 0).toLongLong()))
            m_layouts.remove(key);
    }
    for (int r = 0; r < m_heights.size(); ++r) {
        if (affected.contains(m_model->index(r, 0).data(MessageListModel::IdRole).toLongLong()))
            m_heights[r] = -1;
    }
    if (m_followBottom)
        settleAtBottom();
    else
        normalize();
    viewport()->update();
}

void ChatView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    m_heights.fill(-1);
    m_estimates.fill(-1);
    if (m_followBottom)
        settleAtBottom();
    else
        normalize();
    const QSize hint = m_jumpButton->sizeHint();
    m_jumpButton->setGeometry(viewport()->width() - hint.width() - 16,
                              viewport()->height() - hint.height() - 12, hint.width(), hint.height());
}

// Puts the last message's bottom at the bottom of the view.
void ChatView::settleAtBottom()
{
    m_followBottom = true;
    const int rows = m_heights.size();
    int remaining = viewport()->height();
    int row = rows - 1;
    while (row >= 0) {
        const int h = exactHeight(row);
        if (h >= remaining) {
            m_anchorRow = row;
            m_anchorOffset = h - remaining;
            break;
        }
        remaining -= h;
        --row;
    }
    if (row < 0) {
        m_anchorRow = 0;
        m_anchorOffset = 0;
    }
    updateScrollBar();
    updateJumpButton();
    viewport()->update();
    maybeFetchOlder();
}

// Keeps the anchor inside its row and the view inside the content.
void ChatView::normalize()
{
    const int rows = m_heights.size();
    if (rows == 0) {
        m_anchorRow = m_anchorOffset = 0;
        settleAtBottom();
        return;
    }
    m_anchorRow = qBound(0, m_anchorRow, rows - 1);
    while (m_anchorOffset < 0 && m_anchorRow > 0) {
        --m_anchorRow;
        m_anchorOffset += exactHeight(m_anchorRow);
    }
    if (m_anchorOffset < 0)
        m_anchorOffset = 0;
    while (m_anchorRow < rows - 1 && m_anchorOffset >= exactHeight(m_anchorRow)) {
        m_anchorOffset -= exactHeight(m_anchorRow);
        ++m_anchorRow;
    }
    // Is there more below the anchor than fills the view? If not, this is the bottom.
    int below = -m_anchorOffset;
    int r = m_anchorRow;
    while (r < rows && below <= viewport()->height())
        below += exactHeight(r++);
    if (r == rows && below <= viewport()->height()) {
        settleAtBottom();
        return;
    }
    m_followBottom = false;
    updateScrollBar();
    updateJumpButton();
    viewport()->update();
    maybeFetchOlder();
}

void ChatView::scrollBy(int dy)
{
    if (dy == 0)
        return;
    m_followBottom = false;
    m_scrollDirection = dy > 0 ? 1 : -1;
    m_anchorOffset += dy;
    normalize();
}

void ChatView::scrollToBottom()
{
    settleAtBottom();
}

void ChatView::scrollToRow(int row)
{
    m_anchorRow = row;
    m_anchorOffset = 0;
    m_followBottom = false;
    normalize();
}

void ChatView::updateScrollBar()
{
    int total = 0;
    int before = 0;
    for (int r = 0; r < m_heights.size(); ++r) {
        if (r == m_anchorRow)
            before = total;
        total += heightOf(r);
    }
    QScrollBar *bar = verticalScrollBar();
    m_updatingScrollBar = true;
    bar->setPageStep(viewport()->height());
    const int max = qMax(0, total - viewport()->height());
    bar->setRange(0, max);
    bar->setValue(m_followBottom ? max : qMin(max, before + m_anchorOffset));
    m_updatingScrollBar = false;
}

void ChatView::scrollContentsBy(int, int)
{
    if (m_updatingScrollBar || !m_model)
        return;
    // The user moved the scroll bar: find the row at that position (estimates included).
    QScrollBar *bar = verticalScrollBar();
    const int value = bar->value();
    if (value >= bar->maximum()) {
        settleAtBottom();
        return;
    }
    int y = 0;
    int row = 0;
    while (row < m_heights.size() - 1 && y + heightOf(row) <= value) {
        y += heightOf(row);
        ++row;
    }
    m_anchorRow = row;
    m_anchorOffset = value - y;
    m_followBottom = false;
    normalize();
}

void ChatView::wheelEvent(QWheelEvent *event)
{
    const QPoint pixels = event->pixelDelta();
    const int dy = !pixels.isNull() ? -pixels.y()
                                    : -event->angleDelta().y() * 3 * verticalScrollBar()->singleStep() / 120;
    scrollBy(dy);
    event->accept();
}

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

void ChatView::maybeFetchOlder()
{
    if (!m_model || !m_model->canFetchMore({}))
        return;
    // Load older messages before the user reaches the top, so scrolling never stalls there.
    int above = m_anchorOffset;
    for (int r = 0; r < m_anchorRow && above < 2 * viewport()->height(); ++r)
        above += heightOf(r);
    if (above < 2 * viewport()->height())
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_model && m_model->canFetchMore({}))
                    m_model->fetchMore({});
            },
            Qt::QueuedConnection);
}

QVector<ChatView::Visible> ChatView::visibleRows() const
{
    QVector<Visible> out;
    if (!m_model)
        return out;
    int y = -m_anchorOffset;
    for (int r = m_anchorRow; r < m_heights.size() && y < viewport()->height(); ++r) {
        MessageLayout *l = layoutFor(r);
        out.append({r, y, l});
        y += l->height();
    }
    return out;
}

void ChatView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const QVector<Visible> rows = visibleRows();
    if (!rows.isEmpty()) {
        m_prefetchAbove = rows.first().row - 1;
        m_prefetchBelow = rows.last().row + 1;
        m_prefetchBudget = int(rows.size()) + 6;
        m_prefetch.start();
    }
    for (const Visible &v : rows) {
        int selStart = -1, selEnd = -1;
        if (v.layout->messageId() == m_selMessage && m_selAnchor >= 0) {
            selStart = qMin(m_selAnchor, m_selCursor);
            selEnd = qMax(m_selAnchor, m_selCursor);
        }
        v.layout->paint(&p, QPoint(0, v.top), selStart, selEnd,
                        v.row == m_hoverRow ? m_hoverAction : Action::None);
    }
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
    copySel->setEnabled(!selectedText().isEmpty());
    if (row >= 0) {
        const MessageLayout *l = layoutFor(row);
        const QString plain = l->plainText();
        const QString md = l->markdown();
        menu.addAction(tr("Copy Message"), this, [plain] { QApplication::clipboard()->setText(plain); });
        menu.addAction(tr("Copy as Markdown"), this, [md] { QApplication::clipboard()->setText(md); });
    }
    menu.exec(event->globalPos());
}

// Between frames: turns the visible messages into pixmaps, then lays out and renders the
// ones just above and below the screen, so that scrolling to them costs a copy rather than
// a Markdown parse. One message per idle turn keeps every turn short.
void ChatView::prefetchStep()
{
    if (!m_model || m_prefetchBudget <= 0)
        return;
    --m_prefetchBudget;
    const qreal dpr = viewport()->devicePixelRatioF();
    for (const Visible &v : visibleRows()) {
        if (!v.layout->isWarm()) {
            v.layout->warm(dpr);
            m_prefetch.start();
            return;
        }
    }
    const int rows = int(m_heights.size());
    // Two of three messages in the direction the user is scrolling, one the other way.
    const bool upFirst = m_scrollDirection == 0  ? m_prefetchBudget % 2 == 0
                         : m_scrollDirection < 0 ? m_prefetchBudget % 3 != 0
                                                 : m_prefetchBudget % 3 == 0;
    int row = upFirst ? m_prefetchAbove : m_prefetchBelow;
    if (row < 0 || row >= rows)
        row = upFirst ? m_prefetchBelow : m_prefetchAbove;
    if (row < 0 || row >= rows)
        return;
    if (row == m_prefetchAbove)
        --m_prefetchAbove;
    else
        ++m_prefetchBelow;
    layoutFor(row)->warm(dpr);
    if (m_prefetchBudget > 0)
        m_prefetch.start();
}

void ChatView::updateJumpButton()
{
    m_jumpButton->setVisible(!m_followBottom && m_heights.size() > 0);
    m_jumpButton->raise();
}

} // namespace penpal
