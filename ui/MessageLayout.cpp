#include "MessageLayout.h"

#include "SafeTextDocument.h"
#include "model/MessageListModel.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPixmap>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QtMath>

namespace penpal {

namespace {
constexpr int kMargin = 10;  // around the bubble
constexpr int kPadding = 10; // inside it
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
    const QString error = index.data(MessageListModel::ErrorTextRole).toString().section(QLatin1Char('\n'), 0, 0);
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
        return error.isEmpty() ? MessageLayout::tr("Interrupted: Penpal was closed while this was being written.")
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

MessageLayout::MessageLayout(const QModelIndex &index, int width, const Style &style)
    : m_id(index.data(MessageListModel::IdRole).toLongLong())
    , m_role(Role(index.data(MessageListModel::RoleRole).toInt()))
    , m_state(MessageState(index.data(MessageListModel::StateRole).toInt()))
    , m_width(width)
    , m_style(style)
    , m_markdown(index.data(MessageListModel::ContentRole).toString())
{
    const QFontMetrics fm(style.font);
    const int inner = qMax(80, width - 2 * (kMargin + kPadding));
    int y = kMargin + kPadding;

    m_canContinue = !m_markdown.isEmpty() &&
                    (m_state == MessageState::Interrupted ||
                     index.data(MessageListModel::FinishReasonRole).toString() == QLatin1String("length"));
    m_header = headerText(index, m_role);
    m_headerRect = QRect(kMargin + kPadding, y, inner, fm.height());
    const int siblings = index.data(MessageListModel::SiblingCountRole).toInt();
    if (siblings > 1) {
        // ‹ n/m ›: the other answers (or edits) at this point of the conversation.
        const int at = index.data(MessageListModel::SiblingIndexRole).toInt();
        m_siblings = QStringLiteral("%1/%2").arg(at).arg(siblings);
        const int arrow = fm.horizontalAdvance(QStringLiteral("‹")) + 12;
        const int label = fm.horizontalAdvance(m_siblings) + 8;
        const int x = m_headerRect.right() - 2 * arrow - label;
        if (at > 1)
            m_navButtons.append({Action::PreviousSibling, QStringLiteral("‹"), QRect(x, y, arrow, fm.height())});
        m_siblingsRect = QRect(x + arrow, y, label, fm.height());
        if (at < siblings)
            m_navButtons.append(
                {Action::NextSibling, QStringLiteral("›"), QRect(x + arrow + label, y, arrow, fm.height())});
    }
    y += fm.height() + kGap;

    const int omitted = index.data(MessageListModel::OmittedBeforeRole).toInt();
    if (omitted > 0) {
        m_omitted = tr("%n earlier message(s) were not sent with this request (context limit).", nullptr, omitted);
        m_omittedRect = QRect(kMargin + kPadding, y, inner, fm.height());
        y += fm.height() + kGap;
    }

    auto doc = std::make_unique<SafeTextDocument>();
    doc->setDefaultFont(style.font);
    doc->setDocumentMargin(0);
    if (m_role == Role::Assistant)
        doc->setSafeMarkdown(m_markdown);
    else
        doc->setPlainText(m_markdown);
    const QString reasoning = index.data(MessageListModel::ReasoningRole).toString();
    if (!reasoning.isEmpty()) {
        QTextCursor c(doc.get());
        c.movePosition(QTextCursor::Start);
        c.insertBlock();
        c.movePosition(QTextCursor::PreviousBlock);
        QTextCharFormat grey;
        grey.setForeground(style.palette.color(QPalette::PlaceholderText));
        grey.setFontItalic(true);
        c.insertText(reasoning.trimmed(), grey);
    }
    doc->setTextWidth(inner);
    m_body = std::move(doc);
    const int bodyHeight = qCeil(m_body->size().height());
    m_bodyRect = QRect(kMargin + kPadding, y, inner, bodyHeight);
    y += bodyHeight + kGap;

    // Fenced code: consecutive blocks that carry a code-fence property form one block.
    const QFont small = [&] {
        QFont f = style.font;
        f.setPointSizeF(f.pointSizeF() * 0.85);
        return f;
    }();
    const QFontMetrics sfm(small);
    for (QTextBlock b = m_body->begin(); b.isValid(); b = b.next()) {
        const QTextBlockFormat f = b.blockFormat();
        if (!f.hasProperty(QTextFormat::BlockCodeFence))
            continue;
        CodeBlock cb;
        cb.language = f.stringProperty(QTextFormat::BlockCodeLanguage);
        QRectF r = m_body->documentLayout()->blockBoundingRect(b);
        QStringList lines{b.text()};
        while (b.next().isValid() && b.next().blockFormat().hasProperty(QTextFormat::BlockCodeFence) &&
               b.next().blockFormat().stringProperty(QTextFormat::BlockCodeLanguage) == cb.language) {
            b = b.next();
            lines << b.text();
            r = r.united(m_body->documentLayout()->blockBoundingRect(b));
        }
        cb.text = lines.join(QLatin1Char('\n'));
        cb.rect = r.toAlignedRect();
        const QString copy = tr("Copy");
        const int w = sfm.horizontalAdvance(copy) + 12;
        cb.copyRect = QRect(m_bodyRect.left() + inner - w, m_bodyRect.top() + cb.rect.top(), w, sfm.height() + 4);
        m_codeBlocks << cb;
    }

    QColor color;
    m_footer = stateText(index, m_state, style.palette, &color);
    m_footerColor = color;
    if (!m_footer.isEmpty()) {
        m_footerRect = QRect(kMargin + kPadding, y, inner, fm.height());
        y += fm.height() + kGap;
    }
    layoutActions(y);
    y += sfm.height() + 6;
    m_height = y + kPadding + kMargin - kGap;
}

MessageLayout::~MessageLayout() = default;

QVector<MessageLayout::Action> MessageLayout::actions() const
{
    QVector<Action> out;
    if (m_state == MessageState::Streaming)
        return {Action::Copy};
    out << Action::Copy << Action::CopyMarkdown;
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
    default:
        return {};
    }
}

void MessageLayout::layoutActions(int y)
{
    QFont small = m_style.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics fm(small);
    int x = kMargin + kPadding;
    for (Action a : actions()) {
        const QString label = actionLabel(a);
        const QRect r(x, y, fm.horizontalAdvance(label) + 12, fm.height() + 4);
        m_buttons.append({a, label, r});
        x = r.right() + 6;
    }
}

QRect MessageLayout::actionRect(Action a) const
{
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
    const QRect bubble(kMargin, kMargin, m_width - 2 * kMargin, m_height - 2 * kMargin);
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

    QFont small = m_style.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    // Code blocks: a tinted background, the language and a Copy button.
    for (const CodeBlock &cb : m_codeBlocks) {
        const QRect r = cb.rect.translated(m_bodyRect.topLeft()).adjusted(-4, -2, 4, 2);
        p->setPen(Qt::NoPen);
        p->setBrush(pal.color(QPalette::AlternateBase));
        p->drawRoundedRect(r, 4, 4);
    }

    p->save();
    p->translate(m_bodyRect.topLeft());
    QAbstractTextDocumentLayout::PaintContext ctx;
    ctx.palette = pal;
    if (selectionEnd > selectionStart) {
        QAbstractTextDocumentLayout::Selection sel;
        sel.cursor = QTextCursor(m_body.get());
        sel.cursor.setPosition(selectionStart);
        sel.cursor.setPosition(selectionEnd, QTextCursor::KeepAnchor);
        sel.format.setBackground(pal.color(QPalette::Highlight));
        sel.format.setForeground(pal.color(QPalette::HighlightedText));
        ctx.selections << sel;
    }
    m_body->documentLayout()->draw(p, ctx);
    p->restore();

    p->setFont(small);
    for (const CodeBlock &cb : m_codeBlocks) {
        p->setPen(pal.color(QPalette::PlaceholderText));
        if (!cb.language.isEmpty())
            p->drawText(cb.copyRect.translated(-cb.copyRect.width() - 4, 0), Qt::AlignRight | Qt::AlignVCenter,
                        cb.language);
        p->setPen(pal.color(QPalette::Link));
        p->drawText(cb.copyRect, Qt::AlignCenter, tr("Copy"));
    }

    if (!m_footer.isEmpty()) {
        p->setFont(m_style.font);
        p->setPen(m_footerColor);
        p->drawText(m_footerRect, Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(m_style.font).elidedText(m_footer, Qt::ElideRight, m_footerRect.width()));
    }

    p->setFont(small);
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
    for (const auto &b : m_buttons + m_navButtons) {
        if (b.rect.contains(local)) {
            hit.action = b.action;
            return hit;
        }
    }
    for (int i = 0; i < m_codeBlocks.size(); ++i) {
        if (m_codeBlocks.at(i).copyRect.contains(local)) {
            hit.action = Action::CopyCode;
            hit.codeBlock = i;
            return hit;
        }
    }
    if (m_bodyRect.adjusted(0, 0, 0, 1).contains(local)) {
        const QPointF inBody = local - m_bodyRect.topLeft();
        hit.anchor = m_body->documentLayout()->anchorAt(inBody);
        hit.textPosition = m_body->documentLayout()->hitTest(inBody, Qt::FuzzyHit);
        if (!hit.anchor.isEmpty())
            hit.anchorText = anchorTextAt(m_body->documentLayout()->hitTest(inBody, Qt::ExactHit), hit.anchor);
    } else if (local.y() < m_bodyRect.top()) {
        hit.textPosition = 0;
    } else if (local.y() >= m_bodyRect.bottom()) {
        hit.textPosition = bodyLength();
    }
    return hit;
}

// The visible text of the link at `position`: the run of characters carrying the same href.
QString MessageLayout::anchorTextAt(int position, const QString &href) const
{
    if (position < 0)
        return href;
    QTextCursor c(m_body.get());
    c.setPosition(position);
    const QTextBlock block = c.block();
    QString text;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        if (f.charFormat().anchorHref() == href)
            text += f.text();
        else if (!text.isEmpty() && f.position() > position)
            break;
        else if (f.position() + f.length() <= position)
            text.clear();
    }
    return text.isEmpty() ? href : text;
}

int MessageLayout::bodyLength() const
{
    return m_body->characterCount() - 1;
}

QString MessageLayout::bodyText(int from, int to) const
{
    QTextCursor c(m_body.get());
    c.setPosition(qBound(0, from, bodyLength()));
    c.setPosition(qBound(0, to, bodyLength()), QTextCursor::KeepAnchor);
    return c.selection().toPlainText();
}

QString MessageLayout::plainText() const
{
    return m_body->toPlainText();
}

QString MessageLayout::codeText(int codeBlock) const
{
    return codeBlock >= 0 && codeBlock < m_codeBlocks.size() ? m_codeBlocks.at(codeBlock).text : QString();
}

} // namespace penpal
