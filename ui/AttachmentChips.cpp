#include "AttachmentChips.h"

#include "chat/AttachmentLoader.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QResizeEvent>
#include <QToolButton>

namespace penpal {

namespace {
constexpr int kSpacing = 4;
constexpr int kMaxNameWidth = 180;
constexpr int kThumbHeight = 24;
} // namespace

AttachmentChips::AttachmentChips(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("attachmentChips"));
    setAccessibleName(tr("Attached files"));
    hide();
}

QString AttachmentChips::labelFor(const QString &fileName, qint64 size)
{
    return QStringLiteral("%1 · %2").arg(fileName, AttachmentLoader::sizeText(size));
}

void AttachmentChips::setAttachments(const Attachments &files)
{
    // deleteLater: the × of one of these chips may be what asked for the change.
    for (QWidget *chip : std::as_const(m_chips)) {
        chip->hide();
        chip->deleteLater();
    }
    m_chips.clear();
    m_labels.clear();
    for (int i = 0; i < files.size(); ++i) {
        const Attachment &a = files.at(i);
        auto *chip = new QFrame(this);
        chip->setObjectName(QStringLiteral("attachmentChip"));
        chip->setFrameShape(QFrame::StyledPanel);
        auto *row = new QHBoxLayout(chip);
        row->setContentsMargins(4, 1, 1, 1);
        row->setSpacing(4);
        if (a.isImage()) {
            // Decoded once per chip, small: the bytes stay as they are for sending.
            const QImage image = QImage::fromData(a.data);
            if (!image.isNull()) {
                auto *thumb = new QLabel(chip);
                thumb->setObjectName(QStringLiteral("attachmentThumbnail"));
                thumb->setPixmap(QPixmap::fromImage(image.scaled(
                    QSize(2 * kThumbHeight, kThumbHeight), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
                row->addWidget(thumb);
            }
        }
        const QString label = labelFor(a.fileName, a.data.size());
        auto *name = new QLabel(chip);
        name->setText(name->fontMetrics().elidedText(label, Qt::ElideMiddle, kMaxNameWidth));
        name->setToolTip(label);
        row->addWidget(name);
        auto *remove = new QToolButton(chip);
        remove->setObjectName(QStringLiteral("removeAttachmentButton"));
        remove->setText(QStringLiteral("×"));
        remove->setAutoRaise(true);
        remove->setToolTip(tr("Remove %1").arg(a.fileName));
        remove->setAccessibleName(tr("Remove %1").arg(a.fileName));
        connect(remove, &QToolButton::clicked, this, [this, i] { Q_EMIT removeRequested(i); });
        row->addWidget(remove);
        chip->show();
        m_chips.append(chip);
        m_labels.append(label);
    }
    setVisible(!files.isEmpty());
    place(width(), true);
    updateGeometry();
}

QStringList AttachmentChips::labels() const
{
    return m_labels;
}

int AttachmentChips::place(int width, bool apply) const
{
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    for (QWidget *chip : m_chips) {
        const QSize s = chip->sizeHint().boundedTo(QSize(qMax(40, width), 1000));
        if (x > 0 && x + s.width() > width) {
            x = 0;
            y += rowHeight + kSpacing;
            rowHeight = 0;
        }
        if (apply)
            chip->setGeometry(QRect(QPoint(x, y), s));
        x += s.width() + kSpacing;
        rowHeight = qMax(rowHeight, s.height());
    }
    return m_chips.isEmpty() ? 0 : y + rowHeight;
}

int AttachmentChips::heightForWidth(int width) const
{
    return place(width, false);
}

QSize AttachmentChips::sizeHint() const
{
    return {200, place(qMax(width(), 200), false)};
}

void AttachmentChips::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    place(event->size().width(), true);
}

} // namespace penpal
