#pragma once

#include "core/Attachment.h"

#include <QStringList>
#include <QVector>
#include <QWidget>

namespace penpal {

// The files waiting to be sent with the prompt, one chip each (a thumbnail for images, the
// file name and size, and × to remove it), flowing into as many rows as the width needs.
class AttachmentChips : public QWidget {
    Q_OBJECT
public:
    explicit AttachmentChips(QWidget *parent = nullptr);

    void setAttachments(const Attachments &files); // rebuilds the chips
    int count() const { return int(m_chips.size()); }
    QStringList labels() const; // "name · 12.0 KB" per chip, in order

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

    static QString labelFor(const QString &fileName, qint64 size);

Q_SIGNALS:
    void removeRequested(int index);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // Lays the chips out in rows at `width` (moving them when `apply`); returns the height.
    int place(int width, bool apply) const;

    QVector<QWidget *> m_chips;
    QStringList m_labels;
};

} // namespace penpal
