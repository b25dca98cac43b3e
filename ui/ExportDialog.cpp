#include "ExportDialog.h"

#include "chat/AppContext.h"
#include "history/ConversationExport.h"
#include "settings/Settings.h"
#include "store/Store.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace penpal {

namespace {

QString formatName(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Markdown:
        return ExportDialog::tr("Markdown");
    case ExportFormat::Json:
        return ExportDialog::tr("JSON (Penpal, can be imported)");
    case ExportFormat::Html:
        return ExportDialog::tr("HTML");
    case ExportFormat::Pdf:
        return ExportDialog::tr("PDF");
    case ExportFormat::PlainText:
        return ExportDialog::tr("Plain text");
    }
    return QString();
}

// A title as a file name: no path separators or characters Windows refuses, not too long.
QString fileNameFrom(const QString &title)
{
    QString name = title.simplified();
    name.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]")), QStringLiteral("_"));
    name = name.left(80).trimmed();
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    return name;
}

} // namespace

ExportDialog::ExportDialog(AppContext *ctx, const QVector<qint64> &selection, qint64 current, QWidget *parent)
    : QDialog(parent)
    , m_ctx(ctx)
    , m_selection(selection)
    , m_current(current)
    , m_scopeCurrent(new QRadioButton(tr("This conversation"), this))
    , m_scopeSelection(
          new QRadioButton(tr("Selected conversations (%n)", nullptr, int(selection.size())), this))
    , m_scopeAll(new QRadioButton(tr("All conversations"), this))
    , m_format(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_export(new QPushButton(tr("Export"), this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Conversations"));

    auto *scopeBox = new QGroupBox(tr("Export"), this);
    scopeBox->setObjectName(QStringLiteral("exportScope"));
    m_scopeCurrent->setObjectName(QStringLiteral("exportScopeCurrent"));
    m_scopeSelection->setObjectName(QStringLiteral("exportScopeSelection"));
    m_scopeAll->setObjectName(QStringLiteral("exportScopeAll"));
    auto *scopeLayout = new QVBoxLayout(scopeBox);
    scopeLayout->addWidget(m_scopeCurrent);
    scopeLayout->addWidget(m_scopeSelection);
    scopeLayout->addWidget(m_scopeAll);
    // A new chat has nothing saved yet. A selection that is just the open conversation is
    // "this conversation"; any other selection (say, a right-click on another one in the
    // sidebar) is what the user meant.
    m_scopeCurrent->setEnabled(current != 0);
    m_scopeSelection->setEnabled(!selection.isEmpty());
    const bool selectionIsCurrent = selection.size() == 1 && selection.first() == current;
    if (!selection.isEmpty() && !selectionIsCurrent)
        m_scopeSelection->setChecked(true);
    else if (current != 0)
        m_scopeCurrent->setChecked(true);
    else
        m_scopeAll->setChecked(true);

    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (ExportFormat f : ExportFormats::all())
        m_format->addItem(formatName(f), ExportFormats::key(f));
    Settings *settings = ctx->settings();
    m_lastFormat = ExportFormats::fromKey(settings->value(Settings::LastExportFormat).toString());
    m_format->setCurrentIndex(qMax(0, m_format->findData(ExportFormats::key(m_lastFormat))));

    m_path->setObjectName(QStringLiteral("exportPath"));
    QString dir = settings->value(Settings::LastExportDir).toString();
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_path->setText(
        QDir(dir).filePath(suggestedFileName() + QLatin1Char('.') + ExportFormats::suffix(format())));
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    browseButton->setObjectName(QStringLiteral("exportBrowse"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Save to:"), pathRow);

    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scopeBox);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::onFormatChanged);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_export->setEnabled(!text.trimmed().isEmpty()); });
    resize(520, sizeHint().height());
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::exportConversations(QWidget *parent, AppContext *ctx, const QVector<qint64> &selection,
                                       qint64 current)
{
    ExportDialog dialog(ctx, selection, current, parent);
    dialog.exec();
}

ExportDialog::Scope ExportDialog::scope() const
{
    if (m_scopeCurrent->isChecked())
        return Scope::Current;
    if (m_scopeSelection->isChecked())
        return Scope::Selection;
    return Scope::All;
}

void ExportDialog::setScope(Scope scope)
{
    switch (scope) {
    case Scope::Current:
        m_scopeCurrent->setChecked(true);
        break;
    case Scope::Selection:
        m_scopeSelection->setChecked(true);
        break;
    case Scope::All:
        m_scopeAll->setChecked(true);
        break;
    }
}

ExportFormat ExportDialog::format() const
{
    return ExportFormats::fromKey(m_format->currentData().toString());
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

QVector<qint64> ExportDialog::conversationIds() const
{
    switch (scope()) {
    case Scope::Current:
        return m_current != 0 ? QVector<qint64>{m_current} : QVector<qint64>();
    case Scope::Selection:
        return m_selection;
    case Scope::All:
        return m_ctx->store()->exportableConversationIds();
    }
    return {};
}

QString ExportDialog::suggestedFileName() const
{
    if (m_current != 0 && (m_selection.size() <= 1)) {
        const QString name = fileNameFrom(m_ctx->store()->conversation(m_current).title);
        if (!name.isEmpty())
            return name;
    }
    return tr("Penpal conversations");
}

void ExportDialog::onFormatChanged()
{
    // A path that still ends in the old format's suffix follows the new format.
    const ExportFormat now = format();
    const QString oldSuffix = QLatin1Char('.') + ExportFormats::suffix(m_lastFormat);
    QString p = m_path->text();
    if (p.endsWith(oldSuffix, Qt::CaseInsensitive)) {
        p.chop(oldSuffix.size());
        m_path->setText(p + QLatin1Char('.') + ExportFormats::suffix(now));
    }
    m_lastFormat = now;
}

void ExportDialog::browse()
{
    const QString suffix = ExportFormats::suffix(format());
    const QString filter = QStringLiteral("%1 (*.%2)").arg(m_format->currentText(), suffix);
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export To"), path(), filter);
    if (chosen.isEmpty())
        return;
    m_path->setText(QFileInfo(chosen).suffix().isEmpty() ? chosen + QLatin1Char('.') + suffix : chosen);
}

bool ExportDialog::exportNow()
{
    const QString target = path();
    const QVector<qint64> ids = conversationIds();
    if (target.isEmpty()) {
        m_status->setText(tr("Choose a file to export to."));
        return false;
    }
    if (ids.isEmpty()) {
        m_status->setText(tr("There is no conversation to export."));
        return false;
    }
    const QFileInfo info(target);
    if (info.isDir()) {
        m_status->setText(tr("%1 is a folder. Choose a file name.").arg(QDir::toNativeSeparators(target)));
        return false;
    }
    if (!info.absoluteDir().exists()) {
        m_status->setText(
            tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath())));
        return false;
    }
    if (info.exists() &&
        QMessageBox::question(this, tr("Replace File?"),
                              tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(target)),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return false;

    m_status->setText(tr("Exporting…"));
    m_export->setEnabled(false);
    // Only a long export shows a progress window; it can be cancelled between conversations.
    QProgressDialog progress(tr("Exporting conversations…"), tr("Cancel"), 0, int(ids.size()), this);
    progress.setObjectName(QStringLiteral("exportProgress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(800);
    progress.setAutoClose(false);
    QString error;
    const bool ok = ConversationExport::run(*m_ctx->store(), ids, format(), target, &error,
                                            [&progress](int done, int total) {
                                                if (total > 1)
                                                    progress.setValue(done);
                                                return !progress.wasCanceled();
                                            });
    progress.reset();
    m_export->setEnabled(true);
    if (!ok) {
        m_status->setText(tr("The export failed: %1").arg(error));
        return false;
    }
    Settings *settings = m_ctx->settings();
    settings->setValue(Settings::LastExportDir, info.absolutePath());
    settings->setValue(Settings::LastExportFormat, ExportFormats::key(format()));
    const QString file = QDir::toNativeSeparators(info.absoluteFilePath());
    m_status->setText(ids.size() == 1 ? tr("Exported 1 conversation to %1.").arg(file)
                                      : tr("Exported %1 conversations to %2.").arg(ids.size()).arg(file));
    return true;
}

} // namespace penpal
