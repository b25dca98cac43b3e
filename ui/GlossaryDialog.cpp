#include "GlossaryDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace penpal {

GlossaryDialog::GlossaryDialog(const QString &pairLabel, const Glossary &glossary, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("glossaryDialog"));
    setWindowTitle(tr("Glossary: %1").arg(pairLabel));
    m_table->setObjectName(QStringLiteral("glossaryTable"));
    m_table->setHorizontalHeaderLabels({tr("Term"), tr("Translation")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Glossary terms"));
    m_message->setObjectName(QStringLiteral("glossaryMessage"));
    m_message->setWordWrap(true);

    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addTermButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeTermButton"));
    auto *import = new QPushButton(tr("Import CSV…"), this);
    import->setObjectName(QStringLiteral("importGlossaryButton"));
    auto *exportButton = new QPushButton(tr("Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportGlossaryButton"));
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch(1);
    row->addWidget(import);
    row->addWidget(exportButton);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Terms found in the text are given to the model with their translation, "
                                    "and checked in the result."),
                                 this));
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(m_message);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        QList<int> rows;
        for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
            rows << i.row();
        if (rows.isEmpty() && m_table->currentRow() >= 0)
            rows << m_table->currentRow();
        std::sort(rows.begin(), rows.end(), std::greater<int>());
        for (const int r : rows)
            m_table->removeRow(r);
    });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import Glossary"), QString(), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            importCsv(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Glossary"), QStringLiteral("glossary.csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &GlossaryDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &GlossaryDialog::reject);

    setGlossary(glossary);
    resize(560, 480);
}

void GlossaryDialog::addRow(const QString &source, const QString &target)
{
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    m_table->setItem(r, 0, new QTableWidgetItem(source));
    m_table->setItem(r, 1, new QTableWidgetItem(target));
}

void GlossaryDialog::setGlossary(const Glossary &glossary)
{
    m_table->setRowCount(0);
    for (const GlossaryTerm &t : glossary.terms())
        addRow(t.source, t.target);
}

Glossary GlossaryDialog::glossary() const
{
    QVector<GlossaryTerm> terms;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString source = m_table->item(r, 0) ? m_table->item(r, 0)->text().trimmed() : QString();
        const QString target = m_table->item(r, 1) ? m_table->item(r, 1)->text().trimmed() : QString();
        if (!source.isEmpty() && !target.isEmpty())
            terms.append(GlossaryTerm{source, target});
    }
    return Glossary(terms);
}

QString GlossaryDialog::validate() const
{
    QSet<QString> seen;
    const Glossary current = glossary(); // terms() is a reference into it: keep it alive
    for (const GlossaryTerm &t : current.terms()) {
        if (seen.contains(t.source.toCaseFolded()))
            return tr("\"%1\" is in the glossary twice.").arg(t.source);
        seen.insert(t.source.toCaseFolded());
    }
    return QString();
}

void GlossaryDialog::accept()
{
    const QString problem = validate();
    if (!problem.isEmpty()) {
        m_message->setText(problem);
        return;
    }
    QDialog::accept();
}

bool GlossaryDialog::importCsv(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_message->setText(tr("Couldn't open %1: %2").arg(QFileInfo(path).fileName(), f.errorString()));
        return false;
    }
    QString error;
    const Glossary g = Glossary::fromCsv(f.readAll(), &error);
    if (!error.isEmpty()) {
        m_message->setText(tr("%1 was not imported. %2").arg(QFileInfo(path).fileName(), error));
        return false;
    }
    setGlossary(g);
    m_message->setText(tr("Imported %n term(s).", nullptr, int(g.terms().size())));
    return true;
}

bool GlossaryDialog::exportCsv(const QString &path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(glossary().toCsv()) < 0 || !f.commit()) {
        m_message->setText(tr("Couldn't save %1: %2").arg(QFileInfo(path).fileName(), f.errorString()));
        return false;
    }
    m_message->setText(tr("Exported %n term(s).", nullptr, int(glossary().terms().size())));
    return true;
}

} // namespace penpal
