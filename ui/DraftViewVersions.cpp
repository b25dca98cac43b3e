// The versions panel of the Draft workspace: named versions (Ctrl+S), the list with each
// version's cause, its diff to the current text, and Restore.
#include "DraftView.h"

#include "chat/AppContext.h"
#include "draft/TextDiff.h"
#include "history/MarkdownHtml.h"
#include "render/SafeTextDocument.h"
#include "store/Store.h"

#include <QDateTime>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace penpal {

namespace {
constexpr int kVersionIdRole = Qt::UserRole + 1;

QString timeLabel(const QDateTime &when)
{
    return QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
}
} // namespace

QWidget *DraftView::buildVersionsPane()
{
    m_versionsPane = new QWidget(this);
    m_versionsPane->setObjectName(QStringLiteral("draftVersionsPane"));
    auto *v = new QVBoxLayout(m_versionsPane);
    v->setContentsMargins(0, 4, 4, 4);
    auto *title = new QLabel(tr("Versions"), m_versionsPane);
    v->addWidget(title);
    m_versions = new QListWidget(m_versionsPane);
    m_versions->setObjectName(QStringLiteral("draftVersions"));
    m_versions->setAccessibleName(tr("Versions"));
    connect(m_versions, &QListWidget::currentItemChanged, this, &DraftView::showVersionDiff);
    v->addWidget(m_versions, 1);
    m_diff = new QTextBrowser(m_versionsPane);
    m_diff->setObjectName(QStringLiteral("versionDiff"));
    m_diff->setAccessibleName(tr("Changes from this version"));
    m_diff->setDocument(new SafeTextDocument(m_diff));
    m_diff->setOpenLinks(false);
    m_diff->setOpenExternalLinks(false);
    m_diff->setToolTip(tr("Green: in the current text, not in this version. Red: in this version only."));
    v->addWidget(m_diff, 2);
    m_restoreButton = new QPushButton(tr("Restore"), m_versionsPane);
    m_restoreButton->setObjectName(QStringLiteral("restoreVersionButton"));
    m_restoreButton->setToolTip(tr("Replace the text with this version (Ctrl+Z undoes it)"));
    m_restoreButton->setEnabled(false);
    connect(m_restoreButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_versions->currentItem())
            restoreVersion(item->data(kVersionIdRole).toLongLong());
    });
    v->addWidget(m_restoreButton);
    m_versionsPane->hide();
    return m_versionsPane;
}

void DraftView::setVersionsVisible(bool visible)
{
    m_versionsPane->setVisible(visible);
    if (visible) {
        makeRoomFor(m_versionsPane, 260);
        reloadVersions();
        showVersionDiff();
    }
}

QString DraftView::causeLabel(const DraftVersion &version) const
{
    if (version.cause == QLatin1String("named"))
        return version.name.isEmpty() ? tr("Saved") : tr("Saved as “%1”").arg(version.name);
    if (version.cause == QLatin1String("accept"))
        return tr("Accepted: %1").arg(version.name);
    if (version.cause == QLatin1String("restore"))
        return version.name.isEmpty() ? tr("Restored") : tr("Restored %1").arg(version.name);
    return version.name.isEmpty() ? version.cause : version.name;
}

void DraftView::reloadVersions()
{
    const qint64 selected =
        m_versions->currentItem() ? m_versions->currentItem()->data(kVersionIdRole).toLongLong() : 0;
    const QSignalBlocker block(m_versions);
    m_versions->clear();
    if (m_documentId != 0) {
        for (const DraftVersion &version : m_ctx->store()->versions(m_documentId)) {
            auto *item = new QListWidgetItem(
                timeLabel(version.created) + QLatin1Char('\n') + causeLabel(version), m_versions);
            item->setData(kVersionIdRole, version.id);
            if (version.id == selected)
                m_versions->setCurrentItem(item);
        }
    }
    if (m_versionsPane->isVisible())
        showVersionDiff();
    else
        m_restoreButton->setEnabled(m_versions->currentItem() != nullptr);
}

void DraftView::showVersionDiff()
{
    QListWidgetItem *item = m_versions->currentItem();
    m_restoreButton->setEnabled(item != nullptr);
    if (!item) {
        m_diff->clear();
        return;
    }
    const DraftVersion version = m_ctx->store()->version(item->data(kVersionIdRole).toLongLong());
    m_diff->document()->setHtml(diffHtml(version.content, m_editor->toPlainText()));
}

QString DraftView::diffHtml(const QString &before, const QString &after)
{
    const auto text = [](const QString &t) {
        QString escaped = MarkdownHtml::escape(t);
        escaped.replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
        return escaped;
    };
    QString html = QStringLiteral("<p style=\"white-space: pre-wrap\">");
    for (const DiffOp &op : TextDiff::compute(before, after)) {
        switch (op.kind) {
        case DiffOp::Kind::Equal:
            html += text(op.text);
            break;
        case DiffOp::Kind::Insert:
            html += QStringLiteral("<span style=\"color: #1a7f37; background-color: #dafbe1; "
                                   "text-decoration: underline\">") +
                    text(op.text) + QStringLiteral("</span>");
            break;
        case DiffOp::Kind::Delete:
            html += QStringLiteral("<span style=\"color: #cf222e; background-color: #ffebe9; "
                                   "text-decoration: line-through\">") +
                    text(op.text) + QStringLiteral("</span>");
            break;
        }
    }
    return html + QStringLiteral("</p>");
}

void DraftView::askForNamedVersion()
{
    if (m_documentId == 0 && m_editor->toPlainText().isEmpty())
        return;
    QInputDialog dialog(this);
    dialog.setObjectName(QStringLiteral("versionNameDialog"));
    dialog.setWindowTitle(tr("Save Version"));
    dialog.setLabelText(tr("Name of this version (optional):"));
    dialog.setTextValue(timeLabel(QDateTime::currentDateTime()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    addNamedVersion(dialog.textValue().trimmed());
}

qint64 DraftView::addNamedVersion(const QString &name)
{
    ensureDocument();
    if (m_documentId == 0)
        return 0;
    saveNow();
    const QString label = name.isEmpty() ? timeLabel(QDateTime::currentDateTime()) : name;
    const qint64 id =
        m_ctx->store()->addVersion(m_documentId, QStringLiteral("named"), m_editor->toPlainText(), label);
    if (id != 0)
        emit versionAdded(id);
    return id;
}

bool DraftView::restoreVersion(qint64 versionId)
{
    const DraftVersion version = m_ctx->store()->version(versionId);
    if (version.id == 0 || version.documentId != m_documentId)
        return false;
    const QString current = m_editor->toPlainText();
    // The text being replaced stays reachable as a version, unless it already is the newest.
    const QVector<DraftVersion> all = m_ctx->store()->versions(m_documentId);
    if (current != version.content && (all.isEmpty() || all.first().content != current)) {
        const qint64 snapshot = m_ctx->store()->addVersion(m_documentId, QStringLiteral("named"), current,
                                                           tr("Before restoring"));
        if (snapshot != 0)
            emit versionAdded(snapshot);
    }
    replaceAllText(version.content); // through onTextChanged: saved as any edit
    saveNow();
    const QString what = version.name.isEmpty()
                             ? timeLabel(version.created)
                             : tr("“%1” (%2)").arg(version.name, timeLabel(version.created));
    const qint64 id =
        m_ctx->store()->addVersion(m_documentId, QStringLiteral("restore"), version.content, what);
    if (id != 0)
        emit versionAdded(id);
    return id != 0;
}

} // namespace penpal
