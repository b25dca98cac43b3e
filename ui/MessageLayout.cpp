#include "MessageLayout.h"

#include "chat/AttachmentLoader.h"
#include "core/AttachmentInfo.h"
#include "model/MessageListModel.h"
#include "render/ImageCache.h"
#include "render/ImagePlaceholder.h"
#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPixmap>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QtMath>

namespace penpal {

namespace {
constexpr int kGap = 4;      // between parts

QString headerText(const QModelIndex &index, Role role)
{
    if (role == Role::User)
        return MessageLayout::tr("You");
    if (role == Role::System)
        return MessageLayout::tr("System");
    const QString model = index.data(MessageListModel::ModelRole).toString();
    return model.isEmpty() ? MessageLayout::tr("Assistant") : model;
}

QString stateText(const QModelIndex &index, MessageState state, const QPalette &pal, QColor *color)
{
    const QString error =
        index.data(MessageListModel::ErrorTextRole).toString().section(QLatin1Char('\n'), 0, 0);
    *color = pal.color(QPalette::PlaceholderText);
    switch (state) {
    case MessageState::Streaming:
        return MessageLayout::tr("Writing…");
    case MessageState::Failed:
        *color = QColor(0xc0, 0x39, 0x2b);
        return MessageLayout::tr("Failed: %1").arg(error);
    case MessageState::Interrupted:
        *color = QColor(0xb9, 0x77, 0x0e);
        // No error text: the app itself stopped (crash, kill, power loss) mid-reply.
        return error.isEmpty()
                   ? MessageLayout::tr("Interrupted: Penpal was closed while this was being written.")
                   : MessageLayout::tr("Interrupted: %1").arg(error);
    case MessageState::Complete:
        if (index.data(MessageListModel::FinishReasonRole).toString() == QLatin1String("length")) {
            *color = QColor(0xb9, 0x77, 0x0e);
            return MessageLayout::tr("Cut off at the length limit. %1")
                .arg(index.data(MessageListModel::FooterTextRole).toString());
        }
        return index.data(MessageListModel::FooterTextRole).toString();
    }
    return {};
}
} // namespace

MessageLayout::MessageLayout(const QModelIndex &index, int width, const Style &style,
                             std::shared_ptr<RenderedMessage> body,
                             std::shared_ptr<RenderedMessage> reasoning, bool thinkingExpanded)
    : m_id(index.data(MessageListModel::IdRole).toLongLong())
    , m_role(Role(index.data(MessageListModel::RoleRole).toInt()))
    , m_state(MessageState(index.data(MessageListModel::StateRole).toInt()))
    , m_width(width)
    , m_style(style)
    , m_smallFont([&] {
        QFont f = style.font; // labels of actions and code blocks
        f.setPointSizeF(f.pointSizeF() * 0.85);
        return f;
    }())
    , m_markdown(index.data(MessageListModel::ContentRole).toString())
    , m_body(std::move(body))
    , m_reasoning(std::move(reasoning))
{
    const QFontMetrics fm(style.font);
    const int inner = qMax(80, width - 2 * (m_style.margin + m_style.padding));
    int y = m_style.margin + m_style.padding;

    m_canContinue = !m_markdown.isEmpty() &&
                    (m_state == MessageState::Interrupted ||
                     index.data(MessageListModel::FinishReasonRole).toString() == QLatin1String("length"));
    m_header = headerText(index, m_role);
    m_headerRect = QRect(m_style.margin + m_style.padding, y, inner, fm.height());
    const int siblings = index.data(MessageListModel::SiblingCountRole).toInt();
    if (siblings > 1) {
        // ‹ n/m ›: the other answers (or edits) at this point of the conversation.
        const int at = index.data(MessageListModel::SiblingIndexRole).toInt();
        m_siblings = QStringLiteral("%1/%2").arg(at).arg(siblings);
        const int arrow = fm.horizontalAdvance(QStringLiteral("‹")) + 12;
        const int label = fm.horizontalAdvance(m_siblings) + 8;
        const int x = m_headerRect.right() - 2 * arrow - label;
        if (at > 1)
            m_navButtons.append(
                {Action::PreviousSibling, QStringLiteral("‹"), QRect(x, y, arrow, fm.height())});
        m_siblingsRect = QRect(x + arrow, y, label, fm.height());
        if (at < siblings)
            m_navButtons.append(
                {Action::NextSibling, QStringLiteral("›"), QRect(x + arrow + label, y, arrow, fm.height())});
    }
    y += fm.height() + kGap;

    const int omitted = index.data(MessageListModel::OmittedBeforeRole).toInt();
    if (omitted > 0) {
        m_omitted =
            tr("%n earlier message(s) were not sent with this request (context limit).", nullptr, omitted);
        m_omittedRect = QRect(m_style.margin + m_style.padding, y, inner, fm.height());
        y += fm.height() + kGap;
    }

    // A prompt's files as chips in a row that wraps: name and size, no bytes.
    const AttachmentInfos files = index.data(MessageListModel::AttachmentsRole).value<AttachmentInfos>();
    if (!files.isEmpty()) {
        const QFontMetrics sfm(m_smallFont);
        int x = m_style.margin + m_style.padding;
        for (const AttachmentInfo &f : files) {
            const QString label = QStringLiteral("%1 %2 · %3")
                                      .arg(f.isImage() ? QStringLiteral("🖼") : QStringLiteral("📄"),
                                           f.fileName, AttachmentLoader::sizeText(f.size));
            const int w = qMin(inner, sfm.horizontalAdvance(label) + 16);
            if (x > m_style.margin + m_style.padding && x + w > m_style.margin + m_style.padding + inner) {
                x = m_style.margin + m_style.padding;
                y += sfm.height() + 6 + kGap;
            }
            m_attachmentRects << QRect(x, y, w, sfm.height() + 6);
            m_attachmentLabels << label;
            x += w + kGap;
        }
        y += sfm.height() + 6 + kGap;
    }

    // The body is rendered incrementally and kept by the view across revisions: a streaming
    // reply re-renders only its open tail, never the closed blocks before it.
    m_body->setText(m_markdown);
    // Reasoning sits in a section under a "Thinking" header, collapsed unless the view says
    // otherwise: it can be far longer than the answer, which is what the reader came for.
    const QString thinking = index.data(MessageListModel::ReasoningRole).toString().trimmed();
    if (!thinking.isEmpty()) {
        const QString arrow = thinkingExpanded ? QStringLiteral("▾") : QStringLiteral("▸");
        m_thinkingLabel = m_state == MessageState::Streaming
                              ? tr("%1 Thinking…").arg(arrow)
                              : tr("%1 Thinking (%n character(s))", nullptr, int(thinking.size())).arg(arrow);
        m_thinkingRect = QRect(m_style.margin + m_style.padding, y, qMin(inner, fm.horizontalAdvance(m_thinkingLabel) + 12),
                               fm.height());
        y += fm.height() + kGap;
    }
    if (!thinking.isEmpty() && thinkingExpanded && m_reasoning) {
        m_reasoning->setText(thinking);
        const int h = qCeil(m_reasoning->size(inner).height());
        m_reasoningRect = QRect(m_style.margin + m_style.padding, y, inner, h);
        y += h + kGap;
    } else {
        m_reasoning.reset();
    }
    const int bodyHeight = qCeil(m_body->size(inner).height());
    m_bodyRect = QRect(m_style.margin + m_style.padding, y, inner, bodyHeight);
    y += bodyHeight + kGap;

    const QFontMetrics sfm(m_smallFont);
    // A Copy button at the right of each code block's header strip.
    const QVector<CodeBlockInfo> blocks = m_body->codeBlocks();
    for (int i = 0; i < blocks.size(); ++i) {
        const QRectF box = m_body->codeBlockRect(i);
        const QString copy = tr("Copy");
        const int w = sfm.horizontalAdvance(copy) + 12;
        const int h = qMax(sfm.height() + 2, qCeil(m_body->renderer()->codeHeaderHeight()));
        m_codeCopyRects << QRect(m_bodyRect.left() + qFloor(box.right()) - w,
                                 m_bodyRect.top() + qFloor(box.top()), w, h);
        m_codeTexts << blocks.at(i).code;
    }

    QColor color;
    m_footer = stateText(index, m_state, style.palette, &color);
    m_footerColor = color;
    if (!m_footer.isEmpty()) {
        m_footerRect = QRect(m_style.margin + m_style.padding, y, inner, fm.height());
        y += fm.height() + kGap;
    }
    layoutActions(y);
    y += sfm.height() + 6;
    m_height = y + m_style.padding + m_style.margin - kGap;
}

MessageLayout::~MessageLayout() = default;

QVector<MessageLayout::Action> MessageLayout::actions() const
{
    QVector<Action> out;
    if (m_state == MessageState::Streaming)
        return {Action::Copy};
    out << Action::Copy << Action::CopyMarkdown;
    // Nothing to translate in an empty reply (a failure before the first token).
    if (!m_markdown.trimmed().isEmpty())
        out << Action::Translate << Action::SendToDraft;
    if (m_role == Role::Assistant) {
        out << Action::Regenerate;
        if (m_canContinue)
            out << Action::Continue;
    }
    if (m_role == Role::User)
        out << Action::Edit;
    out << Action::Delete;
    return out;
}

static QString actionLabel(MessageLayout::Action a)
{
    switch (a) {
    case MessageLayout::Action::Copy:
        return MessageLayout::tr("Copy");
    case MessageLayout::Action::CopyMarkdown:
        return MessageLayout::tr("Copy Markdown");
    case MessageLayout::Action::Regenerate:
        return MessageLayout::tr("Regenerate");
    case MessageLayout::Action::Edit:
        return MessageLayout::tr("Edit");
    case MessageLayout::Action::Delete:
        return MessageLayout::tr("Delete");
    case MessageLayout::Action::Continue:
        return MessageLayout::tr("Continue");
    case MessageLayout::Action::Translate:
        return MessageLayout::tr("Translate");
    case MessageLayout::Action::SendToDraft:
        return MessageLayout::tr("To Draft");
    default:
        return {};
    }
}

QString MessageLayout::actionName(Action a)
{
    switch (a) {
    case Action::PreviousSibling:
        return tr("Previous version");
    case Action::NextSibling:
        return tr("Next version");
    case Action::ToggleThinking:
        return tr("Show or hide thinking");
    case Action::SendToDraft:
        return tr("Send to Draft");
    default:
        return actionLabel(a);
    }
}

QVector<MessageLayout::Action> MessageLayout::allActions() const
{
    QVector<Action> out = actions();
    for (Action a : {Action::PreviousSibling, Action::NextSibling, Action::ToggleThinking}) {
        if (!actionRect(a).isEmpty())
            out << a;
    }
    return out;
}

void MessageLayout::layoutActions(int y)
{
    const QFontMetrics fm(m_smallFont);
    int x = m_style.margin + m_style.padding;
    for (Action a : actions()) {
        const QString label = actionLabel(a);
        const QRect r(x, y, fm.horizontalAdvance(label) + 12, fm.height() + 4);
        m_buttons.append({a, label, r});
        x = r.right() + 6;
    }
}

QRect MessageLayout::actionRect(Action a) const
{
    if (a == Action::ToggleThinking)
        return m_thinkingRect;
    for (const auto &b : m_buttons) {
        if (b.action == a)
            return b.rect;
    }
    for (const auto &b : m_navButtons) {
        if (b.action == a)
            return b.rect;
    }
    return {};
}

void MessageLayout::paint(QPainter *p, const QPoint &topLeft, int selectionStart, int selectionEnd,
                          Action hover) const
{
    // The plain look (no selection, no hover), once warm(), is a pixmap: scrolling then only
    // copies pixels instead of drawing rich text again every frame.
    if (selectionEnd <= selectionStart && hover == Action::None && !m_pixmap.isNull() &&
        (!p->device() || qFuzzyCompare(m_pixmap.devicePixelRatio(), p->device()->devicePixelRatioF()))) {
        p->drawPixmap(topLeft, m_pixmap);
        return;
    }
    paintContent(p, topLeft, selectionStart, selectionEnd, hover);
}

void MessageLayout::warm(qreal devicePixelRatio) const
{
    if (!m_pixmap.isNull() && qFuzzyCompare(m_pixmap.devicePixelRatio(), devicePixelRatio))
        return;
    QPixmap pm(QSize(m_width, m_height) * devicePixelRatio);
    pm.setDevicePixelRatio(devicePixelRatio);
    pm.fill(Qt::transparent);
    QPainter pp(&pm);
    paintContent(&pp, QPoint(), -1, -1, Action::None);
    m_pixmap = pm;
}

void MessageLayout::paintContent(QPainter *p, const QPoint &topLeft, int selectionStart, int selectionEnd,
                                 Action hover) const
{
    const QPalette &pal = m_style.palette;
    p->save();
    p->translate(topLeft);
    p->setRenderHint(QPainter::Antialiasing);
    const QRect bubble(m_style.margin, m_style.margin, m_width - 2 * m_style.margin, m_height - 2 * m_style.margin);
    p->setPen(pal.color(QPalette::Mid));
    p->setBrush(pal.color(m_role == Role::User ? QPalette::AlternateBase : QPalette::Base));
    p->drawRoundedRect(bubble, 8, 8);

    QFont bold = m_style.font;
    bold.setBold(true);
    p->setFont(bold);
    p->setPen(pal.color(QPalette::Text));
    p->drawText(m_headerRect, Qt::AlignLeft | Qt::AlignVCenter, m_header);
    p->setFont(m_style.font);
    if (!m_siblings.isEmpty()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(m_siblingsRect, Qt::AlignCenter, m_siblings);
        for (const auto &b : m_navButtons) {
            p->setPen(pal.color(b.action == hover ? QPalette::Text : QPalette::Link));
            p->drawText(b.rect, Qt::AlignCenter, b.label);
        }
    }
    if (!m_omitted.isEmpty()) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(m_omittedRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(m_style.font).elidedText(m_omitted, Qt::ElideRight, m_omittedRect.width()));
    }

