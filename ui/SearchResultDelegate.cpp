#include "SearchResultDelegate.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QTextLayout>

namespace penpal {

namespace {

constexpr int kPadding = 6;
constexpr int kSnippetLines = 2;

QString dateText(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local.date(), QLocale::ShortFormat);
}

} // namespace

QString SearchResultDelegate::plainSnippet(const QString &marked, QVector<QPair<int, int>> *ranges)
{
    QString plain;
    plain.reserve(marked.size());
    int start = -1;
    for (const QChar ch : marked) {
        if (ch == QChar(0x02)) {
            start = int(plain.size());
        } else if (ch == QChar(0x03)) {
            if (ranges && start >= 0 && plain.size() > start)
                ranges->append({start, int(plain.size()) - start});
            start = -1;
        } else {
            plain.append(ch);
        }
    }
    return plain;
}

QString SearchResultDelegate::badgeText(const QModelIndex &index)
{
    if (index.data(DocumentIdRole).toLongLong() != 0)
        return tr("Draft");
    if (index.data(ArchivedRole).toBool())
        return tr("Archived");
    return {};
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return QSize(200, 2 * kPadding + fm.height() * (1 + kSnippetLines) + 2);
}

void SearchResultDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the background and focus only; the text is drawn below
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.65);

    painter->save();
    const QRect r = option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    QFont titleFont = option.font;
    titleFont.setBold(true);
    const QFontMetrics fm(option.font);
    const QFontMetrics titleFm(titleFont);

    // First line: date (and "Archived" or "Draft") on the right, the title elided into the rest.
    QString right = dateText(index.data(DateRole).toDateTime());
    const QString badge = badgeText(index);
    if (!badge.isEmpty())
        right = badge + (right.isEmpty() ? QString() : QStringLiteral(" · ") + right);
    const int rightWidth = fm.horizontalAdvance(right);
    painter->setPen(dim);
    painter->setFont(option.font);
    painter->drawText(QRect(r.right() - rightWidth, r.top(), rightWidth, fm.height()),
                      Qt::AlignRight | Qt::AlignVCenter, right);
    QString title = index.data(TitleRole).toString();
    if (title.isEmpty())
        title = tr("Untitled");
    painter->setPen(text);
    painter->setFont(titleFont);
    const int titleWidth = qMax(0, r.width() - rightWidth - kPadding);
    painter->drawText(QRect(r.left(), r.top(), titleWidth, titleFm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      titleFm.elidedText(title, Qt::ElideRight, titleWidth));

    // The snippet: the query's occurrences bold on the highlight colour (inverted on a
    // selected row, where the highlight colour is the background already).
    QVector<QPair<int, int>> ranges;
    const QString snippet = plainSnippet(index.data(SnippetRole).toString(), &ranges);
    QVector<QTextLayout::FormatRange> formats;
    for (const auto &range : ranges) {
        QTextLayout::FormatRange f;
        f.start = range.first;
        f.length = range.second;
        f.format.setFontWeight(QFont::Bold);
        f.format.setBackground(selected ? pal.color(QPalette::Base) : pal.color(QPalette::Highlight));
        f.format.setForeground(selected ? pal.color(QPalette::Text) : pal.color(QPalette::HighlightedText));
        formats.append(f);
    }
    QTextLayout layout(snippet, option.font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    layout.setFormats(formats);
    layout.beginLayout();
    int y = 0;
    for (int i = 0; i < kSnippetLines; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(r.width());
        line.setPosition(QPointF(0, y));
        y += fm.height();
    }
    layout.endLayout();
    painter->setPen(dim);
    layout.draw(painter, QPointF(r.left(), r.top() + titleFm.height() + 2));
    painter->restore();
}

} // namespace penpal
