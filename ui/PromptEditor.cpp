#include "PromptEditor.h"

#include "AttachmentChips.h"
#include "chat/AttachmentLoader.h"

#include <QBuffer>
#include <QFileDialog>
#include <QImage>
#include <QKeyEvent>
#include <QMimeData>
#include <QToolButton>
#include <QUrl>

namespace penpal {

namespace {
constexpr int kChipGap = 4; // between the chips and the text

// Clipboard formats that carry an image file's own bytes: taken as they are, so a pasted
// JPEG stays a JPEG instead of growing into a PNG.
const char *const kImageFormats[] = {"image/png", "image/jpeg", "image/webp"};
} // namespace

PromptEditor::PromptEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_chips(new AttachmentChips(this))
    , m_attachButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("promptEditor"));
    setPlaceholderText(tr("Message the model… (Enter to send, Shift+Enter for a new line)"));
    setAccessibleName(tr("Message"));
    setTabChangesFocus(true);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);

    m_attachButton->setObjectName(QStringLiteral("attachButton"));
    m_attachButton->setText(QStringLiteral("📎"));
    m_attachButton->setAutoRaise(true);
    m_attachButton->setCursor(Qt::ArrowCursor);
    m_attachButton->setToolTip(tr("Attach text files or images (or drop or paste them here)"));
    m_attachButton->setAccessibleName(tr("Attach files"));
    connect(m_attachButton, &QToolButton::clicked, this, &PromptEditor::chooseFiles);
    connect(m_chips, &AttachmentChips::removeRequested, this, &PromptEditor::removeAttachment);
    placeControls();
}

QSize PromptEditor::sizeHint() const
{
    const QSize base = QPlainTextEdit::sizeHint();
    const int chips = m_chips->count() > 0 ? m_chips->heightForWidth(qMax(200, width() - 40)) + kChipGap : 0;
    return {base.width(), fontMetrics().lineSpacing() * 4 + 12 + chips};
}

void PromptEditor::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        // Ctrl+Enter sends too; input methods composing text never reach here with Enter.
        event->accept();
        Q_EMIT submitRequested();
        return;
    }
    if (event->key() == Qt::Key_Escape) {
        event->accept();
        Q_EMIT stopRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void PromptEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    placeControls();
}

// The chips sit above the text and the attach button at the right, both outside the
// viewport, so the text never runs under them.
void PromptEditor::placeControls()
{
    const QRect area = contentsRect();
    const QSize button = m_attachButton->sizeHint();
    const int chipsWidth = qMax(40, area.width() - button.width() - 8);
    const int chipsHeight = m_chips->count() > 0 ? m_chips->heightForWidth(chipsWidth) : 0;
    m_chips->setGeometry(area.left() + 4, area.top() + 2, chipsWidth, chipsHeight);
    m_attachButton->setGeometry(area.right() - button.width(), area.bottom() - button.height(),
                                button.width(), button.height());
    setViewportMargins(0, chipsHeight > 0 ? chipsHeight + 2 + kChipGap : 0, button.width() + 2, 0);
}

void PromptEditor::chooseFiles()
{
    auto *dialog = new QFileDialog(this, tr("Attach files"));
    dialog->setObjectName(QStringLiteral("attachFileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setNameFilters({tr("Text files and images (*)")});
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this,
            [this](const QStringList &files) { attachFiles(files); });
    dialog->open();
}

int PromptEditor::attachFiles(const QStringList &paths)
{
    int added = 0;
    for (const QString &path : paths) {
        const AttachmentLoader::Result r = AttachmentLoader::fromFile(path);
        if (!r.ok()) {
            Q_EMIT attachmentRejected(r.error);
            continue;
        }
        if (add(r.attachment))
            ++added;
    }
    return added;
}

bool PromptEditor::attachData(const QByteArray &data, const QString &fileName)
{
    const AttachmentLoader::Result r = AttachmentLoader::fromData(data, fileName);
    if (!r.ok()) {
        Q_EMIT attachmentRejected(r.error);
        return false;
    }
    return add(r.attachment);
}

bool PromptEditor::add(const Attachment &a)
{
    const QString refused = AttachmentLoader::checkAddable(m_attachments, a);
    if (!refused.isEmpty()) {
        Q_EMIT attachmentRejected(refused);
        return false;
    }
    m_attachments.append(a);
    attachmentsUpdated();
    return true;
}

void PromptEditor::removeAttachment(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.remove(index);
    attachmentsUpdated();
    setFocus();
}

void PromptEditor::clearAttachments()
{
    if (m_attachments.isEmpty())
        return;
    m_attachments.clear();
    attachmentsUpdated();
}

void PromptEditor::attachmentsUpdated()
{
    m_chips->setAttachments(m_attachments);
    placeControls();
    updateGeometry();
    Q_EMIT attachmentsChanged();
}

QStringList PromptEditor::localFiles(const QMimeData *source)
{
    QStringList files;
    if (!source->hasUrls())
        return files;
    for (const QUrl &url : source->urls()) {
        if (!url.isLocalFile())
            return {}; // links are text to paste, not files
        files << url.toLocalFile();
    }
    return files;
}

bool PromptEditor::canInsertFromMimeData(const QMimeData *source) const
{
    if (!localFiles(source).isEmpty() || source->hasImage())
        return true;
    for (const char *format : kImageFormats) {
        if (source->hasFormat(QLatin1String(format)))
            return true;
    }
    return QPlainTextEdit::canInsertFromMimeData(source);
}

void PromptEditor::insertFromMimeData(const QMimeData *source)
{
    const QStringList files = localFiles(source);
    if (!files.isEmpty()) {
        attachFiles(files);
        return;
    }
    for (const char *format : kImageFormats) {
        const QByteArray bytes = source->data(QLatin1String(format));
        if (!bytes.isEmpty()) {
            const QString extension = QString::fromLatin1(format).section(QLatin1Char('/'), 1);
            attachData(bytes, tr("pasted-image-%1.%2").arg(++m_pastedImages).arg(extension));
            return;
        }
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        QByteArray png;
        QBuffer buffer(&png);
        if (image.isNull() || !buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")) {
            Q_EMIT attachmentRejected(tr("The pasted image could not be read."));
            return;
        }
        attachData(png, tr("pasted-image-%1.png").arg(++m_pastedImages));
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

} // namespace penpal
