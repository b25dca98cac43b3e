#pragma once

#include "core/Attachment.h"

#include <QPlainTextEdit>
#include <QStringList>

class QToolButton;

namespace penpal {

class AttachmentChips;

// Where the user writes. Enter sends, Shift+Enter adds a line, Esc stops a running reply.
//
// Files to send with the prompt come from the attach button (a file dialog), from files
// dropped onto the editor, and from pasting (an image on the clipboard, or copied files).
// They wait as chips above the text until the prompt is sent; a file that cannot be
// attached is reported through attachmentRejected() and left out.
class PromptEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PromptEditor(QWidget *parent = nullptr);
    QSize sizeHint() const override;

    Attachments attachments() const { return m_attachments; }
    void clearAttachments();
    void removeAttachment(int index);
    // Adds the files at `paths` in order; each refused one is reported. Returns how many
    // were added.
    int attachFiles(const QStringList &paths);
    // Adds bytes from the clipboard or a drop under `fileName`; false (reported) if refused.
    bool attachData(const QByteArray &data, const QString &fileName);
    AttachmentChips *chips() const { return m_chips; }

public Q_SLOTS:
    // Opens the file dialog (window-modal, not blocking); chosen files are attached.
    void chooseFiles();

Q_SIGNALS:
    void submitRequested();
    void stopRequested();
    void attachmentsChanged();
    // One sentence saying which file was not attached and why.
    void attachmentRejected(const QString &message);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    bool add(const Attachment &a);
    void attachmentsUpdated();
    void placeControls();
    // The pasted or dropped local files; empty when the data is not (only) local files.
    static QStringList localFiles(const QMimeData *source);

    Attachments m_attachments;
    AttachmentChips *m_chips;
    QToolButton *m_attachButton;
    int m_pastedImages = 0;
};

} // namespace penpal
