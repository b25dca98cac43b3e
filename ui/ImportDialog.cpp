#include "ImportDialog.h"

#include "history/ImportJob.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace penpal {

ImportDialog::ImportDialog(Store *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_button(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Import"));
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_button->setObjectName(QStringLiteral("importCancel"));

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_button, QDialogButtonBox::RejectRole);
    connect(m_button, &QPushButton::clicked, this, &ImportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

ImportDialog::~ImportDialog() = default; // the job (a child) cancels and waits

bool ImportDialog::isRunning() const
{
    return m_job && m_job->isRunning();
}

void ImportDialog::start(const QString &path)
{
    if (isRunning())
        return;
    delete m_job;
    m_result = ImportResult();
    m_job = new ImportJob(m_store, path, this);
    connect(m_job, &ImportJob::progress, this, &ImportDialog::onProgress);
    connect(m_job, &ImportJob::indexing, this, [this] {
        // Nothing can be lost any more; Cancel would only stop the indexing.
        m_status->setText(tr("Imported. Making the new conversations searchable…"));
        m_progress->setRange(0, 0);
    });
    connect(m_job, &ImportJob::finished, this, &ImportDialog::onFinished);
    m_status->setText(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_button->setText(tr("Cancel"));
    m_button->setEnabled(true);
    m_job->start();
}

void ImportDialog::onProgress(qint64 done, qint64 total)
{
    if (total > 0)
        m_progress->setValue(int(qMin<qint64>(1000, done * 1000 / total)));
}

QString ImportDialog::summaryText(const ImportResult &r)
{
    if (r.cancelled)
        return tr("Import cancelled. Nothing was imported.");
    if (!r.ok)
        return tr("Import failed: %1. Nothing was imported.").arg(r.error);
    QStringList lines;
    const QString source = r.format.isEmpty() ? tr("the file") : r.format;
    lines << tr("Imported %n conversation(s) from %1.", nullptr, r.imported).arg(source);
    if (r.alreadyPresent > 0)
        lines << tr("%n conversation(s) were already in the history and were skipped.", nullptr,
                    r.alreadyPresent);
    for (auto it = r.notes.unsupportedTypes.cbegin(); it != r.notes.unsupportedTypes.cend(); ++it) {
        lines << tr("%n message part(s) of unsupported type “%1” were kept as a note in the text.", nullptr,
                    it.value())
                     .arg(it.key());
    }
    if (r.notes.imagesNotImported > 0)
        lines << tr("%n image(s) were not imported; the messages say where they were.", nullptr,
                    r.notes.imagesNotImported);
    if (r.notes.unreachableMessages > 0)
        lines << tr("%n message(s) not connected to their conversation were left out.", nullptr,
                    r.notes.unreachableMessages);
    return lines.join(QLatin1Char('\n'));
}

void ImportDialog::onFinished(const ImportResult &result)
{
    m_result = result;
    m_progress->setRange(0, 1000);
    m_progress->setValue(result.ok ? m_progress->maximum() : 0);
    m_status->setText(summaryText(result));
    m_button->setText(tr("Close"));
    m_button->setEnabled(true);
    Q_EMIT importFinished(result);
}

void ImportDialog::reject()
{
    if (isRunning()) {
        // Rolls back; onFinished() then reports the cancel and the button closes.
        m_button->setEnabled(false);
        m_status->setText(tr("Cancelling…"));
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace penpal
