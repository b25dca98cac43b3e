#include "MessageDelegate.h"

#include "SafeTextDocument.h"
#include "model/MessageListModel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QtMath>

namespace penpal {

namespace {
constexpr int kMargin = 10;   // around a message
constexpr int kPadding = 10;  // inside the bubble
constexpr int kHeaderGap = 4; // between header and text
} // namespace

struct MessageDelegate::Layout {
    SafeTextDocument doc;
    QString header;
    QString footer;      // state line: "Failed: ..." / "Interrupted: ..."
    QColor footerColor;
    int headerHeight = 0;
    int footerHeight = 0;
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
    const QString error = index.data(MessageListModel::ErrorTextRole).toString().section(QLatin1Char('\n'), 0, 0);
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
        return error.isEmpty() ? MessageDelegate::tr("Interrupted: Penpal was closed while this was being written.")
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
    const QString key = QStringLiteral("%1:%2:%3")
                            .arg(index.data(MessageListModel::IdRole).toLongLong())
                            .arg(index.data(MessageListModel::RevisionRole).toUInt())
                            .arg(width);
    if (Layout *cached = m_cache.object(key))
        return cached;

    auto *l = new Layout;
    l->doc.setDefaultFont(option.font);
    l->doc.setDocumentMargin(0);
    const auto role = Role(index.data(MessageListModel::RoleRole).toInt());
    const QString content = index.data(MessageListModel::ContentRole).toString();
    if (role == Role::Assistant)
        l->doc.setSafeMarkdown(content);
    else
        l->doc.setPlainText(content);

    const QString reasoning = index.data(MessageListModel::ReasoningRole).toString();
    if (!reasoning.isEmpty()) {
        QTextCursor c(&l->doc);
        c.movePosition(QTextCursor::Start);
        QTextCharFormat grey;
        grey.setForeground(option.palette.color(QPalette::PlaceholderText));
        grey.setFontItalic(true);
        c.insertBlock();
        c.movePosition(QTextCursor::PreviousBlock);
        c.insertText(reasoning.trimmed(), grey);
    }
    l->doc.setTextWidth(width);

    l->header = headerText(index);
    l->footer = footerText(index, &l->footerColor);
    const QFontMetrics fm(option.font);
    l->headerHeight = fm.height();
    l->footerHeight = l->footer.isEmpty() ? 0 : fm.height() + kHeaderGap;
    m_cache.insert(key, l);
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout *l = layoutFor(option, index);
    const int h = kMargin + kPadding + l->headerHeight + kHeaderGap + qCeil(l->doc.size().height()) +
                  l->footerHeight + kPadding + kMargin;
    return {option.rect.width(), h};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
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
    painter->drawText(QRect(inner.topLeft(), QSize(inner.width(), l->headerHeight)), Qt::AlignLeft, l->header);

    painter->translate(inner.left(), inner.top() + l->headerHeight + kHeaderGap);
    QAbstractTextDocumentLayout::PaintContext ctx;
    ctx.palette = option.palette;
    ctx.palette.setColor(QPalette::Text, option.palette.color(QPalette::Text));
    l->doc.documentLayout()->draw(painter, ctx);
    painter->translate(-inner.left(), -(inner.top() + l->headerHeight + kHeaderGap));

    if (!l->footer.isEmpty()) {
        painter->setFont(option.font);
        painter->setPen(l->footerColor);
        const int y = inner.top() + l->headerHeight + kHeaderGap + qCeil(l->doc.size().height()) + kHeaderGap;
        painter->drawText(QRect(inner.left(), y, inner.width(), l->footerHeight), Qt::AlignLeft,
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
    SafeTextDocument doc;
    doc.setSafeMarkdown(content);
    return doc.toPlainText();
}

} // namespace penpal