    p->setFont(m_smallFont);
    for (int i = 0; i < m_attachmentRects.size(); ++i) {
        const QRect &r = m_attachmentRects.at(i);
        p->setPen(pal.color(QPalette::Mid));
        p->setBrush(pal.color(QPalette::Button));
        p->drawRoundedRect(r, 6, 6);
        p->setPen(pal.color(QPalette::ButtonText));
        const QString label = m_attachmentLabels.at(i);
        p->drawText(r.adjusted(8, 0, -8, 0), Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(m_smallFont).elidedText(label, Qt::ElideMiddle, r.width() - 16));
    }
    p->setFont(m_style.font);
    if (!m_thinkingRect.isEmpty()) {
        p->setPen(pal.color(hover == Action::ToggleThinking ? QPalette::Text : QPalette::PlaceholderText));
        p->drawText(m_thinkingRect, Qt::AlignLeft | Qt::AlignVCenter, m_thinkingLabel);
    }
    if (m_reasoning) {
        // Thinking comes first, in the placeholder colour, apart from the answer.
        RenderedMessage::PaintContext grey;
        grey.palette = pal;
        grey.palette.setColor(QPalette::Text, pal.color(QPalette::PlaceholderText));
        p->save();
        p->translate(m_reasoningRect.topLeft());
        m_reasoning->draw(p, QRectF(QPointF(), m_reasoningRect.size()), grey);
        p->restore();
    }
    RenderedMessage::PaintContext ctx;
    ctx.palette = pal;
    ctx.selectionStart = selectionStart;
    ctx.selectionEnd = selectionEnd;
    p->save();
    p->translate(m_bodyRect.topLeft());
    m_body->draw(p, QRectF(QPointF(), m_bodyRect.size()), ctx);
    p->restore();

