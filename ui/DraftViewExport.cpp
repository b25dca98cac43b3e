// The Draft workspace's Export menu: files through DraftExport, and Copy as Rich Text.
#include "DraftView.h"

#include "chat/AppContext.h"
#include "draft/DraftExport.h"
#include "store/Store.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QToolButton>

namespace penpal {

namespace {
// A file name from the title: characters file systems reject (and control characters) go.
QString fileNameFor(const QString &title, const QString &suffix)
{
    static const QRegularExpression unsafe(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]"));
    QString base = title;
    base.replace(unsafe, QStringLiteral(" "));
    base = base.simplified();
    if (base.startsWith(QLatin1Char('.')))
        base.remove(0, 1);
    if (base.isEmpty())
        base = QStringLiteral("draft");
    return base.left(100) + QLatin1Char('.') + suffix;
}
} // namespace

void DraftView::setupExportMenu()
{
    auto *menu = new QMenu(m_exportButton);
    for (const DraftExport::Format f : DraftExport::formats()) {
        const QString suffix = DraftExport::suffix(f);
        QAction *action = menu->addAction(tr("%1…").arg(DraftExport::name(f)), this,
                                          [this, suffix] { exportInteractively(suffix); });
        action->setObjectName(QStringLiteral("draftExport_") + suffix);
    }
    menu->addSeparator();
    QAction *copy = menu->addAction(tr("Copy as Rich Text"), this, &DraftView::copyAsRichText);
    copy->setObjectName(QStringLiteral("draftCopyRichText"));
    m_exportButton->setMenu(menu);
}

bool DraftView::exportDocument(const QString &format, const QString &path, QString *error)
{
    const std::optional<DraftExport::Format> f = DraftExport::fromSuffix(format);
    if (!f) {
        if (error)
            *error = tr("Unknown export format “%1”.").arg(format);
        return false;
    }
    if (m_documentId == 0) {
        if (error)
            *error = tr("There is no draft to export.");
        return false;
    }
    saveNow();
    DraftDocument doc = m_ctx->store()->document(m_documentId);
    doc.content = m_editor->toPlainText(); // what is on screen, even if a save failed
    return DraftExport::write(doc, *f, path, error);
}

void DraftView::exportInteractively(const QString &format)
{
    const std::optional<DraftExport::Format> f = DraftExport::fromSuffix(format);
    if (!f || m_documentId == 0)
        return;
    const DraftDocument doc = m_ctx->store()->document(m_documentId);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(dir).filePath(fileNameFor(doc.title, DraftExport::suffix(*f)));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Draft"), suggested, DraftExport::fileFilter(*f));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportDocument(format, path, &error))
        QMessageBox::warning(this, tr("Export Draft"), error);
}

void DraftView::copyAsRichText()
{
    QApplication::clipboard()->setMimeData(DraftExport::richTextMime(m_editor->toPlainText()));
}

} // namespace penpal
