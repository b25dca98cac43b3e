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
    MessageLayout::Style style{font(), palette()};
    if (m_compact) {
        style.margin = 4;
        style.padding = 6;
    }
    auto *l = new MessageLayout(idx, contentWidth(), style, bodies->body, bodies->reasoning, thinkingOpen);
    ++m_layoutsBuilt;
    m_heights[row] = l->height();
    m_layouts.insert(key, l);
    return l;
}

void ChatView::setCompact(bool compact)
{
    if (m_compact == compact)
        return;
    m_compact = compact;
    // Laid out anew with the other margins, as after a change of font.
    QEvent event(QEvent::FontChange);
    changeEvent(&event);
    viewport()->update();
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
    m_highlighted = 0;
    settleAtBottom();
}

void ChatView::setHighlightedMessage(qint64 messageId)
{
    if (m_highlighted == messageId)
        return;
    m_highlighted = messageId;
    viewport()->update();
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
        if (m_highlighted != 0 && v.layout->messageId() == m_highlighted) {
            // Over the message, translucent, so it shows whatever the message paints below.
            const QRect r(0, v.top, viewport()->width(), v.layout->height());
            QColor tint = palette().color(QPalette::Highlight);
            tint.setAlpha(40);
            p.fillRect(r, tint);
            tint.setAlpha(255);
            p.fillRect(QRect(r.topLeft(), QSize(4, r.height())), tint);
        }
    }
}

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