    p->setFont(m_smallFont);
    for (int i = 0; i < m_codeCopyRects.size(); ++i) {
        const QRect &r = m_codeCopyRects.at(i);
        p->setPen(pal.color(hover == Action::CopyCode && i == m_hoverCode ? QPalette::Text : QPalette::Link));
        p->drawText(r, Qt::AlignCenter, tr("Copy"));
    }

    if (!m_footer.isEmpty()) {
        p->setFont(m_style.font);
        p->setPen(m_footerColor);
        p->drawText(m_footerRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(m_style.font).elidedText(m_footer, Qt::ElideRight, m_footerRect.width()));
    }

    p->setFont(m_smallFont);
    for (const auto &b : m_buttons) {
        if (b.action == hover) {
            p->setPen(Qt::NoPen);
            p->setBrush(pal.color(QPalette::Midlight));
            p->drawRoundedRect(b.rect, 4, 4);
        }
        p->setPen(pal.color(b.action == hover ? QPalette::Text : QPalette::PlaceholderText));
        p->drawText(b.rect, Qt::AlignCenter, b.label);
    }
    p->restore();
}

MessageLayout::Hit MessageLayout::hitTest(const QPoint &local) const
{
    Hit hit;
    if (m_thinkingRect.contains(local)) {
        hit.action = Action::ToggleThinking;
        return hit;
    }
    for (const auto &b : m_buttons + m_navButtons) {
        if (b.rect.contains(local)) {
            hit.action = b.action;
            return hit;
        }
    }
    for (int i = 0; i < m_codeCopyRects.size(); ++i) {
        if (m_codeCopyRects.at(i).contains(local)) {
            hit.action = Action::CopyCode;
            hit.codeBlock = i;
            return hit;
        }
    }
    if (m_bodyRect.adjusted(0, 0, 0, 1).contains(local)) {
        const QPointF inBody = local - m_bodyRect.topLeft();
        hit.anchor = m_body->anchorAt(inBody);
        hit.textPosition = m_body->hitTest(inBody, Qt::FuzzyHit);
        if (!hit.anchor.isEmpty())
            hit.anchorText = anchorTextAt(inBody, hit.anchor);
        hit.imageUrl = loadableImageAt(inBody);
        if (!hit.imageUrl.isEmpty())
            hit.anchor.clear(); // a click on a placeholder loads it, even inside a link
    } else if (local.y() < m_bodyRect.top()) {
        hit.textPosition = 0;
    } else if (local.y() >= m_bodyRect.bottom()) {
        hit.textPosition = bodyLength();
    }
    return hit;
}

