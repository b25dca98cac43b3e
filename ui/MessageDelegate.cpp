#include "MessageDelegate.h"

#include "model/MessageListModel.h"
#include "render/MarkdownRenderer.h"
#include "render/RenderedMessage.h"
#include "render/SafeTextDocument.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPaintDevice>
#include <QPainter>
#include <QTextCursor>
#include <QtMath>

#include <memory>

namespace penpal {

namespace {
constexpr int kMargin = 10;   // around a message
constexpr int kPadding = 10;  // inside the bubble
constexpr int kHeaderGap = 4; // between header and text

// One renderer per font and palette: every message rendered with it shares the style; a new
// font or theme makes a new one, and messages re-render when they see it.
std::shared_ptr<const MarkdownRenderer> rendererFor(const QFont &font, const QPalette &palette)
{
    static std::shared_ptr<const MarkdownRenderer> current;
    static QString currentKey;
    const QString key = font.toString() + QLatin1Char('|') + palette.color(QPalette::Window).name();
    if (!current || key != currentKey) {
        current = std::make_shared<MarkdownRenderer>(font, RenderTheme::forPalette(palette));
        currentKey = key;
    }
    return current;
}
} // namespace

// A message's laid-out text, kept per message id: when the row's revision changes while it
// streams, the body is updated incrementally (only its open tail is re-rendered) instead of
// being parsed again from scratch.
struct MessageDelegate::Layout {
    std::unique_ptr<RenderedMessage> body;
    SafeTextDocument reasoning; // grey, above the answer
    QString reasoningText;
    quint32 revision = 0;
    bool fresh = true;
    QString header;
    QString footer; // state line: "Failed: ..." / "Interrupted: ..."
    QColor footerColor;
    int headerHeight = 0;
    int footerHeight = 0;
    int reasoningHeight = 0; // including the gap below it; 0 without reasoning
    int bodyHeight = 0;
};

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_cache(400) // messages; the visible ones and some around them
{
}

MessageDelegate::~MessageDelegate() = default;

static QString headerText(const QModelIndex &index)
{
    const auto role = Role(index.data(MessageListModel::RoleRole).toInt());
    if (role == Role::User)
        return MessageDelegate::tr("You");
    if (role == Role::System)
        return MessageDelegate::tr("System");
    const QString model = index.data(MessageListModel::ModelRole).toString();
    return model.isEmpty() ? MessageDelegate::tr("Assistant") : model;
}

static QString footerText(const QModelIndex &index, QColor *color)
{
    const auto state = MessageState(index.data(MessageListModel::StateRole).toInt());
    const QString error =
        index.data(MessageListModel::ErrorTextRole).toString().section(QLatin1Char('\n'), 0, 0);
    switch (state) {
    case MessageState::Streaming:
        *color = QApplication::palette().color(QPalette::PlaceholderText);
        return MessageDelegate::tr("Writing…");
    case MessageState::Failed:
        *color = QColor(0xc0, 0x39, 0x2b);
        return MessageDelegate::tr("Failed: %1").arg(error);
    case MessageState::Interrupted:
        *color = QColor(0xb9, 0x77, 0x0e);
        // No error text: the app itself stopped (crash, kill, power loss) mid-reply.
        return error.isEmpty()
                   ? MessageDelegate::tr("Interrupted: Penpal was closed while this was being written.")
                   : MessageDelegate::tr("Interrupted: %1").arg(error);
    case MessageState::Complete:
        *color = QApplication::palette().color(QPalette::PlaceholderText);
        return index.data(MessageListModel::UsageTextRole).toString();
    }
    return {};
}

MessageDelegate::Layout *MessageDelegate::layoutFor(const QStyleOptionViewItem &option,
                                                    const QModelIndex &index) const
{
    const int width = qMax(120, option.rect.width() - 2 * (kMargin + kPadding));
    const QString key = QString::number(index.data(MessageListModel::IdRole).toLongLong());
    const auto renderer = rendererFor(option.font, option.palette);
    const auto role = Role(index.data(MessageListModel::RoleRole).toInt());
    const auto format =
        role == Role::Assistant ? RenderedMessage::Format::Markdown : RenderedMessage::Format::PlainText;

    Layout *l = m_cache.object(key);
    if (!l || l->body->format() != format) {
        l = new Layout;
        l->body = std::make_unique<RenderedMessage>(renderer, format);
        l->reasoning.setDocumentMargin(0);
        m_cache.insert(key, l);
    }
    if (l->body->renderer() != renderer) {
        l->body->setRenderer(renderer);
        l->reasoningText.clear();
        l->fresh = true;
    }

    const quint32 revision = index.data(MessageListModel::RevisionRole).toUInt();
    if (l->fresh || l->revision != revision) {
        l->fresh = false;
        l->revision = revision;
        l->body->setText(index.data(MessageListModel::ContentRole).toString());
        const QString reasoning = index.data(MessageListModel::ReasoningRole).toString().trimmed();
        if (reasoning != l->reasoningText) {
            l->reasoningText = reasoning;
            l->reasoning.setDefaultFont(option.font);
            l->reasoning.setPlainText(reasoning);
            QTextCursor c(&l->reasoning);
            c.select(QTextCursor::Document);
            QTextCharFormat grey;
            grey.setForeground(option.palette.color(QPalette::PlaceholderText));
            grey.setFontItalic(true);
            c.mergeCharFormat(grey);
            l->reasoning.setTextWidth(-1); // force a new layout below
        }
        l->header = headerText(index);
        l->footer = footerText(index, &l->footerColor);
        const QFontMetrics fm(option.font);
        l->headerHeight = fm.height();
        l->footerHeight = l->footer.isEmpty() ? 0 : fm.height() + kHeaderGap;
    }

    if (l->reasoningText.isEmpty()) {
        l->reasoningHeight = 0;
    } else {
        if (l->reasoning.textWidth() != width)
            l->reasoning.setTextWidth(width);
        l->reasoningHeight = qCeil(l->reasoning.size().height()) + kHeaderGap;
    }
    l->bodyHeight = qCeil(l->body->size(width).height());
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout *l = layoutFor(option, index);
    const int h = kMargin + kPadding + l->headerHeight + kHeaderGap + l->reasoningHeight + l->bodyHeight +
                  l->footerHeight + kPadding + kMargin;
    return {option.rect.width(), h};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    Layout *l = layoutFor(option, index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const auto role = Role(index.data(MessageListModel::RoleRole).toInt());
    const QRect bubble = option.rect.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    QColor fill = option.palette.color(role == Role::User ? QPalette::AlternateBase : QPalette::Base);
    if (option.state & QStyle::State_Selected)
        fill = option.palette.color(QPalette::Highlight).lighter(170);
    painter->setPen(option.palette.color(QPalette::Mid));
    painter->setBrush(fill);
    painter->drawRoundedRect(bubble, 8, 8);

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.color(QPalette::Text));
    const QRect inner = bubble.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    painter->drawText(QRect(inner.topLeft(), QSize(inner.width(), l->headerHeight)), Qt::AlignLeft,
                      l->header);

    int y = inner.top() + l->headerHeight + kHeaderGap;
    if (l->reasoningHeight > 0) {
        painter->save();
        painter->translate(inner.left(), y);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette = option.palette;
        l->reasoning.documentLayout()->draw(painter, ctx);
        painter->restore();
        y += l->reasoningHeight;
    }

    // Only the part of a long message that is on screen is painted.
    QRectF visible = option.rect;
    if (const QPaintDevice *device = painter->device())
        visible &= QRectF(0, 0, device->width(), device->height());
    if (painter->hasClipping())
        visible &= painter->clipBoundingRect();
    painter->save();
    painter->translate(inner.left(), y);
    RenderedMessage::PaintContext ctx;
    ctx.palette = option.palette;
    l->body->draw(painter, visible.translated(-inner.left(), -y), ctx);
    painter->restore();
    y += l->bodyHeight;

    if (!l->footer.isEmpty()) {
        painter->setFont(option.font);
        painter->setPen(l->footerColor);
        painter->drawText(QRect(inner.left(), y + kHeaderGap, inner.width(), l->footerHeight), Qt::AlignLeft,
                          QFontMetrics(option.font).elidedText(l->footer, Qt::ElideRight, inner.width()));
    }
    painter->restore();
}

QString MessageDelegate::visibleText(const QModelIndex &index)
{
    const auto role = Role(index.data(MessageListModel::RoleRole).toInt());
    const QString content = index.data(MessageListModel::ContentRole).toString();
    if (role != Role::Assistant)
        return content;
    RenderedMessage message(rendererFor(QApplication::font(), QApplication::palette()));
    message.setText(content);
    return message.toPlainText();
}

} // namespace penpal