// The URL of an image placeholder at `point` that a click may load: a web image not loaded
// and not loading yet.
QString MessageLayout::loadableImageAt(const QPointF &point) const
{
    const int index = m_body->imageAt(point);
    if (index < 0)
        return {};
    const QString url = m_body->images().value(index).url;
    const ImageCache *cache = m_body->renderer()->imageCache();
    if (!cache || !ImagePlaceholder::isLoadable(url))
        return {};
    const ImageCache::State state = cache->state(url);
    return state == ImageCache::State::None || state == ImageCache::State::Failed ? url : QString();
}

// The visible text of the link at `point`: the run of characters in its block that carry
// the same href.
QString MessageLayout::anchorTextAt(const QPointF &point, const QString &href) const
{
    const int c = m_body->chunkAt(point.y());
    if (c < 0)
        return {}; // unknown text: the caller then asks before opening
    const RenderedChunk &chunk = m_body->chunk(c);
    const QPointF local(point.x(), point.y() - m_body->chunkTop(c));
    const int position = chunk.doc->documentLayout()->hitTest(local, Qt::ExactHit);
    if (position < 0)
        return {}; // unknown text: the caller then asks before opening
    QTextCursor cursor(chunk.doc.get());
    cursor.setPosition(position);
    QString text;
    for (auto it = cursor.block().begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (f.charFormat().anchorHref() == href)
            text += f.text();
        else if (!text.isEmpty() && f.position() > position)
            break;
        else if (f.position() + f.length() <= position)
            text.clear();
    }
    return text;
}

int MessageLayout::bodyLength() const
{
    return m_body->positionCount();
}

QString MessageLayout::bodyText(int from, int to) const
{
    return m_body->selectedText(qMin(from, to), qMax(from, to));
}

QString MessageLayout::plainText() const
{
    return m_body->toPlainText();
}

QString MessageLayout::codeText(int codeBlock) const
{
    return m_codeTexts.value(codeBlock);
}

void MessageLayout::setHoveredCode(int index) const
{
    m_hoverCode = index;
}

} // namespace penpal
